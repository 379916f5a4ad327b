/**
 * The assistant model as the browser downloads it: one gzip file holding a
 * JSON head (everything but the weights) and the weights' bytes as bytes.
 *
 * Why not the model's JSON: 85 % of it is the packed weights, and base64
 * inside JSON hides their byte structure from gzip (each byte spread over
 * 6-bit letters). As raw bytes, with the per-feature entry lists split into
 * three streams of like values (entry counts, article deltas, weight bytes),
 * gzip does markedly better; figures in docs/decisions/011-smaller-assistant-asset.md.
 * The file is gzip itself, read with the browser's DecompressionStream, so
 * its size on the wire does not depend on a server or CDN compressing
 * `application/octet-stream` (most do not).
 *
 * Lossless: {@link decodeModelAsset} returns a model deep-equal to the one
 * encoded, base64 strings included, so every answer is the same.
 */
import type { AssistantModel, PackedWeights } from './model.ts';
import { ByteReader, ByteWriter, fromBase64, toBase64 } from './packing.ts';

/** First bytes of an asset, and its format version: a page holding an older widget refuses a newer asset instead of misreading it. */
const MAGIC = 'WWA1';

/** The head's description of the byte streams that follow it, in order. */
interface Streams {
  buckets: number;
  idf: number;
  counts: number;
  deltas: number;
  weights: number;
}

type Head = Omit<AssistantModel, 'weights'> & { weights: Omit<PackedWeights, 'buckets' | 'idf' | 'entries'>; streams: Streams };

/** The model as asset bytes, before gzip (the build gzips them: site/chat/model-asset.ts). */
export function encodeModelAsset(model: AssistantModel): Uint8Array {
  const { buckets, idf, entries, ...weights } = model.weights;
  // The entries stream interleaves three kinds of number; apart, each compresses on its own statistics.
  const reader = new ByteReader(fromBase64(entries));
  const counts = new ByteWriter();
  const deltas = new ByteWriter();
  const weightBytes = new ByteWriter();
  for (let feature = 0; feature < model.weights.count; feature++) {
    const count = reader.varint();
    counts.varint(count);
    for (let i = 0; i < count; i++) {
      deltas.varint(reader.varint());
      weightBytes.byte(reader.byte());
    }
  }
  if (!reader.done) throw new Error('Wegwijs assistant: the packed entries are longer than their features');
  const parts = [fromBase64(buckets), fromBase64(idf), counts.bytes(), deltas.bytes(), weightBytes.bytes()] as const;
  const streams: Streams = { buckets: parts[0].length, idf: parts[1].length, counts: parts[2].length, deltas: parts[3].length, weights: parts[4].length };
  const head: Head = { ...model, weights, streams };
  const headBytes = new TextEncoder().encode(JSON.stringify(head));
  const out = new Uint8Array(MAGIC.length + 4 + headBytes.length + parts.reduce((sum, p) => sum + p.length, 0));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headBytes.length, true);
  let offset = MAGIC.length + 4;
  for (const part of [headBytes, ...parts]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The model in asset bytes (after gzip is undone), as {@link encodeModelAsset} got it. */
export function decodeModelAsset(bytes: Uint8Array): AssistantModel {
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('Wegwijs assistant: not a model asset of a format this page knows');
  const headLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  let offset = MAGIC.length + 4;
  const take = (length: number) => {
    if (offset + length > bytes.length) throw new Error('Wegwijs assistant: the model asset ends too early');
    const part = bytes.subarray(offset, offset + length);
    offset += length;
    return part;
  };
  const { streams, weights, ...rest } = JSON.parse(new TextDecoder().decode(take(headLength))) as Head;
  const buckets = take(streams.buckets);
  const idf = take(streams.idf);
  const counts = new ByteReader(take(streams.counts));
  const deltas = new ByteReader(take(streams.deltas));
  const weightBytes = new ByteReader(take(streams.weights));
  const entries = new ByteWriter();
  for (let feature = 0; feature < weights.count; feature++) {
    const count = counts.varint();
    entries.varint(count);
    for (let i = 0; i < count; i++) {
      entries.varint(deltas.varint());
      entries.byte(weightBytes.byte());
    }
  }
  return { ...rest, weights: { ...weights, buckets: toBase64(buckets), idf: toBase64(idf), entries: toBase64(entries.bytes()) } };
}

/** Reads a gzip model asset from a stream (a fetch response's body, or a file's in Node). */
export async function readModelAsset(gzipped: ReadableStream<BufferSource>): Promise<AssistantModel> {
  const bytes = await new Response(gzipped.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return decodeModelAsset(new Uint8Array(bytes));
}
