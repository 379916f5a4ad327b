/**
 * Multinomial logistic regression (softmax) trained with plain SGD, at build
 * time only. The browser never trains: it reads the pruned, quantised weights.
 *
 * Why this and not only "nearest phrasing": on BANKING77 it learns which
 * words tell neighbouring articles apart ("declined" vs "pending"), which a
 * cosine to phrasings cannot; see docs/benchmarks.md for the figures.
 */
import { mulberry32 } from '../util/random.ts';

/** One training example: a sparse feature vector (dense feature indices), its article and weight. */
export interface TrainingExample {
  features: Int32Array;
  values: Float32Array;
  label: number;
  /** How much this example counts (a title or body line may count less than a phrasing). */
  weight: number;
}

/**
 * Training examples packed in flat arrays, what {@link trainSoftmax} reads:
 * example `i`'s feature vector is `features[offsets[i]] … features[offsets[i + 1] - 1]`
 * with `values` beside it. Flat, not one pair of typed arrays per example: a
 * 5,000-article compile has some 200,000 examples, and as objects their
 * wrappers and hundreds of thousands of small allocations held a few hundred
 * MB more while training, most of it never given back to the system
 * (docs/decisions/039-build-memory.md).
 */
export interface TrainingSet {
  /** Where each example starts in `features` and `values`; one more entry than examples. */
  offsets: Int32Array;
  features: Int32Array;
  values: Float32Array;
  labels: Int32Array;
  weights: Float64Array;
}

/** The number of examples in a training set. */
export function exampleCount(set: TrainingSet): number {
  return set.offsets.length - 1;
}

/**
 * Packs examples into a {@link TrainingSet}.
 * @example packExamples([{ features: Int32Array.of(4), values: Float32Array.of(1), label: 0, weight: 1 }]).offsets // Int32Array [0, 1]
 */
export function packExamples(examples: readonly TrainingExample[]): TrainingSet {
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((example, i) => {
    offsets[i + 1] = offsets[i]! + example.features.length;
  });
  const set: TrainingSet = {
    offsets,
    features: new Int32Array(offsets[examples.length]!),
    values: new Float32Array(offsets[examples.length]!),
    labels: Int32Array.from(examples, (example) => example.label),
    weights: Float64Array.from(examples, (example) => example.weight),
  };
  examples.forEach((example, i) => {
    set.features.set(example.features, offsets[i]!);
    set.values.set(example.values, offsets[i]!);
  });
  return set;
}

