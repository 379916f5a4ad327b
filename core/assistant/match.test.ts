import { describe, expect, it } from 'vitest';
import { compilePattern, undrawn, findPattern, messageWords, neighboursSwapped, oneTypoApart } from './match.ts';

const find = (pattern: string, message: string, locale: 'nl' | 'en' = 'nl') => findPattern(compilePattern(pattern, locale), messageWords(message, locale));

describe('patterns', () => {
  it('match words regardless of case, accents, punctuation and inflection', () => {
    expect(find('medewerker', 'Kan ik een MEDEWERKERS spreken?')).toEqual({ start: 3, end: 4 });
    expect(find('café', 'naar het cafe')).toEqual({ start: 2, end: 3 });
  });

  it('match whole words: short words only as themselves', () => {
    expect(find('dag', 'de levering duurt 3 dagen')).toBeNull();
    expect(find('dag', 'dag!')).toEqual({ start: 0, end: 1 });
    expect(find('top', 'toppen')).toBeNull();
    // A four-letter word whose stem is shorter ("daag" → "dag") is as short: "al 2 dagen verzonden" is no greeting.
    expect(find('daag', 'al 2 dagen verzonden')).toBeNull();
    expect(find('daag', 'daag!')).toEqual({ start: 0, end: 1 });
    expect(find('bellen', 'kunnen jullie mij terug belle')).not.toBeNull();
    expect(find('hi', 'this is it', 'en')).toBeNull();
  });

  it('match phrases only as a whole, in order', () => {
    expect(find('tot ziens', 'tot ziens!')).toEqual({ start: 0, end: 2 });
    expect(find('tot ziens', 'ziens tot')).toBeNull();
  });

  it('let * stand for any words, none included', () => {
    expect(find('ik wil * medewerker', 'ik wil graag nu een medewerker')).toEqual({ start: 0, end: 6 });
    expect(find('ik wil * medewerker', 'ik wil medewerker')).toEqual({ start: 0, end: 3 });
    expect(find('talk to * person', 'can I talk to a real person', 'en')).toEqual({ start: 2, end: 7 });
  });

  it('forgive one typo in a long word, never in a short one or the first letter', () => {
    expect(find('medewerker', 'kan ik een medewrker spreken')).toEqual({ start: 3, end: 4 });
    expect(find('medewerker', 'ik wil een medwerker')).toEqual({ start: 3, end: 4 });
    expect(find('medewerker', 'ik wil een medewerkre')).toEqual({ start: 3, end: 4 });
    expect(find('medewerker', 'ik wil een mderwerker')).toBeNull();
    expect(find('medewerker', 'ik wil een nedewerker')).toBeNull();
    expect(find('thanks', 'thenks', 'en')).toBeNull();
  });

  it('forgive two neighbours typed the wrong way round from five letters on', () => {
    expect(find('thanks', 'thnaks', 'en')).toEqual({ start: 0, end: 1 });
    expect(find('bedankt', 'bedaknt')).toEqual({ start: 0, end: 1 });
    expect(find('dank', 'dnak')).toBeNull();
    expect(find('thanks', 'htanks', 'en')).toBeNull();
  });

  it('read drawn-out letters as one', () => {
    expect(find('hey', 'heeeey')).toEqual({ start: 0, end: 1 });
    expect(find('hello', 'hellooooo', 'en')).toEqual({ start: 0, end: 1 });
    expect(find('dag', 'daaag!')).toEqual({ start: 0, end: 1 });
  });

  it('read a doubled last letter that ends no word as one, and keep those that do', () => {
    expect(find('hey', 'heyy')).toEqual({ start: 0, end: 1 });
    expect(find('hoi', 'hoii')).toEqual({ start: 0, end: 1 });
    expect(find('thx', 'thxx', 'en')).toEqual({ start: 0, end: 1 });
    expect(undrawn('nee')).toBe('nee');
    expect(undrawn('off')).toBe('off');
    expect(undrawn('ww')).toBe('ww');
  });

  it('squeeze a pattern as a message: a pattern written with a doubled last letter still matches', () => {
    // "ajuu" (Flemish for adieu) is read as "aju" in a message; the pattern must be read so too.
    expect(find('ajuu', 'ajuu')).toEqual({ start: 0, end: 1 });
    expect(find('ajuu', 'ajuuu!')).toEqual({ start: 0, end: 1 });
  });

  it('never match with an empty pattern', () => {
    expect(compilePattern('* ?!', 'nl')).toEqual([]);
    expect(find('* ?!', 'hoi')).toBeNull();
  });
});

describe('oneTypoApart', () => {
  it.each([
    ['medewerker', 'medewrker', true],
    ['medewerker', 'medewerkers', true],
    ['medewerker', 'medeewerker', true],
    ['medewerker', 'medewekrer', true],
    ['medewerker', 'medewerker', true],
    ['medewerker', 'mdeewerker', true],
    ['medewerker', 'medewerkerss', false],
    ['medewerker', 'mederwerkre', false],
    ['medewerker', 'nedewerker', false],
  ])('%s and %s: %s', (a, b, apart) => {
    expect(oneTypoApart(a, b)).toBe(apart);
    expect(oneTypoApart(b, a)).toBe(apart);
  });
});

describe('neighboursSwapped', () => {
  it.each([
    ['thanks', 'thnaks', true],
    ['thanks', 'thanks', false],
    ['thanks', 'htanks', false],
    ['thanks', 'thansk', true],
    ['thanks', 'thnask', false],
    ['thanks', 'thank', false],
  ])('%s and %s: %s', (a, b, swapped) => {
    expect(neighboursSwapped(a, b)).toBe(swapped);
    expect(neighboursSwapped(b, a)).toBe(swapped);
  });
});
