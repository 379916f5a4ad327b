import { describe, expect, it } from 'vitest';
import { getContent, searchIndexFile } from '../content/site-data.ts';
import { buildLexicon } from '#core/language/analysis.ts';
import { type Locale, LOCALES } from '#core/locale.ts';
import { type SearchDocument, type SearchIndexAsset, buildSearchIndex, openSearchIndex, searchArticles } from './engine.ts';
import {
  BODY_TERMS_KEPT,
  PRUNE_BODY_ABOVE_ARTICLES,
  ShardedSearchIndex,
  isShardedManifest,
  keepDistinctiveTerms,
  packSearchIndex,
  prepareSearch,
  shardSearchIndex,
} from './shards.ts';
import { mulberry32 } from '#core/util/random.ts';

/** The demo index of a locale as the site ships it (whole: the demo is small). */
function demoAsset(locale: Locale): SearchIndexAsset {
  return JSON.parse(searchIndexFile(locale).json) as SearchIndexAsset;
}

/** Shards `asset` into many tiny shards and opens it, counting downloads. */
function shardedDemo(asset: SearchIndexAsset, minPrefixLength?: number) {
  let n = 0;
  const { manifest, files } = shardSearchIndex(asset, { termShardBytes: 2_000, documentShardSize: 4, name: (kind) => `${kind}-${n++}.json` });
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

/** What customers type: titles and phrasings whole, a few typed letter by letter, and with a typo. */
function demoQueries(locale: Locale): string[] {
  const articles = getContent().articles.filter((a) => a.locale === locale && !a.draft);
  const phrasings = articles.flatMap((a) => [a.title, ...a.questions]);
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
    const total = manifest.shards.termShards.length + manifest.shards.documentShards.length;
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
    const [two, three] = locale === 'nl' ? ['wa', 'wac'] : ['ac', 'acc'];
    await index.load(two, 20);
    await index.load(three, 20);
    expect(searchArticles(index, two)).toEqual([]);
    expect(searchArticles(index, three).length).toBeGreaterThan(0);
    const { index: fromOne } = shardedDemo(asset, 1);
    await fromOne.load(two, 20);
    expect(searchArticles(fromOne, two).length).toBeGreaterThan(0);
  });
});

describe('prepareSearch', () => {
  it('has nothing to wait for on a whole index', () => {
    expect(prepareSearch(openSearchIndex(demoAsset('nl')), 'wachtwoord', 6)).toBeNull();
  });
});

describe('shardSearchIndex', () => {
  it('keeps every term, document and field length of the whole index', () => {
    const asset = demoAsset('en');
    const { manifest, files } = shardSearchIndex(asset, { name: (kind, json) => `${kind}-${json.length}-${Math.random()}.json` });
    const { shards } = manifest;
    expect(isShardedManifest(manifest)).toBe(true);
    expect(isShardedManifest(asset)).toBe(false);
    expect(shards.terms.split(' ')).toEqual(asset.index.index.map(([term]) => term).sort());
    expect(shards.termShardSizes.reduce((a, b) => a + b, 0)).toBe(asset.index.index.length);
    expect(shards.fieldLength.length).toBe(asset.index.documentCount * Object.keys(asset.index.fieldIds).length);
    expect(files.size).toBe(shards.termShards.length + shards.documentShards.length);
    expect(shards.documentShards.length).toBe(Math.ceil(asset.index.documentCount / shards.documentShardSize));
  });

  it('refuses an index with removed documents', () => {
    const asset = demoAsset('en');
    const { ['0']: _removed, ...documentIds } = asset.index.documentIds;
    expect(() => shardSearchIndex({ ...asset, index: { ...asset.index, documentIds } }, { name: () => 'x' })).toThrow(
      'Wegwijs search: cannot shard an index with removed documents',
    );
  });
});

describe('keepDistinctiveTerms', () => {
  const asset = demoAsset('en');
  const bodyId = String(asset.index.fieldIds['body']);
  const bodyTermsPerDocument = (index: SearchIndexAsset['index']) => {
    const counts = new Map<string, number>();
    for (const [, fields] of index.index) for (const id of Object.keys(fields[bodyId] ?? {})) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  };

  it('keeps at most the given number of body terms per article, and every other field whole', () => {
    const pruned = keepDistinctiveTerms(asset.index, 'body', 10);
    expect(Math.max(...bodyTermsPerDocument(pruned).values())).toBe(10);
    expect(Math.max(...bodyTermsPerDocument(asset.index).values())).toBeGreaterThan(10);
    const others = (index: SearchIndexAsset['index']) =>
      index.index.map(([term, fields]) => [term, Object.fromEntries(Object.entries(fields).filter(([id]) => id !== bodyId))]).filter(([, f]) => Object.keys(f as object).length > 0);
    expect(others(pruned)).toEqual(others(asset.index));
    expect(pruned.fieldLength).toEqual(asset.index.fieldLength);
  });

  it('keeps the words that say what an article is about', () => {
    const pruned = openSearchIndex({ ...asset, index: keepDistinctiveTerms(asset.index, 'body', BODY_TERMS_KEPT) });
    expect(searchArticles(pruned, 'authenticator app')[0]?.id).toBe(searchArticles(openSearchIndex(asset), 'authenticator app')[0]?.id);
  });

  it('names an unknown field', () => {
    expect(() => keepDistinctiveTerms(asset.index, 'bodytext', 10)).toThrow('Wegwijs search: the index has no field "bodytext"');
  });
});

describe('packSearchIndex', () => {
  it('ships a small index whole', () => {
    const asset = demoAsset('nl');
    const packed = packSearchIndex(asset, () => 'never');
    expect(packed.entry).toBe(JSON.stringify(asset));
    expect(packed.shards.size).toBe(0);
  });

  it('prunes and shards the index of a large site', () => {
    const words = 'parcel order return refund payment invoice account password delivery warranty repair voucher discount address'.split(' ');
    const random = mulberry32(7);
    const text = (length: number) => Array.from({ length }, () => `${words[Math.floor(random() * words.length)]}${Math.floor(random() * 400)}`).join(' ');
    const documents: SearchDocument[] = Array.from({ length: PRUNE_BODY_ABOVE_ARTICLES + 1 }, (_, i) => ({
      id: `en/article-${i}`,
      title: text(5),
      category: 'Orders',
      url: `/en/orders/article-${i}/`,
      summary: text(12),
      questions: text(10),
      headings: text(6),
      body: text(80),
    }));
    const asset = buildSearchIndex(documents, 'en', buildLexicon([], 'en'));
    const packed = packSearchIndex(asset, (kind, json) => `${kind}.${json.length}.${Math.random()}.json`);
    const manifest: unknown = JSON.parse(packed.entry);
    expect(isShardedManifest(manifest)).toBe(true);
    expect(packed.shards.size).toBeGreaterThan(10);
    const { files: unpruned } = shardSearchIndex(asset, { name: () => `${Math.random()}` });
    const bytes = (files: Map<string, string>) => [...files.values()].reduce((sum, json) => sum + json.length, 0);
    expect(bytes(packed.shards)).toBeLessThan(bytes(unpruned) * 0.8);
  });
});
