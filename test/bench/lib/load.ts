// autocannon wrapper: a fixed duration per case, figures printed as one table row. Each case is
// preceded by a short warm-up at the same concurrency (not counted), so the figures are the
// steady state after V8 has compiled the route's code, not its first second.
import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export async function load(opts: { name: string; url: string; connections: number; seconds?: number; warmupSeconds?: number; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<LoadResult> {
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds ?? 5,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    // In autocannon's options, not in its type definitions.
    ...({ warmup: { connections: opts.connections, duration: opts.warmupSeconds ?? 2 } } as object),
  });
  return { name: opts.name, connections: opts.connections, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

export function printTable(rows: LoadResult[]): void {
  console.log('case'.padEnd(34), 'conns', 'req/s'.padStart(8), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'non2xx'.padStart(7));
  for (const r of rows) console.log(r.name.padEnd(34), String(r.connections).padStart(5), String(r.rps).padStart(8), String(r.p50).padStart(7), String(r.p99).padStart(7), String(r.non2xx).padStart(7));
}
