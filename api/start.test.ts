import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, isBuildStale, listen, listenAddresses, newestMtime, publicUrl, REPO_ROOT } from './start.ts';
import { writeDist } from './test/dist.ts';
import { createDatabase } from './db/database.ts';
import { rows } from './db/query.ts';
import { seedPgliteDataDir } from './test/pglite-dump.ts';
import { fakeSmtpServer } from './test/smtp.ts';

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `wegwijs-${prefix}-`));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function write(file: string, content: string, mtimeSeconds: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  utimesSync(file, mtimeSeconds, mtimeSeconds);
}

describe('isBuildStale', () => {
  const root = temp('stale');
  const dist = path.join(root, 'dist');
  const sources = [path.join(root, 'content'), path.join(root, 'core'), path.join(root, 'site'), path.join(root, 'astro.config.mjs')];
  write(path.join(root, 'content/articles/nl/pakket.md'), '# Pakket', 1_000);
  write(path.join(root, 'site/pages/index.astro'), '---\n---', 1_000);
  write(path.join(root, 'astro.config.mjs'), 'export default {}', 1_000);

  it('is stale when there is no build', () => {
    expect(isBuildStale(dist, sources)).toBe(true);
  });

  it('is fresh when index.html is newer than every source', () => {
    write(path.join(dist, 'index.html'), '<!doctype html>', 2_000);
    expect(isBuildStale(dist, sources)).toBe(false);
  });

  it.each(['content/articles/nl/pakket.md', 'site/pages/index.astro', 'astro.config.mjs'])('is stale after %s changes', (source) => {
    write(path.join(dist, 'index.html'), '<!doctype html>', 2_000);
    write(path.join(root, source), 'changed', 3_000);
    try {
      expect(isBuildStale(dist, sources)).toBe(true);
    } finally {
      utimesSync(path.join(root, source), 1_000, 1_000);
    }
  });

  it('ignores tests and fixtures, which never reach the build', () => {
    write(path.join(dist, 'index.html'), '<!doctype html>', 2_000);
    write(path.join(root, 'site/search/engine.test.ts'), 'test', 3_000);
    write(path.join(root, 'core/content/fixtures/broken/settings.yaml'), 'x', 3_000);
    expect(isBuildStale(dist, sources)).toBe(false);
  });

  it('finds the newest file in nested folders', () => {
    write(path.join(root, 'content/articles/en/deep/parcel.md'), '# Parcel', 1_500);
    expect(newestMtime([path.join(root, 'content')])).toBe(1_500_000);
    expect(newestMtime([path.join(root, 'missing')])).toBe(0);
  });
});

describe('buildSite', () => {
  // A stand-in for the astro binary: it records how it was called and exits with the code it is told.
  function fakeRepo(exitCode: number): string {
    const repo = temp('repo');
    write(
      path.join(repo, 'node_modules/astro/bin/astro.mjs'),
      `import { writeFileSync } from 'node:fs';
writeFileSync(process.env.DIST_DIR + '.args', JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), content: process.env.CONTENT_ROOT }));
process.exit(${exitCode});`,
      Date.now() / 1000,
    );
    return repo;
  }

  it('runs astro build in the repository, into DIST_DIR, from CONTENT_ROOT', async () => {
    const repo = fakeRepo(0);
    const distDir = path.join(repo, 'out');
    await buildSite({ distDir, contentRoot: '/srv/content' }, repo);
    expect(JSON.parse(readFileSync(`${distDir}.args`, 'utf8'))).toEqual({ args: ['build'], cwd: repo, content: '/srv/content' });
  });

  it('fails with a clear message when the build fails', async () => {
    const repo = fakeRepo(3);
    await expect(buildSite({ distDir: path.join(repo, 'out'), contentRoot: repo }, repo)).rejects.toThrow(
      'Wegwijs: building the site failed (astro build exited with code 3); see its output above',
    );
  });
});

