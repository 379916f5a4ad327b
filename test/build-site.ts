import { spawn, spawnSync } from 'node:child_process';
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

const ASTRO = path.join(repo, 'node_modules/astro/bin/astro.mjs');
const BUILD_TIMEOUT_MS = 180_000;
/** The background build shares two cores with two test workers: on a loaded machine it takes several times as long. */
const BACKGROUND_BUILD_TIMEOUT_MS = 600_000;
// NODE_ENV as `npm run build` has it: Vitest sets it to "test", and a build that inherited it shipped Preact's
// development code paths (about 1 KB more gzip in the chat's first open than a customer downloads).
const buildEnv = (dist: string, contentRoot: string) => ({
  ...process.env,
  NODE_ENV: 'production',
  CONTENT_ROOT: contentRoot,
  DIST_DIR: dist,
  ASTRO_TELEMETRY_DISABLED: '1',
});

/** Builds the site of `contentRoot` (the folder holding content/) into `dist` (inside {@link buildFolder}) with Astro, in a child process. */
export function runAstroBuild(dist: string, contentRoot: string): BuildResult {
  const result = spawnSync(process.execPath, [ASTRO, 'build', '--silent'], {
    cwd: repo,
    env: buildEnv(dist, contentRoot),
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
  });
  return { dist, status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A build running in the background: its outcome, and how to stop it. */
export interface RunningBuild {
  result: Promise<BuildResult>;
  stop(): void;
}

/** {@link runAstroBuild} without waiting: the caller goes on while Astro builds. */
export function startAstroBuild(dist: string, contentRoot: string): RunningBuild {
  const child = spawn(process.execPath, [ASTRO, 'build', '--silent'], { cwd: repo, env: buildEnv(dist, contentRoot), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), BACKGROUND_BUILD_TIMEOUT_MS);
  const result = new Promise<BuildResult>((resolve) => {
    child.once('error', (error) => resolve({ dist, status: null, output: `${output}\n${error.message}` }));
    child.once('close', (status) => resolve({ dist, status, output }));
  }).finally(() => clearTimeout(timer));
  return { result, stop: () => void (child.exitCode === null && child.kill('SIGKILL')) };
}
