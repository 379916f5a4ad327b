import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, fromBase64, toBase64 } from './packing.ts';

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
});
