// Starts the compiled server as a child process on a loopback port with a temporary DATA_DIR,
// and makes an admin token through the real CLI. Benchmarks measure what production runs.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchServer {
  url: string;
  dataDir: string;
  adminToken: string;
  pid: number;
  stop(): Promise<void>;
}

export function build(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

export async function startServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-'));
  const port = 30000 + Math.floor(Math.random() * 20000);
  const baseEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', OCR_ENABLED: 'false', ...env };
  const adminToken = execFileSync(process.execPath, ['dist/cli.js', 'admin', 'create-token'], { env: baseEnv, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
  const child = spawn(process.execPath, ['dist/server.js'], { env: { ...baseEnv, PORT: String(port) }, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    dataDir,
    adminToken,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
