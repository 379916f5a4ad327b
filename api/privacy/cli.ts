/**
 * `npm run -s privacy -- <command>`, on the database the server uses (the
 * same DATABASE_URL or DATA_DIR):
 *
 *     erase --email E        erase a customer (see erase.ts); prints the counts
 *     retention [--days N]   apply retention now (default RETENTION_DAYS); prints the counts
 *
 * With PGlite, stop the server first: the embedded database has one user at a time.
 */
import { parseArgs } from 'node:util';
import { isMainModule, runOnDatabase } from '../db/cli.ts';
import type { Db } from '../db/database.ts';
import { eraseCustomer } from './erase.ts';
import { applyRetention } from './retention.ts';
import { type AttachmentStore, attachmentStoreOf } from '../attachments/store.ts';

/** The usage text, printed for `help` and after a mistake. */
export const USAGE = `usage: npm run -s privacy -- <command>
  erase --email <e-mail>    delete every ticket, conversation, message and event of this customer
  retention [--days <n>]    delete what is older than n days (default RETENTION_DAYS) now
`;

interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

function table(counts: object): string {
  const entries = Object.entries(counts);
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, value]) => `  ${name.padEnd(width)}  ${String(value)}\n`).join('');
}

/**
 * Runs one command against `db`; resolves to the exit code (0 done, 2 usage
 * mistake). Erased and expired attachments' files are removed from `files` (the server's store: `DATA_DIR/attachments`).
 *
 * @example await runPrivacyCommand(['erase', '--email', 'jan@example.nl'], db, 180, io, files)
 */
export async function runPrivacyCommand(argv: readonly string[], db: Db, retentionDays: number, io: CliIo, files?: AttachmentStore): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { email: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    const [command, ...extra] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      io.stdout.write(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (extra.length > 0) throw new UsageError(`privacy: unexpected ${extra.join(' ')}`);
    switch (command) {
      case 'erase': {
        const email = values.email?.trim() ?? '';
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError('privacy: --email must be an e-mail address');
        const removed = await eraseCustomer(db, email, files ? { files } : {});
        io.stdout.write(`erased; rows removed:\n${table(removed)}`);
        return 0;
      }
      case 'retention': {
        const days = values.days === undefined ? retentionDays : Number(values.days);
        if (!Number.isInteger(days) || days < 1) throw new UsageError('privacy: --days must be a whole number of days, 1 or more');
        const result = await applyRetention(db, days, new Date(), files ? { files } : {});
        io.stdout.write(`retention applied (${days} days):\n${table(result)}`);
        return 0;
      }
      default:
        throw new UsageError(`privacy: unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (isMainModule(import.meta.url)) {
  process.exitCode = await runOnDatabase('privacy', async (db, config) => {
    const files = await attachmentStoreOf(config);
    try {
      return await runPrivacyCommand(process.argv.slice(2), db, config.retentionDays, process, files);
    } finally {
      files.close?.();
    }
  });
}
