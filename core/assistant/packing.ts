/**
 * Packing numbers into the model's JSON compactly: unsigned LEB128 varints in
 * a byte array, carried as base64. A JSON array of numbers would cost three to
 * six bytes per weight; this costs one or two, before gzip.
 */
import type { PackedWeights, WeightArrays } from './model.ts';

/** Appends bytes to a growing buffer. */
export class ByteWriter {
  #bytes = new Uint8Array(1024);
  #length = 0;

  /** Appends one byte (0–255). */
  byte(value: number): void {
    if (this.#length === this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    this.#bytes[this.#length++] = value & 0xff;
  }

  /** Appends a non-negative integer as an unsigned LEB128 varint. */
  varint(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new Error(`assistant: cannot pack ${value} as a varint`);
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.byte(rest);
  }

  /** The bytes written so far. */
  bytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}

/** Reads what a {@link ByteWriter} wrote, in the same order. */
export class ByteReader {
  #bytes: Uint8Array;
  #offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** True when every byte has been read. */
  get done(): boolean {
    return this.#offset >= this.#bytes.length;
  }

  /** Reads one byte. */
  byte(): number {
    if (this.#offset >= this.#bytes.length) throw new Error('assistant: packed model data ends too early');
    return this.#bytes[this.#offset++]!;
  }

  /** Reads one unsigned LEB128 varint. */
  varint(): number {
    let value = 0;
    let factor = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 128;
    }
  }
}

/**
 * The engine's own base64 where it has one (`Uint8Array.prototype.toBase64`,
 * `Uint8Array.fromBase64`: Chromium 140+, Firefox 133+, Safari 18.2+; not
 * Node 24): the widget turns its model's weights to base64 and back when it
 * opens, and a profile put half of that step in the hand-written loops below.
 */
const nativeBase64 = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array; prototype: { toBase64?: (this: Uint8Array) => string } };

