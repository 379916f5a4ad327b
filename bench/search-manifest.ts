/**
 * What a sharded search manifest is made of: each part's JSON gzipped alone,
 * for every manifest in a built site's `search-index/` folder (whole index
 * files are skipped). Reads any format version, so a build of main and one of
 * a branch can be compared part by part (decision 036).
 *
 * Usage: node --experimental-strip-types bench/search-manifest.ts <dist>/search-index
 * A large site's folder without Astro: `bench:site -- --keep --build-timeout 1`
 * keeps the generated site under .cache/bench-site-*, its index in dist/search-index.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const [folder] = process.argv.slice(2);
if (!folder) throw new Error('Wegwijs bench: usage: search-manifest.ts <search-index folder>');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`;
const gzip = (text: string) => gzipSync(text).length;
// Entry files are `<locale>.<hash>.json`; shards carry a kind (`nl.t.…`, `nl.d.…`).
for (const name of readdirSync(folder).filter((file) => /^[a-z]{2}\.[0-9a-f]+\.json$/.test(file))) {
  const text = readFileSync(path.join(folder, name), 'utf8');
  const file = JSON.parse(text) as Record<string, unknown>;
  if (typeof file['shards'] !== 'object' || file['shards'] === null) continue;
  console.log(`${name}: v${String(file['v'])}, ${kb(text.length)} raw, ${kb(gzip(text))} gzip`);
  const parts = { lexicon: file['lexicon'], ...(file['shards'] as Record<string, unknown>) };
  for (const [part, value] of Object.entries(parts)) {
    const json = typeof value === 'string' ? value : JSON.stringify(value);
    console.log(`  ${part.padEnd(20)} ${kb(json.length).padStart(10)} raw ${kb(gzip(json)).padStart(10)} gzip`);
  }
}
