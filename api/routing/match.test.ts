import { describe, expect, it } from 'vitest';
import { comparableText, firstMatch, ruleMatches } from './match.ts';

const any = { locale: null, categoryId: null, keywords: [] as string[] };
const facts = (note: string, extra: Partial<{ locale: 'nl' | 'en'; categoryId: string | null }> = {}) => ({
  locale: 'nl' as const,
  categoryId: null,
  note,
  ...extra,
});

describe('routing rule matching', () => {
  it('folds case and accents and keeps only words', () => {
    expect(comparableText('Ik wil RETOURNÉREN!! (snel)')).toBe(' ik wil retourneren snel');
    expect(comparableText('…')).toBe('');
  });

  it('matches a keyword as a word or word beginning, never inside a word', () => {
    const rule = { ...any, keywords: ['retour'] };
    expect(ruleMatches(rule, facts('kan ik dit retourneren'))).toBe(true);
    expect(ruleMatches(rule, facts('Retour!'))).toBe(true);
    expect(ruleMatches(rule, facts('pretour'))).toBe(false);
    expect(ruleMatches({ ...any, keywords: ['geld terug'] }, facts('wil me geld terugkrijgen'))).toBe(true);
    expect(ruleMatches({ ...any, keywords: ['geld terug'] }, facts('geld is niet terug'))).toBe(false);
  });

  it('needs every condition that is set', () => {
    const rule = { locale: 'nl' as const, categoryId: 'bezorging', keywords: ['pakket'] };
    expect(ruleMatches(rule, facts('pakket zoek', { categoryId: 'bezorging' }))).toBe(true);
    expect(ruleMatches(rule, facts('pakket zoek', { categoryId: 'retouren' }))).toBe(false);
    expect(ruleMatches(rule, facts('pakket zoek', { categoryId: 'bezorging', locale: 'en' }))).toBe(false);
    expect(ruleMatches(rule, facts('brief zoek', { categoryId: 'bezorging' }))).toBe(false);
    expect(ruleMatches(any, facts(''))).toBe(true);
  });

  it('lets the first matching rule decide', () => {
    const rules = [
      { ...any, name: 'en', locale: 'en' as const },
      { ...any, name: 'retour', keywords: ['retour'] },
      { ...any, name: 'rest' },
    ];
    expect(firstMatch(rules, facts('retourtje'))?.name).toBe('retour');
    expect(firstMatch(rules, facts('retour', { locale: 'en' }))?.name).toBe('en');
    expect(firstMatch(rules, facts('iets anders'))?.name).toBe('rest');
    expect(firstMatch(rules.slice(0, 2), facts('iets anders'))).toBeUndefined();
  });
});
