import { describe, expect, it } from 'vitest';
import { LOCALES } from '../locale.ts';
import { compileSynonyms } from './features.ts';
import { LEXICON, mergeSynonyms } from './lexicon.ts';

describe('the shipped lexicon', () => {
  it.each(LOCALES)('%s: groups of at least two, no member twice', (locale) => {
    const members = new Map<string, number>();
    LEXICON[locale].forEach((group, index) => {
      expect(group.length, `group ${index} (${group[0]})`).toBeGreaterThanOrEqual(2);
      for (const member of group.slice(1)) {
        expect(members.get(member), `"${member}" in groups ${members.get(member)} and ${index}`).toBeUndefined();
        members.set(member, index);
      }
    });
  });

  it('compiles into a synonym table', () => {
    for (const locale of LOCALES) expect(compileSynonyms(LEXICON[locale]).size).toBeGreaterThan(20);
  });
});

describe('mergeSynonyms', () => {
  it('puts the site first and drops lexicon members the site already uses', () => {
    const merged = mergeSynonyms(
      [
        ['meubel', 'zetel', 'sofa'],
        ['pakket', 'pakje'],
      ],
      [['bank', 'sofa']],
    );
    expect(merged).toEqual([
      ['bank', 'sofa'],
      ['meubel', 'zetel'],
      ['pakket', 'pakje'],
    ]);
  });

  it('drops a lexicon group with nothing left', () => {
    expect(mergeSynonyms([['pakket', 'pakje']], [['pakje', 'doos']])).toEqual([['pakje', 'doos']]);
  });
});
