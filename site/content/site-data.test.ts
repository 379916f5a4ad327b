import { describe, expect, it } from 'vitest';
import { synonymsOf } from './site-data.ts';

describe('synonymsOf (what the search also finds an article by)', () => {
  const groups = [
    ['pakket', 'pakje', 'pakkie', 'geld terug'],
    ['retourneren', 'terugsturen'],
    ['mijn', 'mn'],
  ];

  it('adds the one-word members of each group the text uses, and only those the text lacks', () => {
    expect(synonymsOf('Waar is mijn pakketje?', groups, 'nl')).toEqual(['pakje', 'pakkie']);
    expect(synonymsOf('Iets retourneren', groups, 'nl')).toEqual(['terugsturen']);
  });

  it('adds nothing for a text that uses no member, nor several-word members, nor stop words', () => {
    expect(synonymsOf('Factuur downloaden', groups, 'nl')).toEqual([]);
    expect(synonymsOf('mijn pakket', groups, 'nl')).not.toContain('geld terug');
    expect(synonymsOf('mijn pakket', groups, 'nl')).not.toContain('mn');
  });
});
