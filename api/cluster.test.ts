/**
 * Two API processes on one PostgreSQL database act as one: they start (and
 * migrate) at the same time, a session made by one works on the other,
 * concurrent claims through both have exactly one winner, and a rate limit
 * counts the requests to both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './agents/sessions.ts';
import { REPO_ROOT } from './start.ts';
import { createTestAgent, handoffBody } from './test/app.ts';
import { canTestOn, createTestDatabase, type TestDatabase } from './test/database.ts';
import { writeDist } from './test/dist.ts';

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

interface Copy {
  url: string;
  child: ChildProcess;
  output: () => string;
}

function startCopy(port: number, env: Record<string, string>): Copy {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'api/start.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return { url: `http://127.0.0.1:${port}`, child, output: () => output };
}

async function running(copy: Copy, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!copy.output().includes('Wegwijs is running at')) {
    if (copy.child.exitCode !== null) throw new Error(`exited with ${copy.child.exitCode}:\n${copy.output()}`);
    if (Date.now() > deadline) throw new Error(`not running within ${timeoutMs} ms:\n${copy.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const PUBLIC_LIMIT = 10;

describe.skipIf(!canTestOn('postgres'))('two API processes on one PostgreSQL database', () => {
  let test: TestDatabase;
  let copies: [Copy, Copy];
  const dist = writeDist();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegwijs-cluster-'));

  beforeAll(async () => {
    test = await createTestDatabase('postgres');
    const env = {
      DATABASE_URL: test.url!,
      DATA_DIR: dataDir,
      DIST_DIR: dist,
      WEGWIJS_SKIP_BUILD: '1',
      TRUST_PROXY: '1',
      RATE_LIMIT_PUBLIC_PER_MINUTE: String(PUBLIC_LIMIT),
      RATE_LIMIT_AGENT_PER_MINUTE: '0',
      RATE_LIMIT_LOGIN_PER_15_MINUTES: '0',
      LOG_LEVEL: 'info',
    };
    copies = [startCopy(await freePort(), env), startCopy(await freePort(), env)];
    await Promise.all(copies.map((copy) => running(copy, 120_000)));
  }, 180_000);

  afterAll(async () => {
    for (const copy of copies ?? []) {
      if (copy.child.exitCode === null) {
        copy.child.kill('SIGTERM');
        await new Promise((resolve) => copy.child.once('exit', resolve));
      }
    }
    await test?.drop();
    rmSync(dist, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('start together and create the first admin once', () => {
    const notices = copies.filter((copy) => copy.output().includes('so an admin was created'));
    expect(notices).toHaveLength(1);
  });

  it('let exactly one of many agents claiming through both processes win, with sessions made by the other process', { timeout: 120_000 }, async () => {
    const [a, b] = copies;
    const from = { 'x-forwarded-for': '203.0.113.10' };
    const created = await fetch(`${a.url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', ...from }, body: '{}' });
    const conversation = (await created.json()) as { id: string; token: string };
    const handoff = await fetch(`${b.url}/api/conversations/${conversation.id}/handoff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}`, 'idempotency-key': 'cluster-handoff', ...from },
      body: JSON.stringify(handoffBody()),
    });
    expect(handoff.status).toBe(201);
    const { ticketId } = (await handoff.json()) as { ticketId: string };

    const team = await Promise.all(Array.from({ length: 20 }, (_, n) => createTestAgent(test.database, { name: `Agent ${n}` })));
    const cookies = await Promise.all(
      team.map(async (agent, n) => {
        const res = await fetch(`${copies[n % 2]!.url}/api/agent/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'wegwijs' },
          body: JSON.stringify({ email: agent.email, password: agent.password }),
        });
        expect(res.status).toBe(200);
        return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      }),
    );
    expect(cookies.every((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    // Each claim goes to the process that did not sign the agent in.
    const statuses = await Promise.all(
      cookies.map(async (cookie, n) => {
        const res = await fetch(`${copies[(n + 1) % 2]!.url}/api/agent/tickets/${ticketId}/claim`, {
          method: 'POST',
          headers: { cookie, 'x-requested-with': 'wegwijs' },
        });
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = team[statuses.indexOf(200)]!;
    const detail = await fetch(`${a.url}/api/agent/tickets/${ticketId}`, { headers: { cookie: cookies[0]! } });
    expect(((await detail.json()) as { assignee: { id: string } }).assignee.id).toBe(winner.id);
  });

  it('count a rate limit over both processes', { timeout: 120_000 }, async () => {
    // A fixed window must not end in the middle of the burst.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    const statuses = await Promise.all(
      Array.from({ length: PUBLIC_LIMIT + 6 }, async (_, n) => {
        const res = await fetch(`${copies[n % 2]!.url}/api/conversations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.20' },
          body: '{}',
        });
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(PUBLIC_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  });

  it('stop cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    for (const copy of copies) {
      const exited = new Promise<number | null>((resolve) => copy.child.once('exit', (code) => resolve(code)));
      copy.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
