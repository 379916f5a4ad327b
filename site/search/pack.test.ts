import { describe, expect, it } from 'vitest';
import { searchIndexFile } from '../content/site-data.ts';
import { buildLexicon } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';
import { mulberry32 } from '#core/util/random.ts';
import { type SearchDocument, type SearchIndexAsset, buildSearchIndex, openSearchIndex, searchArticles } from './engine.ts';
import { BODY_TERMS_KEPT, PRUNE_BODY_ABOVE_ARTICLES, keepDistinctiveTerms, packSearchIndex, shardSearchIndex } from './pack.ts';
import { type WholeSearchIndexFile, isShardedManifest, unpackWholeIndex } from './format.ts';

/** The demo index of a locale as the site ships it (whole: the demo is small). */
function demoAsset(locale: Locale): SearchIndexAsset {
  return unpackWholeIndex(JSON.parse(searchIndexFile(locale).json) as WholeSearchIndexFile);
}

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
      index.index
        .map(([term, fields]) => [term, Object.fromEntries(Object.entries(fields).filter(([id]) => id !== bodyId))])
        .filter(([, f]) => Object.keys(f as object).length > 0);
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
    expect(unpackWholeIndex(JSON.parse(packed.entry))).toEqual(asset);
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
