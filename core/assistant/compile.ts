/**
 * Build time: articles and authored rules of one locale → an {@link CompiledModel} (an AssistantModel whose weights are packed, JSON).
 *
 * Every phrasing, title, summary, heading and body sentence is one training
 * example for its article; a softmax model learns which words and character
 * n-grams point to which article. Its weights are pruned (the smallest go)
 * and quantised to one byte each, so 150 articles × 100 phrasings ship in a
 * few hundred kilobytes.
 */
import { buildLexicon, isStopword } from '../language/analysis.ts';
import type { Locale } from '../locale.ts';
import {
  compileSynonyms,
  countFeatures,
  DEFAULT_FEATURE_OPTIONS,
  type AnalysisContext,
  type FeatureCounts,
  type FeatureOptions,
  vectorize,
  wordsOf,
} from './features.ts';
import {
  DEFAULT_THRESHOLDS,
  HELP_CENTER_THRESHOLDS,
  type AssistantArticle,
  type CompiledModel,
  type ModelRule,
  type PackedWeights,
  type Thresholds,
} from './model.ts';
import { synonymGroups } from './lexicon.ts';
import { ByteWriter, toBase64 } from './packing.ts';
import { MIN_CORRECTED_LENGTH } from './spelling.ts';
import type { RulesFile, ThresholdsOverride } from './rules.ts';
import { DEFAULT_SOFTMAX_OPTIONS, trainSoftmax, type SoftmaxOptions, type SoftmaxWeights, type TrainingSet } from './softmax.ts';

/** How much each kind of article text counts as a training example. */
export interface SourceWeights {
  title: number;
  question: number;
  summary: number;
  heading: number;
  body: number;
}

/** Options of {@link compileModel}; every field has a default. */
export interface CompileOptions {
  features: FeatureOptions;
  training: SoftmaxOptions;
  /** Default: phrasings and title 1, summary 0.5, headings 0.3, body sentences 0.2. */
  sources: SourceWeights;
  /** Features seen in fewer training texts are dropped (default 1: keep all). */
  minDocumentFrequency: number;
  /** Weights smaller than this (absolute) are pruned (default 0.02). */
  minWeight: number;
  /**
   * At most this many weights per article are kept, the largest overall
   * (default 1,100; 1,200 until the chat's first open was measured against
   * answers, and 1,000 lost English held-out answers:
   * docs/decisions/030-chat-first-open-loads-what-the-first-answer-needs.md).
   */
  maxWeightsPerArticle: number;
  /** Calibrated defaults; a rules file's `thresholds` override them. */
  thresholds: Thresholds;
  /** No-matches in a row after which a person is offered (default 2). */
  handoffAfterNoMatches: number;
  /** Phrasings per article kept for explanations (default 12). */
  maxShownPhrasings: number;
  /** Magnitude levels of a quantised weight, besides its sign (default 63: 6 bits; fewer compress better, see bench/assistant-asset.ts). */
  weightLevels: number;
  /**
   * Ship the features whose weights were all pruned (default false). They
   * still counted in a message's norm; on the development and held-out sets
   * leaving them out changed no figure, and saves 1–3 KB gzip. A site of one
   * article keeps them all: its weights are all 0.
   */
  unweightedFeatures: boolean;
}

/** Defaults of {@link CompileOptions}. */
export const DEFAULT_COMPILE_OPTIONS: CompileOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  training: DEFAULT_SOFTMAX_OPTIONS,
  sources: { title: 1, question: 1, summary: 0.5, heading: 0.3, body: 0.2 },
  minDocumentFrequency: 1,
  minWeight: 0.02,
  maxWeightsPerArticle: 1100,
  thresholds: DEFAULT_THRESHOLDS,
  handoffAfterNoMatches: 2,
  maxShownPhrasings: 12,
  weightLevels: 63,
  unweightedFeatures: false,
};

/** Options as callers pass them: any subset, nested objects too. */
export interface CompileOptionsInput {
  features?: Partial<FeatureOptions>;
  training?: Partial<SoftmaxOptions>;
  sources?: Partial<SourceWeights>;
  minDocumentFrequency?: number;
  minWeight?: number;
  maxWeightsPerArticle?: number;
  thresholds?: ThresholdsOverride;
  handoffAfterNoMatches?: number;
  maxShownPhrasings?: number;
  weightLevels?: number;
  unweightedFeatures?: boolean;
}

