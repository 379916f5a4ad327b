/**
 * The build's two expensive products per locale, the search index files and
 * the assistant model asset, made once per build, off the page-rendering
 * path and, when content and code are unchanged, not at all
 * (docs/decisions/015-build-artifact-cache.md,
 * docs/decisions/028-pages-render-while-the-model-compiles.md):
 *
 * - the build integration ({@link startArtifacts}, see integration.ts) reads
 *   content/ once and starts them with that content in worker threads, while
 *   Astro syncs content, bundles and renders; or reads them from the cache
 *   under `.cache/build-artifacts/`, keyed per locale by a hash of the
 *   content files that shape that locale's artifacts and of the code that
 *   makes them (an edit to a Dutch article leaves the English model cached);
 * - the pages link them through {@link artifactNames}, which never waits for
 *   a worker: a locale still being made gets a placeholder name, and
 *   {@link writeArtifacts}, at the end of the build, writes the files and
 *   puts the real names into the pages; outside a build (`astro dev`, tests)
 *   {@link localeArtifacts} makes them in this thread, as before.
 *
 * The hand-over between the integration and the pages is the build's
 * shared state (state.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { type Content, loadContent } from '#core/content/load.node.ts';
import type { Locale } from '#core/locale.ts';
import { phrasingsFileName } from '#core/assistant/asset.ts';
import { assistantModelFile } from '../chat/model-asset.ts';
import { contentRoot, searchIndexFile } from '../content/site-data.ts';
import { shardFile } from '../search/format.ts';
import { writeOutputFile } from './output-folder.ts';
import { buildState, type LocaleArtifacts } from './state.ts';

export type { LocaleArtifacts } from './state.ts';

/**
 * The search index and model of a locale: the build's (started early, maybe
 * from the cache), else made here and now.
 */
export function localeArtifacts(locale: Locale): Promise<LocaleArtifacts> {
  const state = buildState(contentRoot());
  let artifacts = state?.artifacts.get(locale);
  if (!artifacts) {
    artifacts = Promise.resolve({ search: searchIndexFile(locale), model: assistantModelFile(locale) });
    state?.artifacts.set(locale, artifacts);
  }
  return artifacts;
}

/** File names a page links: the search index entry under /search-index/, the model under /assistant-model/. */
export interface ArtifactNames {
  search: string;
  model: string;
}

/**
 * Stands in for a name in a page rendered before its locale's artifacts
 * exist; {@link writeArtifacts} replaces it. Letters, digits and underscores
 * only, so it comes through Astro's attribute and JSON escaping unchanged.
 */
function placeholder(kind: keyof ArtifactNames, locale: Locale): string {
  return `__wegwijs_pending_${kind}_${locale}__`;
}
const PLACEHOLDER = /__wegwijs_pending_(search|model)_([a-z]{2})__/g;

/**
 * The names a page links for a locale's search index and model. In a build
 * this never waits for a worker (every page would otherwise wait for the
 * slowest compile): a locale not made yet gets placeholder names, which
 * {@link writeArtifacts} replaces once it is. Elsewhere, the real names.
 */
export async function artifactNames(locale: Locale): Promise<ArtifactNames> {
  const state = buildState(contentRoot());
  const ready = state?.ready?.get(locale);
  if (ready) return { search: ready.search.name, model: ready.model.name };
  if (state?.ready && state.artifacts.has(locale)) {
    state.placeholders = true;
    return { search: placeholder('search', locale), model: placeholder('model', locale) };
  }
  const { search, model } = await localeArtifacts(locale);
  return { search: search.name, model: model.name };
}

/**
 * Whether this build writes the artifact files itself ({@link writeArtifacts})
 * instead of through Astro's endpoints: their `getStaticPaths` runs before
 * any page renders, so awaiting a worker there would hold up every page.
 */
export function artifactsWrittenByBuild(): boolean {
  return buildState(contentRoot())?.ready !== undefined;
}

/**
 * End of the build: waits for every locale's artifacts, writes their files
 * (search index files under `search-index/`, models under `assistant-model/`)
 * and, if a page linked a placeholder, puts the real names into the HTML.
 * @returns how many pages got their names filled in
 */
