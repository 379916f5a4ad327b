import { describe, expect, it } from 'vitest';
import { answer } from './answer.ts';
import { bodySentences, compileModel, resolveOptions } from './compile.ts';
import { candidateClasses, candidateRows, DEFAULT_SOFTMAX_OPTIONS, epochsFor, packExamples, trainSoftmax, type TrainingExample, weightOf } from './softmax.ts';
import { createArticle, SHOP_ARTICLES, SHOP_RULES } from './testing.ts';

describe('compileModel', () => {
  it('ships what the widget needs and nothing of the training', () => {
    const model = compileModel(SHOP_ARTICLES, SHOP_RULES);
    expect(model.format).toBe('wegwijs-assistant/1');
    expect(model.articles[0]).toEqual({
      id: 'track-parcel',
      title: 'Where is my parcel?',
      summary: 'Follow your parcel with the tracking link in your shipping e-mail.',
      phrasings: SHOP_ARTICLES[0]!.questions,
    });
    expect(model.rules.map((rule) => rule.id)).toEqual(['handoff', 'greeting', 'thanks']);
    expect(model.bias).toHaveLength(SHOP_ARTICLES.length);
    expect(model.lexicon).toEqual([]);
  });

  it('builds a Dutch compound lexicon from the content', () => {
    const dutch = compileModel([createArticle({ id: 'reset', locale: 'nl', questions: ['wachtwoord herstellen'] })], { locale: 'nl', rules: [], synonyms: [] });
    expect(dutch.lexicon).toEqual(expect.arrayContaining(['wachtwoord', 'herstel']));
    expect(answer(dutch, 'wachtwoordherstel').articleId).toBe('reset');
  });

  it('takes thresholds from the rules file over the defaults', () => {
    const model = compileModel(SHOP_ARTICLES, { ...SHOP_RULES, thresholds: { nomatch: 0.5 } });
    expect(model.thresholds).toEqual({ ...resolveOptions().thresholds, nomatch: 0.5 });
  });

  it('keeps at most maxWeightsPerArticle weights per article', () => {
    const count = (maxWeightsPerArticle: number) => atob(compileModel(SHOP_ARTICLES, SHOP_RULES, { maxWeightsPerArticle }).weights.entries).length;
    expect(count(20)).toBeLessThan(count(2000));
    expect(answer(compileModel(SHOP_ARTICLES, SHOP_RULES, { maxWeightsPerArticle: 50 }), 'where is my parcel').articleId).toBe('track-parcel');
  });

  it('ships fewer weights when trained for sparsity, and still answers', () => {
    const entries = (model: ReturnType<typeof compileModel>) => atob(model.weights.entries).length;
    const sparse = compileModel(SHOP_ARTICLES, SHOP_RULES, { training: { l1: 0.05, refitShare: 1 / 3 }, unweightedFeatures: false });
    const plain = compileModel(SHOP_ARTICLES, SHOP_RULES);
    expect(entries(sparse)).toBeLessThan(entries(plain));
    expect(sparse.weights.count).toBeLessThan(plain.weights.count);
    expect(answer(sparse, 'where is my parcel').articleId).toBe('track-parcel');
  });

  it('refuses articles of another locale, and duplicate ids', () => {
    expect(() => compileModel([createArticle({ id: 'a', locale: 'nl', questions: ['x'] })], SHOP_RULES)).toThrow(
      'assistant: article "a" is in locale "nl", the model is for "en"',
    );
    expect(() => compileModel([createArticle({ id: 'a', questions: ['x'] }), createArticle({ id: 'a', questions: ['y'] })], SHOP_RULES)).toThrow(
      'assistant: two articles have the id "a"',
    );
  });
});

describe('bodySentences', () => {
  it('strips Markdown and splits sentences', () => {
    expect(bodySentences('## Kosten\n\n1. Retourneren is **gratis**. Altijd!\n- Kijk in `Mijn account`\n\n```\ncode\n```')).toEqual([
      'Kosten',
      'Retourneren is gratis.',
      'Altijd!',
      'Kijk in Mijn account',
    ]);
  });
});

