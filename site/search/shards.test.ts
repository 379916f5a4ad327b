import { describe, expect, it } from 'vitest';
import { getContent, searchIndexFile, searchPhrasings } from '../content/site-data.ts';
import { type Locale, LOCALES } from '#core/locale.ts';
import { type SearchIndexAsset, openSearchIndex, prepareSearch, searchArticles } from './engine.ts';
import { type ShardedSearchManifest, type WholeSearchIndexFile, unpackWholeIndex } from './format.ts';
import { shardSearchIndex } from './pack.ts';
import { ShardedSearchIndex } from './shards.ts';

/** The demo index of a locale as the site ships it (whole: the demo is small). */
function demoAsset(locale: Locale): SearchIndexAsset {
  return unpackWholeIndex(JSON.parse(searchIndexFile(locale).json) as WholeSearchIndexFile);
}

/** Shards `asset` into many tiny shards and opens it, counting downloads. */
function shardedDemo(asset: SearchIndexAsset, minPrefixLength?: number) {
  const { manifest, files } = shardSearchIndex(asset, { termShardBytes: 2_000, documentShardSize: 4, name: (kind) => kind });
  const fetched: string[] = [];
  const index = new ShardedSearchIndex(
    manifest,
    async (file) => {
      fetched.push(file);
      const json = files.get(file);
      if (json === undefined) throw new Error(`no shard ${file}`);
      return JSON.parse(json);
    },
    { minPrefixLength },
  );
  return { index, manifest, files, fetched };
}

/** What customers type: titles and the phrasings the search indexes, whole, a few typed letter by letter, and with a typo. */
function demoQueries(locale: Locale): string[] {
  const articles = getContent().articles.filter((a) => a.locale === locale && !a.draft);
  const phrasings = articles.flatMap((a) => [a.title, ...searchPhrasings(a.questions)]);
  const typed = phrasings.filter((_, i) => i % 9 === 0).flatMap((p) => Array.from({ length: p.length - 1 }, (_, i) => p.slice(0, i + 2)));
  const typos = phrasings.filter((_, i) => i % 5 === 0).map((p) => p.replace(/(\p{L}{5,})/u, (word) => word.slice(0, 2) + word.slice(3)));
  return [...new Set([...phrasings, ...typed, ...typos])];
}

describe.each(LOCALES)('a sharded index (%s)', (locale) => {
  const asset = demoAsset(locale);
  const whole = openSearchIndex(asset);

  it('gives the same hits, scores and matched terms as the whole index', async () => {
    const { index } = shardedDemo(asset, 1);
    const queries = demoQueries(locale);
    expect(queries.length).toBeGreaterThan(500);
    // Equal scores come out in the order MiniSearch met the articles, which differs between the two: compare in a fixed order.
    const normalize = (hits: ReturnType<typeof searchArticles>) =>
      hits
        .map((hit) => ({ ...hit, score: Math.round(hit.score * 1e9) / 1e9, terms: [...hit.terms].sort() }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    for (const query of queries) {
      await index.load(query, 20);
      expect(normalize(searchArticles(index, query, 20)), query).toEqual(normalize(searchArticles(whole, query, 20)));
    }
  });

  it('downloads only the shards a query needs', async () => {
    const { index, manifest, fetched } = shardedDemo(asset, 1);
    const query = locale === 'nl' ? 'wachtwoord vergeten' : 'forgot password';
    expect(index.isReady(query, 6)).toBe(false);
    await index.load(query, 6);
    expect(index.isReady(query, 6)).toBe(true);
    expect(prepareSearch(index, query, 6)).toBeNull();
    const total = manifest.shards.termShards.sizes.length + Math.ceil(manifest.shards.documentCount / manifest.shards.documentShards.size);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.length).toBeLessThan(total / 4);
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(index.loadedFiles().sort()).toEqual([...fetched].sort());
    // The hits on screen are complete; the ones below may still be placeholders.
    for (const hit of searchArticles(index, query, 6)) expect(hit.id.startsWith(`${locale}/`)).toBe(true);
  });

  it('downloads a shard once, however many queries need it at the same time', async () => {
    const { index, fetched } = shardedDemo(asset, 1);
    const query = locale === 'nl' ? 'pakket' : 'parcel';
    await Promise.all([index.load(query, 6), index.load(query, 6), prepareSearch(index, query, 6)]);
    expect(new Set(fetched).size).toBe(fetched.length);
  });

  it('matches the word being typed as a prefix only from three letters', async () => {
    const { index } = shardedDemo(asset);
    const [two, three] = locale === 'nl' ? ['ka', 'kap'] : ['ac', 'acc'];
    await index.load(two, 20);
    await index.load(three, 20);
    expect(searchArticles(index, two)).toEqual([]);
    expect(searchArticles(index, three).length).toBeGreaterThan(0);
    const { index: fromOne } = shardedDemo(asset, 1);
    await fromOne.load(two, 20);
    expect(searchArticles(fromOne, two).length).toBeGreaterThan(0);
  });
});

describe('a manifest of another format version', () => {
  it('is refused, not misread', () => {
    const { manifest } = shardSearchIndex(demoAsset('en'), { name: (kind) => kind });
    const older = { ...manifest, v: 1 } as unknown as ShardedSearchManifest;
    expect(() => new ShardedSearchIndex(older, async () => [])).toThrow('Wegwijs search: index format 1 is not supported');
  });
});

describe('prepareSearch', () => {
  it('has nothing to wait for on a whole index', () => {
    expect(prepareSearch(openSearchIndex(demoAsset('nl')), 'wachtwoord', 6)).toBeNull();
  });
});
