import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { agents } from '../db/tables.ts';
import { createDatabase, type Db } from '../db/database.ts';
import { describeOnDatabases, emptyTables } from '../test/database.ts';
import { seedPgliteDataDir } from '../test/pglite-dump.ts';
import { REPO_ROOT } from '../start.ts';
import { runAgentsCommand, USAGE, type CliIo } from './cli.ts';
import { CHEAP_COST } from '../test/app.ts';
import { DEFAULT_COST } from './password.ts';
import { authenticate, ensureFirstAdmin, listAgents } from './service.ts';

/** IO with stdin from a pipe holding `input`, and the output collected. */
function pipeIo(input = ''): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: Readable.from([input]),
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}

/** IO with a pretend terminal on stdin: echo must be off while the password is typed. */
function terminalIo(keys: string[]): CliIo & { err: () => string; rawModes: boolean[] } {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      this.rawModes.push(mode);
    },
  });
  let err = '';
  const io = { stdin, stdout: { write: () => true }, stderr: { write: (text: string) => (err += text) }, err: () => err, rawModes: stdin.rawModes };
  // Type as someone would, after the prompt is up.
  void (async () => {
    for (const key of keys) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      stdin.write(key);
    }
  })();
  return io;
}

/** A hash at {@link DEFAULT_COST}, the cost every hash has unless a test asks for a cheaper one. */
const PRODUCTION_HASH = new RegExp(`^scrypt\\$${DEFAULT_COST.N}\\$${DEFAULT_COST.r}\\$${DEFAULT_COST.p}\\$`);

async function storedHash(db: Db, email: string): Promise<string | undefined> {
  const [row] = await db.select({ hash: agents.passwordHash }).from(agents).where(eq(agents.email, email));
  return row?.hash;
}

const unique = (name: string) => `${name}.${Math.random().toString(36).slice(2, 8)}@duinwinkel.example`;

