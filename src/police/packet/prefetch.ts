// Reads the next image while the current one goes through the ZIP: a blob read waits on the
// disk and the thread pool, and with one read at a time the event loop sat idle for about a
// sixth of a packet's time. One read ahead, so at most one extra image is in memory.

/** A loader for `items` requested in order; each call starts the load of the one after it. */
export function prefetchInOrder<T>(items: readonly T[], load: (item: T) => Promise<Buffer>): (item: T) => Promise<Buffer> {
  let ahead: { index: number; promise: Promise<Buffer> } | null = null;
  let cursor = 0;
  return (item) => {
    const index = items.indexOf(item, cursor);
    const promise = ahead && ahead.index === index ? ahead.promise : load(item);
    ahead = null;
    if (index >= 0) {
      cursor = index + 1;
      if (cursor < items.length) {
        const next = load(items[cursor]!);
        // Awaited when its turn comes; if the packet fails first, it must not go unhandled.
        next.catch(() => {});
        ahead = { index: cursor, promise: next };
      }
    }
    return promise;
  };
}
