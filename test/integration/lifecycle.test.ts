// The real server process: starts on a free port, answers, and on SIGTERM finishes and exits 0.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../helpers/free-port.js';

describe('server lifecycle', () => {
  it('creates DATA_DIR, serves, and shuts down gracefully on SIGTERM', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-life-'));
    onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
    const dataDir = path.join(root, 'data');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), OCR_ENABLED: 'false', LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let health: unknown = null;
    for (let i = 0; i < 100 && !health; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json(), () => null);
    }
    expect(health).toEqual({ status: 'ok' });
    expect(fs.existsSync(path.join(dataDir, 'daicho.sqlite'))).toBe(true);
    const inflight = fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 100)); // let the request reach the server before the signal
    child.kill('SIGTERM');
    expect(await inflight).toBe(200);
    expect(await exited).toBe(0);
  });

  it('refuses to start with a bad variable and names it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, PORT: 'not-a-port' }, stdio: 'pipe' });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/PORT/);
  });
});
