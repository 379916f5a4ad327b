import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['site/**/*.test.ts', 'api/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    // The demo site is built once and shared (inject('demoDist')).
    globalSetup: ['site/test/build-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