describe('publicUrl', () => {
  it.each([
    ['localhost', 'http://localhost:4321'],
    ['0.0.0.0', 'http://localhost:4321'],
    ['::', 'http://localhost:4321'],
    ['127.0.0.1', 'http://127.0.0.1:4321'],
    ['::1', 'http://[::1]:4321'],
    ['help.example', 'http://help.example:4321'],
  ])('%s → %s', (host, url) => {
    expect(publicUrl(host, 4321)).toBe(url);
  });
});

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** GET over real HTTP; bounded, so a hung server fails the test instead of stalling it. */
function get(url: string, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

describe('listen', () => {
  const hello = () => new Response('hallo');

  it('answers on every address it is given, 127.0.0.1 and ::1 alike', async () => {
    const port = await freePort();
    const listener = await listen(hello, ['127.0.0.1', '::1'], port);
    try {
      expect(listener.servers).toHaveLength(2);
      expect(await get(`http://127.0.0.1:${port}/`)).toEqual({ status: 200, body: 'hallo' });
      expect(await get(`http://[::1]:${port}/`)).toEqual({ status: 200, body: 'hallo' });
    } finally {
      await listener.close(1_000);
    }
  });

  it('resolves localhost to its loopback addresses', async () => {
    const addresses = await listenAddresses('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
    expect(await listenAddresses('0.0.0.0')).toEqual(['0.0.0.0']);
  });

  it('says which port is taken', async () => {
    const port = await freePort();
    const first = await listen(hello, ['127.0.0.1'], port);
    try {
      await expect(listen(hello, ['127.0.0.1'], port)).rejects.toThrow(`Wegwijs: port ${port} is already in use on 127.0.0.1; set PORT to a free port`);
    } finally {
      await first.close(1_000);
    }
  });
});

/** A `node api/start.ts` child with its output collected. */
interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Signals this test sent it, through {@link sendSignal}. */
  sent: NodeJS.Signals[];
}

function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'api/start.ts'], {
    cwd: REPO_ROOT,
    // Only what the server needs: nothing from the test run's own environment decides the outcome.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited, sent: [] };
}

/** Stops (or kills) the child, remembering that the test asked for it. */
function sendSignal(child: Child, signal: NodeJS.Signals): void {
  child.sent.push(signal);
  child.process.kill(signal);
}

/**
 * Starts `node api/start.ts` on a free port with the environment `prepare()` returns, and waits until it says it is
 * running. The port is free when chosen but bound by the child only after its migrations, seconds later on a busy
 * machine: another process may take it in between, and the child then stops with "port … is already in use". It is
 * started again on another port, with a fresh `prepare()` (the failed start may already have created the first admin).
 */
async function startOnFreePort(
  children: Child[],
  prepare: () => Record<string, string> | Promise<Record<string, string>>,
  timeoutMs: number,
): Promise<{ port: number; child: Child; env: Record<string, string> }> {
  for (let attempt = 1; ; attempt++) {
    const env = await prepare();
    const port = await freePort();
    const child = startChild({ ...env, PORT: String(port) });
    children.push(child);
    try {
      await waitFor(child, `Wegwijs is running at http://localhost:${port}`, timeoutMs);
      return { port, child, env };
    } catch (error) {
      if (attempt < 3 && child.output().includes(`port ${port} is already in use`)) continue;
      throw error;
    }
  }
}

/**
 * `request`, with the copy's state added when it fails. A refused connection to a copy that said it was running
 * means it stopped listening, and its output says why: "Wegwijs is stopping" after no signal from this test means
 * something outside the test stopped it (another process stopping `api/start.ts` by name, `pkill -f api/start.ts`,
 * stops these copies too: a CI run failed that way with only `connect ECONNREFUSED 127.0.0.1:<port>` to show for it).
 */
async function asking<T>(child: Child, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const { exitCode, signalCode } = child.process;
    const stopping = child.output().includes('Wegwijs is stopping (');
    const state = exitCode !== null || signalCode !== null ? `it exited (code ${exitCode}, signal ${signalCode})` : stopping ? 'it is stopping' : 'it runs';
    const outside =
      (stopping || signalCode !== null) && child.sent.length === 0 ? ', stopped by a signal this test did not send: something outside the test stopped it' : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the copy: ${state}${outside}. Its output:\n${child.output()}`, {
      cause: error,
    });
  }
}

/** Resolves when the child prints `text`; rejects when it exits first or after `timeoutMs`. */
function waitFor(child: Child, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`no "${text}" within ${timeoutMs} ms; output so far:\n${child.output()}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (child.output().includes(text)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      } else if (child.process.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`exited with ${child.process.exitCode} before "${text}":\n${child.output()}`));
      }
    }, 50);
  });
}