/** Merges partial options over {@link DEFAULT_COMPILE_OPTIONS}. */
export function resolveOptions(input: CompileOptionsInput = {}): CompileOptions {
  const defaults = DEFAULT_COMPILE_OPTIONS;
  return {
    ...defaults,
    ...input,
    features: { ...defaults.features, ...input.features },
    training: { ...defaults.training, ...input.training },
    sources: { ...defaults.sources, ...input.sources },
    thresholds: mergeThresholds(defaults.thresholds, input.thresholds),
  };
}

/** `override` over `base`, the evidence policy field by field; an override without one keeps the base's. */
export function mergeThresholds(base: Thresholds, override: ThresholdsOverride = {}): Thresholds {
  const { evidence, ...rest } = override;
  const merged: Thresholds = { ...base, ...rest };
  if (evidence && base.evidence) merged.evidence = { ...base.evidence, ...evidence };
  else if (evidence) merged.evidence = { ...HELP_CENTER_THRESHOLDS.evidence!, ...evidence };
  return merged;
}

/**
 * Sentences of a Markdown body, markup removed: each becomes a weak training example.
 * @example bodySentences('## Kosten\n\nRetourneren is gratis. Altijd!') // ['Kosten', 'Retourneren is gratis.', 'Altijd!']
 */
