/**
 * The development set as a table test: realistic customer messages (see
 * devset.node.ts) answered by the assistant on the demo content. Each locale
 * must keep the figures the issue asks of the assistant; a row that changes
 * outcome shows in the printed misses of
 * `node --experimental-strip-types core/assistant/devset.node.ts nl`.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '../locale.ts';
import { compileModel } from './compile.ts';
import { readAssistantContent } from './content.node.ts';
import { evaluate, figuresOf, kindOf, outcomeOf, readDevSet } from './devset.node.ts';
import type { Reply } from './model.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What each locale must reach on its dev set (shares). The rules floors are back at
 * 0.95 since a seventh writer's turns joined (measured nl 95.7 %, en 96.5 %: complaints
 * now ask for a person, two crossed letters are forgiven from five letters on); misses
 * left are typos in short words ("tlak to sombody") and abuse that names a shop word
 * ("screw this company" ranks business-order). "Answered or offered" went from 0.96 / 0.97
 * to 0.955 / 0.96 when the twentieth and twenty-first writers' sets joined (2026-12-07):
 * harder messages (the need described without the articles' words, fresh nl 57.9 %,
 * en 48.1 % answered) brought the set down to nl 96.0 %, en 96.4 %, while every change
 * that day raised the figures on the set as it was. English "answered outright" 0.9 → 0.88
 * when the twenty-fourth writer's set joined the same day (text-speak, worried customers,
 * stories: fresh en 76.3 %), bringing the set to 89.8 %.
 */
const FLOORS = {
  nl: { answeredOrOffered: 0.955, answered: 0.9, wrong: 0.02, outOfScopeRefused: 0.8, rulesRecognised: 0.95 },
  en: { answeredOrOffered: 0.96, answered: 0.88, wrong: 0.02, outOfScopeRefused: 0.85, rulesRecognised: 0.95 },
} as const;

/**
 * How many dev set messages an article pattern may answer wrongly (or offer
 * without the right article). A pattern (content/articles/*: `patterns`)
 * answers unless the model is sure of another article (answer.ts
 * `PATTERN_DOUBT`), so one that also fits another article's question can be
 * confidently wrong; the misfires are listed by name when this fails.
 * Measured 2026-12-07 (fifteenth session, nl 208 patterns, en 113): nl 1 of
 * 673 pattern answers ("ik heb 2x dezelfde pan in mijn cart gezet en besteld,
 * kan er eentje uit?" is labelled change-order), en 0 of 300; the same after
 * the sixteenth session (nl 343 patterns, en 160).
 */
const PATTERN_MISFIRES = { nl: 1, en: 0 } as const;

describe.each(LOCALES)('the %s development set', (locale) => {
  const rows = readDevSet(locale);
  const { articles, rules } = readAssistantContent(root, locale);
  const results = evaluate(compileModel(articles, rules), rows);
  const figures = figuresOf(results);
  const floor = FLOORS[locale];

  it('is big and varied enough to mean something', () => {
    const tagged = (tag: string) => rows.filter((row) => row.tags.includes(tag)).length;
    expect(rows.length).toBeGreaterThanOrEqual(locale === 'nl' ? 200 : 100);
    expect(rows.filter((row) => kindOf(row) === 'out-of-scope').length).toBeGreaterThanOrEqual(locale === 'nl' ? 30 : 15);
    expect(rows.filter((row) => kindOf(row) === 'rule').length).toBeGreaterThanOrEqual(locale === 'nl' ? 15 : 10);
    if (locale === 'nl') {
      expect(tagged('flemish')).toBeGreaterThanOrEqual(40);
      expect(tagged('typo')).toBeGreaterThanOrEqual(30);
      expect(tagged('long')).toBeGreaterThanOrEqual(20);
      expect(tagged('greeting')).toBeGreaterThanOrEqual(20);
    }
    // Every expected article exists: a renamed translation key must not silently empty a row.
    const ids = new Set(articles.map((article) => article.id));
    expect(rows.filter((row) => kindOf(row) === 'article' && !ids.has(row.expect)).map((row) => row.expect)).toEqual([]);
  });

  it('answers or offers the right article', () => {
    expect(figures.answeredOrOffered).toBeGreaterThanOrEqual(floor.answeredOrOffered);
    expect(figures.answered).toBeGreaterThanOrEqual(floor.answered);
  });

  it('is rarely confidently wrong', () => {
    expect(figures.wrong).toBeLessThanOrEqual(floor.wrong);
  });

  it('answers by an article pattern only where the pattern is right', () => {
    const misfires = results
      .filter((result) => result.reply.why?.kind === 'pattern' && result.outcome !== 'answered' && result.outcome !== 'offered')
      .map((result) => `${result.row.text} → ${result.reply.articleId} (expected ${result.row.expect})`);
    expect(misfires.length, misfires.join('\n')).toBeLessThanOrEqual(PATTERN_MISFIRES[locale]);
  });

  it('refuses what the help center does not cover', () => {
    expect(figures.outOfScopeRefused).toBeGreaterThanOrEqual(floor.outOfScopeRefused);
  });

  it('recognises greetings, thanks, goodbyes, abuse and requests for a person', () => {
    expect(figures.rulesRecognised).toBeGreaterThanOrEqual(floor.rulesRecognised);
  });
});

