import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoModel } from './demo-model.node.ts';
import { answer } from './answer.ts';
import { decodeModelAsset, encodeModelAsset, readModelAsset } from './asset.ts';

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

  it('refuses bytes that are not an asset, or end too early', () => {
    expect(() => decodeModelAsset(new TextEncoder().encode('{"format":"wegwijs-assistant/1"}'))).toThrow('Wegwijs assistant: not a model asset of a format this page knows');
    const bytes = encodeModelAsset(demoModel('en'));
    expect(() => decodeModelAsset(bytes.subarray(0, bytes.length - 10))).toThrow(/ends too early/);
  });
});
