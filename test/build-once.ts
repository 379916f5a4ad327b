/**
 * Vitest global setup: builds the demo site once into a temporary folder and
 * hands its path to every test file (`inject('demoDist')`), so the build test,
 * the browser tests and the server tests share one build.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildFolder, runAstroBuild } from './build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the built demo site. */
    demoDist: string;
  }
}

export default function setup(project: TestProject): (() => void) | undefined {
  // Working on the API only, a prebuilt site saves a build per run:
  // `npm run build -- --outDir .cache/dist && WEGWIJS_DEMO_DIST=.cache/dist npx vitest run api`.
  const prebuilt = process.env.WEGWIJS_DEMO_DIST;
  if (prebuilt) {
    project.provide('demoDist', path.resolve(prebuilt));
    return undefined;
  }
  const temp = buildFolder('demo');
  const result = runAstroBuild(path.join(temp, 'dist'), path.resolve(import.meta.dirname, '..'));
  if (result.status !== 0) {
    rmSync(temp, { recursive: true, force: true });
    throw new Error(`Wegwijs: the demo site does not build:\n${result.output}`);
  }
  project.provide('demoDist', result.dist);
  return () => rmSync(temp, { recursive: true, force: true });
}
