import { describe, expect, it } from 'vitest';
import { analyze, buildLexicon, dutchDiminutiveBases, dutchVerbOfNoun, fold, splitCompound, tokenize } from './analysis.ts';

describe('fold', () => {
  it('lower-cases and removes diacritics', () => {
    expect(fold('Één Café geïnstalleerd')).toBe('een cafe geinstalleerd');
  });
});

describe('tokenize', () => {
  it('splits on anything that is not a letter or digit', () => {
    expect(tokenize('Waar is mijn pakket?! (order #12345)')).toEqual(['waar', 'is', 'mijn', 'pakket', 'order', '12345']);
  });
});

describe('analyze', () => {
  it('drops stop words and stems Dutch', () => {
    expect(analyze('Mijn wachtwoorden herstellen', 'nl')).toEqual(['wachtwoord', 'herstel']);
  });

  it('drops stop words and stems English', () => {
    expect(analyze('Where are my deliveries?', 'en')).toEqual(['deliveri']);
  });

  it('drops what the tokenizer leaves of English contractions, and "a"', () => {
    // Typed on a phone (’) or a keyboard ('), with or without the apostrophe: the same terms.
    expect(analyze("you’re a joke, it doesn't work", 'en')).toEqual(['joke', 'work']);
    expect(analyze("I've ordered, you'll see it's here", 'en')).toEqual(analyze('ive ordered, youll see its here', 'en'));
  });

  it('gives the same terms with and without diacritics', () => {
    expect(analyze('één café', 'nl')).toEqual(analyze('een cafe', 'nl'));
  });

  it('keeps codes with digits as they are', () => {
    expect(analyze('2fa code 123456', 'en')).toEqual(['2fa', 'code', '123456']);
  });

  it('maps Dutch diminutives to their base', () => {
    expect(analyze('pakketje', 'nl')).toEqual(analyze('pakket', 'nl'));
    expect(analyze('retourtje', 'nl')).toContain(analyze('retour', 'nl')[0]);
  });
});

describe('dutchDiminutiveBases', () => {
  it('reads -je, -tje and -pje', () => {
    expect(dutchDiminutiveBases('pakketjes')).toEqual(['pakket']);
    expect(dutchDiminutiveBases('retourtje')).toEqual(['retourt', 'retour']);
    expect(dutchDiminutiveBases('kaartje')).toEqual(['kaart', 'kaar']);
    expect(dutchDiminutiveBases('boompje')).toEqual(['boom']);
  });

  it('leaves other words alone', () => {
    expect(dutchDiminutiveBases('bestelling')).toEqual(['bestelling']);
    expect(dutchDiminutiveBases('mij')).toEqual(['mij']);
  });
});

describe('splitCompound', () => {
  const lexicon = new Set(buildLexicon(['Je wachtwoord herstellen', 'De verzending en de kosten', 'een afhaalpunt', 'het punt'], 'nl'));

  it('finds the parts of a compound in the lexicon', () => {
    expect(splitCompound('wachtwoordherstel', lexicon)).toEqual(['wachtwoord', 'herstel']);
  });

  it('understands the linking s', () => {
    expect(splitCompound('verzendingskosten', lexicon)).toEqual(['verzend', 'kost']);
  });

  it('returns nothing for a word it cannot split', () => {
    expect(splitCompound('bezorging', lexicon)).toEqual([]);
  });

  it('lets a compound query find the separate words', () => {
    const query = analyze('wachtwoordherstel', 'nl', lexicon);
    const text = analyze('wachtwoord herstellen', 'nl', lexicon);
    expect(query).toEqual(expect.arrayContaining(text));
  });
});

describe('dutchVerbOfNoun', () => {
  it('gives the verb an -atie noun is made from', () => {
    expect(dutchVerbOfNoun('registratie')).toBe('registreren');
    expect(dutchVerbOfNoun('reparaties')).toBe('repareren');
  });

  it('leaves short and other words alone', () => {
    expect(dutchVerbOfNoun('natie')).toBeNull();
    expect(dutchVerbOfNoun('bestelling')).toBeNull();
  });

  it('lets the noun find the verb', () => {
    expect(analyze('registratie', 'nl')).toEqual(expect.arrayContaining(analyze('registreren', 'nl')));
    expect(analyze('installaties', 'nl')).toEqual(expect.arrayContaining(analyze('installeren', 'nl')));
  });

  it('lets a compound start with such a noun', () => {
    const lexicon = new Set(buildLexicon(['Je account activeren via de mail'], 'nl'));
    expect(splitCompound('activatiemail', lexicon)).toEqual([...analyze('activeren', 'nl'), 'mail']);
  });
});

describe('words unknown to the lexicon', () => {
  const lexicon = new Set(buildLexicon(['Je privacy en de beste bestelling'], 'nl'));

  it('yield the known word they start with', () => {
    expect(analyze('privacyverklaring', 'nl', lexicon)).toEqual(['privacyverklar', 'privacy']);
  });

  it('yield only their stem when they start with no known word', () => {
    expect(analyze('appeltaart', 'nl', lexicon)).toEqual(['appeltaart']);
  });

  it('keep at least a part-sized rest', () => {
    expect(analyze('privacyweg', 'nl', lexicon)).toEqual(['privacyweg']);
    expect(analyze('privacywegen', 'nl', lexicon)).toContain('privacy');
  });

  it('are the only ones cut: a known word stays whole', () => {
    expect(analyze('bestelling', 'nl', lexicon)).toEqual(['bestel']);
  });
});
