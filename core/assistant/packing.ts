/**
 * Packing numbers into the model's JSON compactly: unsigned LEB128 varints in
 * a byte array, carried as base64. A JSON array of numbers would cost three to
 * six bytes per weight; this costs one or two, before gzip.
 */

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

/** Base64 of bytes; `btoa` exists in browsers and in Node alike. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode below the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of a base64 string. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
