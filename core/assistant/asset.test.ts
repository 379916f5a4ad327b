import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.ts';
import { demoModel } from './demo-model.node.ts';
import { answer, closestPhrasingOf } from './answer.ts';
import { decodeModelAsset, decodePhrasings, encodeModelAsset, encodePhrasings, phrasingsFileName, readModelAsset, readPhrasings } from './asset.ts';
import type { AssistantModel } from './model.ts';
import { ByteReader, fromBase64, weightArrays } from './packing.ts';
import { createArticle, SHOP_RULES } from './testing.ts';

/** The model as its asset carries it: the phrasings come in a file of their own, the weights as the arrays the answer reads. */
function asShipped(model: AssistantModel): AssistantModel {
  return { ...model, articles: model.articles.map(({ phrasings: _, ...article }) => article), weights: weightArrays(model.weights) };
}

describe('the model asset', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`gives back the compiled ${locale} model, field for field but the phrasings, and the same answers`, async () => {
      const model = demoModel(locale);
      const gzipped = gzipSync(encodeModelAsset(model));
      const read = await readModelAsset(new Blob([gzipped]).stream());
      expect(read).toEqual(asShipped(model));
      const phrasings = await readPhrasings(new Blob([gzipSync(encodePhrasings(model))]).stream());
      expect(phrasings).toEqual(new Map(model.articles.map((article) => [article.id, article.phrasings])));
      let explained = 0;
      for (const message of [
        'waar is mijn pakket',
        'ik wil iets terugsturen',
        'where is my parcel',
        'kan ik betalen met klarna',
        'qwerty',
        'wanneer komt mn bestelling',
      ]) {
        const full = answer(model, message);
        const { ranked, ...reply } = answer(read, message);
        // The same reply; only the closest phrasing waits for the phrasings' file, and then is the same too.
        if (full.why.kind !== 'ranking' || full.action === 'nomatch') {
          expect(ranked).toBeUndefined();
          expect(reply).toEqual(full);
          continue;
        }
        expect(reply).toEqual({ ...full, why: { ...full.why, phrasing: null } });
        expect(ranked).toEqual(expect.any(String));
        expect(closestPhrasingOf(read, full.articleId!, phrasings.get(full.articleId!)!, ranked!)).toBe(full.why.phrasing);
        explained++;
      }
      expect(explained).toBeGreaterThan(0);
      // Smaller on the wire than the model's JSON, which is what it replaces.
      expect(gzipped.length).toBeLessThan(gzipSync(JSON.stringify(model)).length * 0.85);
    });
  }

  it('keeps a site of many articles whole: entry counts and article gaps of 63 and more', () => {
    // One word shared by 90 articles: its features have 90 entries, gaps up to 80 apart between the kept ones.
    const articles = Array.from({ length: 90 }, (_, i) =>
      createArticle({
        id: `article-${i}`,
        questions: [`order status ${i} ${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}word`],
      }),
    );
    const model = compileModel(articles, SHOP_RULES, { minWeight: 1e-6, maxWeightsPerArticle: 10_000 });
    const counts = new ByteReader(fromBase64(model.weights.entries));
    let most = 0;
    for (let feature = 0; feature < model.weights.count; feature++) {
      const count = counts.varint();
      most = Math.max(most, count);
      for (let i = 0; i < count; i++) {
        counts.varint();
        counts.byte();
      }
    }
    expect(most).toBeGreaterThanOrEqual(63);
    expect(decodeModelAsset(encodeModelAsset(model))).toEqual(asShipped(model));
  });

  it("names the phrasings' file beside the model's, and refuses a file that is not one", () => {
    expect(phrasingsFileName('nl.0123456789.bin')).toBe('nl.0123456789.phrasings.bin');
    expect(phrasingsFileName('/api/assistant/models/live/en.live.abcdef0123.bin')).toBe('/api/assistant/models/live/en.live.abcdef0123.phrasings.bin');
    expect(() => decodePhrasings(new TextEncoder().encode('{"format":"wegwijs-assistant/1"}'))).toThrow(
      'Wegwijs assistant: not a phrasings file of a format this page knows',
    );
  });

  it('refuses bytes that are not an asset, or end too early', () => {
    // Format 2 carried the phrasings; a page of format 3 refuses it rather than misread it.
    expect(() => decodeModelAsset(new TextEncoder().encode('WWA2{"format":"wegwijs-assistant/1"}'))).toThrow(
      'Wegwijs assistant: not a model asset of a format this page knows',
    );
    const bytes = encodeModelAsset(demoModel('en'));
    expect(() => decodeModelAsset(bytes.subarray(0, bytes.length - 10))).toThrow(/ends too early/);
  });
});
