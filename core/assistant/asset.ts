/**
 * The assistant model as the browser downloads it: one gzip file holding a
 * JSON head (everything but the weights and the word lists) and the rest as
 * byte streams of like values, which gzip compresses on their own statistics.
 *
 * Why not the model's JSON: most of it is the packed weights, and base64
 * inside JSON hides their byte structure from gzip (each byte spread over
 * 6-bit letters). As raw bytes, with the per-feature entry lists split into
 * three streams (entry counts, article deltas, weight bytes), gzip does
 * markedly better (docs/decisions/011-smaller-assistant-asset.md). Format 2
 * (docs/decisions/024-assistant-asset-format-2.md) codes the hash buckets'
 * gaps as Rice codes, the idf, entry counts and article gaps with an adaptive
 * range coder, and the word lists (typo vocabulary, compound lexicon) sorted
 * and front-coded; the weight bytes stay for gzip, which does better on them.
 * The file is gzip itself, read with the browser's DecompressionStream, so
 * its size on the wire does not depend on a server or CDN compressing
 * `application/octet-stream` (most do not).
 *
 * Format 3 leaves the articles' phrasings out: they serve the explanation's
 * "closest phrasing" only, which agents read after a hand-off, so they come in
 * a file of their own ({@link encodePhrasings}), fetched then
 * (docs/decisions/030-chat-first-open-loads-what-the-first-answer-needs.md).
 *
 * Lossless otherwise: {@link decodeModelAsset} returns the model encoded but
 * for the phrasings, its weights as the arrays `answer()` reads
 * (`WeightArrays`, equal to `weightArrays` of the compiled model's packed
 * ones) rather than base64 that the browser would only unpack again, so every
 * answer is the same (its `why.phrasing` found later, from `Reply.ranked`).
 */
import type { AssistantModel, PackedWeights } from './model.ts';
import { ByteReader, ByteWriter, packWords, RangeDecoder, RangeEncoder, RiceReader, RiceWriter, SymbolModels, unpackWords, weightArrays } from './packing.ts';

/** First bytes of an asset, and its format version: a page holding an older widget refuses a newer asset instead of misreading it. */
const MAGIC = 'WWA3';

/**
 * The range-coded part of the weights (packing.ts' {@link RangeEncoder}):
 * per feature its idf byte and its entry count, per entry its article gap.
 * Gzip codes each in whole bits and without context; here the count is coded
 * knowing the idf (rare features have few entries) and a gap knowing whether
 * it is the first of its feature and how many there are, for about a sixth
 * fewer bytes. Counts and gaps from {@link ESCAPE} up (sites of many
 * articles) code the escape and go on as varints in the overflow stream.
 */
const ESCAPE = 63;
const GAP_CONTEXTS = 17;

function entryModels() {
  return { idf: new SymbolModels(1, 8), counts: new SymbolModels(32, 6), gaps: new SymbolModels(2 * GAP_CONTEXTS, 6) };
}
const countContext = (idf: number) => idf >> 3;
const gapContext = (index: number, count: number) => (index === 0 ? 0 : GAP_CONTEXTS) + Math.min(count, GAP_CONTEXTS - 1);

function encodeSmall(encoder: RangeEncoder, overflow: ByteWriter, models: SymbolModels, context: number, value: number): void {
  encoder.encode(models, context, Math.min(value, ESCAPE));
  if (value >= ESCAPE) overflow.varint(value - ESCAPE);
}

function decodeSmall(decoder: RangeDecoder, overflow: ByteReader, models: SymbolModels, context: number): number {
  const value = decoder.decode(models, context);
  return value === ESCAPE ? ESCAPE + overflow.varint() : value;
}

/** The byte streams after the head, in this order. */
const STREAMS = ['vocabulary', 'vocabularyLevels', 'lexicon', 'lexiconLevels', 'buckets', 'coded', 'overflow', 'weights'] as const;
type StreamName = (typeof STREAMS)[number];

type Head = Omit<AssistantModel, 'weights' | 'vocabulary' | 'lexicon'> & {
  weights: Omit<PackedWeights, 'buckets' | 'idf' | 'entries'> & { bucketRiceK: number };
  /** Each stream's length in bytes. */
  streams: Record<StreamName, number>;
};

