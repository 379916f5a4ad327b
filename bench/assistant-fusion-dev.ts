/**
 * Research, 2026-12: second scorers and latent features for the softmax, by
 * 4-fold cross-validation on the non-test part of BANKING77 (the folds of
 * bench/assistant-dev.ts; the test split is never touched). Nothing here
 * ships; the figures are in site/assistant/README.md.
 *
 *   node --experimental-strip-types bench/assistant-fusion-dev.ts
 *
 * Every scorer gives a distribution q over the articles; "<scorer> α1" is the
 * softmax's p fused as p × q (renormalised), "alone" is q by itself:
 * - bm25 βγ: BM25 (k1 1.2, b 0.75) of the message's word terms and bigrams
 *   against each phrasing and title, the article's best; q = softmax(γ × score / top score);
 * - cnb βγ: complement naive Bayes (weight-normalised) over the TF-IDF vector;
 *   q = softmax(γ × score standardised over the articles);
 * - lsaK βγ: randomized truncated SVD (K dims, 3 power iterations, seeded) of
 *   the phrasing × feature TF-IDF matrix; q = softmax(γ × cosine to the
 *   article's centroid in the latent space);
 * - lsafeatK λ: the K latent dimensions (× λ) appended to the features of a
 *   softmax trained here (unpruned; λ0 is that trainer's baseline);
 * - nbscale ε,ρ,a: NB-SVM style: the weight of feature f for article c is
 *   w × (ε + |log-count ratio(c, f)|^ρ), smoothing a; trained by SGD as trainSoftmax;
 * - hinge kind,λ,rate: another loss on the same features, one-vs-rest squared
 *   hinge (ovr) or Crammer–Singer multiclass hinge (cs), L2 weight λ.
 * Environment: PHRASINGS=few|all; OOS=1 adds in-scope accuracy at 65 % of
 * left-out intents refused (as bench/assistant-dev.ts); SCORERS (default
 * bm25,cnb,lsa, or none); BM25_BETAS, CNB_BETAS, LSA_BETAS (γ lists);
 * LSA_DIMS (150), LSA_VIEW=all|words; LSA_FEATURE_WEIGHTS (λ list); NB_SCALES
 * ("ε,ρ,a;…"); HINGE ("kind,λ,rate;…"); NEAREST_POWERS: confidence × (highest cosine to any phrasing)^k,
 * for OOS only; COMBINE="name|name|…": the product of those distributions.
 */
import { confidenceOf, rank } from '#core/assistant/answer.ts';
import { compileModel } from '#core/assistant/compile.ts';
import { compileSynonyms, countFeatures, DEFAULT_FEATURE_OPTIONS, vectorize, type AnalysisContext, type FeatureCounts } from '#core/assistant/features.ts';
import type { AssistantArticle } from '#core/assistant/model.ts';
import { DEFAULT_SOFTMAX_OPTIONS, shuffleInPlace, trainSoftmax, type TrainingExample } from '#core/assistant/softmax.ts';
import { mulberry32 } from '#core/util/random.ts';
import { articlesOf, devSplit } from './banking77.ts';
import { heldOrder, inScope, rules, settings, softmaxOf, type Sparse, splits, symmetricEigen, withOutOfScope } from './assistant-research.ts';

const folds = 4;
const LSA_DIMS = Number(process.env.LSA_DIMS ?? 150);
const LSA_VIEW = process.env.LSA_VIEW ?? 'all';
const options = DEFAULT_FEATURE_OPTIONS;
const SCORERS = new Set((process.env.SCORERS ?? 'bm25,cnb,lsa').split(','));

/** All the scorers' distributions for the evaluation messages of one model. */
interface Scored {
  softmax: Float64Array[];
  others: Record<string, Float64Array[]>;
  /** Per message, the highest cosine to any phrasing or title of the corpus (TF-IDF space). */
  nearest: number[];
}

/** Gram–Schmidt (twice) on the columns of an n × l row-major matrix, in place. */
function orthonormalise(m: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += m[i * l + j]! * m[i * l + k]!;
        for (let i = 0; i < n; i++) m[i * l + j]! -= dot * m[i * l + k]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += m[i * l + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) m[i * l + j]! /= norm;
  }
}