/** Options of {@link trainSoftmax}. */
export interface SoftmaxOptions {
  /**
   * Passes over the examples; 0 (default) picks `examplePasses / examples`
   * within [5, 30]: a small help center gets 30 cheap passes, 150 × 100
   * phrasings get 5, so a build stays within seconds. On BANKING77 with all
   * phrasings, 5 passes score 0.3 points below 25 (docs/benchmarks.md).
   */
  epochs: number;
  /** Total example visits aimed at when `epochs` is 0 (default 75,000). */
  examplePasses: number;
  /** Initial step size; epoch e uses `learningRate / (1 + e / 2)` (default 2). */
  learningRate: number;
  /** Seed of the example order: same seed, same model (default 1). */
  seed: number;
  /** Every this many epochs, score all candidate articles for every example (default 20); see {@link trainSoftmax}. */
  fullPassEvery: number;
  /**
   * With more articles than this (default 200), training restricts each
   * example to candidate articles ({@link candidateClasses}), so it stays
   * linear in the number of phrasings instead of phrasings × articles. Below
   * it, every example is scored against every article, as small help centers
   * can afford.
   */
  candidatesAbove: number;
  /**
   * How many candidates (default 32): the example's own article and the
   * articles whose centroids are closest to its article's. On BANKING77
   * (67 articles, forced on) 32 candidates scored as all (±0.2 points on the
   * calibration split); 16 lost 0.9 points at 10 phrasings.
   */
  maxCandidates: number;
  /**
   * L1 penalty per pass over the examples (default 0: none), shared out over
   * the pass's example visits. Trains for sparsity: most weights end at exactly
   * 0, so far fewer need shipping. Per pass, not per visit, so that the same
   * value asks the same of an article's own words at 45 articles or 1,000
   * (their gradients grow with their article's texts, not with the corpus).
   * Applied as a cumulative penalty (Tsuruoka, Tsujii, Ananiadou, ACL 2009:
   * "Stochastic gradient descent training for L1-regularized log-linear models
   * with cumulative penalty"): each weight, when updated, is pulled towards 0 by
   * what the penalty would have taken from it since training began, minus what
   * it already took, and never past 0. A weight no example updates for a while
   * catches up when it is next touched, and all do in one sweep at the end.
   */
  l1: number;
  /**
   * Passes after the L1 passes, as a share of them (default 0; 1/3 after 30
   * passes is 10), that refit the weights L1 left non-zero, without the penalty
   * and without waking the zero ones: the penalty shrinks the kept weights
   * too, and this gives them their size back (debiasing). Only with `l1` above 0.
   */
  refitShare: number;
  /**
   * Weight decay in the refit passes (default 0): each update of a weight
   * also shrinks it by `rate × refitDecay` of itself. Unchecked, the refit
   * makes the kept weights larger than the unpenalised model's, and the
   * assistant surer of itself than its thresholds were set for (more
   * confidently wrong answers on the Dutch development set).
   */
  refitDecay: number;
}

/** Defaults of {@link SoftmaxOptions}, chosen on the BANKING77 calibration split. */
export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = {
  epochs: 0,
  examplePasses: 75_000,
  learningRate: 2,
  seed: 1,
  fullPassEvery: 20,
  candidatesAbove: 200,
  maxCandidates: 32,
  l1: 0,
  refitShare: 0,
  refitDecay: 0,
};

/**
 * Trained weights, stored by feature (compressed sparse rows): feature `f`'s
 * weights are `weights[rowStart[f]] … weights[rowStart[f + 1] - 1]`, for the
 * classes `columns[rowStart[f]] …` (ascending); a class not in a feature's row
 * has weight 0 there. Without candidate articles every row holds every class.
 * With them, a row holds only the classes training can ever update for that
 * feature (the candidates of the articles whose texts have it): at 1,000
 * articles 9 % of the dense matrix, and what keeps a 5,000-article compile
 * under 2 GB (docs/benchmarks.md).
 */
export interface SoftmaxWeights {
  classes: number;
  features: number;
  rowStart: Int32Array;
  /** 16-bit when there are at most 65,536 classes (half the memory of the class ids). */
  columns: Uint16Array | Int32Array;
  weights: Float32Array;
  /** One bias per class. */
  bias: Float32Array;
}

/** The weight of `feature` for class `c` in `trained` (0 when its row does not hold `c`). */
export function weightOf(trained: SoftmaxWeights, feature: number, c: number): number {
  const at = positionOf(trained.columns, trained.rowStart[feature]!, trained.rowStart[feature + 1]!, c);
  return at < 0 ? 0 : trained.weights[at]!;
}

/** Index of `c` in the ascending `columns[start … end - 1]`, or -1. */
function positionOf(columns: Uint16Array | Int32Array, start: number, end: number, c: number): number {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = columns[middle]!;
    if (value < c) low = middle + 1;
    else if (value > c) high = middle - 1;
    else return middle;
  }
  return -1;
}

/** Every class in every row: the layout of a dense `features × classes` matrix. */
function denseRows(classes: number, features: number): { rowStart: Int32Array; columns: Uint16Array | Int32Array } {
  const rowStart = Int32Array.from({ length: features + 1 }, (_, f) => f * classes);
  const columns = classes <= 65_536 ? new Uint16Array(features * classes) : new Int32Array(features * classes);
  for (let f = 0; f < features; f++) for (let c = 0; c < classes; c++) columns[f * classes + c] = c;
  return { rowStart, columns };
}