export function bodySentences(body: string): string[] {
  return body
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\n+/)
    .map((line) =>
      line
        .replace(/^\s*(?:#+|[-*+]|\d+[.)])\s+/, '')
        .replace(/[*_`>|]/g, '')
        .trim(),
    )
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

interface TextExample {
  article: number;
  text: string;
  weight: number;
}

function textExamples(articles: readonly AssistantArticle[], sources: SourceWeights): TextExample[] {
  const examples: TextExample[] = [];
  articles.forEach((article, index) => {
    const add = (text: string | undefined, weight: number) => {
      if (text && weight > 0 && text.trim() !== '') examples.push({ article: index, text, weight });
    };
    add(article.title, sources.title);
    for (const question of article.questions) add(question, sources.question);
    add(article.summary, sources.summary);
    for (const heading of article.headings ?? []) add(heading, sources.heading);
    if (sources.body > 0) for (const sentence of bodySentences(article.body)) add(sentence, sources.body);
  });
  return examples;
}

/**
 * The words the articles use that typo correction may correct towards (see
 * spelling.ts): long enough, no digits, no stop words; most frequent first.
 */
function vocabularyOf(examples: readonly TextExample[], context: AnalysisContext): string[] {
  const frequency = new Map<string, number>();
  for (const example of examples) {
    for (const word of wordsOf(example.text, context.synonyms)) {
      if (word.length < MIN_CORRECTED_LENGTH || /\d/.test(word) || isStopword(word, context.locale)) continue;
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
  }
  return [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
}

function assertCompilable(articles: readonly AssistantArticle[], locale: Locale): void {
  const seen = new Set<string>();
  for (const article of articles) {
    if (article.locale !== locale) {
      throw new Error(`assistant: article "${article.id}" is in locale "${article.locale}", the model is for "${locale}"`);
    }
    if (seen.has(article.id)) throw new Error(`assistant: two articles have the id "${article.id}"`);
    seen.add(article.id);
  }
}

/** Int32 values appended run after run into one array that doubles when full. */
class Int32Runs {
  private data = new Int32Array(1 << 16);
  length = 0;

  append(run: Int32Array): void {
    if (this.length + run.length > this.data.length) {
      let size = this.data.length * 2;
      while (size < this.length + run.length) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(run, this.length);
    this.length += run.length;
  }

  /** The values, in an array of their own length (the spare room given back). */
  done(): Int32Array {
    const values = this.data.slice(0, this.length);
    this.data = new Int32Array(0);
    return values;
  }
}

/**
 * Every text's feature counts ({@link countFeatures}) one after the other in
 * flat arrays: text `i`'s word view is at `wordAt[i] … wordAt[i + 1] - 1` of
 * `words` and `wordCounts`, its character view likewise. As objects, the
 * counts of a 5,000-article locale were some 800,000 small arrays, and the
 * memory they took was not given back to the system after the compile
 * (docs/decisions/039-build-memory.md).
 */
interface PackedCounts {
  wordAt: Int32Array;
  words: Int32Array;
  wordCounts: Int32Array;
  charAt: Int32Array;
  chars: Int32Array;
  charCounts: Int32Array;
}

/** The feature counts of `texts`, packed ({@link PackedCounts}). */
function packedCounts(texts: readonly string[], context: AnalysisContext, options: FeatureOptions): PackedCounts {
  const wordAt = new Int32Array(texts.length + 1);
  const charAt = new Int32Array(texts.length + 1);
  const words = new Int32Runs();
  const wordCounts = new Int32Runs();
  const chars = new Int32Runs();
  const charCounts = new Int32Runs();
  texts.forEach((text, i) => {
    const counts = countFeatures(text, context, options);
    words.append(counts.words.buckets);
    wordCounts.append(counts.words.counts);
    chars.append(counts.chars.buckets);
    charCounts.append(counts.chars.counts);
    wordAt[i + 1] = words.length;
    charAt[i + 1] = chars.length;
  });
  return { wordAt, words: words.done(), wordCounts: wordCounts.done(), charAt, chars: chars.done(), charCounts: charCounts.done() };
}

/** Text `i`'s counts as {@link vectorize} reads them: views into the packed arrays, nothing copied. */
function countsOf(packed: PackedCounts, i: number): FeatureCounts {
  const { wordAt, charAt } = packed;
  return {
    words: { buckets: packed.words.subarray(wordAt[i]!, wordAt[i + 1]!), counts: packed.wordCounts.subarray(wordAt[i]!, wordAt[i + 1]!) },
    chars: { buckets: packed.chars.subarray(charAt[i]!, charAt[i + 1]!), counts: packed.charCounts.subarray(charAt[i]!, charAt[i + 1]!) },
  };
}

/** The feature space of the examples' counts (hash buckets in use, their quantised idf) and the training examples in it. */
function trainingExamples(
  examples: readonly TextExample[],
  counts: PackedCounts,
  options: CompileOptions,
): { buckets: number[]; quantisedIdf: number[]; idfScale: number; training: TrainingSet } {
  // Per hash bucket, in arrays over every bucket (2^bits: 16 MB each at 22 bits) rather than maps: a
  // 5,000-article compile looks buckets up tens of millions of times. In a function of their own, so
  // that they are garbage before training starts.
  const documentFrequency = new Int32Array(2 ** options.features.bits);
  for (const view of [counts.words, counts.chars]) for (let k = 0; k < view.length; k++) documentFrequency[view[k]!]!++;
  // A vector has at most the buckets of its two views (fewer when a word bigram and an n-gram share one).
  const capacity = counts.words.length + counts.chars.length;
  const buckets: number[] = [];
  for (let bucket = 0; bucket < documentFrequency.length; bucket++) {
    if (documentFrequency[bucket]! > 0 && documentFrequency[bucket]! >= options.minDocumentFrequency) buckets.push(bucket);
  }
  const indexOf = new Int32Array(documentFrequency.length).fill(-1);
  buckets.forEach((bucket, index) => {
    indexOf[bucket] = index;
  });
  const idf = buckets.map((bucket) => Math.log((1 + examples.length) / (1 + documentFrequency[bucket]!)) + 1);
  // The idf the browser will see is the quantised one: train with that, so both agree.
  const idfScale = idf.reduce((max, value) => Math.max(max, value), 1) / 255;
  const quantisedIdf = idf.map((value) => Math.max(1, Math.round(value / idfScale)));
  const scaledIdf = Float64Array.from(quantisedIdf, (value) => value * idfScale);
  const idfOf = (bucket: number) => {
    const index = indexOf[bucket]!;
    return index < 0 ? undefined : scaledIdf[index]!;
  };
  // Packed as they are made (softmax.ts, TrainingSet): two allocations instead of two per example.
  const offsets = new Int32Array(examples.length + 1);
  const features = new Int32Array(capacity);
  const values = new Float32Array(capacity);
  let at = 0;
  examples.forEach((_, i) => {
    const vector = vectorize(countsOf(counts, i), idfOf, options.features);
    for (let k = 0; k < vector.buckets.length; k++) {
      features[at] = indexOf[vector.buckets[k]!]!;
      values[at++] = vector.values[k]!;
    }
    offsets[i + 1] = at;
  });
  const training: TrainingSet = {
    offsets,
    features: at < capacity ? features.subarray(0, at) : features,
    values: at < capacity ? values.subarray(0, at) : values,
    labels: Int32Array.from(examples, (example) => example.article),
    weights: Float64Array.from(examples, (example) => example.weight),
  };
  return { buckets, quantisedIdf, idfScale, training };
}

/**
 * What training needs and what the model keeps from the texts, in a function of
 * its own: the texts, their feature counts and the analysis cache are garbage
 * once it returns, before training (where a 5,000-article compile peaks).
 */
function prepareTraining(articles: readonly AssistantArticle[], rules: RulesFile, options: CompileOptions) {
  const locale = rules.locale;
  const examples = textExamples(articles, options.sources);
  const lexicon =
    locale === 'nl'
      ? buildLexicon(
          examples.map((example) => example.text),
          locale,
        )
      : [];
  const synonyms = synonymGroups(locale, rules.synonyms);
  const context: AnalysisContext = { locale, lexicon: new Set(lexicon), synonyms: compileSynonyms(synonyms), cache: new Map() };
  const counts = packedCounts(
    examples.map((example) => example.text),
    context,
    options.features,
  );
  const vocabulary = vocabularyOf(examples, context);
  return { lexicon, synonyms, vocabulary, ...trainingExamples(examples, counts, options) };
}

/**
 * Compiles the model of one locale.
 * @param articles - the locale's published articles
 * @param rules - the locale's validated rules file (see {@link parseRulesFile})
 * @param input - options; all have defaults ({@link DEFAULT_COMPILE_OPTIONS})
 * @example
 * const model = compileModel(articles, parseRulesFile(yaml, 'content/assistant/nl.yaml'));
 * answer(model, 'waar blijft mijn pakketje').articleId // 'track-parcel'
 */
export function compileModel(articles: readonly AssistantArticle[], rules: RulesFile, input: CompileOptionsInput = {}): CompiledModel {
  const options = resolveOptions(input);
  const locale = rules.locale;
  assertCompilable(articles, locale);
  const thresholds = mergeThresholds(options.thresholds, rules.thresholds);
  const { lexicon, synonyms, vocabulary, buckets, quantisedIdf, idfScale, training } = prepareTraining(articles, rules, options);
  const trained = trainSoftmax(training, articles.length, buckets.length, options.training);

  return {
    format: 'wegwijs-assistant/1',
    locale,
    features: options.features,
    thresholds,
    handoffAfterNoMatches: options.handoffAfterNoMatches,
    articles: articles.map((article) => ({
      id: article.id,
      title: article.title,
      ...(article.summary !== undefined && { summary: article.summary }),
      ...(article.url !== undefined && { url: article.url }),
      phrasings: article.questions.slice(0, options.maxShownPhrasings),
      ...(article.patterns && article.patterns.length > 0 && { patterns: article.patterns }),
    })),
    lexicon,
    vocabulary,
    synonyms,
    rules: rules.rules.map((rule): ModelRule => ({ ...rule })),
    weights: packWeights(buckets, quantisedIdf, idfScale, trained, options),
    bias: Array.from(trained.bias, (value) => Math.round(value * 1e4) / 1e4),
  };
}

/**
 * The smallest magnitude kept: `minWeight`, raised until at most
 * `maxWeightsPerArticle` × articles weights remain. Found on a log-scale
 * histogram, not by sorting millions of weights; the budget is met to within
 * a fraction of a per cent.
 */
function pruneThreshold(weights: Float32Array, classes: number, options: CompileOptions): number {
  const budget = options.maxWeightsPerArticle * classes;
  let kept = 0;
  let largest = 0;
  // Indexed loops, not for…of: a 5,000-article model has a billion weights, and the iterator was a third of the build.
  for (let i = 0; i < weights.length; i++) {
    const magnitude = Math.abs(weights[i]!);
    if (magnitude >= options.minWeight) {
      kept++;
      if (magnitude > largest) largest = magnitude;
    }
  }
  if (kept <= budget) return options.minWeight;
  const bins = 4096;
  const logMin = Math.log(options.minWeight);
  const width = (Math.log(largest) - logMin) / bins || 1;
  const histogram = new Int32Array(bins + 1);
  for (let i = 0; i < weights.length; i++) {
    const magnitude = Math.abs(weights[i]!);
    if (magnitude >= options.minWeight) histogram[Math.min(bins, Math.floor((Math.log(magnitude) - logMin) / width))]!++;
  }
  let count = 0;
  for (let bin = bins; bin >= 0; bin--) {
    if (count + histogram[bin]! > budget) return Math.exp(logMin + (bin + 1) * width);
    count += histogram[bin]!;
  }
  return options.minWeight;
}

/** Node's Buffer where there is one: compiles run at build time, in Node. */
const NodeBuffer = (globalThis as { Buffer?: { from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string } } })
  .Buffer;

/**
 * Base64 of bytes: {@link toBase64}'s text, through Node's own encoder when
 * there is one (`btoa` of a binary string was 2 % of a 5,000-article compile,
 * docs/decisions/029-build-compile-and-store-cuts.md). Here and not in
 * packing.ts, which the widget bundles.
 */
function base64(bytes: Uint8Array): string {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : toBase64(bytes);
}

function packWeights(buckets: readonly number[], idf: readonly number[], idfScale: number, trained: SoftmaxWeights, options: CompileOptions): PackedWeights {
  // Sparse rows (softmax.ts): a class missing from a feature's row has weight 0 there, below any threshold.
  const { weights, classes, rowStart, columns } = trained;
  const threshold = pruneThreshold(weights, classes, options);
  let largest = threshold;
  for (let i = 0; i < weights.length; i++) largest = Math.max(largest, Math.abs(weights[i]!));
  // Quantisation: log-magnitude levels and a sign bit, so small and large
  // weights keep the same relative precision (a few per cent at 63 levels).
  // Fewer levels compress better but change answers: docs/decisions/024-assistant-asset-format-2.md.
  const levels = options.weightLevels;
  const ratio = largest > threshold ? (largest / threshold) ** (1 / levels) : 1.0001;
  const bucketBytes = new ByteWriter();
  const idfBytes = new ByteWriter();
  const entryBytes = new ByteWriter();
  let previousBucket = 0;
  let count = 0;
  buckets.forEach((bucket, feature) => {
    const kept: number[] = [];
    for (let at = rowStart[feature]!; at < rowStart[feature + 1]!; at++) if (Math.abs(weights[at]!) >= threshold) kept.push(at);
    // A feature without weights still counts in a message's norm, and makes its word known (no typo correction).
    // With one article every weight is 0 (a softmax over one class learns nothing): the features are all the model knows.
    if (kept.length === 0 && !options.unweightedFeatures && classes > 1) return;
    count++;
    bucketBytes.varint(bucket - previousBucket);
    previousBucket = bucket;
    idfBytes.byte(idf[feature]!);
    entryBytes.varint(kept.length);
    let previousClass = 0;
    for (const at of kept) {
      const c = columns[at]!;
      const weight = weights[at]!;
      const level = Math.min(levels, Math.round(Math.log(Math.abs(weight) / threshold) / Math.log(ratio)));
      entryBytes.varint(c - previousClass);
      previousClass = c;
      entryBytes.byte((level << 1) | (weight < 0 ? 1 : 0));
    }
  });
  return {
    count,
    buckets: base64(bucketBytes.bytes()),
    idf: base64(idfBytes.bytes()),
    idfScale,
    entries: base64(entryBytes.bytes()),
    minWeight: threshold,
    ratio,
  };
}
