import { describe, expect, it } from 'vitest';
import { compilePattern, findPattern, messageStems } from './match.ts';

const find = (pattern: string, message: string, locale: 'nl' | 'en' = 'nl') => findPattern(compilePattern(pattern, locale), messageStems(message, locale));

describe('patterns', () => {
  it('match words regardless of case, accents, punctuation and inflection', () => {
    expect(find('medewerker', 'Kan ik een MEDEWERKERS spreken?')).toEqual({ start: 3, end: 4 });
    expect(find('café', 'naar het cafe')).toEqual({ start: 2, end: 3 });
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

  it('never match with an empty pattern', () => {
    expect(compilePattern('* ?!', 'nl')).toEqual([]);
    expect(find('* ?!', 'hoi')).toBeNull();
  });
});
