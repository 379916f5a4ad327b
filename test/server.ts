/**
 * The real Wegwijs server for browser tests: `start()` from api/start.ts on a
 * free loopback port, a fresh embedded database and a given built site.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start } from '../api/start.ts';
import { CHEAP_COST } from '../api/test/app.ts';
import { migratedPgliteDump } from '../api/test/pglite-dump.ts';

/**
 * How often a test server's live assistant looks for approved phrasings: every half second instead of
 * the production 10 s, so the teaching test waits for the approval, not for the schedule.
 */
export const LIVE_MODEL_CHECK_MS = 500;

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A running server and how to reach and stop it. */
export interface TestServer {
  url: string;
  /** The server's database, for setting up data a test needs (agents). */
  database: Awaited<ReturnType<typeof start>>['database'];
  stop(): Promise<void>;
}

/**
 * Starts the server over `distDir` with its own temporary data folder (for
 * attachments) and its database in memory, loaded from the migrated dump
 * (api/test/pglite-dump.ts): initdb and the migrations, or the dump written
 * to disk, would cost seconds per test file. The first admin's password is
 * hashed cheaply (`CHEAP_COST`), as test agents are: `createAgent(db, agent, CHEAP_COST)`. The live
 * assistant looks for approved phrasings every {@link LIVE_MODEL_CHECK_MS}.
 */
export async function startServer(distDir: string, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegwijs-data-'));
  const port = await freePort();
  const running = await start(
    { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, DIST_DIR: distDir, WEGWIJS_SKIP_BUILD: '1', LOG_LEVEL: 'warn', ...env },
    path.resolve(import.meta.dirname, '..'),
    undefined,
    {
      passwordCost: CHEAP_COST,
      liveModelCheckMs: LIVE_MODEL_CHECK_MS,
      ...(env['DATABASE_URL'] ? {} : { pgliteDump: await migratedPgliteDump(), pgliteInMemory: true }),
    },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    database: running.database,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
