import { describe, expect, it } from 'vitest';
import { chatWords, compileSynonyms, countFeatures, DEFAULT_FEATURE_OPTIONS, hashFeature, vectorize, wordsOf, type AnalysisContext } from './features.ts';

const context = (synonyms: string[][] = []): AnalysisContext => ({ locale: 'en', lexicon: new Set(), synonyms: compileSynonyms(synonyms), cache: new Map() });

describe('chatWords', () => {
  it('reads contractions the way customers type them', () => {
    expect(chatWords("I can't find Anne's order, where's it?")).toEqual(['i', 'cant', 'find', 'anne', 'order', 'where', 'it']);
    expect(chatWords('I cant find it')).toEqual(['i', 'cant', 'find', 'it']);
    expect(chatWords("m'n auto's")).toEqual(['mn', 'auto']);
  });
});

describe('synonyms', () => {
  it('replaces every member of a group by the first, phrases included, longest first', () => {
    const table = compileSynonyms([
      ['track and trace', 'tracking', 'tracking code'],
      ['parcel', 'package'],
    ]);
    expect(wordsOf('my tracking code for the package', table)).toEqual(['my', 'track', 'and', 'trace', 'for', 'the', 'parcel']);
    expect(wordsOf('tracking', table)).toEqual(['track', 'and', 'trace']);
  });

  it('leaves text alone without synonyms', () => {
    expect(wordsOf('Where is it?', compileSynonyms([]))).toEqual(['where', 'is', 'it']);
  });
});

describe('hashFeature', () => {
  it('is deterministic and stays within its bits', () => {
    expect(hashFeature('w parcel', 22)).toBe(hashFeature('w parcel', 22));
    expect(hashFeature('w parcel', 22)).not.toBe(hashFeature('w parcels', 22));
    for (const feature of ['a', ' pa', 'b x y', 'w 2fa']) expect(hashFeature(feature, 10)).toBeLessThan(1024);
  });
});

describe('countFeatures', () => {
  it('counts word terms, bigrams and character n-grams', () => {
    const counts = countFeatures('parcel parcel', context(), { ...DEFAULT_FEATURE_OPTIONS, charMin: 3, charMax: 3 });
    // "parcel" twice, and the bigram "parcel parcel"
    expect([...counts.words.counts].sort()).toEqual([1, 2]);
    // " pa", "par", "arc", "rce", "cel", "el " twice each
    expect(counts.chars.buckets).toHaveLength(6);
    expect([...counts.chars.counts].every((count) => count === 2)).toBe(true);
    expect([...counts.chars.buckets]).toEqual([...counts.chars.buckets].sort((a, b) => a - b));
  });
});

describe('vectorize', () => {
  const options = { ...DEFAULT_FEATURE_OPTIONS, wordNormFloor: 0, charNormFloor: 0 };
  const norm = (values: Float64Array) => Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));

  it('gives a unit vector with sorted buckets', () => {
    const vector = vectorize(countFeatures('where is my parcel', context(), options), () => 2, options);
    expect(norm(vector.values)).toBeCloseTo(1, 9);
    expect([...vector.buckets]).toEqual([...vector.buckets].sort((a, b) => a - b));
  });

  it('drops buckets the model does not know before normalising', () => {
    const counts = countFeatures('parcel', context(), options);
    const known = new Set([...counts.chars.buckets].slice(0, 3));
    const vector = vectorize(counts, (bucket) => (known.has(bucket) ? 1 : undefined), options);
    expect(vector.buckets).toHaveLength(3);
    expect(norm(vector.values)).toBeCloseTo(Math.sqrt(1 - options.wordWeight), 9);
  });

  it('keeps a message with little evidence shorter than 1', () => {
    const floored = { ...DEFAULT_FEATURE_OPTIONS, wordNormFloor: 100, charNormFloor: 100 };
    const vector = vectorize(countFeatures('parcel', context(), floored), () => 2, floored);
    expect(norm(vector.values)).toBeLessThan(0.5);
  });
});
