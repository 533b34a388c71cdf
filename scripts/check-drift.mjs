// Fails when src/db/schema and migrations/ disagree: drizzle-kit generates into a scratch copy
// of the migrations folder; if it writes a new migration, someone changed the schema without
// committing one. (drizzle-kit wants a relative `out`, and exits 0 on some errors: we check both.)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

fs.mkdirSync('test/.tmp', { recursive: true });
const scratch = fs.mkdtempSync('test/.tmp/drift-');
fs.cpSync('migrations', scratch, { recursive: true });
const config = path.join(scratch, 'drizzle.config.json');
fs.writeFileSync(config, JSON.stringify({ dialect: 'sqlite', schema: './src/db/schema/index.ts', out: `./${scratch}` }));
const run = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', 'drift'], { encoding: 'utf8' });
const sql = fs.readdirSync(scratch).filter((f) => f.endsWith('.sql'));
const drift = sql.filter((f) => f.includes('drift'));
fs.rmSync(scratch, { recursive: true, force: true });
const output = `${run.stdout}\n${run.stderr}`;
if (run.status !== 0 || /error/i.test(output) && !/No schema changes/i.test(output)) {
  console.error(`drizzle-kit failed:\n${output}`);
  process.exit(1);
}
if (drift.length) {
  console.error('Schema drift: src/db/schema differs from migrations/. Run `npm run db:generate` and commit the result.');
  process.exit(1);
}
console.log(`no schema drift (${sql.length} migrations checked)`);