export async function writeArtifacts(outDir: string): Promise<number> {
  const state = buildState(contentRoot());
  if (!state?.ready) return 0;
  const made = new Map<string, LocaleArtifacts>();
  for (const [locale, artifacts] of state.artifacts) made.set(locale, await artifacts);
  const searchFolder = path.join(outDir, 'search-index');
  const modelFolder = path.join(outDir, 'assistant-model');
  mkdirSync(searchFolder, { recursive: true });
  mkdirSync(modelFolder, { recursive: true });
  for (const { search, model } of made.values()) {
    for (const { name, json } of [search, ...search.shards]) writeOutputFile(path.join(searchFolder, name), json);
    writeOutputFile(path.join(modelFolder, model.name), model.bytes);
    writeOutputFile(path.join(modelFolder, phrasingsFileName(model.name)), model.phrasings);
  }
  if (!state.placeholders) return 0;
  let pages = 0;
  for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.html')) continue;
    const page = path.join(outDir, file);
    const html = readFileSync(page, 'utf8');
    if (!html.includes('__wegwijs_pending_')) continue;
    writeFileSync(
      page,
      html.replace(PLACEHOLDER, (token, kind: keyof ArtifactNames, locale: string) => {
        const artifacts = made.get(locale);
        if (!artifacts) throw new Error(`Wegwijs: ${file} links ${token}, but no ${locale} artifacts were made`);
        return artifacts[kind].name;
      }),
    );
    pages++;
  }
  return pages;
}

// ---------------------------------------------------------------------------
// The cache

/** Where cached artifacts live, under the Astro root (git-ignored). */
export function cacheFolder(root: string): string {
  return path.join(root, '.cache', 'build-artifacts');
}

/** Entries kept (one per locale and one for the content read, per build): a few builds' worth, so switching back and forth between branches or content (and the test suite's fixture sites) stays fast. */
const KEEP_ENTRIES = 12;

/**
 * The code that decides the artifacts' bytes: the shared core (content
 * loading, language analysis, the assistant compiler), the site's search and
 * model code and this folder; plus the locked dependency versions and Node's
 * zlib (the model is gzipped). Broad on purpose: a change anywhere in there
 * makes a new key, never a stale model.
 */
const CODE = ['core', 'site/search', 'site/content', 'site/chat/model-asset.ts', 'site/build', 'package-lock.json'];

