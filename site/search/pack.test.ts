import { describe, expect, it } from 'vitest';
import { searchIndexFile } from '../content/site-data.ts';
import { buildLexicon } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';
import { mulberry32 } from '#core/util/random.ts';
import { type SearchDocument, type SearchIndexAsset, buildSearchIndex, openSearchIndex, searchArticles } from './engine.ts';
import { BODY_TERMS_KEPT, PRUNE_BODY_ABOVE_ARTICLES, frontCode, keepDistinctiveTerms, packNumbers, packSearchIndex, shardSearchIndex } from './pack.ts';
import { unfrontCode, unpackNumbers } from './shards.ts';
import { type WholeSearchIndexFile, isShardedManifest, shardFile, unpackLexicon, unpackWholeIndex } from './format.ts';

/** The demo index of a locale as the site ships it (whole: the demo is small). */
function demoAsset(locale: Locale): SearchIndexAsset {
  return unpackWholeIndex(JSON.parse(searchIndexFile(locale).json) as WholeSearchIndexFile);
}

describe('shardSearchIndex', () => {
  it('keeps every term, document, field length and lexicon stem of the whole index', () => {
    for (const locale of ['nl', 'en'] as const) {
      const asset = demoAsset(locale);
      const { manifest, files } = shardSearchIndex(asset, { documentShardSize: 3, name: (kind, jsons) => `${kind}.${jsons.length}` });
      const { shards } = manifest;
      expect(isShardedManifest(manifest)).toBe(true);
      expect(isShardedManifest(asset)).toBe(false);
      const terms = unfrontCode(shards.terms);
      expect(terms).toEqual(asset.index.index.map(([term]) => term).sort());
      expect(unpackLexicon(manifest.lexicon, (i) => terms[i], terms.length)).toBe(asset.lexicon);
      const count = asset.index.documentCount;
      const fieldLengths = shards.fieldLength.map((packed) => unpackNumbers(packed, count));
      expect(Array.from({ length: count }, (_, doc) => fieldLengths.map((lengths) => lengths[doc]))).toEqual(
        Array.from({ length: count }, (_, doc) => asset.index.fieldLength[doc]),
      );
      expect(shards.termShards.sizes.reduce((a, b) => a + b, 0)).toBe(asset.index.index.length);
      const documentShards = Math.ceil(count / shards.documentShards.size);
      expect([...files.keys()]).toEqual([
        ...shards.termShards.sizes.map((_, i) => shardFile(`terms.${shards.termShards.sizes.length}`, i)),
        ...Array.from({ length: documentShards }, (_, i) => shardFile(`documents.${documentShards}`, i)),
      ]);
    }
  });

  it('writes the Dutch lexicon as positions, not words', () => {
    const asset = demoAsset('nl');
    const { manifest } = shardSearchIndex(asset, { name: (kind) => kind });
    expect(asset.lexicon.split(' ').length).toBeGreaterThan(100);
    expect(manifest.lexicon.words).toBe('');
    expect(manifest.lexicon.terms.length).toBe(asset.lexicon.split(' ').length);
  });

  it('refuses an index with removed documents', () => {
    const asset = demoAsset('en');
    const { ['0']: _removed, ...documentIds } = asset.index.documentIds;
    expect(() => shardSearchIndex({ ...asset, index: { ...asset.index, documentIds } }, { name: () => 'x' })).toThrow(
      'Wegwijs search: cannot shard an index with removed documents',
    );
  });
});

describe('the packed parts of a manifest', () => {
  it('front-codes sorted terms and reads them back', () => {
    const terms = ['a', 'aanbod', 'aanbieding', 'b', 'bestelling', 'bestellingen', 'x'.repeat(40), `${'x'.repeat(40)}y`, 'ü', 'über'];
    const text = frontCode(terms);
    expect(text.startsWith('Aa')).toBe(true);
    expect(text).toContain('Eieding');
    expect(unfrontCode(text)).toEqual(terms);
    expect(unfrontCode('')).toEqual([]);
    expect(() => frontCode(['Aap'])).toThrow('cannot front-code');
  });

  it('packs whole numbers into digits and reads them back', () => {
    for (const numbers of [[], [7, 7, 7], [0, 1, 63, 64, 4095, 4096, 250_000], [12, 300, 45]]) {
      const packed = packNumbers(numbers);
      expect(unpackNumbers(packed, numbers.length)).toEqual(numbers);
    }
    expect(packNumbers([7, 7, 7])).toEqual({ min: 7, width: 0, digits: '' });
    expect(packNumbers([93, 204]).width).toBe(2);
    expect(() => unpackNumbers(packNumbers([1, 2, 3]), 4)).toThrow('cannot be 4 numbers');
    expect(() => packNumbers([1.5])).toThrow('whole numbers');
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
    const packed = packSearchIndex(asset, (kind) => kind);
    const manifest: unknown = JSON.parse(packed.entry);
    expect(isShardedManifest(manifest)).toBe(true);
    expect(packed.shards.size).toBeGreaterThan(10);
    const { files: unpruned } = shardSearchIndex(asset, { name: (kind) => kind });
    const bytes = (files: Map<string, string>) => [...files.values()].reduce((sum, json) => sum + json.length, 0);
    expect(bytes(packed.shards)).toBeLessThan(bytes(unpruned) * 0.8);
  });
});
