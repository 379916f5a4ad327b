import { describe, expect, it } from 'vitest';
import { intentTitle, parseCsv, pickIntents, splitByIntent, synthesiseArticles } from './banking77.ts';

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