describe('trainSoftmax', () => {
  const examples = packExamples([
    { features: Int32Array.from([0]), values: Float32Array.from([1]), label: 0, weight: 1 },
    { features: Int32Array.from([1]), values: Float32Array.from([1]), label: 1, weight: 1 },
    { features: Int32Array.from([2]), values: Float32Array.from([1]), label: 2, weight: 1 },
  ]);

  it('learns a separable problem, the same way every time', () => {
    const options = { ...DEFAULT_SOFTMAX_OPTIONS, epochs: 30 };
    const trained = trainSoftmax(examples, 3, 3, options);
    for (let feature = 0; feature < 3; feature++) {
      const row = [0, 1, 2].map((c) => weightOf(trained, feature, c));
      expect(row.indexOf(Math.max(...row))).toBe(feature);
    }
    expect(trainSoftmax(examples, 3, 3, options).weights).toEqual(trained.weights);
  });

  it('with an L1 penalty, sets to exactly 0 the weights that tell nothing apart, and keeps what does', () => {
    // Feature 3 is in every article's texts: it tells none apart.
    const shared = packExamples(
      [0, 1, 2].flatMap((label) => [
        { features: Int32Array.from([label, 3]), values: Float32Array.from([0.8, 0.6]), label, weight: 1 },
        { features: Int32Array.from([3]), values: Float32Array.from([1]), label, weight: 0.2 },
      ]),
    );
    const options = { ...DEFAULT_SOFTMAX_OPTIONS, epochs: 30 };
    const dense = trainSoftmax(shared, 3, 4, options);
    const sparse = trainSoftmax(shared, 3, 4, { ...options, l1: 0.5 });
    const nonZero = (weights: Float32Array) => weights.filter((w) => w !== 0).length;
    expect(nonZero(dense.weights)).toBe(12);
    expect([0, 1, 2].map((c) => weightOf(sparse, 3, c))).toEqual([0, 0, 0]);
    // Each article's own feature still points to it, and to no other.
    for (let f = 0; f < 3; f++) for (let c = 0; c < 3; c++) expect(weightOf(sparse, f, c) > 0).toBe(f === c);
    expect(nonZero(sparse.weights)).toBeLessThan(nonZero(dense.weights));
    expect(trainSoftmax(shared, 3, 4, { ...options, l1: 0.5 }).weights).toEqual(sparse.weights);
  });

  it('refits the weights L1 kept, larger again, and never wakes those it set to 0', () => {
    const options = { ...DEFAULT_SOFTMAX_OPTIONS, epochs: 30, l1: 0.3 };
    const penalised = trainSoftmax(examples, 3, 3, options);
    const refitted = trainSoftmax(examples, 3, 3, { ...options, refitShare: 1 / 3 });
    expect(penalised.weights.some((w) => w === 0)).toBe(true);
    for (const [at, weight] of penalised.weights.entries()) if (weight === 0) expect(refitted.weights[at]).toBe(0);
    for (let f = 0; f < 3; f++) expect(weightOf(refitted, f, f)).toBeGreaterThan(weightOf(penalised, f, f));
    // With decay in the refit, they grow less.
    const decayed = trainSoftmax(examples, 3, 3, { ...options, refitShare: 1 / 3, refitDecay: 0.05 });
    for (let f = 0; f < 3; f++) expect(weightOf(decayed, f, f)).toBeLessThan(weightOf(refitted, f, f));
  });

  it('packs examples one after the other, each with its label and weight', () => {
    const set = packExamples([
      { features: Int32Array.from([4, 7]), values: Float32Array.from([0.6, 0.8]), label: 1, weight: 0.5 },
      { features: Int32Array.from([2]), values: Float32Array.from([1]), label: 0, weight: 1 },
    ]);
    expect(Array.from(set.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(set.features)).toEqual([4, 7, 2]);
    expect(Array.from(set.values)).toEqual([Math.fround(0.6), Math.fround(0.8), 1]);
    expect(Array.from(set.labels)).toEqual([1, 0]);
    expect(Array.from(set.weights)).toEqual([0.5, 1]);
  });

  it('makes more passes over small corpora than over large ones', () => {
    expect(epochsFor(700, DEFAULT_SOFTMAX_OPTIONS)).toBe(30);
    expect(epochsFor(15_000, DEFAULT_SOFTMAX_OPTIONS)).toBe(5);
    expect(epochsFor(15_000, { ...DEFAULT_SOFTMAX_OPTIONS, epochs: 12 })).toBe(12);
  });
});

describe('candidate articles (large help centers)', () => {
  const example = (label: number, features: number[]): TrainingExample => ({
    features: Int32Array.from(features),
    values: Float32Array.from(features, () => 1 / Math.sqrt(features.length)),
    label,
    weight: 1,
  });

  it('lists an article first, then the articles whose texts share the most with it', () => {
    const examples = packExamples([example(0, [0, 1, 2]), example(1, [1, 2, 3]), example(2, [7, 8]), example(3, [2, 3, 4])]);
    const candidates = candidateClasses(examples, 4, 9, 3);
    expect(Array.from(candidates[0]!)).toEqual([0, 1, 3]);
    expect(Array.from(candidates[2]!)).toEqual([2]);
    expect(candidates).toEqual(candidateClasses(examples, 4, 9, 3));
  });

  it("stores a weight only where a feature and one of its articles' candidates meet, and no other weight ever moves", () => {
    const list = [example(0, [0, 1, 2]), example(1, [1, 2, 3]), example(2, [7, 8]), example(3, [2, 3, 4]), example(1, [5])];
    const examples = packExamples(list);
    const candidates = candidateClasses(examples, 4, 9, 2);
    const expected = Array.from({ length: 9 }, (_, f) =>
      [...new Set(list.filter((e) => e.features.includes(f)).flatMap((e) => [...candidates[e.label]!]))].sort((a, b) => a - b),
    );
    const trained = trainSoftmax(examples, 4, 9, { ...DEFAULT_SOFTMAX_OPTIONS, candidatesAbove: 0, maxCandidates: 2, epochs: 30 });
    expect(Array.from({ length: 9 }, (_, f) => Array.from(trained.columns.subarray(trained.rowStart[f], trained.rowStart[f + 1])))).toEqual(expected);
    const rows = candidateRows(examples, 4, 9, candidates);
    for (const [f, row] of expected.entries()) for (const [k, c] of row.entries()) expect(rows.position(f, c)).toBe(trained.rowStart[f]! + k);
    expect(trained.weights.length).toBeLessThan(9 * 4);
    // Feature 7 is only in article 2's text: it points there, and at no article outside its candidates.
    expect(weightOf(trained, 7, 2)).toBeGreaterThan(0);
    for (let c = 0; c < 4; c++) if (!candidates[2]!.includes(c)) expect(weightOf(trained, 7, c)).toBe(0);
  });

  it('trains a model that still answers right when forced on a small corpus', () => {
    const model = compileModel(SHOP_ARTICLES, SHOP_RULES, { training: { candidatesAbove: 0, maxCandidates: 3 } });
    expect(answer(model, 'where is my parcel').articleId).toBe('track-parcel');
    expect(answer(model, 'I want my money back, where is my refund').articleId).toBe('refund-status');
    expect(model).toEqual(compileModel(SHOP_ARTICLES, SHOP_RULES, { training: { candidatesAbove: 0, maxCandidates: 3 } }));
  });
});
