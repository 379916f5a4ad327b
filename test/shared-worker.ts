/**
 * Which test files may share a Vitest worker (`isolate: false`, the `shared`
 * project in vitest.config.ts): every file that replaces nothing. An isolated
 * file costs a fresh worker process and a fresh import of everything it uses:
 * about a second of CPU for a file of plain functions, 2–3 s for one that
 * imports the API (Hono, drizzle, zod schemas, PGlite's JavaScript) or the
 * browser helpers. Shared, a worker imports them once and keeps them.
 *
 * Databases, servers, browsers and child processes do not make a file
 * isolated: each test file opens its own and closes them in `afterAll`
 * (`useTestDatabase`, `demoInBrowser`, `startServer`), and what stays behind
 * in a module is a cache of something read-only (the migrated PGlite dump,
 * the demo models, the PostgreSQL template's name) or the worker's PGlite,
 * which api/test/worker-pglite.ts resets and checks between files. No test file sets an
 * environment variable without putting it back.
 *
 * A file stays isolated when it replaces something for its tests (vi.mock,
 * stubs, spies, fake timers): a replaced module or global would reach the next
 * file in a shared worker. The test is on the file's text, so a new file is
 * sorted by what it does, not by a list to keep up to date.
 */
import { globSync, readFileSync } from 'node:fs';

/** What makes a test file keep a worker of its own. */
const REPLACES_SOMETHING = /vi\.(mock|doMock|hoisted|stubGlobal|stubEnv|useFakeTimers|spyOn|resetModules)/;

/** The files among `patterns` (globs relative to `root`) that need a worker of their own. */
export function isolatedFiles(root: string, patterns: readonly string[], exclude: readonly string[]): string[] {
  return globSync([...patterns], { cwd: root, exclude: (file) => exclude.some((pattern) => file.includes(pattern)) })
    .filter((file) => REPLACES_SOMETHING.test(readFileSync(`${root}/${file}`, 'utf8')))
    .sort();
}
