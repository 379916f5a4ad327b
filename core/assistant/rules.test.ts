import { describe, expect, it } from 'vitest';
import { formatPath, parseRulesFile } from './rules.ts';

const FILE = 'content/assistant/nl.yaml';

describe('parseRulesFile', () => {
  it('reads a rules file and fills in the defaults', () => {
    const file = parseRulesFile('locale: nl\nrules:\n  - id: greeting\n    patterns: [hoi, hallo]\n    reply: Hoi!\nsynonyms:\n  - [pakket, pakje]\n', FILE);
    expect(file).toEqual({
      locale: 'nl',
      rules: [{ id: 'greeting', patterns: ['hoi', 'hallo'], reply: 'Hoi!', action: 'reply', mode: 'alone' }],
      synonyms: [['pakket', 'pakje']],
    });
  });

  it('reads threshold overrides', () => {
    expect(parseRulesFile('locale: nl\nthresholds: {nomatch: 0.3}\n', FILE).thresholds).toEqual({ nomatch: 0.3 });
  });

  // Broken on purpose: each must name the file and the field.
  it.each([
    [
      'a rule without reply',
      'locale: nl\nrules:\n  - id: greeting\n    patterns: [hoi]\n',
      'rules[0].reply: Invalid input: expected string, received undefined',
    ],
    [
      'a rule without patterns',
      'locale: nl\nrules:\n  - id: greeting\n    patterns: []\n    reply: Hoi\n',
      'rules[0].patterns: Too small: expected array to have >=1 items',
    ],
    [
      'an id with capitals',
      'locale: nl\nrules:\n  - id: Greeting\n    patterns: [hoi]\n    reply: Hoi\n',
      'rules[0].id: use lower-case letters, digits and dashes',
    ],
    [
      'an unknown action',
      'locale: nl\nrules:\n  - id: greeting\n    patterns: [hoi]\n    reply: Hoi\n    action: shout\n',
      'rules[0].action: Invalid option: expected one of "reply"|"handoff"',
    ],
    [
      'a duplicate id',
      'locale: nl\nrules:\n  - {id: a, patterns: [x], reply: y}\n  - {id: a, patterns: [z], reply: w}\n',
      'rules[1].id: duplicate rule id "a"',
    ],
    ['a synonym group of one', 'locale: nl\nsynonyms:\n  - [alleen]\n', 'synonyms[0]: Too small: expected array to have >=2 items'],
    ['a threshold above 1', 'locale: nl\nthresholds: {answer: 2}\n', 'thresholds.answer: Too big: expected number to be <=1'],
    ['an unknown key', 'locale: nl\nreplies: {}\n', '(top level): Unrecognized key: "replies"'],
    ['no locale', '', 'locale: Invalid option: expected one of "nl"|"en"'],
    ['the wrong locale for the file', 'locale: en\n', 'locale: "en" does not match the file name'],
  ])('rejects %s', (_, text, message) => {
    expect(() => parseRulesFile(text, FILE)).toThrow(`assistant: ${FILE}: ${message}`);
  });

  it('rejects broken YAML, naming the file', () => {
    expect(() => parseRulesFile('locale: nl\nrules: [\n', FILE)).toThrow(/^assistant: content\/assistant\/nl\.yaml: invalid YAML: /);
  });
});

describe('formatPath', () => {
  it('writes paths the way authors read them', () => {
    expect(formatPath(['rules', 2, 'patterns', 0])).toBe('rules[2].patterns[0]');
    expect(formatPath([])).toBe('(top level)');
  });
});

describe('the shipped rules files', () => {
  it.each(['nl', 'en'])('content/assistant/%s.yaml is valid', async (locale) => {
    const { readRules } = await import('./content.node.ts');
    const file = readRules(new URL('../..', import.meta.url).pathname, locale as 'nl' | 'en');
    expect(file.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['handoff', 'greeting', 'thanks', 'goodbye', 'abuse']));
    expect(file.rules.find((rule) => rule.id === 'handoff')).toMatchObject({ action: 'handoff', mode: 'always' });
  });
});

describe('a gap rule', () => {
  it.each([
    ['nl', 'hoi, nemen jullie mijn oude koelkast mee als de nieuwe komt?'],
    ['en', 'can you take my old fridge away when you deliver the new one'],
  ] as const)('says in %s that no article covers it, marks the reply a gap, and offers no person by itself', async (locale, message) => {
    const { demoModel } = await import('./demo-model.node.ts');
    const { answer } = await import('./answer.ts');
    const reply = answer(demoModel(locale), message);
    expect(reply).toMatchObject({ action: 'rule', ruleId: 'not-covered', gap: true, offerHandoff: false });
    // A look-alike article is what it replaced: large-item delivery is no answer to taking the old one away.
    expect(reply.articleId).toBeNull();
    // A question about delivering the fridge itself is still the article's.
    const delivery = answer(demoModel(locale), locale === 'nl' ? 'wanneer wordt mijn nieuwe koelkast geleverd' : 'when will my new fridge be delivered');
    expect(delivery.gap).toBeUndefined();
    expect(delivery.action).not.toBe('rule');
  });
});