/**
 * Which classes each feature's row holds, as a bitmap per row (`words` 32-bit
 * words of `bits` per feature) with, per word, the number of set bits before
 * it in its row (`rank`): the position of a weight is then found in constant
 * time, without branches ({@link RowIndex.position}). A binary search over
 * the row's classes instead made training a third slower than the dense matrix.
 */
export class RowIndex {
  readonly words: number;
  readonly rowStart: Int32Array;
  private readonly bits: Int32Array;
  /** 16-bit when a row cannot hold more (at most 65,536 classes): at 5,000 articles and 300,000 features that is 94 MB less. */
  private readonly rank: Uint16Array | Int32Array;
  private readonly classes: number;

  constructor(classes: number, features: number) {
    this.words = (classes + 31) >>> 5;
    this.bits = new Int32Array(features * this.words);
    this.rank = classes <= 65_536 ? new Uint16Array(features * this.words) : new Int32Array(features * this.words);
    this.classes = classes;
    this.rowStart = new Int32Array(features + 1);
  }

  /** Adds class `c` to feature `f`'s row (before {@link seal}). */
  add(f: number, c: number): void {
    this.bits[f * this.words + (c >>> 5)]! |= 1 << (c & 31);
  }

  /** Counts the rows: after this, {@link position} works and nothing may be added. */
  seal(): void {
    let used = 0;
    for (let f = 0; f < this.rowStart.length - 1; f++) {
      let inRow = 0;
      for (let w = f * this.words; w < (f + 1) * this.words; w++) {
        this.rank[w] = inRow;
        inRow += popcount(this.bits[w]!);
      }
      used += inRow;
      this.rowStart[f + 1] = used;
    }
  }

  /** Where the weight of feature `f` for class `c` sits (`c` must be in `f`'s row). */
  position(f: number, c: number): number {
    const w = f * this.words + (c >>> 5);
    return this.rowStart[f]! + this.rank[w]! + popcount(this.bits[w]! & ((1 << (c & 31)) - 1));
  }

  /** Every row's classes, ascending, one row after the other. */
  columns(): Uint16Array | Int32Array {
    const stored = this.rowStart[this.rowStart.length - 1]!;
    const columns = this.classes <= 65_536 ? new Uint16Array(stored) : new Int32Array(stored);
    let at = 0;
    for (let f = 0; f < this.rowStart.length - 1; f++) {
      for (let w = 0; w < this.words; w++) {
        let word = this.bits[f * this.words + w]!;
        while (word !== 0) {
          const low = word & -word;
          columns[at++] = (w << 5) + 31 - Math.clz32(low);
          word ^= low;
        }
      }
    }
    return columns;
  }
}

/** The indices of each class's examples, in example order. */
function examplesByClass(examples: TrainingSet, classes: number): number[][] {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let index = 0; index < examples.labels.length; index++) byClass[examples.labels[index]!]!.push(index);
  return byClass;
}

/** Set bits of a 32-bit integer. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * The rows training can touch when every example of article `L` is scored
 * against `candidates[L]` only: feature `f`'s row holds the union of the
 * candidates of the articles whose examples have `f`.
 */
export function candidateRows(examples: TrainingSet, classes: number, features: number, candidates: readonly Int32Array[]): RowIndex {
  const rows = new RowIndex(classes, features);
  const byClass = examplesByClass(examples, classes);
  const { offsets, features: ids } = examples;
  // Each (feature, article) pair once.
  const lastClass = new Int32Array(features).fill(-1);
  for (let label = 0; label < classes; label++) {
    const mine = candidates[label]!;
    for (const index of byClass[label]!) {
      for (let j = offsets[index]!; j < offsets[index + 1]!; j++) {
        const f = ids[j]!;
        if (lastClass[f] === label) continue;
        lastClass[f] = label;
        for (let k = 0; k < mine.length; k++) rows.add(f, mine[k]!);
      }
    }
  }
  rows.seal();
  return rows;
}