/**
 * Right singular vectors (d × k, row-major) of the sparse n × d matrix `rows`
 * by randomized SVD: Gaussian sketch of k + 10 columns, `power` power iterations.
 */
function truncatedSvd(rows: Sparse[], d: number, k: number, power: number, seed: number): Float64Array {
  const n = rows.length;
  const l = Math.min(k + 10, n);
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const omega = Float64Array.from({ length: d * l }, gauss);
  const y = new Float64Array(n * l);
  const xTimes = (right: Float64Array, out: Float64Array) => {
    out.fill(0);
    rows.forEach((row, i) => {
      for (let t = 0; t < row.ids.length; t++) {
        const f = row.ids[t]!;
        const value = row.values[t]!;
        for (let j = 0; j < l; j++) out[i * l + j]! += value * right[f * l + j]!;
      }
    });
  };
  const xTransposeTimes = (left: Float64Array, out: Float64Array) => {
    out.fill(0);
    rows.forEach((row, i) => {
      for (let t = 0; t < row.ids.length; t++) {
        const f = row.ids[t]!;
        const value = row.values[t]!;
        for (let j = 0; j < l; j++) out[f * l + j]! += value * left[i * l + j]!;
      }
    });
  };
  xTimes(omega, y);
  orthonormalise(y, n, l);
  const z = new Float64Array(d * l);
  for (let p = 0; p < power; p++) {
    xTransposeTimes(y, z);
    orthonormalise(z, d, l);
    xTimes(z, y);
    orthonormalise(y, n, l);
  }
  // B = Qᵀ X (l × d), stored as its transpose (d × l) in z.
  xTransposeTimes(y, z);
  const gram = new Float64Array(l * l);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < l; i++) {
      const zi = z[f * l + i]!;
      if (zi === 0) continue;
      for (let j = 0; j < l; j++) gram[i * l + j]! += zi * z[f * l + j]!;
    }
  }
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!).slice(0, k);
  // V = Bᵀ U Σ⁻¹: column j = z × u_j / σ_j.
  const v = new Float64Array(d * k);
  order.forEach((e, j) => {
    const sigma = Math.sqrt(Math.max(values[e]!, 1e-18));
    for (let f = 0; f < d; f++) {
      let sum = 0;
      for (let i = 0; i < l; i++) sum += z[f * l + i]! * vectors[i * l + e]!;
      v[f * k + j] = sum / sigma;
    }
  });
  return v;
}

function project(row: Sparse, v: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let t = 0; t < row.ids.length; t++) {
    const f = row.ids[t]!;
    const value = row.values[t]!;
    for (let j = 0; j < k; j++) out[j]! += value * v[f * k + j]!;
  }
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < k; j++) out[j]! /= norm;
  return out;
}

