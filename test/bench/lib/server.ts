// Starts the compiled server as a child process on a loopback port with a temporary DATA_DIR,
// and makes an admin token through the real CLI. Benchmarks measure what production runs.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../helpers/free-port.js';

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
  const baseEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', OCR_ENABLED: 'false', ...env };
  const adminToken = execFileSync(process.execPath, ['dist/cli.js', 'admin', 'create-token'], { env: baseEnv, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
  // The port is free when chosen, not when the server binds it: a server that exits at start
  // (EADDRINUSE) is started again on another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/server.js'], { env: { ...baseEnv, PORT: String(port) }, stdio: 'inherit' });
    let exited = false;
    const exit = new Promise<void>((r) =>
      child.on('exit', () => {
        exited = true;
        r();
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 200 && !up && !exited; i++) {
      up = await fetch(`${url}/health`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 50));
    }
    if (!up) {
      if (!exited) child.kill('SIGKILL');
      await exit;
      if (attempt < 3) continue;
      throw new Error('the bench server did not start');
    }
    return serverHandle(url, dataDir, adminToken, child, exit);
  }
}

function serverHandle(url: string, dataDir: string, adminToken: string, child: ChildProcess, exit: Promise<unknown>): BenchServer {
  return {
    url,
    dataDir,
    adminToken,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exit;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