/** The model's streams and head, as {@link encodeModelAsset} writes them. */
function streamsOf(model: AssistantModel): { head: Head; streams: Record<StreamName, Uint8Array> } {
  const { count, featureBuckets, idfBytes, idfScale, entryStart, entryArticle, entryByte, minWeight, ratio } = weightArrays(model.weights);
  // Bucket ids are hashes: their gaps are random, which Rice codes pack near their entropy.
  const gaps = Array.from({ length: count }, (_, feature) => featureBuckets[feature]! - (feature === 0 ? 0 : featureBuckets[feature - 1]!));
  const bucketRiceK = RiceWriter.bestK(gaps);
  const rice = new RiceWriter(bucketRiceK);
  for (const gap of gaps) rice.write(gap);
  // Three kinds of number per feature: the weight bytes go apart, for gzip; the rest is range-coded.
  const encoder = new RangeEncoder();
  const models = entryModels();
  const overflow = new ByteWriter();
  for (let feature = 0; feature < count; feature++) {
    encoder.encode(models.idf, 0, idfBytes[feature]!);
    const start = entryStart[feature]!;
    const entries = entryStart[feature + 1]! - start;
    encodeSmall(encoder, overflow, models.counts, countContext(idfBytes[feature]!), entries);
    for (let i = 0; i < entries; i++) {
      const gap = entryArticle[start + i]! - (i === 0 ? 0 : entryArticle[start + i - 1]!);
      encodeSmall(encoder, overflow, models.gaps, gapContext(i, entries), gap);
    }
  }
  const weights = { count, idfScale, minWeight, ratio };
  const vocabulary = packWords(model.vocabulary);
  const lexicon = packWords(model.lexicon);
  const text = (value: string) => new TextEncoder().encode(value);
  const streams: Record<StreamName, Uint8Array> = {
    vocabulary: text(vocabulary.text),
    vocabularyLevels: vocabulary.levels,
    lexicon: text(lexicon.text),
    lexiconLevels: lexicon.levels,
    buckets: rice.bytes(),
    coded: encoder.finish(),
    overflow: overflow.bytes(),
    weights: entryByte,
  };
  const { vocabulary: _vocabulary, lexicon: _lexicon, weights: _weights, articles, ...rest } = model;
  // The phrasings go in their own file (encodePhrasings): the first answer does not read them.
  const shipped = articles.map(({ phrasings: _phrasings, ...article }) => article);
  const lengths = Object.fromEntries(STREAMS.map((name) => [name, streams[name].length])) as Record<StreamName, number>;
  return { head: { ...rest, articles: shipped, weights: { ...weights, bucketRiceK }, streams: lengths }, streams };
}

/** The model as asset bytes, before gzip (the build gzips them: site/chat/model-asset.ts). */
export function encodeModelAsset(model: AssistantModel): Uint8Array {
  const { head, streams } = streamsOf(model);
  const headBytes = new TextEncoder().encode(JSON.stringify(head));
  const parts = [headBytes, ...STREAMS.map((name) => streams[name])];
  const out = new Uint8Array(MAGIC.length + 4 + parts.reduce((sum, p) => sum + p.length, 0));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headBytes.length, true);
  let offset = MAGIC.length + 4;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * The asset's parts by name, as bytes, for measuring what the bytes are
 * (bench/assistant-asset.ts): the head's fields one by one, then the streams.
 * The phrasings' file is not part of it ({@link encodePhrasings}).
 */