function scoreAll(articles: AssistantArticle[], messages: string[]): Scored {
  const model = compileModel(articles, rules);
  const classes = articles.length;
  const indexOfId = new Map(articles.map((article, index) => [article.id, index]));
  const softmax = messages.map((text) => {
    const out = new Float64Array(classes);
    for (const c of rank(model, text)) out[indexOfId.get(c.articleId)!] = c.score;
    return out;
  });

  const context: AnalysisContext = { locale: 'en', lexicon: new Set(), synonyms: compileSynonyms([]), cache: new Map() };
  const texts = articles.flatMap((article, index) => [article.title, ...article.questions].map((text) => ({ text, label: index })));
  const counts: FeatureCounts[] = texts.map(({ text }) => countFeatures(text, context, options));
  const df = new Map<number, number>();
  for (const count of counts) for (const view of [count.words, count.chars]) for (const b of view.buckets) df.set(b, (df.get(b) ?? 0) + 1);
  const buckets = [...df.keys()].sort((a, b) => a - b);
  const indexOf = new Map(buckets.map((bucket, index) => [bucket, index]));
  const idf = new Map(buckets.map((bucket) => [bucket, Math.log((1 + texts.length) / (1 + df.get(bucket)!)) + 1]));
  const d = buckets.length;
  const toSparse = (c: FeatureCounts, view: 'words' | 'all'): Sparse => {
    const v = vectorize(view === 'all' ? c : { words: c.words, chars: { buckets: new Int32Array(), counts: new Int32Array() } }, (b) => idf.get(b), { ...options, wordWeight: view === 'all' ? options.wordWeight : 1 });
    return { ids: Int32Array.from(v.buckets, (b) => indexOf.get(b)!), values: Float64Array.from(v.values) };
  };
  const trainRows = counts.map((c) => toSparse(c, 'all'));
  const messageCounts = messages.map((text) => countFeatures(text, context, options));
  const messageRows = messageCounts.map((c) => toSparse(c, 'all'));
  const others: Record<string, Float64Array[]> = {};

  // BM25 on word terms (and bigrams), best phrasing per article.
  if (SCORERS.has('bm25')) {
    const docs = counts.map((c) => c.words);
    const avg = docs.reduce((s, v) => s + v.counts.reduce((a, b) => a + b, 0), 0) / docs.length;
    const postings = new Map<number, { doc: number; tf: number }[]>();
    docs.forEach((view, doc) =>
      view.buckets.forEach((b, k) => {
        const list = postings.get(b) ?? [];
        list.push({ doc, tf: view.counts[k]! });
        postings.set(b, list);
      }),
    );
    const lengths = docs.map((v) => v.counts.reduce((a, b) => a + b, 0));
    const k1 = 1.2;
    const bParam = 0.75;
    const raw = messageCounts.map((c) => {
      const perDoc = new Float64Array(docs.length);
      c.words.buckets.forEach((b) => {
        const list = postings.get(b);
        if (!list) return;
        const idfB = Math.log(1 + (docs.length - list.length + 0.5) / (list.length + 0.5));
        for (const { doc, tf } of list) perDoc[doc]! += (idfB * tf * (k1 + 1)) / (tf + k1 * (1 - bParam + (bParam * lengths[doc]!) / avg));
      });
      const perClass = new Float64Array(classes);
      perDoc.forEach((s, doc) => (perClass[texts[doc]!.label] = Math.max(perClass[texts[doc]!.label]!, s)));
      return perClass;
    });
    for (const beta of (process.env.BM25_BETAS ?? '0.25,0.5,1').split(',').map(Number)) others[`bm25 β${beta}`] = raw.map((s) => {
      const top = Math.max(...s) || 1;
      return softmaxOf(s.map((x) => x / top), beta);
    });
  }

  // Complement naive Bayes over the TF-IDF vectors (weight-normalised, Rennie et al. 2003).
  if (SCORERS.has('cnb')) {
    const perClass = Array.from({ length: classes }, () => new Float64Array(d));
    const total = new Float64Array(d);
    trainRows.forEach((row, i) => row.ids.forEach((f, t) => {
      perClass[texts[i]!.label]![f]! += row.values[t]!;
      total[f]! += row.values[t]!;
    }));
    const grand = total.reduce((a, b) => a + b, 0);
    const alpha = 0.1;
    const weights = perClass.map((own) => {
      const ownSum = own.reduce((a, b) => a + b, 0);
      const w = new Float64Array(d);
      let norm = 0;
      for (let f = 0; f < d; f++) {
        w[f] = -Math.log((alpha + total[f]! - own[f]!) / (alpha * d + grand - ownSum));
        norm += Math.abs(w[f]!);
      }
      // Weight normalisation, then flip the sign: a high score means "this class".
      for (let f = 0; f < d; f++) w[f] = -w[f]! / norm;
      return w;
    });
    const raw = messageRows.map((row) => {
      const s = new Float64Array(classes);
      for (let c = 0; c < classes; c++) for (let t = 0; t < row.ids.length; t++) s[c]! -= row.values[t]! * weights[c]![row.ids[t]!]!;
      return s;
    });
    // Standardised per message, so β means the same for every message.
    for (const beta of (process.env.CNB_BETAS ?? '0.05,0.1,0.2').split(',').map(Number)) others[`cnb β${beta}`] = raw.map((s) => {
      const mean = s.reduce((a, b) => a + b, 0) / s.length;
      const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length) || 1;
      return softmaxOf(s.map((x) => (x - mean) / sd), beta);
    });
  }

  // LSA: centroid cosine in the latent space.
  if (SCORERS.has('lsa')) {
    const rows = LSA_VIEW === 'all' ? trainRows : counts.map((c) => toSparse(c, 'words'));
    const mrows = LSA_VIEW === 'all' ? messageRows : messageCounts.map((c) => toSparse(c, 'words'));
    const k = Math.min(LSA_DIMS, rows.length - 11);
    const v = truncatedSvd(rows, d, k, 3, 1);
    const centroids = Array.from({ length: classes }, () => new Float64Array(k));
    rows.forEach((row, i) => {
      const z = project(row, v, k);
      const centroid = centroids[texts[i]!.label]!;
      for (let j = 0; j < k; j++) centroid[j]! += z[j]!;
    });
    for (const c of centroids) {
      const norm = Math.sqrt(c.reduce((a, b) => a + b * b, 0)) || 1;
      for (let j = 0; j < k; j++) c[j]! /= norm;
    }
    const raw = mrows.map((row) => {
      const z = project(row, v, k);
      return Float64Array.from(centroids, (c) => c.reduce((a, b, j) => a + b * z[j]!, 0));
    });
    for (const beta of (process.env.LSA_BETAS ?? '0.5,1,2').split(',').map(Number)) others[`lsa${k} β${beta}`] = raw.map((s) => softmaxOf(s, beta));
  }
  // LSA dimensions appended to the softmax's features (weight λ on the latent part), trained here unpruned.
  for (const lambda of (process.env.LSA_FEATURE_WEIGHTS ?? '').split(',').filter(Boolean).map(Number)) {
    const k = Math.min(LSA_DIMS, trainRows.length - 11);
    const v = lambda > 0 ? truncatedSvd(trainRows, d, k, 3, 1) : new Float64Array(d * k);
    const withLatent = (row: Sparse): { ids: Int32Array; values: Float32Array } => {
      if (lambda === 0) return { ids: row.ids, values: Float32Array.from(row.values) };
      const z = project(row, v, k);
      return { ids: Int32Array.from([...row.ids, ...Array.from({ length: k }, (_, j) => d + j)]), values: Float32Array.from([...row.values, ...Array.from(z, (x) => lambda * x)]) };
    };
    const examples: TrainingExample[] = trainRows.map((row, i) => {
      const { ids, values } = withLatent(row);
      return { features: ids, values, label: texts[i]!.label, weight: 1 };
    });
    const trained = trainSoftmax(examples, classes, d + k, DEFAULT_SOFTMAX_OPTIONS);
    others[`lsafeat${k} λ${lambda}`] = messageRows.map((row) => {
      const { ids, values } = withLatent(row);
      const s = Float64Array.from(trained.bias);
      for (let t = 0; t < ids.length; t++) for (let c = 0; c < classes; c++) s[c]! += trained.weights[ids[t]! * classes + c]! * values[t]!;
      return softmaxOf(s, 1);
    });
  }
  // NB-SVM style: the softmax's weight of feature f for class c is w × s(c, f), s = ε + |log-count ratio|^ρ
  // (class c against the rest, over TF-IDF values); w trained by SGD as trainSoftmax does, all classes scored.
  for (const spec of (process.env.NB_SCALES ?? '').split(';').filter(Boolean)) {
    const [epsilon, rho, alpha] = spec.split(',').map(Number) as [number, number, number];
    const own = new Float64Array(d * classes);
    const total = new Float64Array(d);
    const classSum = new Float64Array(classes);
    trainRows.forEach((row, i) => row.ids.forEach((f, t) => {
      own[f * classes + texts[i]!.label]! += row.values[t]!;
      total[f]! += row.values[t]!;
      classSum[texts[i]!.label]! += row.values[t]!;
    }));
    const grand = classSum.reduce((a, b) => a + b, 0);
    const scale = new Float64Array(d * classes);
    for (let f = 0; f < d; f++) {
      for (let c = 0; c < classes; c++) {
        const p = (alpha + own[f * classes + c]!) / (alpha * d + classSum[c]!);
        const q = (alpha + total[f]! - own[f * classes + c]!) / (alpha * d + grand - classSum[c]!);
        scale[f * classes + c] = rho === 0 ? 1 : epsilon + Math.abs(Math.log(p / q)) ** rho;
      }
    }
    const w = new Float64Array(d * classes);
    const bias = new Float64Array(classes);
    const random = mulberry32(1);
    const order = trainRows.map((_, i) => i);
    const epochs = Math.min(30, Math.max(5, Math.round(75_000 / trainRows.length)));
    const scores = new Float64Array(classes);
    const scoreOf = (row: Sparse, out: Float64Array) => {
      out.set(bias);
      for (let t = 0; t < row.ids.length; t++) {
        const base = row.ids[t]! * classes;
        const x = row.values[t]!;
        for (let c = 0; c < classes; c++) out[c]! += w[base + c]! * scale[base + c]! * x;
      }
    };
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, random);
      const rate = 2 / (1 + epoch / 2);
      for (const i of order) {
        const row = trainRows[i]!;
        scoreOf(row, scores);
        const p = softmaxOf(scores, 1);
        for (let c = 0; c < classes; c++) {
          const g = p[c]! - (c === texts[i]!.label ? 1 : 0);
          if (Math.abs(g) < 1e-2) continue;
          bias[c]! -= rate * g;
          for (let t = 0; t < row.ids.length; t++) {
            const index = row.ids[t]! * classes + c;
            w[index]! -= rate * g * row.values[t]! * scale[index]!;
          }
        }
      }
    }
    others[`nbscale ${spec}`] = messageRows.map((row) => {
      const s = new Float64Array(classes);
      scoreOf(row, s);
      return softmaxOf(s, 1);
    });
  }
  // Other losses on the same features: one-vs-rest squared hinge ("ovr") or the multiclass
  // hinge of Crammer and Singer ("cs"), SGD with the softmax's schedule and L2 weight λ.
  for (const spec of (process.env.HINGE ?? '').split(';').filter(Boolean)) {
    const [kind, lambdaText, rateText] = spec.split(',') as [string, string, string];
    const lambda = Number(lambdaText);
    const w = new Float64Array(d * classes);
    const bias = new Float64Array(classes);
    const random = mulberry32(1);
    const order = trainRows.map((_, i) => i);
    const epochs = Math.min(30, Math.max(5, Math.round(75_000 / trainRows.length)));
    const scores = new Float64Array(classes);
    let decay = 1;
    const scoreOf = (row: Sparse, out: Float64Array) => {
      out.set(bias);
      for (let t = 0; t < row.ids.length; t++) {
        const base = row.ids[t]! * classes;
        const x = row.values[t]! * decay;
        for (let c = 0; c < classes; c++) out[c]! += w[base + c]! * x;
      }
    };
    const update = (row: Sparse, c: number, step: number) => {
      bias[c]! -= step;
      for (let t = 0; t < row.ids.length; t++) w[row.ids[t]! * classes + c]! -= (step * row.values[t]!) / decay;
    };
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, random);
      const rate = Number(rateText) / (1 + epoch / 2);
      for (const i of order) {
        const row = trainRows[i]!;
        const label = texts[i]!.label;
        decay *= 1 - rate * lambda;
        scoreOf(row, scores);
        if (kind === 'ovr') {
          for (let c = 0; c < classes; c++) {
            const y = c === label ? 1 : -1;
            const margin = y * scores[c]!;
            if (margin < 1) update(row, c, -rate * 2 * (1 - margin) * y);
          }
        } else {
          let rival = -1;
          for (let c = 0; c < classes; c++) if (c !== label && (rival < 0 || scores[c]! > scores[rival]!)) rival = c;
          if (scores[label]! - scores[rival]! < 1) {
            update(row, label, -rate);
            update(row, rival, rate);
          }
        }
      }
    }
    others[`hinge ${spec}`] = messageRows.map((row) => {
      const s = new Float64Array(classes);
      scoreOf(row, s);
      return softmaxOf(s, 4);
    });
  }
  const postings: { doc: number; value: number }[][] = Array.from({ length: d }, () => []);
  trainRows.forEach((row, doc) => row.ids.forEach((f, t) => postings[f]!.push({ doc, value: row.values[t]! })));
  const norms = trainRows.map((row) => Math.sqrt(row.values.reduce((a, b) => a + b * b, 0)) || 1);
  const dots = new Float64Array(trainRows.length);
  const nearest = messageRows.map((row) => {
    dots.fill(0);
    for (let t = 0; t < row.ids.length; t++) for (const { doc, value } of postings[row.ids[t]!]!) dots[doc]! += value * row.values[t]!;
    const norm = Math.sqrt(row.values.reduce((a, b) => a + b * b, 0)) || 1;
    let best = 0;
    for (let doc = 0; doc < dots.length; doc++) best = Math.max(best, dots[doc]! / (norm * norms[doc]!));
    return best;
  });
  return { softmax, others, nearest };
}

