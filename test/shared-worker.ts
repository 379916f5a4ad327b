/**
 * Which test files may share a Vitest worker (`isolate: false`, the `unit`
 * project in vitest.config.ts): those that start nothing and stub nothing.
 * Each isolated file costs a fresh worker process and a fresh import of
 * everything it uses, about a second of CPU; for the ~70 files of plain
 * functions that was most of their time.
 *
 * A file stays isolated when it opens a database, a server, a browser, a
 * child process or a worker, waits for the demo build, or replaces something
 * for the test (vi.mock, stubs, fake timers): what such a file leaves behind
 * (a module's state, an open handle, a changed global) could reach the next
 * file in a shared worker. The test is on the file's text, so a new file is
 * sorted by what it does, not by a list to keep up to date.
 */
import { globSync, readFileSync } from 'node:fs';

/** What makes a test file keep a worker of its own. */
const STARTS_OR_STUBS =
  /describeOnDatabases|useTestDatabase|createTestDatabase|createDatabase|startServer|test\/app\.ts|test\/browser\.ts|demoDist|demoInBrowser|child_process|worker_threads|spawn|vi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers|spyOn)/;

/** The files among `patterns` (globs relative to `root`) that may share a worker. */
export function sharedWorkerFiles(root: string, patterns: readonly string[], exclude: readonly string[]): string[] {
  return globSync([...patterns], { cwd: root, exclude: (file) => exclude.some((pattern) => file.includes(pattern)) })
    .filter((file) => !STARTS_OR_STUBS.test(readFileSync(`${root}/${file}`, 'utf8')))
    .sort();
}
