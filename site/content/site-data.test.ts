import { describe, expect, it } from 'vitest';
import { synonymsFinder } from './site-data.ts';

describe('synonymsFinder (what the search also finds an article by)', () => {
  const synonymsOf = synonymsFinder(
    [
      ['pakket', 'pakje', 'pakkie', 'geld terug'],
      ['retourneren', 'terugsturen'],
      ['mijn', 'mn'],
    ],
    'nl',
  );

  it('adds the one-word members of each group the text uses, and only those the text lacks', () => {
    expect(synonymsOf('Waar is mijn pakketje?')).toEqual(['pakje', 'pakkie']);
    expect(synonymsOf('Iets retourneren')).toEqual(['terugsturen']);
  });

  it('adds nothing for a text that uses no member, nor several-word members, nor stop words', () => {
    expect(synonymsOf('Factuur downloaden')).toEqual([]);
    expect(synonymsOf('mijn pakket')).not.toContain('geld terug');
    expect(synonymsOf('mijn pakket')).not.toContain('mn');
  });
});