function fuse(p: Float64Array, q: Float64Array, alpha: number): Float64Array {
  const out = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += out[i] = Math.exp(Math.log(p[i]! + 1e-300) + alpha * Math.log(q[i]! + 1e-300));
  for (let i = 0; i < p.length; i++) out[i]! /= sum;
  return out;
}

const ALPHAS = [0, 1];
for (const [key, phrasings] of settings) {
  const started = performance.now();
  // figure name → per fold [top-1, top-3]; OOS samples per name
  const acc = new Map<string, { top1: number; top3: number; total: number }>();
  const oos = new Map<string, { confidence: number; right: boolean; outOfScope: boolean }[]>();
  for (let fold = 0; fold < folds; fold++) {
    const dev = devSplit(splits, fold, folds);
    const articles = articlesOf(dev, inScope, phrasings);
    const messages = inScope.flatMap((intent) => dev.get(intent)!.calibration.map((text) => ({ text, intent })));
    const scored = scoreAll(articles, messages.map((m) => m.text));
    const variants = (s: Scored) => {
      const out = new Map<string, Float64Array[]>([['softmax', s.softmax]]);
      for (const [name, q] of Object.entries(s.others)) {
        for (const alpha of ALPHAS) {
          const label = alpha === 0 ? 'softmax' : `${name} α${alpha}`;
          if (!out.has(label)) out.set(label, s.softmax.map((p, i) => fuse(p, q[i]!, alpha)));
        }
        out.set(`${name} alone`, q);
      }
      // COMBINE="a|b|c": the product of those distributions (names as printed, without "alone").
      if (process.env.COMBINE) {
        const names = process.env.COMBINE.split('|');
        out.set(`product of ${names.length}`, s.softmax.map((_, i) => names.slice(1).reduce((p, name) => fuse(p, s.others[name]![i]!, 1), s.others[names[0]!]![i]!)));
      }
      return out;
    };
    for (const [label, dists] of variants(scored)) {
      const entry = acc.get(label) ?? { top1: 0, top3: 0, total: 0 };
      dists.forEach((p, i) => {
        const right = articles.findIndex((a) => a.id === messages[i]!.intent);
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
      const partial = scoreAll(partialArticles, messages.map((m) => m.text));
      for (const [label, dists] of variants(partial)) {
        const list = oos.get(label) ?? [];
        dists.forEach((p, i) => {
          let best = 0;
          for (let a = 1; a < p.length; a++) if (p[a]! > p[best]!) best = a;
          const intent = messages[i]!.intent;
          list.push({ confidence: confidenceOf(p[best]!, p.length), right: partialArticles[best]!.id === intent, outOfScope: held.has(intent) });
        });
        oos.set(label, list);
      }
      for (const power of (process.env.NEAREST_POWERS ?? '').split(',').filter(Boolean).map(Number)) {
        const label = `softmax × nearest^${power}`;
        const list = oos.get(label) ?? [];
        partial.softmax.forEach((p, i) => {
          let best = 0;
          for (let a = 1; a < p.length; a++) if (p[a]! > p[best]!) best = a;
          const intent = messages[i]!.intent;
          list.push({ confidence: confidenceOf(p[best]!, p.length) * partial.nearest[i]! ** power, right: partialArticles[best]!.id === intent, outOfScope: held.has(intent) });
        });
        oos.set(label, list);
        if (!acc.has(label)) acc.set(label, acc.get('softmax')!);
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
  console.log(`${key}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
