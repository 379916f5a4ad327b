import { describe, expect, it } from 'vitest';
import { intentTitle, parseCsv, pickIntents, splitByIntent, synthesiseArticles, validationSplit } from './banking77.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('text,category\r\n"Hi, I ""lost"" it",lost_card\n"two\nlines",x\nplain,y')).toEqual([
      ['text', 'category'],
      ['Hi, I "lost" it', 'lost_card'],
      ['two\nlines', 'x'],
      ['plain', 'y'],
    ]);
  });
});

describe('splitByIntent', () => {
  const messages = Array.from({ length: 40 }, (_, i) => ({ text: `message ${i}`, intent: i % 2 ? 'b_intent' : 'a_intent' }));

  it('splits each intent 20/10/70, the same way for the same seed', () => {
    const splits = splitByIntent(messages, 1);
    expect([...splits.keys()]).toEqual(['a_intent', 'b_intent']);
    const a = splits.get('a_intent')!;
    expect([a.test.length, a.calibration.length, a.train.length]).toEqual([4, 2, 14]);
    expect(new Set([...a.test, ...a.calibration, ...a.train]).size).toBe(20);
    expect(splitByIntent(messages, 1)).toEqual(splits);
    expect(splitByIntent(messages, 2).get('a_intent')!.test).not.toEqual(a.test);
  });

  it('carves the validation queries from TRAIN only: TEST is left out, CALIBRATION kept', () => {
    const splits = splitByIntent(messages, 1);
    const validation = validationSplit(splits, 15);
    const a = splits.get('a_intent')!;
    const v = validation.get('a_intent')!;
    // 15 % of 14 training messages, rounded: 2 queries, 12 phrasings in their original order.
    expect([v.test.length, v.train.length]).toEqual([2, 12]);
    expect([...v.test, ...v.train].sort()).toEqual([...a.train].sort());
    expect(v.train).toEqual(a.train.filter((text) => !v.test.includes(text)));
    expect(v.calibration).toEqual(a.calibration);
    expect(v.test.some((text) => a.test.includes(text))).toBe(false);
    expect(validationSplit(splits, 15)).toEqual(validation);
    expect(validationSplit(splits, 16).get('a_intent')!.test).not.toEqual(v.test);
  });

  it('picks a fixed set of intents for a seed', () => {
    const intents = ['a', 'b', 'c', 'd', 'e'];
    expect(pickIntents(intents, 2, 7)).toEqual(pickIntents([...intents].reverse(), 2, 7));
  });
});

describe('corpus helpers', () => {
  it('titles intents and synthesises the asked corpus shape', () => {
    expect(intentTitle('card_payment_not_recognised')).toBe('Card payment not recognised');
    const messages = ['a_x', 'b_y', 'c_z'].flatMap((intent) => Array.from({ length: 5 }, (_, i) => ({ text: `${intent} says thing ${i} now`, intent })));
    const articles = synthesiseArticles(messages, 4, 6, 1);
    expect(articles.map((a) => a.questions.length)).toEqual([6, 6, 6, 6]);
    expect(articles[3]!.title).toBe('A x / B y');
  });
});
