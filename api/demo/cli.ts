/**
 * `npm run -s demo -- seed [--seed N] [--force]`: fills the database the
 * server uses (DATABASE_URL, or the embedded one in DATA_DIR) with demo
 * activity for the reports and the inbox. Opt-in: nothing seeds on its own.
 * With the embedded database, stop `npm start` first.
 */
import { parseArgs } from 'node:util';
import { ContentError } from '#core/content/load.node.ts';
import type { Config } from '../config.ts';
import { isMainModule, runOnDatabase } from '../db/cli.ts';
import type { Db } from '../db/database.ts';
import { firstAdminNotice, publicUrl } from '../start.ts';
import { formatSeedSummary, seedDemo, SeedRefused } from './seed.ts';

/** The usage text, printed for `help` and after a mistake. */
export const USAGE = `usage: npm run -s demo -- seed [--seed <number>] [--force]
  seed       a few hundred demo conversations over the last 8 weeks, with effort scores,
             article feedback, failed searches, tickets worked on by demo agents, CSAT and
             phrasing suggestions; the same --seed (default 1) gives the same activity
  --force    seed a database that was seeded before (adds another batch), or has webhooks
`;

/** Where the command writes. */
export interface DemoCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

/**
 * Runs one command; resolves to the exit code (0 done, 1 refused, 2 usage mistake).
 *
 * @example await runDemoCommand(['seed', '--seed', '7'], db, { contentRoot: '.' }, process)
 */
export async function runDemoCommand(
  argv: readonly string[],
  db: Db,
  config: Pick<Config, 'contentRoot' | 'adminEmail' | 'host' | 'port'>,
  io: DemoCliIo,
): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { seed: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    const [command, ...extra] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      io.stdout.write(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (extra.length > 0) throw new UsageError(`demo: unexpected ${extra.join(' ')}`);
    if (command !== 'seed') throw new UsageError(`demo: unknown command "${command}"`);
    if (values.seed !== undefined && !/^\d{1,9}$/.test(values.seed)) throw new UsageError('demo: --seed must be a whole number');
    const { firstAdmin, ...summary } = await seedDemo(db, {
      contentRoot: config.contentRoot,
      seed: values.seed === undefined ? 1 : Number(values.seed),
      force: values.force ?? false,
      adminEmail: config.adminEmail,
    });
    io.stdout.write(formatSeedSummary(summary));
    // The same notice `npm start` prints when it creates the first admin: the demo agents took its place.
    if (firstAdmin) io.stdout.write(firstAdminNotice(firstAdmin, publicUrl(config.host, config.port)));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof SeedRefused || error instanceof ContentError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (isMainModule(import.meta.url)) {
  process.exitCode = await runOnDatabase('demo', (db, config) => runDemoCommand(process.argv.slice(2), db, config, process));
}