// Classes whose probability is below this get no gradient for an example.
// Their true gradient is as small, and skipping them makes training ~10× faster.
const SKIP_PROBABILITY = 1e-2;

/** Shuffles `items` in place (Fisher–Yates) with `random`. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i]!;
    items[i] = items[j]!;
    items[j] = swap;
  }
  return items;
}

/** The number of passes {@link trainSoftmax} makes over `examples` examples. */
export function epochsFor(examples: number, options: SoftmaxOptions): number {
  if (options.epochs > 0) return options.epochs;
  return Math.min(30, Math.max(5, Math.round(options.examplePasses / Math.max(1, examples))));
}

// Features kept per class centroid when looking for confusable classes.
const CENTROID_FEATURES = 256;
// Features in more centroids than this (or a twentieth of the classes) are skipped when comparing centroids.
const COMMON_FEATURE_CLASSES = 100;

/**
 * Per class, the classes its examples may be confused with: itself first,
 * then the `count − 1` classes whose centroids (weighted sum of their
 * examples, l2-normalised, cut to their largest {@link CENTROID_FEATURES}
 * features) have the highest cosine with its own; ties by class index.
 * Per class rather than per example: with 32 candidates both scored the same
 * on BANKING77, and per class takes one query per article, not per text.
 * Runs over an inverted index of the cut centroids, skipping features that
 * sit in very many of them, so its cost grows with classes, not classes².
 */
export function candidateClasses(examples: TrainingSet, classes: number, features: number, count: number): Int32Array[] {
  const byClass = examplesByClass(examples, classes);
  const { offsets, features: exampleFeatures, values: exampleValues, weights: exampleWeights } = examples;
  const sum = new Float64Array(features);
  const touched: number[] = [];
  const centroids: { ids: Int32Array; values: Float64Array }[] = [];
  const postings: number[][] = Array.from({ length: features }, () => []);
  const postingValues: number[][] = Array.from({ length: features }, () => []);
  for (let c = 0; c < classes; c++) {
    for (const index of byClass[c]!) {
      const weight = exampleWeights[index]!;
      for (let j = offsets[index]!; j < offsets[index + 1]!; j++) {
        const f = exampleFeatures[j]!;
        if (sum[f] === 0) touched.push(f);
        sum[f]! += weight * exampleValues[j]!;
      }
    }
    touched.sort((a, b) => sum[b]! - sum[a]! || a - b);
    const kept = touched.slice(0, CENTROID_FEATURES);
    let norm = 0;
    for (const f of kept) norm += sum[f]! * sum[f]!;
    norm = Math.sqrt(norm) || 1;
    const ids = Int32Array.from(kept);
    const values = Float64Array.from(kept, (f) => sum[f]! / norm);
    centroids.push({ ids, values });
    kept.forEach((f, k) => {
      postings[f]!.push(c);
      postingValues[f]!.push(values[k]!);
    });
    for (const f of touched) sum[f] = 0;
    touched.length = 0;
  }
  const score = new Float64Array(classes);
  const seen: number[] = [];
  // A feature in many centroids (a common n-gram) tells little apart and would make this quadratic again.
  const longest = Math.max(COMMON_FEATURE_CLASSES, Math.ceil(classes / 20));
  const query = (ids: Int32Array, values: ArrayLike<number>, c: number) => {
    for (let k = 0; k < ids.length; k++) {
      const f = ids[k]!;
      const classesOf = postings[f]!;
      if (classesOf.length > longest) continue;
      const valuesOf = postingValues[f]!;
      for (let p = 0; p < classesOf.length; p++) {
        const other = classesOf[p]!;
        if (other === c) continue;
        if (score[other] === 0) seen.push(other);
        score[other]! += values[k]! * valuesOf[p]!;
      }
    }
    seen.sort((a, b) => score[b]! - score[a]! || a - b);
    const out = Int32Array.from([c, ...seen.slice(0, count - 1)]);
    for (const other of seen) score[other] = 0;
    seen.length = 0;
    return out;
  };
  return centroids.map(({ ids, values }, c) => query(ids, values, c));
}

