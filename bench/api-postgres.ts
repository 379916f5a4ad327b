/**
 * PostgreSQL for `npm run bench:api`: fresh databases on a server the caller
 * provides (`.ci/with-postgres` sets TEST_DATABASE_URL to a superuser on a
 * throwaway cluster), and pgbench's raw single-row INSERT rate on it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

/** What pgbench measured. */
export interface PgbenchResult {
  /** Transactions (one INSERT each) per second. */
  tps: number;
  latencyMs: number;
  /** Transactions that failed (PostgreSQL 15 and newer report them). */
  failed: number;
}

/** `serverUrl` with its database replaced by `name`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** Runs SQL statements on `url`, one connection, notices dropped. */
export async function runSql(url: string, statements: string[]): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const results: string[] = [];
    for (const statement of statements) {
      const rows = await sql.unsafe(statement);
      results.push(String(Object.values(rows[0] ?? {})[0] ?? ''));
    }
    return results;
  } finally {
    await sql.end();
  }
}

/** Drops and creates database `name` on the server of `serverUrl`; returns its URL. */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await runSql(serverUrl, [`drop database if exists ${name}`, `create database ${name}`]);
  return databaseUrl(serverUrl, name);
}

/** pgbench on PATH, else in the newest /usr/lib/postgresql/<major>/bin; null when there is none. */
export function findPgbench(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'pgbench'))) return path.join(dir, 'pgbench');
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = majors.map((major) => path.join(root, major, 'bin', 'pgbench')).find((file) => existsSync(file));
  return found ?? null;
}

/**
 * `pgbench -n -f <one INSERT> -c 8 -j 2 -T <seconds>` into a one-table
 * database `wegwijs_ceiling` (dropped afterwards).
 */
export async function pgbenchCeiling(pgbench: string, serverUrl: string, seconds: number): Promise<PgbenchResult> {
  const url = await freshDatabase(serverUrl, 'wegwijs_ceiling');
  await runSql(url, [
    'create table ceiling_rows (id bigint generated always as identity primary key, payload text not null, created_at timestamptz not null default now())',
  ]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wegwijs-bench-pgbench-'));
  try {
    const script = path.join(dir, 'insert.sql');
    writeFileSync(script, "insert into ceiling_rows (payload) values ('x');\n");
    const { stdout } = await promisify(execFile)(pgbench, ['-n', '-f', script, '-c', '8', '-j', '2', '-T', String(seconds), url]);
    const number = (pattern: RegExp) => {
      const match = pattern.exec(stdout);
      if (!match?.[1]) throw new Error(`bench:api: pgbench output not understood:\n${stdout}`);
      return Number(match[1]);
    };
    return {
      tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
      latencyMs: number(/latency average = ([\d.]+) ms/),
      failed: Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await runSql(serverUrl, ['drop database if exists wegwijs_ceiling']);
  }
}
