import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModelAsset, decodePhrasings } from '#core/assistant/asset.ts';
import type { Locale } from '#core/locale.ts';
import {
  artifactNames,
  artifactsKey,
  cachedContent,
  cacheKeys,
  contentKey,
  largeSiteLine,
  localeArtifacts,
  localeOfContentFile,
  type LocaleArtifacts,
  readCached,
  startArtifacts,
  taskGroups,
  writeArtifacts,
  writeCached,
} from './artifacts.ts';
import { setBuildState } from './state.ts';
import { shardFile } from '../search/format.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const ARTICLE = path.join('content', 'articles', 'en', 'delivery-times.md');
const DUTCH_ARTICLE = path.join('content', 'articles', 'nl', 'levertijden.md');
/** Phrasing a customer might type, added to an article between two builds. */
const NEW_PHRASING = 'how long b4 my parcel gets here??';

describe('how the build shares out its tasks over worker threads', () => {
  const search = (locale: Locale) => ({ locale, kind: 'search' });
  const model = (locale: Locale) => ({ locale, kind: 'model' });

  it('gives each locale a worker, and on a large site runs the search indexes beside the one compile at a time', () => {
    expect(taskGroups(['nl', 'en'], true)).toEqual([
      [search('nl'), model('nl')],
      [search('en'), model('en')],
    ]);
    // A large site: the models one after the other (memory), the search indexes in a second worker beside them.
    expect(taskGroups(['nl', 'en'], false)).toEqual([
      [search('nl'), search('en')],
      [model('nl'), model('en')],
    ]);
    expect(taskGroups(['nl'], false)).toEqual([[search('nl')], [model('nl')]]);
    expect(taskGroups([], false)).toEqual([]);
    expect(taskGroups([], true)).toEqual([]);
  });
});