describeOnDatabases('npm run agents', (database) => {
  // Four hashes at the production cost (the CLI's own, asserted below): seconds each on a loaded 2-core machine.
  it('adds an agent with the password from stdin, lists, disables and enables them', { timeout: 120_000 }, async () => {
    const db = database().db;
    const email = unique('sanne');
    const add = pipeIo('correct horse battery staple\nignored second line\n');
    expect(await runAgentsCommand(['add', '--email', email.toUpperCase(), '--name', 'Sanne de Vries', '--role', 'admin'], db, add)).toBe(0);
    expect(add.out()).toBe(`added admin Sanne de Vries <${email}>\n`);
    expect(await authenticate(db, email, 'correct horse battery staple')).toMatchObject({ email, role: 'admin' });
    // The production cost unless a caller passes another (only tests do: CHEAP_COST).
    expect(await storedHash(db, email)).toMatch(PRODUCTION_HASH);

    const list = pipeIo();
    expect(await runAgentsCommand(['list'], db, list)).toBe(0);
    expect(list.out()).toMatch(new RegExp(`^${email.replace(/\./g, '\\.')}\\s+Sanne de Vries\\s+admin\\s+active$`, 'm'));

    const disable = pipeIo();
    expect(await runAgentsCommand(['disable', '--email', email], db, disable)).toBe(0);
    expect(disable.out()).toBe(`disabled Sanne de Vries <${email}>; their sessions have ended\n`);
    expect(await authenticate(db, email, 'correct horse battery staple')).toBeNull();
    expect((await listAgents(db)).find((a) => a.email === email)?.disabled).toBe(true);

    expect(await runAgentsCommand(['enable', '--email', email], db, pipeIo())).toBe(0);
    expect(await authenticate(db, email, 'correct horse battery staple')).not.toBeNull();
  });

  it('asks for the password twice without echo on a terminal', async () => {
    const db = database().db;
    const email = unique('pieter');
    const io = terminalIo(['geheim wacht', 'woord 1\r', 'geheim wachtwoord 1X\u007f\r']);
    expect(await runAgentsCommand(['add', '--email', email, '--name', 'Pieter'], db, io, CHEAP_COST)).toBe(0);
    expect(io.err()).toBe('Password: \nPassword again: \n');
    expect(io.rawModes).toEqual([true, false, true, false]);
    expect(await authenticate(db, email, 'geheim wachtwoord 1')).toMatchObject({ role: 'agent' });
  });

  it('refuses two different passwords on a terminal', async () => {
    const io = terminalIo(['een lang wachtwoord\r', 'een ander wachtwoord\r']);
    expect(await runAgentsCommand(['add', '--email', unique('kees'), '--name', 'Kees'], database().db, io, CHEAP_COST)).toBe(1);
    expect(io.err()).toContain('agents: the two passwords differ; nothing changed');
  });

  it('changes a password', async () => {
    const db = database().db;
    const email = unique('anna');
    await runAgentsCommand(['add', '--email', email, '--name', 'Anna'], db, pipeIo('het eerste wachtwoord\n'), CHEAP_COST);
    const io = pipeIo('het tweede wachtwoord\n');
    expect(await runAgentsCommand(['password', '--email', email], db, io, CHEAP_COST)).toBe(0);
    expect(await authenticate(db, email, 'het eerste wachtwoord')).toBeNull();
    expect(await authenticate(db, email, 'het tweede wachtwoord')).not.toBeNull();
  });

  it.each([
    [['add', '--name', 'X'], 2, 'agents: --email is required'],
    [['add', '--email', 'x@y.nl'], 2, 'agents: --name is required'],
    [['add', '--email', 'x@y.nl', '--name', 'X', '--role', 'boss'], 2, 'agents: --role must be agent or admin'],
    [['remove', '--email', 'x@y.nl'], 2, 'agents: unknown command "remove"'],
    [['list', '--colour'], 2, "Unknown option '--colour'"],
    [['disable', '--email', 'niemand@nergens.nl'], 1, 'agents: there is no agent with e-mail address niemand@nergens.nl'],
    [['add', '--email', 'geen-adres', '--name', 'X'], 1, 'agents: "geen-adres" is not an e-mail address'],
  ])('%j exits %i saying %j', async (argv, code, message) => {
    const io = pipeIo('een lang genoeg wachtwoord\n');
    expect(await runAgentsCommand(argv, database().db, io)).toBe(code);
    expect(io.err()).toContain(message);
    if (code === 2) expect(io.err()).toContain(USAGE);
  });

  it('refuses a short password and a taken e-mail address', async () => {
    const db = database().db;
    const email = unique('joost');
    const short = pipeIo('kort\n');
    expect(await runAgentsCommand(['add', '--email', email, '--name', 'Joost'], db, short, CHEAP_COST)).toBe(1);
    expect(short.err()).toBe('agents: the password must be at least 12 characters\n');
    await runAgentsCommand(['add', '--email', email, '--name', 'Joost'], db, pipeIo('lang genoeg wachtwoord\n'), CHEAP_COST);
    const twice = pipeIo('lang genoeg wachtwoord\n');
    expect(await runAgentsCommand(['add', '--email', email, '--name', 'Joost'], db, twice, CHEAP_COST)).toBe(1);
    expect(twice.err()).toBe(`agents: there is already an agent with e-mail address ${email}\n`);
  });

  it('on the first start creates one admin with a generated password, and never again', async () => {
    await emptyTables(database());
    const db = database().db;
    const created = await ensureFirstAdmin(db, 'beheer@duinwinkel.example');
    expect(created).toEqual({ email: 'beheer@duinwinkel.example', password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
    expect(await authenticate(db, 'beheer@duinwinkel.example', created!.password)).toMatchObject({ role: 'admin', name: 'Admin' });
    expect(await storedHash(db, 'beheer@duinwinkel.example')).toMatch(PRODUCTION_HASH);
    expect(await ensureFirstAdmin(db, 'beheer@duinwinkel.example')).toBeNull();
    expect(await ensureFirstAdmin(db, 'ander@duinwinkel.example')).toBeNull();
    expect(await listAgents(db)).toHaveLength(1);
  });

  it('prints the usage for help', async () => {
    const io = pipeIo();
    expect(await runAgentsCommand(['help'], database().db, io)).toBe(0);
    expect(io.out()).toBe(USAGE);
  });
});

describe('npm run agents as a process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegwijs-agents-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is the script package.json names', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts['agents']).toBe('node --experimental-strip-types api/agents/cli.ts');
  });

  it('adds an agent to the database in DATA_DIR, reading the password from a pipe', { timeout: 120_000 }, async () => {
    // The migrated database laid in from the dump: the CLI opens it as an existing one (a first start is npm start's test).
    await seedPgliteDataDir(path.join(dataDir, 'pglite'));
    const run = (args: string[], input: string) =>
      new Promise<{ code: number | null; output: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--experimental-strip-types', 'api/agents/cli.ts', ...args], {
          cwd: REPO_ROOT,
          env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DATA_DIR: dataDir },
        });
        let output = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        child.once('error', reject);
        child.once('exit', (code) => resolve({ code, output }));
        child.stdin.end(input);
      });
    expect(await run(['add', '--email', 'sanne@duinwinkel.example', '--name', 'Sanne'], 'correct horse battery staple\n')).toEqual({
      code: 0,
      output: 'added agent Sanne <sanne@duinwinkel.example>\n',
    });
    // Read back in this process (one process proves the wiring; `list` itself is tested above): the agent is in DATA_DIR's database.
    const database = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    try {
      const list = pipeIo();
      expect(await runAgentsCommand(['list'], database.db, list)).toBe(0);
      expect(list.out()).toMatch(/^sanne@duinwinkel\.example\s+Sanne\s+agent\s+active\n$/);
    } finally {
      await database.close();
    }
  });
});