/**
 * Fits softmax weights to `examples` by minimising weighted cross-entropy with SGD.
 *
 * Speed, twice over:
 * - with more than `candidatesAbove` articles, an example is only scored
 *   against its candidates ({@link candidateClasses}): the articles it can
 *   be confused with. The rest keep a zero gradient for it, which is
 *   what they nearly have (a probability of 1/5,000 or less). A build stays
 *   linear in the number of examples: 5,000 articles compile in seconds
 *   instead of minutes (docs/benchmarks.md).
 * - after a full pass (over all articles, or all candidates), an example's
 *   probability mass sits on a handful of articles. Until the next full pass
 *   (every `fullPassEvery` epochs), only those articles (and the right one)
 *   are scored and updated for it; the rest are taken as zero. With 150
 *   articles that makes training several times faster at no measurable cost
 *   in accuracy.
 *
 * Memory: with candidates, only the weights those updates can reach are
 * stored ({@link candidateRows}, {@link SoftmaxWeights}); every other weight
 * would have stayed 0, so the model is bit for bit the one a dense matrix
 * gives, in a tenth of the memory (a 5,000-article dense matrix was 4 GB).
 */
export function trainSoftmax(examples: TrainingSet, classes: number, features: number, options: SoftmaxOptions): SoftmaxWeights {
  const { offsets, features: exampleFeatures, values: exampleValues, labels, weights: exampleWeights } = examples;
  const count = exampleCount(examples);
  const bias = new Float32Array(classes);
  const scores = new Float64Array(classes);
  const kept = new Int32Array(classes);
  const everyClass = Int32Array.from({ length: classes }, (_, c) => c);
  const candidates =
    classes > Math.max(options.candidatesAbove, options.maxCandidates) ? candidateClasses(examples, classes, features, options.maxCandidates) : null;
  // Only the weights training can touch are stored (see SoftmaxWeights); untouched ones stay 0 either way, so the model is the same.
  const rows = candidates ? candidateRows(examples, classes, features, candidates) : null;
  const { rowStart, columns } = rows ? { rowStart: rows.rowStart, columns: null } : denseRows(classes, features);
  const weights = new Float32Array(rowStart[features]!);
  // Per example, where each (feature, scored class) weight sits: `slot[j * n + k]` for feature j and class k of n.
  let slot = new Int32Array(1024);
  const fullSet = (index: number) => (candidates ? candidates[labels[index]!]! : everyClass);
  const active: Int32Array[] = Array.from({ length: count }, (_, index) => fullSet(index));
  // With candidates, a full pass still normalises over every article: those not
  // scored count with their bias alone (their weights on the example's features
  // are what is left out). Without this, 32 candidates would share all the mass,
  // each get a gradient, and training would be slower and worse (−1.6 points with 16).
  const expBias = new Float64Array(classes).fill(1);
  let expBiasTotal = classes;
  const order = Array.from({ length: count }, (_, index) => index);
  const random = mulberry32(options.seed);
  const epochs = epochsFor(count, options);
  // Cumulative L1 penalty (see SoftmaxOptions.l1): `owed` is what the penalty
  // has asked of every weight so far, `taken[at]` what weight `at` has given.
  const l1 = options.l1 > 0;
  const taken = l1 ? new Float32Array(weights.length) : null;
  let owed = 0;
  const penalise = (at: number) => {
    const before = weights[at]!;
    if (before > 0) weights[at] = Math.max(0, before - (owed + taken![at]!));
    else if (before < 0) weights[at] = Math.min(0, before + (owed - taken![at]!));
    taken![at]! += weights[at]! - before;
  };
  const refitEpochs = l1 ? Math.round(epochs * options.refitShare) : 0;
  for (let epoch = 0; epoch < epochs + refitEpochs; epoch++) {
    // Refit passes (debiasing): no penalty, and a weight L1 set to 0 stays 0.
    const refit = epoch >= epochs;
    const penalty = l1 && !refit;
    shuffleInPlace(order, random);
    const rate = options.learningRate / (1 + (refit ? epoch - epochs : epoch) / 2);
    const fullPass = (refit ? epoch - epochs : epoch) % options.fullPassEvery === 0;
    const decay = 1 - rate * options.refitDecay;
    if (candidates) expBiasTotal = expBias.reduce((total, value) => total + value, 0);
    for (const index of order) {
      const start = offsets[index]!;
      const length = offsets[index + 1]! - start;
      const label = labels[index]!;
      const scored = fullPass ? fullSet(index) : active[index]!;
      const dense = scored === everyClass;
      const n = scored.length;
      if (!dense) {
        if (slot.length < length * n) slot = new Int32Array(length * n * 2);
        for (let j = 0; j < length; j++) {
          const f = exampleFeatures[start + j]!;
          // Every class in every row (no candidates): the class is its own offset.
          if (rows) for (let k = 0; k < n; k++) slot[j * n + k] = rows.position(f, scored[k]!);
          else for (let k = 0; k < n; k++) slot[j * n + k] = rowStart[f]! + scored[k]!;
        }
      }
      for (let k = 0; k < n; k++) scores[k] = bias[scored[k]!]!;
      for (let j = 0; j < length; j++) {
        const value = exampleValues[start + j]!;
        if (dense) {
          const row = rowStart[exampleFeatures[start + j]!]!;
          for (let c = 0; c < classes; c++) scores[c]! += weights[row + c]! * value;
        } else {
          const at = j * n;
          for (let k = 0; k < n; k++) scores[k]! += weights[slot[at + k]!]! * value;
        }
      }
      let max = -Infinity;
      for (let k = 0; k < n; k++) if (scores[k]! > max) max = scores[k]!;
      let sum = 0;
      for (let k = 0; k < n; k++) {
        scores[k] = Math.exp(scores[k]! - max);
        sum += scores[k]!;
      }
      if (candidates && fullPass) {
        let unscored = expBiasTotal;
        for (let k = 0; k < n; k++) unscored -= expBias[scored[k]!]!;
        sum += Math.max(0, unscored) * Math.exp(-max);
      }
      if (penalty) owed += (rate * options.l1) / count;
      let keptCount = 0;
      for (let k = 0; k < n; k++) {
        const c = scored[k]!;
        const probability = scores[k]! / sum;
        const isLabel = c === label;
        if (!isLabel && probability < SKIP_PROBABILITY) continue;
        kept[keptCount++] = c;
        const step = rate * exampleWeights[index]! * (probability - (isLabel ? 1 : 0));
        bias[c]! -= step;
        if (candidates) {
          const value = Math.exp(bias[c]!);
          expBiasTotal += value - expBias[c]!;
          expBias[c] = value;
        }
        for (let j = 0; j < length; j++) {
          const at = dense ? rowStart[exampleFeatures[start + j]!]! + c : slot[j * n + k]!;
          if (refit && weights[at] === 0) continue;
          weights[at]! -= step * exampleValues[start + j]!;
          if (refit) weights[at]! *= decay;
          if (penalty) penalise(at);
        }
      }
      if (fullPass) active[index] = kept.slice(0, keptCount);
    }
    // The end of the L1 passes: every weight pays what it still owes.
    if (penalty && epoch === epochs - 1) for (let at = 0; at < weights.length; at++) penalise(at);
  }
  return { classes, features, rowStart, columns: columns ?? rows!.columns(), weights, bias };
}
