import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { createApp } from '../app.ts';
import { createDatabase } from '../db/database.ts';
import { describeOnDatabases } from '../test/database.ts';
import { healthRoutes } from './routes.ts';
import { recordingLogger } from '../test/logger.ts';

const site = { locales: ['nl', 'en'] as ['nl', 'en'], defaultLocale: 'nl' as const };
const config = { distDir: '/nonexistent', contentRoot: '/nonexistent', logLevel: 'error' as const };

describeOnDatabases('GET /api/health', (database, kind) => {
  it('answers 200 with the version and the database kind', async () => {
    const res = await createApp({ config, database: database(), site }).request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', version: packageJson.version, database: { kind, ok: true } });
  });
});

describe('GET /api/health without a database', () => {
  it('answers 503 with ok: false and logs why', async () => {
    // Nothing listens on port 1, so the ping fails.
    const database = await createDatabase({ kind: 'postgres', url: 'postgres://wegwijs@127.0.0.1:1/wegwijs' });
    const logger = recordingLogger();
    try {
      const res = await createApp({ config, database, site, logger }).request('/api/health');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', version: packageJson.version, database: { kind: 'postgres', ok: false } });
      expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
      expect(logger.lines[0]?.message).toMatch(/^health: database postgres did not answer: /);
    } finally {
      await database.close();
    }
  });

  it('answers 503 when the database hangs, after the ping timeout', { timeout: 20_000 }, async () => {
    // Accepts connections and never says a word: a database stuck under load.
    const sockets = new Set<Socket>();
    let closing = false;
    const silent = createServer((socket) => (closing ? socket.destroy() : sockets.add(socket)));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const database = await createDatabase({ kind: 'postgres', url: `postgres://wegwijs@127.0.0.1:${port}/wegwijs` });
    const logger = recordingLogger();
    try {
      const started = Date.now();
      const res = await healthRoutes({ database, version: '0.0.0', logger, pingTimeoutMs: 300 }).request('/');
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(logger.lines[0]?.message).toContain('did not answer within 300 ms');
    } finally {
      // postgres.js retries the pending ping on a new connection; refuse those too.
      closing = true;
      const closed = database.close();
      for (const socket of sockets) socket.destroy();
      await closed;
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