describe('the build artifact cache', () => {
  let temp: string;
  let content: string;
  let cache: string;
  const previousRoot = process.env['CONTENT_ROOT'];

  beforeAll(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'wegwijs-artifacts-'));
    content = path.join(temp, 'site');
    cache = path.join(temp, 'cache');
    cpSync(path.join(repo, 'content'), path.join(content, 'content'), { recursive: true });
    // The worker threads read CONTENT_ROOT from the environment they are started with.
    process.env['CONTENT_ROOT'] = content;
  });

  afterAll(() => {
    setBuildState(undefined);
    if (previousRoot === undefined) delete process.env['CONTENT_ROOT'];
    else process.env['CONTENT_ROOT'] = previousRoot;
    rmSync(temp, { recursive: true, force: true });
  });

  /** One build's start: a fresh build state, the English artifacts started, awaited; with what it logged and the large-site line. */
  async function build(locales: Locale[] = ['en'], cached = true): Promise<{ artifacts: LocaleArtifacts; log: string[]; line: string }> {
    const log: string[] = [];
    setBuildState({ contentRoot: content, artifacts: new Map() });
    // Two locales: as on a large site, one worker makes the models in turn and another the search indexes.
    const started = startArtifacts({
      root: repo,
      locales,
      parallel: locales.length === 1,
      keys: cached ? { nl: artifactsKey(repo, content, 'nl'), en: artifactsKey(repo, content, 'en') } : null,
      cacheFolder: cache,
      log: (message) => log.push(message),
    });
    const line = largeSiteLine(locales, started.compiling);
    return { artifacts: await localeArtifacts('en'), log, line };
  }

  it('reuses the model and index for unchanged content, and never after a content change', async () => {
    const first = await build(['nl', 'en']);
    expect(await localeArtifacts('nl')).toMatchObject({ model: { name: expect.stringMatching(/^nl\.[0-9a-f]{10}\.bin$/) } });
    expect(first.log.join('\n')).toMatch(/en: search index and assistant model made/);
    expect(first.log.join('\n')).not.toMatch(/worker failed/);
    expect(first.line).toBe('large site: compiling the search index and assistant model of nl, en before bundling and rendering (memory)');

    const second = await build();
    expect(second.log).toEqual([expect.stringMatching(/en: search index and assistant model from the cache/)]);
    expect(second.artifacts.model.name).toBe(first.artifacts.model.name);
    // Both locales from the cache: the large-site line says so instead of "compiling" (it used to say "compiling" regardless).
    const both = await build(['nl', 'en']);
    expect(both.line).toBe('large site: search index and assistant model of nl, en from the cache; nothing to compile before bundling and rendering');
    expect(both.line).not.toMatch(/compiling/);
    expect(Buffer.from(second.artifacts.model.bytes).equals(Buffer.from(first.artifacts.model.bytes))).toBe(true);
    expect(Buffer.from(second.artifacts.model.phrasings).equals(Buffer.from(first.artifacts.model.phrasings))).toBe(true);
    expect(second.artifacts.search).toEqual(first.artifacts.search);

    // The build's own read of content/ is cached under a key of all the content.
    const keyBefore = artifactsKey(repo, content, 'en');
    const dutchKeyBefore = artifactsKey(repo, content, 'nl');
    const contentKeyBefore = contentKey(repo, content);
    // The build takes all three keys in one read of the files: the same keys as one at a time.
    expect(cacheKeys(repo, content, ['nl', 'en'])).toEqual({ artifacts: { nl: dutchKeyBefore, en: keyBefore }, content: contentKeyBefore });
    expect(dutchKeyBefore).not.toBe(keyBefore);
    const read = cachedContent(cache, contentKeyBefore, content);
    expect(existsSync(path.join(cache, contentKeyBefore, 'content.v8'))).toBe(true);
    expect(cachedContent(cache, contentKeyBefore, content)).toEqual(read);

    // A writer adds a phrasing to one article: the key changes, and the next build compiles it in.
    const file = path.join(content, ARTICLE);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^questions:\n/m, `questions:\n  - ${NEW_PHRASING}\n`));
    expect(artifactsKey(repo, content, 'en')).not.toBe(keyBefore);
    expect(artifactsKey(repo, content, 'nl')).toBe(dutchKeyBefore);
    expect(contentKey(repo, content)).not.toBe(contentKeyBefore);
    const reread = cachedContent(cache, contentKey(repo, content), content);
    expect(reread.articles.find((a) => a.id === 'en/delivery-times')?.questions).toContain(NEW_PHRASING);

    const third = await build();
    expect(third.log.join('\n')).toMatch(/en: search index and assistant model made/);
    expect(third.line).toBe('large site: compiling the search index and assistant model of en before bundling and rendering (memory)');
    expect(third.artifacts.model.name).not.toBe(first.artifacts.model.name);
    // The asset and its phrasings' file are gzip bytes (site/chat/model-asset.ts), as the widget downloads them.
    const model = decodeModelAsset(new Uint8Array(gunzipSync(third.artifacts.model.bytes)));
    expect(model.articles.find((a) => a.id === 'delivery-times')).toMatchObject({ title: expect.any(String) });
    expect(decodePhrasings(new Uint8Array(gunzipSync(third.artifacts.model.phrasings))).get('delivery-times')).toContain(NEW_PHRASING);
    expect(third.artifacts.search.json).not.toBe(first.artifacts.search.json);
  }, 180_000);

  it("recompiles only the locale a writer edited, and the other locale's cached artifacts are what a fresh compile makes", async () => {
    const before = await build(['nl', 'en']);
    const englishBefore = before.artifacts;
    const file = path.join(content, DUTCH_ARTICLE);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^questions:\n/m, 'questions:\n  - wnr komt mn pakje nu eindelijk\n'));

    const edited = await build(['nl', 'en']);
    await localeArtifacts('nl');
    expect(edited.log.join('\n')).toMatch(/nl: search index and assistant model made/);
    expect(edited.log.join('\n')).toMatch(/en: search index and assistant model from the cache/);
    // The large-site line names each: English from the cache, Dutch compiled.
    expect(edited.line).toBe('large site: en from the cache; compiling the search index and assistant model of nl before bundling and rendering (memory)');
    expect(edited.artifacts.model.name).toBe(englishBefore.model.name);

    // The English artifacts compiled afresh, after the Dutch edit, are the cached ones byte for byte:
    // the per-locale key leaves out nothing that shapes them.
    const fresh = await build(['en'], false);
    expect(fresh.log.join('\n')).toMatch(/en: search index and assistant model made/);
    expect(Buffer.from(fresh.artifacts.model.bytes).equals(Buffer.from(englishBefore.model.bytes))).toBe(true);
    expect(Buffer.from(fresh.artifacts.model.phrasings).equals(Buffer.from(englishBefore.model.phrasings))).toBe(true);
    expect(fresh.artifacts.search).toEqual(englishBefore.search);
  }, 180_000);

  it('knows which content files belong to one locale', () => {
    expect(localeOfContentFile('content/articles/nl/levertijden.md')).toBe('nl');
    expect(localeOfContentFile('content/assistant/en.yaml')).toBe('en');
    expect(localeOfContentFile('content/categories.yaml')).toBeNull();
    expect(localeOfContentFile('content/settings.yaml')).toBeNull();
  });

  it('lets pages link a locale still compiling by placeholder, and fills in the real names at the end', async () => {
    const log: string[] = [];
    setBuildState({ contentRoot: content, artifacts: new Map() });
    // No cache: the worker compiles, so right after the start nothing is ready.
    startArtifacts({ root: repo, locales: ['en'], keys: null, cacheFolder: cache, log: (message) => log.push(message) });
    const pending = await artifactNames('en');
    expect(pending.model).toMatch(/^__wegwijs_pending_model_en__$/);
    const dist = path.join(temp, 'dist');
    mkdirSync(path.join(dist, 'en'), { recursive: true });
    const page = path.join(dist, 'en', 'index.html');
    writeFileSync(
      page,
      `<astro-island props="{&quot;modelUrl&quot;:[0,&quot;/assistant-model/${pending.model}&quot;],&quot;indexUrl&quot;:[0,&quot;/search-index/${pending.search}&quot;]}">`,
    );

    expect(await writeArtifacts(dist)).toBe(1);
    const made = await localeArtifacts('en');
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(`/assistant-model/${made.model.name}&quot;`);
    expect(html).toContain(`/search-index/${made.search.name}&quot;`);
    expect(html).not.toContain('__wegwijs_pending_');
    expect(readFileSync(path.join(dist, 'assistant-model', made.model.name))).toEqual(Buffer.from(made.model.bytes));
    expect(readFileSync(path.join(dist, 'assistant-model', made.model.name.replace(/\.bin$/, '.phrasings.bin')))).toEqual(Buffer.from(made.model.phrasings));
    expect(readFileSync(path.join(dist, 'search-index', made.search.name), 'utf8')).toBe(made.search.json);
    // Once made, pages get the real names straight away.
    expect(await artifactNames('en')).toEqual({ search: made.search.name, model: made.model.name });
  }, 180_000);

  it('turns a damaged entry into a miss instead of shipping it', () => {
    const key = artifactsKey(repo, content, 'en');
    const entry = readCached(cache, key, 'en');
    expect(entry).toBeDefined();
    const bin = path.join(cache, key, 'en.model.bin');
    const bytes = readFileSync(bin);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 256;
    writeFileSync(bin, bytes);
    expect(readCached(cache, key, 'en')).toBeUndefined();
    // The phrasings' file too: the model's name carries the hash of both.
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 255) % 256;
    writeFileSync(bin, bytes);
    expect(readCached(cache, key, 'en')).toBeDefined();
    const phrasings = path.join(cache, key, 'en.model.phrasings.bin');
    writeFileSync(phrasings, Buffer.concat([readFileSync(phrasings), Buffer.from([0])]));
    expect(readCached(cache, key, 'en')).toBeUndefined();
    expect(readCached(cache, 'no-such-key', 'en')).toBeUndefined();
  });

  it("checks a large site's shards by the hash their kind's name carries", () => {
    const made = readCached(cache, artifactsKey(repo, content, 'nl'), 'nl');
    if (!made) throw new Error('no cached nl artifacts');
    // Named as site-data.ts names them: one hash per kind, over its shards' JSON joined by newlines.
    const hash = (jsons: string[]) => createHash('sha256').update(jsons.join('\n')).digest('hex').slice(0, 10);
    const terms = ['[["aan"]]', '[["zo"]]'];
    const documents = ['[["nl/a",{}]]'];
    const shards = [
      ...terms.map((json, i) => ({ name: shardFile(`nl.t.${hash(terms)}`, i), json })),
      ...documents.map((json, i) => ({ name: shardFile(`nl.d.${hash(documents)}`, i), json })),
    ];
    const store = (search: typeof made.search, key: string) => {
      writeCached(cache, key, 'nl', { ...made, search });
      return readCached(cache, key, 'nl');
    };
    expect(store({ ...made.search, shards }, 'sharded')?.search.shards).toEqual(shards);
    const damaged = shards.map((shard, i) => (i === 1 ? { ...shard, json: '[["zoo"]]' } : shard));
    expect(store({ ...made.search, shards: damaged }, 'sharded-damaged')).toBeUndefined();
    expect(store({ ...made.search, shards: [shards[1]!, shards[0]!, shards[2]!] }, 'sharded-reordered')).toBeUndefined();
  });
});
