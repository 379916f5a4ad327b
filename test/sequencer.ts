/**
 * Vitest's order, with the files that wait for the demo build
 * (test/build-once.ts) after the others: while Astro builds, the two
 * workers run what does not need the site instead of waiting for it.
 * Within each group Vitest's own order stands (slowest first, from the
 * last run's durations, else the largest file first), except that the files
 * of the `shared` project (vitest.config.ts) sit next to each other across the
 * two groups: Vitest hands a worker of shared imports on to the next file
 * only when that file belongs to the same project.
 */
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Whether the test file waits for the demo site: it calls `demoDist()` or `demoInBrowser()`. */
export function needsDemoBuild(file: string): boolean {
  return /\bdemo(Dist|InBrowser)\(/.test(readFileSync(file, 'utf8'));
}

export default class DemoBuildLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const later = sorted.filter((spec) => needsDemoBuild(spec.moduleId));
    const first = sorted.filter((spec) => !later.includes(spec));
    const isolated = (spec: TestSpecification) => spec.project.config.isolate !== false;
    return [...first.filter(isolated), ...first.filter((spec) => !isolated(spec)), ...later.filter((spec) => !isolated(spec)), ...later.filter(isolated)];
  }
}
