// `npm run cli -- purge [--dry-run]`: the retention purge by hand, as the system actor. Prints what
// would go (dry run: ids and dates, no personal values) or what went. A purge already running
// (the server's daily job, another CLI) exits 1 without touching anything.
import { parseArgs } from 'node:util';
import type { Ctx } from '../../shared/context.js';
import { ConflictError } from '../../shared/errors.js';
import { runPurge } from './run-purge.js';

export async function purgeCommand(args: string[], ctx: Ctx, out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false } } });
  try {
    const r = await runPurge({ ctx, dryRun: !!values['dry-run'], trigger: 'cli' });
    if (r.candidates) {
      out(`retention purge DRY RUN as of ${r.asOf}: nothing is changed\n`);
      for (const [kind, rows] of Object.entries(r.candidates)) {
        out(`${kind}: ${rows.length}\n`);
        for (const row of rows) out(`  ${Object.values(row).join('  ')}\n`);
      }
    } else {
      out(`retention purge ${r.runId} as of ${r.asOf}: done\n`);
      for (const [kind, n] of Object.entries(r.counts)) out(`${kind}: ${n}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ConflictError) {
      err(`error: ${e.message} (${e.code})\n`);
      return 1;
    }
    throw e;
  } finally {
    ctx.db.$client.close();
  }
}
