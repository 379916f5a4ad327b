/**
 * The demo site that test/build-once.ts builds in the background, for the
 * test files that serve or read it.
 *
 * @example const dist = await demoDist(); // at the top of a test file, or in beforeAll
 *
 * A hook that awaits it adds {@link DEMO_WAIT_MS} to its own timeout: the build may still be running.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';

/** Longest wait for the build: its own limit in test/build-site.ts (600 s), and some. */
export const DEMO_WAIT_MS = 660_000;

/** The built demo site's folder, once the build has ended; throws with Astro's output when it failed. */
export async function demoDist(): Promise<string> {
  const dist = inject('demoDist');
  const statusFile = inject('demoBuildStatus');
  if (!statusFile) return dist;
  const deadline = Date.now() + DEMO_WAIT_MS;
  while (!existsSync(statusFile)) {
    if (Date.now() > deadline) throw new Error(`Wegwijs: the demo site's build did not end within ${DEMO_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { status, output } = JSON.parse(readFileSync(statusFile, 'utf8')) as { status: number | null; output: string };
  if (status !== 0) throw new Error(`Wegwijs: the demo site does not build (exit ${status}):\n${output}`);
  return dist;
}
