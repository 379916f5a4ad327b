import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');

/** Outcome of one `astro build`. */
export interface BuildResult {
  dist: string;
  status: number | null;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

/** Builds the site of `contentRoot` (the folder holding content/) into `dist` with Astro, in a child process. */
export function buildSite(dist: string, contentRoot: string): BuildResult {
  const result = spawnSync(process.execPath, [path.join(repo, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: repo,
    env: { ...process.env, CONTENT_ROOT: contentRoot, DIST_DIR: dist, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { dist, status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