/** Waits for the exit code, at most `timeoutMs`; kills the child if it takes longer. */
async function exitCode(child: Child, timeoutMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.process.kill('SIGKILL');
      reject(new Error(`did not exit within ${timeoutMs} ms:\n${child.output()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([child.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('npm start (api/start.ts as a process)', () => {
  const children: Child[] = [];
  afterAll(() => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  });

  it('stops with exit code 1 and names the variable when the configuration is bad', { timeout: 30_000 }, async () => {
    const child = startChild({ PORT: 'abc' });
    children.push(child);
    expect(await exitCode(child, 20_000)).toBe(1);
    expect(child.output()).toContain('Wegwijs: PORT must be an integer between 1 and 65535 (got "abc")');
    expect(child.output()).not.toMatch(/\n\s+at /);
  });

  // As long as the bucket's test below: on a machine at load 15 the child took more than 20 s to start and give up.
  it('stops with exit code 1 when the database cannot be reached, without showing its password', { timeout: 60_000 }, async () => {
    const child = startChild({ DATABASE_URL: 'postgres://wegwijs:hunter2@127.0.0.1:1/wegwijs', WEGWIJS_SKIP_BUILD: '1', PORT: String(await freePort()) });
    children.push(child);
    expect(await exitCode(child, 50_000)).toBe(1);
    expect(child.output()).toContain('Wegwijs: could not prepare the postgres database: connect ECONNREFUSED 127.0.0.1:1');
    expect(child.output()).not.toContain('hunter2');
  });

  it('stops with exit code 1 naming the attachment bucket when it cannot be reached, without showing its secret', { timeout: 60_000 }, async () => {
    const child = startChild({
      // The database would fail later: the bucket is checked first.
      DATABASE_URL: 'postgres://wegwijs:hunter2@127.0.0.1:1/wegwijs',
      WEGWIJS_SKIP_BUILD: '1',
      PORT: String(await freePort()),
      ATTACHMENTS_S3_BUCKET: 'wegwijs-bijlagen',
      ATTACHMENTS_S3_ENDPOINT: 'http://127.0.0.1:1',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'wegwijs',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'zeergeheim123',
    });
    children.push(child);
    expect(await exitCode(child, 50_000)).toBe(1);
    expect(child.output()).toContain('Wegwijs: cannot keep attachments: bucket "wegwijs-bijlagen" at http://127.0.0.1:1 could not be reached');
    expect(child.output()).not.toContain('zeergeheim123');
    expect(child.output()).not.toMatch(/\n\s+at /);
  });

  it('runs two copies side by side, finishes a request in flight on SIGTERM and exits 0', { timeout: 240_000 }, async () => {
    const dist = writeDist();
    temps.push(dist);
    const copies = await Promise.all(
      [1, 2].map((n) =>
        startOnFreePort(
          children,
          async () => {
            const dataDir = temp(`data${n}`);
            // The first copy starts as a newcomer's first `npm start` does: initdb and every migration, seconds on a busy
            // machine. The second opens the migrated database laid in from the dump (no agents yet): side by side is what it tests.
            if (n === 2) await seedPgliteDataDir(path.join(dataDir, 'pglite'));
            return { DATA_DIR: dataDir, DIST_DIR: dist, WEGWIJS_SKIP_BUILD: '1' };
          },
          150_000,
        ),
      ),
    );
    // Each has a database of its own without agents: each created an admin and says how to sign in, once.
    for (const { port, child } of copies) {
      await waitFor(child, 'and change this password with', 10_000);
      expect(child.output()).toContain(`Sign in to the inbox at\n  http://localhost:${port}/agent/\n  e-mail:   admin@wegwijs.local\n  password: `);
      expect(child.output().match(/password: /g)).toHaveLength(1);
    }

    for (const { port, child } of copies) {
      for (const host of ['localhost', '127.0.0.1']) {
        const health = await asking(child, get(`http://${host}:${port}/api/health`));
        expect(health.status).toBe(200);
        expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: { kind: 'pglite', ok: true } });
      }
      expect((await asking(child, get(`http://localhost:${port}/nl/`))).status).toBe(200);
    }

    // A request in flight: headers and half the body sent, then SIGTERM, then the rest.
    const [first, second] = copies;
    if (!first || !second) throw new Error('two copies expected');
    const body = JSON.stringify({
      signals: [{ key: `in-flight-${Date.now()}`, type: 'failed_search', query: 'retour zonder bon', locale: 'nl', resultCount: 0 }],
    });
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${first.port}/api/signals`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        timeout: 15_000,
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('timeout', () => req.destroy(new Error('the request in flight got no answer')));
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        sendSignal(first.child, 'SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 300);
    });
    expect(await asking(first.child, inFlight)).toBe(200);
    expect(await exitCode(first.child, 15_000)).toBe(0);
    expect(first.child.output()).toContain('Wegwijs is stopping (SIGTERM)');

    // The other copy did not notice.
    expect((await asking(second.child, get(`http://localhost:${second.port}/api/health`))).status).toBe(200);
    sendSignal(second.child, 'SIGTERM');
    expect(await exitCode(second.child, 15_000)).toBe(0);
  });
  it('sends an e-mail committed before the process was killed mid-send exactly once after the restart', { timeout: 300_000 }, async () => {
    const dist = writeDist();
    temps.push(dist);
    // An SMTP server that takes the connection and never answers: the send is in progress when the process dies.
    const stalled: Socket[] = [];
    const stall = createServer((socket) => void stalled.push(socket));
    await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', resolve));
    const env = {
      DIST_DIR: dist,
      WEGWIJS_SKIP_BUILD: '1',
      LINK_SECRET: 'een geheim van minstens tweeëndertig tekens lang!',
      MAIL_FROM: 'Duinwinkel <klantenservice@duinwinkel.example>',
    };
    let dataDir = '';
    const { port, child: first } = await startOnFreePort(
      children,
      async () => {
        dataDir = temp('mail-outbox');
        // The migrated database laid in from the dump (no agents yet, so the first start still creates the admin): this test is about the outbox, not initdb.
        await seedPgliteDataDir(path.join(dataDir, 'pglite'));
        return { ...env, DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${(stall.address() as AddressInfo).port}` };
      },
      150_000,
    );
    await waitFor(first, 'and change this password with', 10_000);
    const password = /password: (\S+)/.exec(first.output())?.[1] ?? '';
    const api = `http://127.0.0.1:${port}/api`;
    const json = { 'content-type': 'application/json' };
    const conversation = (await (await fetch(`${api}/conversations`, { method: 'POST', headers: json, body: '{}' })).json()) as { id: string; token: string };
    const handoff = await fetch(`${api}/conversations/${conversation.id}/handoff`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${conversation.token}`, 'idempotency-key': 'herstart-1' },
      body: JSON.stringify({ email: 'herstart@example.nl', message: 'waar blijft mn bestelling', locale: 'nl', transcript: [] }),
    });
    const { ticketId } = (await handoff.json()) as { ticketId: string };
    const agent = { ...json, 'x-requested-with': 'wegwijs' };
    const login = await fetch(`${api}/agent/login`, { method: 'POST', headers: agent, body: JSON.stringify({ email: 'admin@wegwijs.local', password }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const reply = await fetch(`${api}/agent/tickets/${ticketId}/replies`, {
      method: 'POST',
      headers: { ...agent, cookie },
      body: JSON.stringify({ body: 'Hij komt morgen!' }),
    });
    expect(reply.status).toBe(201);
    // Committed; the worker is talking to the SMTP server. Now the process dies.
    await expect.poll(() => stalled.length, { timeout: 20_000 }).toBeGreaterThan(0);
    sendSignal(first, 'SIGKILL');
    await exitCode(first, 15_000);
    for (const socket of stalled) socket.destroy();
    stall.close();

    // The lease of the interrupted attempt runs out (moved here rather than waited for: two minutes).
    const offline = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const before = await rows<{ status: string; attempts: number }>(offline.db, sql`select status, attempts from mail_outbox`);
    expect(before).toEqual([{ status: 'pending', attempts: 1 }]);
    // `npm start` hashes the first admin's password at the production cost (test servers pass a cheap one).
    expect(await rows<{ password_hash: string }>(offline.db, sql`select password_hash from agents`)).toEqual([
      { password_hash: expect.stringMatching(/^scrypt\$65536\$8\$2\$/) },
    ]);
    await offline.db.execute(sql`update mail_outbox set next_attempt_at = now()`);
    await offline.close();

    const smtp = await fakeSmtpServer();
    try {
      // The same database: a start that found its port taken stops before the mail worker runs, so a second try sends nothing twice.
      const { child: second } = await startOnFreePort(children, () => ({ ...env, DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }), 150_000);
      await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
      expect(smtp.received[0]?.to).toEqual(['RCPT TO:<herstart@example.nl>']);
      expect(smtp.received[0]?.data.replace(/=\r?\n/g, '')).toContain('Hij komt morgen!');
      // Nothing more goes out: the row is sent.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      sendSignal(second, 'SIGTERM');
      expect(await exitCode(second, 15_000)).toBe(0);
      expect(smtp.received).toHaveLength(1);
      const after = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
      expect(await rows<{ status: string; attempts: number }>(after.db, sql`select status, attempts from mail_outbox`)).toEqual([
        { status: 'sent', attempts: 2 },
      ]);
      await after.close();
    } finally {
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    }
  });
});
