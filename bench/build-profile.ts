/**
 * Splits the CPU profiles of one site build by phase, per thread: content
 * load and parse, Markdown render, model compile, search index, page render,
 * writing files, bundling, module loading, garbage collection, idle.
 *
 * A profile's samples are wall-clock slices of one thread; each goes to the
 * first part of {@link PARTS} that has a frame on the sample's call stack
 * (so a Markdown parse inside the search index counts as search index, one
 * inside the content loader's render as Markdown render).
 *
 * Usage, in a folder of bench/site-content.ts output:
 *   CONTENT_ROOT=$PWD DIST_DIR=$PWD/dist WEGWIJS_BUILD_CACHE_DIR=$PWD/build-artifacts \
 *     node --experimental-strip-types --cpu-prof --cpu-prof-dir=$PWD/prof <repo>/bench/site-build.ts $PWD/astro-cache
 *   node --experimental-strip-types <repo>/bench/build-profile.ts $PWD/prof
 * Prints one Markdown table per thread (main thread first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type Match = (frame: CallFrame) => boolean;
const fn =
  (...names: string[]): Match =>
  (f) =>
    names.includes(f.functionName);
const url =
  (...parts: string[]): Match =>
  (f) =>
    parts.some((p) => f.url.includes(p));
const either =
  (...matches: Match[]): Match =>
  (f) =>
    matches.some((m) => m(f));

/** Parts in priority order: a sample counts for the first whose matcher hits a frame of its stack. */
const PARTS: [name: string, match: Match][] = [
  ['garbage collection', fn('(garbage collector)')],
  ['idle (waiting)', fn('(idle)')],
  ['content read and validated', either(fn('loadContent', 'cachedContent', 'readArticle'), url('core/content/load'))],
  ['model: training', url('core/assistant/softmax.ts')],
  ['model: features (counting, vectorising, lexicon)', either(url('core/assistant/features.ts'), url('core/language/'))],
  ['model: rest of the compile (rules, packing, gzip)', either(fn('compileModel', 'assistantModelFile', 'encodeModelAsset'), url('core/assistant/'))],
  [
    'search index (Markdown to text, MiniSearch, shards)',
    either(fn('searchIndexFile', 'searchDocuments', 'buildSearchIndex', 'packSearchIndex'), url('site/search/')),
  ],
  [
    'content layer: Markdown render',
    either(fn('renderMarkdown'), url('@astrojs/markdown-remark', 'shiki', 'satteri', 'rehype', 'remark', 'micromark', 'mdast', 'hast')),
  ],
  ['content layer: store, parseData, sync', url('site/content/loader.ts', 'astro/dist/content/')],
  // Astro empties the output folder before it bundles; since decision 041 the build sweeps it at the end instead.
  ['output folder: emptied first, or swept at the end', fn('emptyDir', 'removeUnwritten')],
  ['writing files', fn('mkdir', 'writeFile', 'writeFileUtf8', 'writeBuffer', 'writeString', 'open', 'close', 'rename', 'copyFile')],
  [
    'page render',
    either(
      url(
        'astro/dist/runtime/',
        'astro/dist/core/render',
        'astro/dist/core/build/generate',
        'site/pages/',
        'site/layouts/',
        '/.prerender/',
        '/chunks/',
        '/pages/',
      ),
    ),
  ],
  ['bundling (Vite, Rolldown, Babel, esbuild)', url('vite', 'rollup', 'rolldown', 'esbuild', '@babel', 'lightningcss', 'postcss')],
  ['module loading and start-up', either(url('node:internal/modules', 'node:internal/bootstrap'), fn('compileSourceTextModule', 'wrapSafe'))],
  ['other (program, Node internals, the rest)', () => true],
];

function split(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = partOf.get(id);
    if (known) return known;
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame);
    const part = PARTS.find(([, match]) => stack.some(match))![0];
    partOf.set(id, part);
    return part;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const part = classify(id);
    totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

const folder = process.argv[2];
if (!folder) throw new Error('Wegwijs bench: usage: build-profile.ts <folder of .cpuprofile files>');
// Node names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread.
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.cpuprofile'))
  .sort((a, b) => Number(a.split('.').at(-3)) - Number(b.split('.').at(-3)));
for (const file of files) {
  const totals = split(JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Profile);
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const busy = all - (totals.get('idle (waiting)') ?? 0);
  const thread = file.split('.').at(-3) === '0' ? 'main thread' : `worker ${file.split('.').at(-3)}`;
  console.log(`\n${thread} (${file}): ${(all / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s not idle\n`);
  console.log('| Part | Profile time | Share |\n|---|---|---|');
  for (const [name] of PARTS) {
    const ms = totals.get(name);
    if (ms === undefined || ms < 50) continue;
    console.log(`| ${name} | ${(ms / 1000).toFixed(1)} s | ${((ms / all) * 100).toFixed(0)} % |`);
  }
}
