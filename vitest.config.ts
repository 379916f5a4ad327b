import { defineConfig } from 'vitest/config';
import DemoBuildLastSequencer from './test/sequencer.ts';
import { sharedWorkerFiles } from './test/shared-worker.ts';

const include = ['core/**/*.test.ts', 'site/**/*.test.ts', 'api/**/*.test.ts', 'bench/**/*.test.ts'];
const exclude = ['**/node_modules/**', '**/fixtures/**'];
// Files that start nothing and stub nothing share a worker (test/shared-worker.ts); the rest get one each.
const shared = sharedWorkerFiles(import.meta.dirname, include, ['node_modules/', 'fixtures/']);

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
      { test: { name: 'unit', include: shared, isolate: false, ...options } },
      { test: { name: 'suite', include, exclude: [...exclude, ...shared], ...options } },
    ],
  },
});
