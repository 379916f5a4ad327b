/**
 * Multinomial logistic regression (softmax) trained with plain SGD, at build
 * time only. The browser never trains: it reads the pruned, quantised weights.
 *
 * Why this and not only "nearest phrasing": on BANKING77 it learns which
 * words tell neighbouring articles apart ("declined" vs "pending"), which a
 * cosine to phrasings cannot; see docs/benchmarks.md for the figures.
 */

/** One training example: a sparse feature vector (dense feature indices), its article and weight. */
export interface TrainingExample {
  features: Int32Array;
  values: Float32Array;
  label: number;
  /** How much this example counts (a title or body line may count less than a phrasing). */
  weight: number;
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
  /** Every this many epochs, score all articles for every example (default 20); see {@link trainSoftmax}. */
  fullPassEvery: number;
}

/** Defaults of {@link SoftmaxOptions}, chosen on the BANKING77 calibration split. */
export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = { epochs: 0, examplePasses: 75_000, learningRate: 2, seed: 1, fullPassEvery: 20 };

/** Trained weights: `weights[feature * classes + class]` (a feature's weights sit together), and one bias per class. */
export interface SoftmaxWeights {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
}

// Classes whose probability is below this get no gradient for an example.
// Their true gradient is as small, and skipping them makes training ~10× faster.
const SKIP_PROBABILITY = 1e-2;

/** A small, seedable PRNG (mulberry32): deterministic across platforms. */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/**
 * Fits softmax weights to `examples` by minimising weighted cross-entropy with SGD.
 *
 * Speed: after a full pass, an example's probability mass sits on a handful
 * of articles. Until the next full pass (every `fullPassEvery` epochs), only
 * those articles (and the right one) are scored and updated for it; the rest
 * are taken as zero. With 150 articles that makes training several times faster
 * at no measurable cost in accuracy (docs/benchmarks.md).
 */
export function trainSoftmax(examples: readonly TrainingExample[], classes: number, features: number, options: SoftmaxOptions): SoftmaxWeights {
  const weights = new Float32Array(features * classes);
  const bias = new Float32Array(classes);
  const scores = new Float64Array(classes);
  const kept = new Int32Array(classes);
  const everyClass = Int32Array.from({ length: classes }, (_, c) => c);
  const active: Int32Array[] = examples.map(() => everyClass);
  const order = examples.map((_, index) => index);
  const random = mulberry32(options.seed);
  const epochs = epochsFor(examples.length, options);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    const rate = options.learningRate / (1 + epoch / 2);
    const fullPass = epoch % options.fullPassEvery === 0;
    for (const index of order) {
      const example = examples[index]!;
      const { features: ids, values } = example;
      const candidates = fullPass ? everyClass : active[index]!;
      const n = candidates.length;
      for (let k = 0; k < n; k++) scores[k] = bias[candidates[k]!]!;
      for (let j = 0; j < ids.length; j++) {
        const row = ids[j]! * classes;
        const value = values[j]!;
        if (fullPass) for (let c = 0; c < classes; c++) scores[c]! += weights[row + c]! * value;
        else for (let k = 0; k < n; k++) scores[k]! += weights[row + candidates[k]!]! * value;
      }
      let max = -Infinity;
      for (let k = 0; k < n; k++) if (scores[k]! > max) max = scores[k]!;
      let sum = 0;
      for (let k = 0; k < n; k++) {
        scores[k] = Math.exp(scores[k]! - max);
        sum += scores[k]!;
      }
      let keptCount = 0;
      for (let k = 0; k < n; k++) {
        const c = candidates[k]!;
        const probability = scores[k]! / sum;
        const isLabel = c === example.label;
        if (!isLabel && probability < SKIP_PROBABILITY) continue;
        kept[keptCount++] = c;
        const step = rate * example.weight * (probability - (isLabel ? 1 : 0));
        bias[c]! -= step;
        for (let j = 0; j < ids.length; j++) weights[ids[j]! * classes + c]! -= step * values[j]!;
      }
      if (fullPass) active[index] = kept.slice(0, keptCount);
    }
  }
  return { classes, features, weights, bias };
}
