/**
 * What every command-line tool on the database shares (`npm run -s agents`,
 * `privacy`, `demo`, `content`): read the configuration as `npm start`
 * does, open and migrate the same database, run the command, close, and
 * turn the failures a person can fix into one plain line and exit code 1.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { createDatabase, type Db } from './database.ts';

/** Whether the module at `moduleUrl` is the script node was started with (not imported by a test). */
export function isMainModule(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && pathToFileURL(path.resolve(process.argv[1])).href === moduleUrl;
}

/**
 * The message for a PGlite folder another process holds (PGlite has one
 * user at a time, usually `npm start`), or null for any other error.
 */
export function lockedMessage(tool: string, error: unknown, config: Pick<Config, 'database'>): string | null {
  if (config.database.kind !== 'pglite' || !(error instanceof Error)) return null;
  const owner = /is in use by process (\d+)/.exec(error.message);
  if (!owner) return null;
  return (
    `${tool}: the embedded database (${config.database.dataDir}) is in use by process ${owner[1]}, probably \`npm start\`. ` +
    `The embedded database has one user at a time: stop the server, run \`npm run -s ${tool}\` again, start the server ` +
    '(with DATABASE_URL on a PostgreSQL server, both can run at once).'
  );
}

/**
 * Runs `command` on the configured database and resolves to the process's
 * exit code: the command's own, or 1 when the configuration is wrong or the
 * database cannot be opened (said in one line; anything unexpected with its
 * stack).
 *
 * @example process.exitCode = await runOnDatabase('agents', (db) => runAgentsCommand(process.argv.slice(2), db, process));
 */
export async function runOnDatabase(tool: string, command: (db: Db, config: Config) => Promise<number>): Promise<number> {
  let config: Config | undefined;
  try {
    config = loadConfig(process.env, process.cwd());
    const database = await createDatabase(config.database);
    try {
      await database.migrate();
      return await command(database.db, config);
    } finally {
      await database.close();
    }
  } catch (error) {
    const locked = config ? lockedMessage(tool, error, config) : null;
    const ours = error instanceof ConfigError || (error instanceof Error && error.message.startsWith('Wegwijs:'));
    console.error(locked ?? (ours ? (error as Error).message : error));
    return 1;
  }
}
