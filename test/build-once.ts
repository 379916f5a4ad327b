/**
 * Vitest global setup: builds the demo site once into a temporary folder and
 * hands its path to every test file (`inject('demoDist')`), so the build test,
 * the browser tests and the server tests share one build.
 *
 * The build runs in the background: the files that do not need it (most of
 * the API and unit tests) run meanwhile, and those that do wait for it with
 * `await demoDist()` (test/demo-dist.ts); test/sequencer.ts starts the others
 * first. A build in front of every test cost the whole run its wall time.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildFolder, startAstroBuild } from './build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the built demo site; wait for {@link demoBuildStatus} before reading it. */
    demoDist: string;
    /** A JSON file written when the build has ended (`{ status, output }`); '' for a prebuilt site. */
    demoBuildStatus: string;
  }
}

export default function setup(project: TestProject): (() => Promise<void>) | undefined {
  // Working on the API only, a prebuilt site saves a build per run:
  // `npm run build -- --outDir .cache/dist && WEGWIJS_DEMO_DIST=.cache/dist npx vitest run api`.
  const prebuilt = process.env.WEGWIJS_DEMO_DIST;
  if (prebuilt) {
    project.provide('demoDist', path.resolve(prebuilt));
    project.provide('demoBuildStatus', '');
    return undefined;
  }
  const temp = buildFolder('demo');
  const statusFile = path.join(temp, 'build-status.json');
  const build = startAstroBuild(path.join(temp, 'dist'), path.resolve(import.meta.dirname, '..'));
  const written = build.result.then(({ status, output }) => {
    // Written aside and renamed: a test file polling for it sees the whole file or none.
    writeFileSync(`${statusFile}.partial`, JSON.stringify({ status, output }));
    renameSync(`${statusFile}.partial`, statusFile);
  });
  project.provide('demoDist', path.join(temp, 'dist'));
  project.provide('demoBuildStatus', statusFile);
  return async () => {
    build.stop();
    await written;
    rmSync(temp, { recursive: true, force: true });
  };
}