export function assetParts(model: AssistantModel): [string, Uint8Array][] {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const { head, streams } = streamsOf(model);
  const { articles, synonyms, rules, bias, streams: _lengths, ...rest } = head;
  return [
    ['articles: ids, titles, summaries, urls', json(articles.map(({ patterns: _, ...shown }) => shown))],
    ['articles: patterns', json(articles.map((article) => article.patterns ?? []))],
    ['synonyms', json(synonyms)],
    ['rules', json(rules)],
    ['bias', json(bias)],
    ['options, thresholds, weight scales', json(rest)],
    ...STREAMS.map((name): [string, Uint8Array] => [`stream: ${name}`, streams[name]]),
  ];
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
  const { streams: lengths, weights: packed, ...rest } = JSON.parse(new TextDecoder().decode(take(headLength))) as Head;
  const stream = Object.fromEntries(STREAMS.map((name) => [name, take(lengths[name])])) as Record<StreamName, Uint8Array>;
  const { bucketRiceK, count, idfScale, minWeight, ratio } = packed;
  const rice = new RiceReader(stream.buckets, bucketRiceK);
  const decoder = new RangeDecoder(stream.coded);
  const models = entryModels();
  const overflow = new ByteReader(stream.overflow);
  // Straight into the arrays the answer reads (model.ts, WeightArrays): no base64 to pack and unpack again.
  const featureBuckets = new Uint32Array(count);
  const idfBytes = new Uint8Array(count);
  const entryStart = new Int32Array(count + 1);
  // One weight byte per entry.
  const entryByte = stream.weights.slice();
  const entryArticle = new Uint16Array(entryByte.length);
  let bucket = 0;
  let entry = 0;
  for (let feature = 0; feature < count; feature++) {
    bucket += rice.read();
    featureBuckets[feature] = bucket;
    idfBytes[feature] = decoder.decode(models.idf, 0);
    const entries = decodeSmall(decoder, overflow, models.counts, countContext(idfBytes[feature]!));
    if (entry + entries > entryByte.length) throw new Error('Wegwijs assistant: the model asset has fewer weights than entries');
    entryStart[feature] = entry;
    let article = 0;
    for (let i = 0; i < entries; i++) {
      article += decodeSmall(decoder, overflow, models.gaps, gapContext(i, entries));
      entryArticle[entry++] = article;
    }
  }
  entryStart[count] = entry;
  if (entry !== entryByte.length) throw new Error('Wegwijs assistant: the model asset has more weights than entries');
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    ...rest,
    lexicon: unpackWords(text(stream.lexicon), stream.lexiconLevels),
    vocabulary: unpackWords(text(stream.vocabulary), stream.vocabularyLevels),
    weights: { count, featureBuckets, idfBytes, idfScale, entryStart, entryArticle, entryByte, minWeight, ratio },
  };
}

/** Reads a gzip model asset from a stream (a fetch response's body, or a file's in Node). */
export async function readModelAsset(gzipped: ReadableStream<BufferSource>): Promise<AssistantModel> {
  const bytes = await new Response(gzipped.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return decodeModelAsset(new Uint8Array(bytes));
}

/** The phrasings' file of the model asset named `modelName` (`nl.<hash>.bin` → `nl.<hash>.phrasings.bin`); the same for a URL. */
export function phrasingsFileName(modelName: string): string {
  return modelName.replace(/\.bin$/, '.phrasings.bin');
}

/** The phrasings' file: per article id, the phrasings the explanation picks the closest from. */
interface PhrasingsFile {
  format: 'wegwijs-phrasings/1';
  articles: Record<string, string[]>;
}

/**
 * The articles' phrasings, which the model asset leaves out, as the bytes of
 * their own file (the build gzips them beside the asset): JSON, keyed by
 * article id, so a file can never lend one article's phrasings to another.
 */
export function encodePhrasings(model: AssistantModel): Uint8Array {
  const file: PhrasingsFile = { format: 'wegwijs-phrasings/1', articles: Object.fromEntries(model.articles.map((a) => [a.id, a.phrasings ?? []])) };
  return new TextEncoder().encode(JSON.stringify(file));
}

/** Per article id its phrasings, from the bytes {@link encodePhrasings} wrote (after gzip is undone). */
export function decodePhrasings(bytes: Uint8Array): Map<string, string[]> {
  const file = JSON.parse(new TextDecoder().decode(bytes)) as Partial<PhrasingsFile>;
  if (file.format !== 'wegwijs-phrasings/1' || typeof file.articles !== 'object' || file.articles === null) {
    throw new Error('Wegwijs assistant: not a phrasings file of a format this page knows');
  }
  return new Map(Object.entries(file.articles).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])));
}

/** Reads a gzip phrasings file from a stream (a fetch response's body). */
export async function readPhrasings(gzipped: ReadableStream<BufferSource>): Promise<Map<string, string[]>> {
  const bytes = await new Response(gzipped.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return decodePhrasings(new Uint8Array(bytes));
}
