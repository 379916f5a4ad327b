/**
 * What `npm test` runs after Biome: `astro check` beside `vitest run`
 * instead of before it. The check is ~60 CPU-s on one core; run first, the
 * tests waited for it with the second core idle (issue 10).
 *
 * Not simply `astro check & vitest run`: every `astro build` during the run
 * (the demo build Vitest starts at once, test/build-once.ts, and those of
 * site/build.test.ts) writes Astro's generated types in `.astro/`
 * (content.d.ts, types.d.ts) again, in place, while the check reads them:
 * its TypeScript host reads a file again when its mtime changed, and a read
 * between a build's truncate and its write sees an empty file, which fails
 * the check for nothing. So the types are generated once (`astro sync`,
 * before anything else runs), copied to `.astro-check/`, which nothing else
 * writes, and checked from there: `astro check --noSync` with a tsconfig
 * that is the project's with `.astro/types.d.ts` swapped for the copy.
 *
 * Fails when either fails: a failing check is printed as soon as it ends
 * (Ctrl-C stops the tests), and the exit code is Vitest's when the tests
 * fail, else the check's. Arguments go to Vitest (`npm test -- <files>`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const repo = path.resolve(import.meta.dirname, '..');
const astro = path.join(repo, 'node_modules/astro/bin/astro.mjs');
const vitest = path.join(repo, 'node_modules/vitest/vitest.mjs');
/** The copy of `.astro/` the check reads. Ignored by git, like `.astro/`. */
const copy = path.join(repo, '.astro-check');
const GENERATED_TYPES = '.astro/types.d.ts';

/** The project's tsconfig with the generated types taken from the copy (paths relative to the copy's folder). */
export function checkTsconfig(projectTsconfig: string): { extends: string; include: string[] } {
  const { config, error } = ts.readConfigFile(projectTsconfig, ts.sys.readFile);
  if (error) throw new Error(`check-beside-vitest: cannot read ${projectTsconfig}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const include: unknown = config.include;
  if (!Array.isArray(include) || !include.includes(GENERATED_TYPES)) {
    throw new Error(`check-beside-vitest: ${projectTsconfig} no longer includes ${GENERATED_TYPES}; update test/check-beside-vitest.ts`);
  }
  return {
    extends: '../tsconfig.json',
    include: include.map((entry: string) => (entry === GENERATED_TYPES ? 'types.d.ts' : `../${entry}`)),
  };
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main(): Promise<number> {
  const sync = spawnSync(process.execPath, [astro, 'sync'], { cwd: repo, stdio: 'inherit' });
  if (sync.status !== 0) return sync.status ?? 1;
  rmSync(copy, { recursive: true, force: true });
  cpSync(path.join(repo, '.astro'), copy, { recursive: true });
  const tsconfig = path.join(copy, 'tsconfig.json');
  writeFileSync(tsconfig, `${JSON.stringify(checkTsconfig(path.join(repo, 'tsconfig.json')), null, 2)}\n`);

  const check = spawn(process.execPath, [astro, 'check', '--noSync', '--tsconfig', tsconfig], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  // Buffered and printed in one piece when the check ends, rather than woven through Vitest's lines.
  let checkOutput = '';
  check.stdout?.setEncoding('utf8').on('data', (chunk: string) => (checkOutput += chunk));
  check.stderr?.setEncoding('utf8').on('data', (chunk: string) => (checkOutput += chunk));
  const tests = spawn(process.execPath, [vitest, 'run', ...process.argv.slice(2)], { cwd: repo, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      check.kill(signal);
      tests.kill(signal);
    });
  }

  const checked = exited(check).then((code) => {
    process.stdout.write(`\n── astro check (beside the tests) ${code === 0 ? 'passed' : `FAILED with exit code ${code}: npm test fails`} ──\n${checkOutput}\n`);
    return code;
  });
  const [checkCode, testCode] = await Promise.all([checked, exited(tests)]);
  if (checkCode !== 0 && testCode === 0) console.error(`astro check failed (exit code ${checkCode}); see its output above`);
  return testCode !== 0 ? testCode : checkCode;
}

// Run only as the entry point (`npm test`), not when a test imports checkTsconfig.
if (process.argv[1] !== undefined && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) process.exitCode = await main();
