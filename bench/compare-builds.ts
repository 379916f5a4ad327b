/**
 * Compares two site builds file by file: the same file names, and the same
 * bytes once Astro's island ids are left out (`uid="…"` is random per
 * build). What a change to how the site is built must keep: the pages, the
 * search index files and the model assets.
 *
 * Usage: node --experimental-strip-types bench/compare-builds.ts <dist A> <dist B>
 * Prints the files that differ or exist on one side only, and a count per
 * folder; exits 1 when anything differs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [a, b] = process.argv.slice(2);
if (!a || !b) throw new Error('Wegwijs bench: usage: compare-builds.ts <dist A> <dist B>');

function files(root: string): Set<string> {
  return new Set(
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => !file.split(path.sep).includes('.prerender') && statSync(path.join(root, file)).isFile())
      .map((file) => file.split(path.sep).join('/')),
  );
}

/** A page without Astro's random island ids; any other file as it is. */
function normalised(file: string): Buffer | string {
  const bytes = readFileSync(file);
  return file.endsWith('.html') ? bytes.toString('utf8').replace(/ uid="[^"]*"/g, '') : bytes;
}

const left = files(a);
const right = files(b);
const differ: string[] = [];
const counts = new Map<string, number>();
for (const file of [...new Set([...left, ...right])].sort()) {
  const folder = file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
  counts.set(folder, (counts.get(folder) ?? 0) + 1);
  if (!left.has(file)) differ.push(`only in ${b}: ${file}`);
  else if (!right.has(file)) differ.push(`only in ${a}: ${file}`);
  else {
    const x = normalised(path.join(a, file));
    const y = normalised(path.join(b, file));
    const same = typeof x === 'string' ? x === y : Buffer.isBuffer(y) && x.equals(y);
    if (!same) differ.push(`differs: ${file}`);
  }
}
for (const line of differ.slice(0, 50)) console.log(line);
if (differ.length > 50) console.log(`… and ${differ.length - 50} more`);
const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
console.log(`${total} files compared (${[...counts].map(([folder, n]) => `${folder} ${n}`).join(', ')}); ${differ.length} differ`);
process.exitCode = differ.length > 0 ? 1 : 0;
