// `npm start`: build if the compiled output is missing or older than the sources, then run the
// compiled server (faster start than tsx). DATA_DIR is created and migrations applied by the server.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const out = 'dist/server.js';
if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < newestMtime('src')) {
  console.error('building…');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  fs.utimesSync(out, new Date(), new Date());
}
const child = spawn(process.execPath, [out], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
