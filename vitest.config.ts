import { defineConfig } from 'vitest/config';
import DemoBuildLastSequencer from './test/sequencer.ts';
import { isolatedFiles } from './test/shared-worker.ts';

const include = ['core/**/*.test.ts', 'site/**/*.test.ts', 'api/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts'];
const exclude = ['**/node_modules/**', '**/fixtures/**'];
// Files that replace nothing (no vi.mock, stubs or fake timers) share their workers and imports
// (test/shared-worker.ts); the others get a worker each.
const isolated = isolatedFiles(import.meta.dirname, include, ['node_modules/', 'fixtures/']);

const options = {
  testTimeout: 30_000,
  // Browser tests poll the page; a loaded 2-core CI machine needs more than the 1 s default.
  expect: { poll: { timeout: 10_000 } },
  hookTimeout: 180_000,
};

export default defineConfig({
  test: {
    // The demo site is built once, in the background, and shared (`await demoDist()`, test/demo-dist.ts);
    // the files that wait for it run after the others (test/sequencer.ts).
    // One Chromium for the run, launched when the first browser test asks for it (test/shared-chromium.ts).
    globalSetup: ['test/build-once.ts', 'test/shared-chromium.ts'],
    sequence: { sequencer: DemoBuildLastSequencer },
    // Two cores here and in CI: Vitest's default (cores - 1) would run one file at a time.
    maxWorkers: 2,
    projects: [
      { test: { name: 'shared', include, exclude: [...exclude, ...isolated], isolate: false, ...options } },
      // Vitest refuses a project that matches no file: with none to isolate, there is none.
      ...(isolated.length ? [{ test: { name: 'isolated', include: isolated, ...options } }] : []),
    ],
  },
});