function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile())
    .map((file) => path.relative(root, path.join(file.parentPath, file.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The locale a file under content/ belongs to (`content/articles/nl/…`,
 * `content/assistant/nl.yaml`), or null for the files every locale's
 * artifacts read (categories, settings).
 */
export function localeOfContentFile(file: string): Locale | null {
  const match = /^content\/(?:articles\/([a-z]{2})\/|assistant\/([a-z]{2})\.yaml$)/.exec(file);
  const locale = match?.[1] ?? match?.[2];
  return locale === undefined ? null : (locale as Locale);
}

/**
 * SHA-256 keys over the code version and the files under `<contentRoot>/content/`
 * (path and bytes): one per entry of `includes`, over the content files its
 * filter keeps. Every file is read once for all the keys (a build takes three:
 * each locale's and the content's; at 5,000 articles per locale that is
 * 10,000 files read once instead of twice, and the code's thrice). Any byte
 * of content or code that changes, changes every key that covers it.
 */
function keysOver<K extends string>(root: string, content: string, includes: Readonly<Record<K, (file: string) => boolean>>): Record<K, string> {
  const keys = (Object.keys(includes) as K[]).map((label) => ({ label, include: includes[label], hash: createHash('sha256') }));
  const add = (base: string, files: string[], into: (file: string) => Hash[]) => {
    for (const file of files) {
      // Test files do not shape the artifacts; leaving them out keeps a test edit from invalidating the cache.
      if (/\.test\.tsx?$/.test(file)) continue;
      const covering = into(file);
      if (covering.length === 0) continue;
      const bytes = readFileSync(path.join(base, file));
      for (const hash of covering) {
        hash.update(`${file}\0`);
        hash.update(bytes);
        hash.update('\0');
      }
    }
  };
  for (const { hash } of keys) hash.update(`code ${process.versions.zlib}\0`);
  const hashes = keys.map(({ hash }) => hash);
  add(
    root,
    CODE.flatMap((entry) => filesUnder(root, entry)),
    () => hashes,
  );
  for (const { label, hash } of keys) hash.update(`content ${label}\0`);
  add(content, filesUnder(content, 'content'), (file) => keys.filter(({ include }) => include(file)).map(({ hash }) => hash));
  return Object.fromEntries(keys.map(({ label, hash }) => [label, hash.digest('hex').slice(0, 32)])) as Record<K, string>;
}

/** Which content files a locale's artifacts read: the shared ones (categories, settings) and that locale's own. */
const ofLocale = (locale: Locale) => (file: string) => [null, locale].includes(localeOfContentFile(file));

/**
 * The cache keys of a build, every file read once: each locale's artifacts'
 * ({@link artifactsKey}) and the validated content's ({@link contentKey}).
 */
export function cacheKeys(root: string, content: string, locales: readonly Locale[]): { artifacts: Partial<Record<Locale, string>>; content: string } {
  const keys: Record<string, string> = keysOver(root, content, {
    ...Object.fromEntries(locales.map((locale) => [locale, ofLocale(locale)])),
    all: () => true,
  });
  return { artifacts: Object.fromEntries(locales.map((locale) => [locale, keys[locale]!])), content: keys['all']! };
}

/**
 * The cache key of one locale's artifacts: the code, the shared content
 * files and that locale's own. A locale's search index and model read
 * nothing of another locale's articles or rules (artifacts.test.ts compiles
 * one afresh after an edit to the other and compares the bytes), so a
 * writer's edit to one article recompiles its locale only.
 */
export function artifactsKey(root: string, content: string, locale: Locale): string {
  return cacheKeys(root, content, [locale]).artifacts[locale]!;
}

/** The cache key of the validated content/ as a whole ({@link cachedContent}): the code and every content file. */
export function contentKey(root: string, content: string): string {
  return cacheKeys(root, content, []).content;
}

/** First 10 hex digits of SHA-256: the hash the artifacts' file names carry (a model's: over its asset and its phrasings' file). */
function shortHash(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 10);
}

/**
 * Whether shard files carry the hash their build gives them: the shards of a
 * kind share a name (`nl.d.<hash>-<i>.json`, see `shardFile`), hashed over
 * all their texts joined by newlines, in order.
 */
function shardsNamed(shards: readonly { name: string; json: string }[]): boolean {
  const kinds = new Map<string, string[]>();
  for (const { name, json } of shards) {
    const kind = name.slice(0, name.lastIndexOf('-'));
    const jsons = kinds.get(kind) ?? [];
    if (name !== shardFile(kind, jsons.length)) return false;
    jsons.push(json);
    kinds.set(kind, jsons);
  }
  return [...kinds].every(([kind, jsons]) => kind.endsWith(`.${shortHash(jsons.join('\n'))}`));
}

/** A cached file on disk: the model's bytes beside the search files as JSON. */
interface CachedSearch {
  name: string;
  json: string;
  shards: { name: string; json: string }[];
}

/**
 * The cached artifacts of a locale, or undefined when there are none or they
 * do not check out (each file name must carry the hash of its bytes, as the
 * build names them), so a damaged entry is rebuilt, never shipped.
 */
export function readCached(folder: string, key: string, locale: Locale): LocaleArtifacts | undefined {
  const entry = path.join(folder, key);
  try {
    const search = JSON.parse(readFileSync(path.join(entry, `${locale}.search.json`), 'utf8')) as CachedSearch;
    const modelName = readFileSync(path.join(entry, `${locale}.model.name`), 'utf8');
    const bytes = new Uint8Array(readFileSync(path.join(entry, `${locale}.model.bin`)));
    const phrasings = new Uint8Array(readFileSync(path.join(entry, `${locale}.model.phrasings.bin`)));
    const named = (name: string, hash: string) => name.includes(`.${hash}.`);
    if (!named(modelName, shortHash(bytes, phrasings)) || !named(search.name, shortHash(search.json)) || !shardsNamed(search.shards)) {
      return undefined;
    }
    return { search, model: { name: modelName, bytes, phrasings } };
  } catch {
    return undefined;
  }
}

/**
 * Stores a locale's artifacts under `key`: written to a temporary folder and
 * renamed into place, so a build stopped halfway (or a second build at the
 * same time) never leaves a half-written entry. Then drops all but the
 * newest entries.
 */
export function writeCached(folder: string, key: string, locale: Locale, artifacts: LocaleArtifacts): void {
  const entry = path.join(folder, key);
  const temp = path.join(folder, `.${key}.${locale}.${process.pid}.${Date.now()}`);
  mkdirSync(temp, { recursive: true });
  const search: CachedSearch = { name: artifacts.search.name, json: artifacts.search.json, shards: artifacts.search.shards };
  writeFileSync(path.join(temp, `${locale}.search.json`), JSON.stringify(search));
  writeFileSync(path.join(temp, `${locale}.model.bin`), artifacts.model.bytes);
  writeFileSync(path.join(temp, `${locale}.model.phrasings.bin`), artifacts.model.phrasings);
  writeFileSync(path.join(temp, `${locale}.model.name`), artifacts.model.name);
  mkdirSync(entry, { recursive: true });
  for (const file of readdirSync(temp)) renameSync(path.join(temp, file), path.join(entry, file));
  rmSync(temp, { recursive: true, force: true });
  const entries = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => ({ name: e.name, time: statSync(path.join(folder, e.name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of entries.slice(KEEP_ENTRIES)) if (old.name !== key) rmSync(path.join(folder, old.name), { recursive: true, force: true });
}

/**
 * The validated content/ of `contentRoot`: from the cache entry of `key`
 * (v8-serialised, written after an earlier build read and validated the
 * same bytes with the same code), else read, validated and cached. Invalid
 * content throws {@link loadContent}'s file-and-field errors and is never cached.
 */
export function cachedContent(folder: string, key: string | null, contentRoot: string): Content {
  const file = key === null ? null : path.join(folder, key, 'content.v8');
  if (file) {
    try {
      return deserialize(readFileSync(file)) as Content;
    } catch {
      // No entry yet, or one that does not read: read content/ itself.
    }
  }
  const content = loadContent(contentRoot);
  if (file) {
    try {
      const temp = `${file}.${process.pid}.tmp`;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, serialize(content));
      renameSync(temp, file);
    } catch {
      // The cache only saves time.
    }
  }
  return content;
}

// ---------------------------------------------------------------------------
// Started by the build

/** Options of {@link startArtifacts}. */
export interface StartOptions {
  /** The Astro root (where the code and `.cache/` are). */
  root: string;
  locales: readonly Locale[];
  /** Each locale's cache key ({@link artifactsKey}), or null: no cache read or written (`WEGWIJS_BUILD_CACHE=0`). */
  keys: Readonly<Partial<Record<Locale, string>>> | null;
  /** Default: {@link cacheFolder} of `root`. */
  cacheFolder?: string;
  /**
   * Compile the locales at the same time (default) or one after the other:
   * a compile holds its whole weight matrix (features × articles), so on a
   * large site two at once would double the build's peak memory.
   */
  parallel?: boolean;
  /** Log one line per locale (cache hit or compiled, and how long). */
  log: (message: string) => void;
  /**
   * The build's validated content/, handed to the workers so content is read
   * once per build, not once per thread: the content itself, or `'to follow'`
   * when the caller reads it after starting the workers (their start-up then
   * runs beside that read) and hands it over with {@link StartedArtifacts.content}.
   * Without it each worker reads content/ itself.
   */
  content?: Content | 'to follow';
}

/** What {@link startArtifacts} started. */
export interface StartedArtifacts {
  /** Stops the workers still running (the build failed). */
  stop: () => void;
  /** Hands the build's content to the workers waiting for it (`content: 'to follow'`). */
  content: (content: Content) => void;
  /** The locales being compiled (not in the cache), in build order; the others came from the cache. */
  compiling: readonly Locale[];
}

/**
 * What a large site's build does before Astro bundles and renders, as its
 * log line says it: compiling the locales not in the cache, or, when every
 * locale came from the cache, that there is nothing to compile.
 *
 * @example largeSiteLine(['nl', 'en'], ['nl']) // 'large site: en from the cache; compiling the search index and assistant model of nl before bundling and rendering (memory)'
 */
export function largeSiteLine(locales: readonly Locale[], compiling: readonly Locale[]): string {
  const cached = locales.filter((locale) => !compiling.includes(locale));
  if (compiling.length === 0)
    return `large site: search index and assistant model of ${cached.join(', ')} from the cache; nothing to compile before bundling and rendering`;
  const fromCache = cached.length > 0 ? `${cached.join(', ')} from the cache; ` : '';
  return `large site: ${fromCache}compiling the search index and assistant model of ${compiling.join(', ')} before bundling and rendering (memory)`;
}

/**
 * Starts every locale's artifacts for this build and hands them to the
 * pages ({@link localeArtifacts}): from the cache when content and code are
 * unchanged, else in worker threads ({@link taskGroups}), in parallel with
 * the rest of the build, then cached. A worker that cannot start or fails leaves its tasks to be
 * made in this thread, as before.
 */
export function startArtifacts(options: StartOptions): StartedArtifacts {
  const root = contentRoot();
  const state = buildState(root);
  if (!state) throw new Error('Wegwijs: startArtifacts runs inside a build (setBuildState first)');
  const folder = options.cacheFolder ?? cacheFolder(options.root);
  const keyOf = (locale: Locale): string | null => options.keys?.[locale] ?? null;
  const worker = new URL('./worker.ts', `file://${path.join(options.root, 'site', 'build')}/`);
  const running = new Set<Worker>();
  let stopped = false;
  const missing: Locale[] = [];
  const ready = new Map<Locale, LocaleArtifacts>();
  // From here the pages link what is ready by name and the rest by placeholder (artifactNames).
  state.ready = ready;
  for (const locale of options.locales) {
    const key = keyOf(locale);
    const cached = key === null ? undefined : readCached(folder, key, locale);
    if (cached) {
      options.log(`${locale}: search index and assistant model from the cache (${key?.slice(0, 10)})`);
      ready.set(locale, cached);
      state.artifacts.set(locale, Promise.resolve(cached));
    } else missing.push(locale);
  }
  // One worker per locale, or on a large site one for the models in turn (one compile at a time) and one
  // for the search indexes beside it; see taskGroups.
  const started = performance.now();
  const made = new Map<ArtifactTaskKey, Promise<ArtifactFile>>();
  for (const group of taskGroups(missing, options.parallel !== false)) {
    for (const [key, file] of inWorker(worker, { tasks: group, content: options.content }, running)) made.set(key, file);
  }
  for (const locale of missing) {
    const part = <K extends ArtifactTask['kind']>(kind: K, here: () => LocaleArtifacts[K]) =>
      (made.get(taskKey({ kind, locale })) as Promise<LocaleArtifacts[K]>).catch((error: unknown) => {
        if (stopped) throw error;
        options.log(`${locale}: ${KIND_NAMES[kind]} worker failed (${error instanceof Error ? error.message : String(error)}); making it in this thread`);
        return here();
      });
    const artifacts = Promise.all([part('search', () => searchIndexFile(locale)), part('model', () => assistantModelFile(locale))]).then(([search, model]) => {
      const artifacts: LocaleArtifacts = { search, model };
      options.log(`${locale}: search index and assistant model made, ${((performance.now() - started) / 1000).toFixed(1)} s after the start`);
      const key = keyOf(locale);
      if (key !== null) {
        try {
          writeCached(folder, key, locale, artifacts);
        } catch (error) {
          // The cache only saves time: a full disk or a read-only tree must not fail the build.
          options.log(`${locale}: not cached (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      ready.set(locale, artifacts);
      return artifacts;
    });
    // Awaited by the pages; a rejection surfaces there, not as an unhandled one here.
    artifacts.catch(() => undefined);
    state.artifacts.set(locale, artifacts);
  }
  return {
    stop: () => {
      stopped = true;
      for (const thread of running) void thread.terminate();
    },
    content: (content) => {
      for (const thread of running) thread.postMessage(content);
    },
    compiling: missing,
  };
}

/** One thing a worker makes: a locale's search index files, or its assistant model. */
export interface ArtifactTask {
  locale: Locale;
  kind: 'search' | 'model';
}
type ArtifactTaskKey = `${ArtifactTask['kind']} ${Locale}`;
const taskKey = ({ kind, locale }: ArtifactTask): ArtifactTaskKey => `${kind} ${locale}`;
type ArtifactFile = LocaleArtifacts[ArtifactTask['kind']];
const KIND_NAMES: Record<ArtifactTask['kind'], string> = { search: 'search index', model: 'assistant model' };

/**
 * How the tasks of the locales to make are shared out over worker threads,
 * one group per worker, each group made in turn
 * (docs/decisions/034-build-search-index-beside-the-compile.md).
 * `parallel` (up to 1,000 articles per locale): one worker per locale, its
 * search index and then its model, as before; the page thread renders beside
 * them, so both cores are busy, and a worker more only adds its start-up.
 * Otherwise (a large site: the compile runs before Astro's work, one model at
 * a time for memory) the models in one worker, in turn, and the search
 * indexes in another beside it, on the core the page thread leaves idle while
 * it waits for the compile.
 *
 * @example taskGroups(['nl', 'en'], false) // [[search nl, search en], [model nl, model en]]
 */
export function taskGroups(locales: readonly Locale[], parallel: boolean): ArtifactTask[][] {
  const task = (locale: Locale, kind: ArtifactTask['kind']): ArtifactTask => ({ locale, kind });
  if (parallel) return locales.map((locale) => [task(locale, 'search'), task(locale, 'model')]);
  if (locales.length === 0) return [];
  return [locales.map((locale) => task(locale, 'search')), locales.map((locale) => task(locale, 'model'))];
}

/** What worker.ts is started with. */
export interface WorkerData {
  tasks: readonly ArtifactTask[];
  /**
   * The build's content (structured-cloned into the worker); `'to follow'`: it
   * comes as the first message; undefined: the worker reads content/ itself.
   */
  content: Content | 'to follow' | undefined;
}

/** Runs worker.ts for `data.tasks`, in turn in one thread: each task's file as the worker posts it. */
function inWorker(worker: URL, data: WorkerData, running: Set<Worker>): Map<ArtifactTaskKey, Promise<ArtifactFile>> {
  const pending = new Map<ArtifactTaskKey, { resolve: (file: ArtifactFile) => void; reject: (error: unknown) => void }>();
  const results = new Map<ArtifactTaskKey, Promise<ArtifactFile>>();
  for (const task of data.tasks) {
    const key = taskKey(task);
    const result = new Promise<ArtifactFile>((resolve, reject) => pending.set(key, { resolve, reject }));
    // Handled where it is awaited (a fallback in this thread); this keeps an early rejection from counting as unhandled.
    result.catch(() => undefined);
    results.set(key, result);
  }
  const failAll = (error: unknown) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  try {
    const thread = new Worker(worker, { workerData: data });
    running.add(thread);
    thread.on('message', ({ file, ...task }: ArtifactTask & { file: ArtifactFile }) => {
      const key = taskKey(task);
      pending.get(key)?.resolve(file);
      pending.delete(key);
    });
    thread.once('error', failAll);
    thread.once('exit', (code) => {
      running.delete(thread);
      failAll(new Error(`exit code ${code} before every task was made`));
    });
  } catch (error) {
    // No worker at all (an older Node without type stripping): every task falls back.
    failAll(error);
  }
  return results;
}
