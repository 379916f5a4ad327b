/**
 * The build writes over the previous build's output instead of emptying the
 * folder first, then removes what it did not write
 * (docs/decisions/041-build-writes-over-the-previous-output.md).
 *
 * Astro empties the output folder before it bundles: at 5,000 articles per
 * locale that is 20,000 files and 10,000 folders unlinked one by one, which on
 * this project's machines waits on the disk for seconds to tens of seconds
 * (`rm -rf` of such a folder: 8.8 s wall for 0.9 s CPU), while every page of a
 * second build is the same file written again.
 *
 * Which files this build wrote is read from their status-change time (ctime),
 * which every write, copy and rename sets to the kernel's clock and no tool can
 * set back (`utimes` sets the modification time only): a file whose ctime is
 * older than {@link outputMark} was not written by this build. That clock ticks
 * every few milliseconds: a file of the mark's own tick counts as written, so
 * in doubt a file stays (only a file written in the moment before the build
 * starts could be left over).
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Entries of the output folder's top level that a build never removes: Astro leaves `.git` as well. */
const KEPT = new Set(['.git']);

/**
 * The moment before this build writes anything into `outDir`, on the file
 * system's own clock (a marker file's ctime: the clock that stamps the
 * output's files, which may run a tick behind `Date.now()`). Creates `outDir`.
 */
export function outputMark(outDir: string): bigint {
  mkdirSync(outDir, { recursive: true });
  const marker = path.join(outDir, `.wegwijs-build-${process.pid}`);
  writeFileSync(marker, '');
  const { ctimeNs } = statSync(marker, { bigint: true });
  rmSync(marker);
  return ctimeNs;
}

/**
 * Removes from `outDir` every file not written since `mark`
 * ({@link outputMark}), and the folders that this leaves empty (a folder this
 * build made stays, empty or not), so the folder holds what a build into an
 * empty folder would have written.
 * @returns how many files were removed
 */
export function removeUnwritten(outDir: string, mark: bigint): number {
  let removed = 0;
  /** Sweeps `folder`; true when nothing is left in it. */
  const sweep = (folder: string, top: boolean): boolean => {
    let left = 0;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (top && KEPT.has(entry.name)) left++;
      else if (entry.isDirectory()) {
        // Its ctime before the sweep: removing stale entries from it would set it to now.
        const made = lstatSync(full, { bigint: true }).ctimeNs >= mark;
        if (sweep(full, false) && !made) rmdirSync(full);
        else left++;
      } else if (lstatSync(full, { bigint: true }).ctimeNs < mark) {
        rmSync(full);
        removed++;
      } else left++;
    }
    return left === 0;
  };
  sweep(outDir, true);
  return removed;
}

/**
 * Writes `bytes` to `file`, or when the file holds them already (a build
 * again: the same content-hashed search index and model files) only touches
 * it, which sets its ctime as a write would, so {@link removeUnwritten} keeps
 * it. Reading a file back is cheaper than writing it over: ext4 starts writing
 * a file's data back to disk when it is truncated and written again
 * (`auto_da_alloc`), and a build writes thousands of search index shards.
 */
export function writeOutputFile(file: string, bytes: string | Uint8Array): void {
  const wanted = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  try {
    if (statSync(file).size === wanted.byteLength && readFileSync(file).equals(wanted)) {
      const now = new Date();
      utimesSync(file, now, now);
      return;
    }
  } catch {
    // Not there yet.
  }
  writeFileSync(file, wanted);
}
