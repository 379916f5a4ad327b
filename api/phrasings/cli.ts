/**
 * `npm run -s content -- <command>`: content work that needs the database.
 *
 *     pull [--dry-run]   write pending phrasing suggestions into content/ and mark them pulled
 *
 * It uses the database the server uses (DATABASE_URL, or the embedded one in
 * DATA_DIR) and the content under CONTENT_ROOT. The embedded database has one
 * user at a time: stop `npm start` first, or the pull says so and stops.
 */
import { parseArgs } from 'node:util';
import { ContentError } from '#core/content/load.node.ts';
import type { Config } from '../config.ts';
import { isMainModule, runOnDatabase } from '../db/cli.ts';
import type { Db } from '../db/database.ts';
import { formatPullReport, pullPhrasings, PullError } from './pull.ts';

/** The usage text, printed for `help` and after a mistake. */
export const USAGE = `usage: npm run -s content -- <command>
  pull [--dry-run]   write the pending phrasings agents attached into content/:
                     the articles' questions, and content/proposals/<locale>.md for new articles;
                     --dry-run prints what it would write and changes nothing
`;

/** Where the command writes. */
export interface ContentCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

/**
 * Runs one command; resolves to the exit code (0 done, 1 refused, 2 usage mistake).
 *
 * @example await runContentCommand(['pull', '--dry-run'], db, { contentRoot: '.' }, process)
 */
export async function runContentCommand(argv: readonly string[], db: Db, config: Pick<Config, 'contentRoot'>, io: ContentCliIo): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    const [command, ...extra] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      io.stdout.write(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (extra.length > 0) throw new UsageError(`content: unexpected ${extra.join(' ')}`);
    if (command !== 'pull') throw new UsageError(`content: unknown command "${command}"`);
    const report = await pullPhrasings(db, { contentRoot: config.contentRoot, dryRun: values['dry-run'] ?? false });
    io.stdout.write(formatPullReport(report));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof ContentError) {
      io.stderr.write(`content: content/ is invalid, so nothing was pulled; fix it first.\n${error.message}\n`);
      return 1;
    }
    if (error instanceof PullError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (isMainModule(import.meta.url)) {
  process.exitCode = await runOnDatabase('content', (db, config) => runContentCommand(process.argv.slice(2), db, config, process));
}
