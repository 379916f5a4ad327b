/**
 * What the assistant's research scripts share (bench/assistant-dev.ts,
 * assistant-fusion-dev.ts, assistant-embedding-dev.ts): the same BANKING77
 * setup for choosing methods by cross-validation (the test split is never
 * touched; ten intents are out of scope as in bench/assistant.ts) and a few
 * numeric helpers. Nothing here ships; the figures in docs/benchmarks.md come
 * from bench/assistant.ts only.
 */
import { pickIntents, readBanking77, splitByIntent } from './banking77.ts';

/** BANKING77's messages, split per intent with the benchmark's seed. */
export const messages77 = readBanking77();
export const splits = splitByIntent(messages77, 77);
export const intents = [...splits.keys()];
/** The intents left out of every corpus (the benchmark's seeded pick). */
export const outOfScope = new Set(pickIntents(intents, 10, 7));
export const inScope = intents.filter((intent) => !outOfScope.has(intent));
/** The order in which in-scope intents are held out per fold for the out-of-scope figure. */
export const heldOrder = pickIntents(inScope, inScope.length, 78);
/** `OOS=1` adds in-scope accuracy at 65 % of held-out intents refused. */
export const withOutOfScope = process.env.OOS === '1';
/** `PHRASINGS=few` or `all` runs one corpus shape only: 10 phrasings per article, or all. */
export const settings = ([['few', 10], ['all', Infinity]] as const).filter(([key]) => !process.env.PHRASINGS || process.env.PHRASINGS === key);
/** No rules and no synonyms: the benchmark measures the ranking alone. */
export const rules = { locale: 'en' as const, rules: [], synonyms: [] };

/** A sparse vector: term ids and their weights. */
export interface Sparse {
  ids: Int32Array;
  values: Float64Array;
}

/** Softmax of `scores` at inverse temperature `beta`. */
export function softmaxOf(scores: ArrayLike<number>, beta: number): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]!);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp(beta * (scores[i]! - max));
  for (let i = 0; i < scores.length; i++) out[i]! /= sum;
  return out;
}

/** Eigen-decomposition of a symmetric l × l matrix (cyclic Jacobi): eigenvalues and column eigenvectors. */
export function symmetricEigen(a: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-14) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i]!;
  return { values, vectors: v };
}
