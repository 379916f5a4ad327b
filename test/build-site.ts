import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');

/** Outcome of one `astro build`. */
export interface BuildResult {
  dist: string;
  status: number | null;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

/**
 * A fresh folder for build output inside the repository (`.cache/`, ignored
 * by git). Astro keeps its intermediate files inside the output folder only
 * when that is under the working directory (else in the shared `.astro/`,
 * where two builds at once break each other), and those files must be able
 * to import from node_modules.
 */
export function buildFolder(prefix: string): string {
  const parent = path.join(repo, '.cache');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, `${prefix}-`));
}

/** Builds the site of `contentRoot` (the folder holding content/) into `dist` (inside {@link buildFolder}) with Astro, in a child process. */
export function runAstroBuild(dist: string, contentRoot: string): BuildResult {
  const result = spawnSync(process.execPath, [path.join(repo, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: repo,
    env: { ...process.env, CONTENT_ROOT: contentRoot, DIST_DIR: dist, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { dist, status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