/** Base64 of bytes; `btoa` exists in browsers and in Node alike. */
export function toBase64(bytes: Uint8Array): string {
  if (nativeBase64.prototype.toBase64) return nativeBase64.prototype.toBase64.call(bytes);
  let binary = '';
  // Chunks keep String.fromCharCode below the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of a base64 string. */
export function fromBase64(text: string): Uint8Array {
  if (nativeBase64.fromBase64) return nativeBase64.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The weights as arrays: those of a decoded asset as they are, packed ones (a compiled model's JSON) unpacked. */
export function weightArrays(weights: PackedWeights | WeightArrays): WeightArrays {
  if (!('entries' in weights)) return weights;
  const { count, idfScale, minWeight, ratio } = weights;
  const bucketReader = new ByteReader(fromBase64(weights.buckets));
  const entryReader = new ByteReader(fromBase64(weights.entries));
  const featureBuckets = new Uint32Array(count);
  const entryStart = new Int32Array(count + 1);
  const articles: number[] = [];
  const bytes: number[] = [];
  let bucket = 0;
  for (let feature = 0; feature < count; feature++) {
    bucket += bucketReader.varint();
    featureBuckets[feature] = bucket;
    entryStart[feature] = articles.length;
    const entries = entryReader.varint();
    let article = 0;
    for (let k = 0; k < entries; k++) {
      article += entryReader.varint();
      articles.push(article);
      bytes.push(entryReader.byte());
    }
  }
  entryStart[count] = articles.length;
  if (!entryReader.done) throw new Error('assistant: the packed entries are longer than their features');
  const idfBytes = fromBase64(weights.idf);
  return {
    count,
    featureBuckets,
    idfBytes,
    idfScale,
    entryStart,
    entryArticle: Uint16Array.from(articles),
    entryByte: Uint8Array.from(bytes),
    minWeight,
    ratio,
  };
}

/**
 * Appends numbers as Rice codes: `value >> k` in unary, then its low `k`
 * bits. For gaps between random sorted numbers (hash buckets) this is within
 * a few per cent of their entropy, where varints under gzip cost a tenth more.
 */
export class RiceWriter {
  #bytes = new ByteWriter();
  #current = 0;
  #used = 0;
  readonly k: number;

  constructor(k: number) {
    this.k = k;
  }

  #bit(bit: number): void {
    this.#current |= bit << this.#used;
    if (++this.#used === 8) {
      this.#bytes.byte(this.#current);
      this.#current = 0;
      this.#used = 0;
    }
  }

  /** Appends a non-negative integer. */
  write(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new Error(`assistant: cannot pack ${value} as a Rice code`);
    for (let q = Math.floor(value / 2 ** this.k); q > 0; q--) this.#bit(1);
    this.#bit(0);
    for (let i = 0; i < this.k; i++) this.#bit(Math.floor(value / 2 ** i) & 1);
  }

  /** The bytes written so far, the last one padded with zeros. */
  bytes(): Uint8Array {
    if (this.#used === 0) return this.#bytes.bytes();
    const out = new ByteWriter();
    for (const byte of this.#bytes.bytes()) out.byte(byte);
    out.byte(this.#current);
    return out.bytes();
  }

  /** The Rice parameter that codes `values` in the fewest bits. */
  static bestK(values: readonly number[]): number {
    let best = 0;
    let bestBits = Infinity;
    for (let k = 0; k < 24; k++) {
      let bits = 0;
      for (const value of values) bits += Math.floor(value / 2 ** k) + 1 + k;
      if (bits < bestBits) [best, bestBits] = [k, bits];
    }
    return best;
  }
}

/** Reads what a {@link RiceWriter} wrote, with the same `k`. */
export class RiceReader {
  #bytes: Uint8Array;
  #offset = 0;
  readonly k: number;

  constructor(bytes: Uint8Array, k: number) {
    this.#bytes = bytes;
    this.k = k;
  }

  #bit(): number {
    const byte = this.#bytes[this.#offset >> 3];
    if (byte === undefined) throw new Error('assistant: packed model data ends too early');
    return (byte >> (this.#offset++ & 7)) & 1;
  }

  /** Reads one number. */
  read(): number {
    let q = 0;
    while (this.#bit() === 1) q++;
    let low = 0;
    for (let i = 0; i < this.k; i++) low += this.#bit() * 2 ** i;
    return q * 2 ** this.k + low;
  }
}

/**
 * A list of distinct words as text gzip compresses well: sorted, each line
 * the length of the prefix it shares with the line before (one character,
 * `0`–`9` then `a`–`z`) and the rest of the word. Sorting loses the list's
 * order, so `levels` keeps it: the list is cut into its runs of ascending
 * words, and a word's level is its run's number (a frequency-ordered
 * vocabulary has a few dozen runs; a sorted list one). A level is one byte
 * per word; a list of more than 256 runs (the vocabulary of a help center of
 * thousands of articles) takes two, low byte first, which the reader tells
 * from the stream's length (twice the words).
 */
export function packWords(words: readonly string[]): { text: string; levels: Uint8Array } {
  const levelOf = new Map<string, number>();
  let level = 0;
  words.forEach((word, i) => {
    if (word === '' || levelOf.has(word)) throw new Error(`assistant: cannot pack the word "${word}": empty, or twice`);
    if (word.includes('\n')) throw new Error('assistant: cannot pack a word with a line break');
    if (i > 0 && word < words[i - 1]!) level++;
    if (level > 0xffff) throw new Error('assistant: cannot pack a list of more than 65,536 ascending runs');
    levelOf.set(word, level);
  });
  const sorted = [...words].sort();
  let previous = '';
  const lines = sorted.map((word) => {
    let shared = 0;
    while (shared < 35 && shared < previous.length && shared < word.length && previous[shared] === word[shared]) shared++;
    previous = word;
    return shared.toString(36) + word.slice(shared);
  });
  const wide = level > 0xff;
  const levels = new Uint8Array(sorted.length * (wide ? 2 : 1));
  sorted.forEach((word, i) => {
    const value = levelOf.get(word)!;
    if (wide) {
      levels[2 * i] = value & 0xff;
      levels[2 * i + 1] = value >> 8;
    } else levels[i] = value;
  });
  return { text: lines.join('\n'), levels };
}

/** The words {@link packWords} packed, in their order. */
export function unpackWords(text: string, levels: Uint8Array): string[] {
  if (text === '') return [];
  let previous = '';
  const sorted = text.split('\n').map((line) => {
    previous = previous.slice(0, parseInt(line[0]!, 36)) + line.slice(1);
    return previous;
  });
  const wide = levels.length === 2 * sorted.length;
  if (!wide && sorted.length !== levels.length) throw new Error('assistant: packed words and their levels disagree');
  const level = wide ? (i: number) => levels[2 * i]! | (levels[2 * i + 1]! << 8) : (i: number) => levels[i]!;
  const order = sorted.map((_, i) => i).sort((a, b) => level(a) - level(b) || a - b);
  return order.map((i) => sorted[i]!);
}

/** Probabilities of an adaptive binary coder, 11 bits each (LZMA's range coder). */
const PROBABILITY_BITS = 11;
const PROBABILITY_ONE = 1 << PROBABILITY_BITS;
/** How fast a probability follows the bits it sees: 1/32 of the distance per bit. */
const ADAPT_SHIFT = 5;
const TOP = 2 ** 24;

/**
 * Adaptive models of `contexts` symbol alphabets of `bits` bits each: a
 * binary tree of probabilities per context, so each bit of a symbol is coded
 * knowing the bits before it. The same class on both sides, fresh each time.
 */
export class SymbolModels {
  readonly bits: number;
  readonly probabilities: Uint16Array;

  constructor(contexts: number, bits: number) {
    this.bits = bits;
    this.probabilities = new Uint16Array(contexts << bits).fill(PROBABILITY_ONE >> 1);
  }
}

/**
 * An adaptive arithmetic coder (the range coder of LZMA): codes each symbol
 * in little more than its information under the context's model, where gzip's
 * Huffman codes see neither the context nor fractions of a bit. The model
 * weights' entry counts, article gaps and idf go through it.
 */
export class RangeEncoder {
  #out = new ByteWriter();
  #low = 0;
  #range = 0xffffffff;
  #cache = 0;
  #cacheSize = 1;

  #shiftLow(): void {
    if (this.#low < 0xff000000 || this.#low >= 2 ** 32) {
      const carry = this.#low >= 2 ** 32 ? 1 : 0;
      let byte = this.#cache;
      do {
        this.#out.byte(byte + carry);
        byte = 0xff;
      } while (--this.#cacheSize !== 0);
      this.#cache = Math.floor(this.#low / TOP) & 0xff;
    }
    this.#cacheSize++;
    this.#low = (this.#low % TOP) * 256;
  }

  #bit(probabilities: Uint16Array, index: number, bit: number): void {
    const p = probabilities[index]!;
    const bound = (this.#range >>> PROBABILITY_BITS) * p;
    if (bit === 0) {
      this.#range = bound;
      probabilities[index] = p + ((PROBABILITY_ONE - p) >> ADAPT_SHIFT);
    } else {
      this.#low += bound;
      this.#range -= bound;
      probabilities[index] = p - (p >> ADAPT_SHIFT);
    }
    while (this.#range < TOP) {
      this.#range = (this.#range * 256) >>> 0;
      this.#shiftLow();
    }
  }

  /** Codes `symbol` (0 up to 2^bits − 1) under context `context` of `models`. */
  encode(models: SymbolModels, context: number, symbol: number): void {
    if (!Number.isInteger(symbol) || symbol < 0 || symbol >= 1 << models.bits) throw new Error(`assistant: cannot code ${symbol} in ${models.bits} bits`);
    const base = context << models.bits;
    let node = 1;
    for (let i = models.bits - 1; i >= 0; i--) {
      const bit = (symbol >> i) & 1;
      this.#bit(models.probabilities, base + node, bit);
      node = (node << 1) | bit;
    }
  }

  /** The coded bytes; the encoder is done after this. */
  finish(): Uint8Array {
    for (let i = 0; i < 5; i++) this.#shiftLow();
    return this.#out.bytes();
  }
}

/** Reads what a {@link RangeEncoder} wrote, with models made the same way and used in the same order. */
export class RangeDecoder {
  #bytes: Uint8Array;
  #offset = 0;
  #range = 0xffffffff;
  #code = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    for (let i = 0; i < 5; i++) this.#code = ((this.#code * 256) >>> 0) + this.#next();
  }

  #next(): number {
    const byte = this.#bytes[this.#offset++];
    if (byte === undefined) throw new Error('assistant: packed model data ends too early');
    return byte;
  }

  #bit(probabilities: Uint16Array, index: number): number {
    const p = probabilities[index]!;
    const bound = (this.#range >>> PROBABILITY_BITS) * p;
    let bit: number;
    if (this.#code < bound) {
      this.#range = bound;
      probabilities[index] = p + ((PROBABILITY_ONE - p) >> ADAPT_SHIFT);
      bit = 0;
    } else {
      this.#code -= bound;
      this.#range -= bound;
      probabilities[index] = p - (p >> ADAPT_SHIFT);
      bit = 1;
    }
    while (this.#range < TOP) {
      this.#range = (this.#range * 256) >>> 0;
      this.#code = ((this.#code * 256) >>> 0) + this.#next();
    }
    return bit;
  }

  /** Reads one symbol under context `context` of `models`. */
  decode(models: SymbolModels, context: number): number {
    const base = context << models.bits;
    let node = 1;
    for (let i = 0; i < models.bits; i++) node = (node << 1) | this.#bit(models.probabilities, base + node);
    return node - (1 << models.bits);
  }
}
