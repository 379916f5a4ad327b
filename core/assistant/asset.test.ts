import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.ts';
import { demoModel } from './demo-model.node.ts';
import { answer } from './answer.ts';
import { decodeModelAsset, encodeModelAsset, readModelAsset } from './asset.ts';
import { ByteReader, fromBase64 } from './packing.ts';
import { createArticle, SHOP_RULES } from './testing.ts';

describe('the model asset', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`gives back the compiled ${locale} model, field for field, and the same answers`, async () => {
      const model = demoModel(locale);
      const gzipped = gzipSync(encodeModelAsset(model));
      const read = await readModelAsset(new Blob([gzipped]).stream());
      expect(read).toEqual(model);
      for (const message of ['waar is mijn pakket', 'ik wil iets terugsturen', 'where is my parcel', 'kan ik betalen met klarna', 'qwerty']) {
        expect(answer(read, message)).toEqual(answer(model, message));
      }
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
    expect(decodeModelAsset(encodeModelAsset(model))).toEqual(model);
  });

  it('refuses bytes that are not an asset, or end too early', () => {
    expect(() => decodeModelAsset(new TextEncoder().encode('WWA1{"format":"wegwijs-assistant/1"}'))).toThrow(
      'Wegwijs assistant: not a model asset of a format this page knows',
    );
    const bytes = encodeModelAsset(demoModel('en'));
    expect(() => decodeModelAsset(bytes.subarray(0, bytes.length - 10))).toThrow(/ends too early/);
  });
});
