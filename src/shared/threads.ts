// Starting a worker thread on one of our own modules, in dist/ (.js) and under tsx or vitest
// (.ts). On Node 20 a worker does not get tsx's ESM hooks from its parent (nor from
// `--import tsx` in its execArgv), so for a .ts entry a two-line bootstrap registers tsx inside
// the thread first. That case only arises under tsx or vitest, run from the project root, where
// 'tsx' resolves.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The module `name` next to the calling module (pass its import.meta.url), with the caller's extension (.ts under tsx/vitest, .js in dist/). */
export function siblingModule(name: string, callerUrl: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}

export function startThread(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
