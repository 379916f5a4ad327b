import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['site/**/*.test.ts', 'api/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    // The demo site is built once and shared (inject('demoDist')).
    globalSetup: ['site/test/build-once.ts'],
    testTimeout: 30_000,
    // Browser tests poll the page; a loaded 2-core CI machine needs more than the 1 s default.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
  },
});
