// Command line: `npm run cli -- <command>`. Uses the same config, database and verbs as the
// service, acting as the system actor.
//   admin create-token [--name N] [--days D]   first admin token on a fresh install (printed once)
//   audit verify                               walk the audit hash chain; exit 1 if broken
//   openapi [--out FILE]                       write the OpenAPI 3.1 spec (default openapi.json)
//   db migrate                                 apply migrations
//   purge [--dry-run]                          retention purge now (dry run: list what would go)
//   packet verify <zip> [--key PEM]            check a police packet's hashes and signature; exit 1 naming altered files
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createToken } from './admin/create-token.js';
import { createUser } from './admin/create-user.js';
import { buildApp } from './app.js';
import { openBlobStore } from './shared/open-blob-store.js';
import { verifyAuditChain } from './audit/verify.js';
import { type Config, loadConfig, makeConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { purgeCommand } from './privacy/purge/purge-cli.js';
import { packetVerifyCommand } from './police/packet/verify-command.js';
import { type Ctx, SYSTEM_ACTOR, systemClock } from './shared/context.js';

type Command = (args: string[], config: Config) => Promise<number>;

function systemCtx(config: Config): Ctx {
  fs.mkdirSync(config.paths.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(config.paths.dbFile);
  const noop = () => {};
  const log = { info: noop, warn: noop, error: noop, debug: noop, trace: noop, fatal: noop, child: () => log, level: 'silent', silent: noop } as unknown as Ctx['log'];
  return { db, config, actor: SYSTEM_ACTOR, requestId: null, log, clock: systemClock, blobs: openBlobStore(config), ocr: null };
}

const commands: Record<string, Command> = {
  'admin create-token': async (args, config) => {
    const { values } = parseArgs({ args, options: { name: { type: 'string', default: 'bootstrap admin' }, days: { type: 'string', default: '90' } } });
    const ctx = systemCtx(config);
    const user = createUser({ ctx, input: { name: values.name!, role: 'admin', storeIds: [] } });
    const t = createToken({ ctx, userId: user.id, input: { name: 'cli', expiresInDays: Number(values.days) } });
    ctx.db.$client.close();
    process.stdout.write(`${t.token}\n`);
    process.stderr.write(`Admin user ${user.id}; token expires ${t.expiresAt}. It is shown only this once.\n`);
    return 0;
  },
  'audit verify': async (_args, config) => {
    const ctx = systemCtx(config);
    const r = verifyAuditChain(ctx.db);
    ctx.db.$client.close();
    if (r.ok) {
      process.stdout.write(`audit chain OK: ${r.entries} entries, head ${r.headHash}\n`);
      return 0;
    }
    process.stdout.write(`audit chain BROKEN at entry seq=${r.broken!.seq} id=${r.broken!.id} (${r.broken!.reason})\n`);
    return 1;
  },
  openapi: async (args) => {
    const { values } = parseArgs({ args, options: { out: { type: 'string', default: 'openapi.json' } } });
    // A throwaway data folder: the spec depends on the routes, not on any data.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-openapi-'));
    const app = await buildApp(makeConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', OCR_ENABLED: 'false' }));
    await app.ready();
    fs.writeFileSync(values.out!, `${JSON.stringify(app.swagger(), null, 2)}\n`);
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`wrote ${values.out}\n`);
    return 0;
  },
  'packet verify': packetVerifyCommand,
  'db migrate': async (_args, config) => {
    systemCtx(config).db.$client.close();
    process.stdout.write('migrations applied\n');
    return 0;
  },
  purge: async (args, config) => purgeCommand(args, systemCtx(config)),
};

async function main(argv: string[]): Promise<number> {
  const name = Object.keys(commands).find((c) => argv.slice(0, c.split(' ').length).join(' ') === c);
  if (!name) {
    process.stderr.write(`usage: npm run cli -- <${Object.keys(commands).join(' | ')}>\n`);
    return 2;
  }
  const config = name === 'openapi' ? makeConfig({}) : loadConfig();
  return commands[name]!(argv.slice(name.split(' ').length), config);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