/**
 * Floors for the held-out set (devset.node.ts: measured, never tuned on), a
 * few points under what it measured when it was added, so that a change that
 * helps the dev set by hurting unseen messages fails here.
 */
const HELD_OUT_FLOORS = {
  nl: { answeredOrOffered: 0.93, answered: 0.85, wrong: 0.03, outOfScopeRefused: 0.7, rulesRecognised: 0.75 },
  en: { answeredOrOffered: 0.93, answered: 0.85, wrong: 0.03, outOfScopeRefused: 0.85, rulesRecognised: 0.6 },
} as const;

describe.each(LOCALES)('the %s held-out set', (locale) => {
  const { articles, rules } = readAssistantContent(root, locale);
  const figures = figuresOf(evaluate(compileModel(articles, rules), readDevSet(locale, 'heldout')));
  const floor = HELD_OUT_FLOORS[locale];

  it('keeps its figures on messages nobody tuned for', () => {
    expect(figures.inScope).toBeGreaterThanOrEqual(locale === 'nl' ? 150 : 80);
    expect(figures.answeredOrOffered).toBeGreaterThanOrEqual(floor.answeredOrOffered);
    expect(figures.answered).toBeGreaterThanOrEqual(floor.answered);
    expect(figures.wrong).toBeLessThanOrEqual(floor.wrong);
    expect(figures.outOfScopeRefused).toBeGreaterThanOrEqual(floor.outOfScopeRefused);
    expect(figures.rulesRecognised).toBeGreaterThanOrEqual(floor.rulesRecognised);
  });
});

/**
 * Messages that hold an article pattern's words in another meaning
 * (core/assistant/other-meaning/): before decision 044 all but one were
 * answered wrongly. Measured after it and the narrowed patterns (2026-12-07,
 * sixteenth session): confidently wrong nl 15.7 %, en 5.3 %; answered or
 * offered nl 82.6 %, en 86.0 %. A new pattern that misreads one of them, or a
 * model that no longer overrules, fails here.
 */
const OTHER_MEANING = {
  nl: { wrong: 0.16, answeredOrOffered: 0.82 },
  en: { wrong: 0.06, answeredOrOffered: 0.85 },
} as const;

describe.each(LOCALES)('the %s patterns in another meaning', (locale) => {
  const { articles, rules } = readAssistantContent(root, locale);
  const figures = figuresOf(evaluate(compileModel(articles, rules), readDevSet(locale, 'other-meaning')));

  it("are rarely answered with the pattern's article", () => {
    expect(figures.inScope).toBeGreaterThanOrEqual(locale === 'nl' ? 100 : 50);
    expect(figures.wrong).toBeLessThanOrEqual(OTHER_MEANING[locale].wrong);
    expect(figures.answeredOrOffered).toBeGreaterThanOrEqual(OTHER_MEANING[locale].answeredOrOffered);
  });
});

describe('outcomeOf', () => {
  const reply: Omit<Reply, 'action' | 'articleId'> = {
    candidates: [],
    confidence: 0.5,
    offerHandoff: false,
    state: { noMatchStreak: 0 },
    why: { kind: 'rule', ruleId: 'x', pattern: 'x' },
  };
  it('classifies each reply', () => {
    const row = { text: 'waar is mijn pakket', expect: 'track-parcel', tags: [] };
    expect(outcomeOf(row, { ...reply, action: 'answer', articleId: 'track-parcel' })).toBe('answered');
    expect(outcomeOf(row, { ...reply, action: 'answer', articleId: 'pickup-point' })).toBe('wrong');
    expect(outcomeOf(row, { ...reply, action: 'clarify', articleId: 'pickup-point', offered: ['pickup-point', 'track-parcel'] })).toBe('offered');
    expect(outcomeOf(row, { ...reply, action: 'rule', articleId: null, ruleId: 'greeting' })).toBe('swallowed');
    expect(outcomeOf({ ...row, expect: 'out-of-scope' }, { ...reply, action: 'nomatch', articleId: null })).toBe('oos-refused');
    expect(outcomeOf({ ...row, expect: 'greeting' }, { ...reply, action: 'rule', articleId: null, ruleId: 'greeting' })).toBe('rule-right');
  });
});
