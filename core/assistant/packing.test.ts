import { describe, expect, it } from 'vitest';
import {
  ByteReader,
  ByteWriter,
  fromBase64,
  packWords,
  RangeDecoder,
  RangeEncoder,
  RiceReader,
  RiceWriter,
  SymbolModels,
  toBase64,
  unpackWords,
} from './packing.ts';

describe('packing', () => {
  it('round-trips varints and bytes through base64', () => {
    const numbers = [0, 1, 127, 128, 300, 16_383, 16_384, 4_194_303, 2 ** 40];
    const writer = new ByteWriter();
    for (const number of numbers) writer.varint(number);
    writer.byte(255);
    const reader = new ByteReader(fromBase64(toBase64(writer.bytes())));
    expect(numbers.map(() => reader.varint())).toEqual(numbers);
    expect(reader.byte()).toBe(255);
    expect(reader.done).toBe(true);
  });

  it('packs small numbers into one byte', () => {
    const writer = new ByteWriter();
    writer.varint(127);
    expect(writer.bytes()).toHaveLength(1);
  });

  it('refuses what it cannot pack and reports data that ends early', () => {
    expect(() => new ByteWriter().varint(-1)).toThrow('assistant: cannot pack -1 as a varint');
    expect(() => new ByteReader(new Uint8Array([0x80])).varint()).toThrow('assistant: packed model data ends too early');
  });

  it('round-trips numbers through Rice codes, and picks the parameter that packs them smallest', () => {
    const gaps = [0, 1, 255, 256, 300, 1_000, 70_000, 3];
    const k = RiceWriter.bestK(gaps);
    expect(k).toBeGreaterThan(0);
    const writer = new RiceWriter(k);
    for (const gap of gaps) writer.write(gap);
    const reader = new RiceReader(writer.bytes(), k);
    expect(gaps.map(() => reader.read())).toEqual(gaps);
    // Reading past the end is an error, not a stream of zeros.
    const short = new RiceReader(new Uint8Array([0xff]), 2);
    expect(() => short.read()).toThrow('assistant: packed model data ends too early');
  });

  it('packs a word list sorted and front-coded, and gives it back in its own order', () => {
    const byFrequency = ['pakket', 'retour', 'bestelling', 'pakketje', 'betalen', 'adres', 'bezorging'];
    const { text, levels } = packWords(byFrequency);
    expect(text.split('\n')[0]).toBe('0adres');
    expect(text).toContain('\n6je');
    expect(unpackWords(text, levels)).toEqual(byFrequency);
    expect(unpackWords(packWords([]).text, packWords([]).levels)).toEqual([]);
    expect(() => packWords(['pakket', 'pakket'])).toThrow('cannot pack the word "pakket"');
    // A large help center's vocabulary: more than 256 runs (here 300 of two words each) take two bytes a word.
    const runs = Array.from({ length: 300 }, (_, i) => [`z${String(i).padStart(3, '0')}`, `a${String(i).padStart(3, '0')}`]).flat();
    const wide = packWords(runs);
    expect(wide.levels.length).toBe(2 * runs.length);
    expect(unpackWords(wide.text, wide.levels)).toEqual(runs);
    expect(packWords(byFrequency).levels.length).toBe(byFrequency.length);
  });

  it('range-codes symbols under their contexts, and packs skewed ones below a byte each', () => {
    // Seeded, skewed symbols in two contexts: mostly small in one, anything in the other.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const symbols = Array.from({ length: 20_000 }, (_, i) => ({
      context: i % 2,
      value: i % 2 === 0 ? Math.floor(random() ** 4 * 8) : Math.floor(random() * 64),
    }));
    const encoder = new RangeEncoder();
    const models = new SymbolModels(2, 6);
    for (const { context, value } of symbols) encoder.encode(models, context, value);
    const bytes = encoder.finish();
    const decoder = new RangeDecoder(bytes);
    const fresh = new SymbolModels(2, 6);
    expect(symbols.map(({ context }) => decoder.decode(fresh, context))).toEqual(symbols.map(({ value }) => value));
    expect(bytes.length).toBeLessThan(symbols.length * 0.6);
    expect(() => encoder.encode(models, 0, 64)).toThrow('assistant: cannot code 64 in 6 bits');
    expect(() => new RangeDecoder(new Uint8Array(3))).toThrow('assistant: packed model data ends too early');
  });
});
