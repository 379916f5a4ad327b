import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { loadContent } from '#core/content/load.node.ts';
import { createDatabase, type Database } from '../db/database.ts';
import { phrasingSuggestions } from '../db/tables.ts';
import { REPO_ROOT } from '../start.ts';
import { canTestOn, createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../test/database.ts';
import { seedPgliteDataDir } from '../test/pglite-dump.ts';
import { runContentCommand, USAGE } from './cli.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A folder with a copy of the real content/, for CONTENT_ROOT (and DATA_DIR). */
function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wegwijs-content-cli-'));
  folders.push(root);
  cpSync(path.join(REPO_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  return root;
}

/** Runs `npm run -s content -- …` as its own process, as a writer would. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', 'api/phrasings/cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const nlFile = 'content/articles/nl/levertijden.md';

describe('npm run content', () => {
  it('is the script package.json names', () => {
    expect(packageJson.scripts.content).toBe('node --experimental-strip-types api/phrasings/cli.ts');
  });

  it.each([
    [[], 2, USAGE],
    [['push'], 2, 'content: unknown command "push"'],
    [['pull', '--force'], 2, "Unknown option '--force'"],
  ])('%j exits %i saying %j', async (argv, code, message) => {
    let err = '';
    let out = '';
    // Usage mistakes are found before the database is touched.
    const db = new Proxy(
      {},
      {
        get: () => {
          throw new Error('not meant to reach the database');
        },
      },
    ) as Database['db'];
    expect(
      await runContentCommand(
        argv,
        db,
        { contentRoot: REPO_ROOT },
        { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } },
      ),
    ).toBe(code);
    expect(err + out).toContain(message);
  });
});

for (const kind of TEST_DATABASE_KINDS) {
  describe.skipIf(!canTestOn(kind))(`npm run content -- pull as a process (${kind})`, () => {
    it('pulls pending phrasings into a copy of content/, dry run first, and the content still loads', async () => {
      const root = workspace();
      let test: TestDatabase | undefined;
      let env: Record<string, string>;
      let open: () => Promise<Database>;
      if (kind === 'pglite') {
        const target = { kind: 'pglite', dataDir: path.join(root, '.data', 'pglite') } as const;
        // The migrated database laid in from the dump: this test is about pulling, not about initdb.
        await seedPgliteDataDir(target.dataDir);
        open = async () => createDatabase(target);
        env = { DATA_DIR: path.join(root, '.data'), CONTENT_ROOT: root };
      } else {
        test = await createTestDatabase('postgres');
        const url = test.url!;
        open = async () => createDatabase({ kind: 'postgres', url });
        env = { DATABASE_URL: url, CONTENT_ROOT: root };
      }
      try {
        let database = await open();
        await database.migrate();
        const [phrasing, proposal] = await database.db
          .insert(phrasingSuggestions)
          .values([
            { articleId: 'delivery-times', locale: 'nl', text: 'bezorgen jullie op tweede paasdag', source: 'ticket', sourceRef: 'WW-1001' },
            { articleId: null, locale: 'nl', text: 'hebben jullie een winkel in utrecht', proposedTitle: 'Winkel in Utrecht', source: 'nomatch' },
          ])
          .returning({ id: phrasingSuggestions.id });

        if (kind === 'pglite') {
          // While another process (here: this one, as `npm start` would) holds the embedded database.
          const locked = await runCli(['pull'], env);
          expect(locked.code).toBe(1);
          expect(locked.stderr).toContain(
            `content: the embedded database (${path.join(root, '.data', 'pglite')}) is in use by process ${process.pid}, probably \`npm start\``,
          );
          expect(locked.stderr).toContain('stop the server, run `npm run -s content` again, start the server');
        }
        // The dry run in this process, through the same command the CLI runs (one process per engine proves the wiring:
        // the pull below; each spawn costs seconds of module loading and PGlite start on a loaded 2-core machine).
        const before = readFileSync(path.join(root, nlFile), 'utf8');
        const dry = { code: 0, stdout: '', stderr: '' };
        dry.code = await runContentCommand(
          ['pull', '--dry-run'],
          database.db,
          { contentRoot: root },
          { stdout: { write: (t: string) => (dry.stdout += t) }, stderr: { write: (t: string) => (dry.stderr += t) } },
        );
        await database.close();
        expect(dry.stderr).toBe('');
        expect(dry.code).toBe(0);
        expect(dry.stdout).toBe(
          [
            `${nlFile}: 1 phrasing added`,
            `  + "bezorgen jullie op tweede paasdag"  (#${phrasing!.id})`,
            'content/proposals/nl.md: 1 proposal added',
            `  + "hebben jullie een winkel in utrecht"  (#${proposal!.id})`,
            'dry run: 2 phrasings would be written to 2 files; nothing was written or marked',
            '',
          ].join('\n'),
        );
        expect(readFileSync(path.join(root, nlFile), 'utf8')).toBe(before);
        expect(existsSync(path.join(root, 'content/proposals/nl.md'))).toBe(false);

        const pull = await runCli(['pull'], env);
        expect(pull.stderr).toBe('');
        expect(pull.code).toBe(0);
        expect(pull.stdout).toContain('wrote 2 phrasings to 2 files; review them with `git diff content/`, commit, and build');
        const after = readFileSync(path.join(root, nlFile), 'utf8');
        // Added after the article's last phrasing, nothing else changed.
        const lastPhrasing = /questions:\n(?:  - .*\n)+/.exec(before)![0].trimEnd().split('\n').at(-1)!;
        expect(after).toBe(before.replace(`${lastPhrasing}\n`, `${lastPhrasing}\n  - bezorgen jullie op tweede paasdag\n`));
        expect(readFileSync(path.join(root, 'content/proposals/nl.md'), 'utf8')).toContain(
          '## Winkel in Utrecht\n\n- "hebben jullie een winkel in utrecht" (nomatch ',
        );
        expect(
          loadContent(root)
            .articles.find((a) => a.file === nlFile)
            ?.questions.at(-1),
        ).toBe('bezorgen jullie op tweede paasdag');

        database = await open();
        try {
          const rows = await database.db.select().from(phrasingSuggestions).where(eq(phrasingSuggestions.status, 'pulled'));
          expect(rows.map((r) => r.id).sort()).toEqual([phrasing!.id, proposal!.id].sort());
          expect(rows.every((r) => r.pulledAt instanceof Date)).toBe(true);
        } finally {
          await database.close();
        }
      } finally {
        await test?.drop();
      }
    }, 300_000); // Processes that each open the database; slow on a busy machine.
  });
}
