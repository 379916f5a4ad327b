import { describe, expect, it } from 'vitest';
import { cutText, REDACTED, redact, redactAndCut, redactForStorage, wellFormed } from './redact.ts';

describe('redact', () => {
  it.each([
    ['mijn mail is jan.jansen@example.nl', `mijn mail is ${REDACTED.email}`],
    ['bel me op 06-12345678 aub', `bel me op ${REDACTED.phone} aub`],
    ['call +31 6 1234 5678', `call ${REDACTED.phone}`],
    ['tel (020) 123 4567', `tel ${REDACTED.phone}`],
    ['order 12345678 is late', `order ${REDACTED.number} is late`],
    ['iban NL91 ABNA 0417 1643 00', `iban ${REDACTED.number}`],
    ['card 4111 1111 1111 1111', `card ${REDACTED.number}`],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each(['waar is mijn pakket', 'retour binnen 30 dagen', 'postcode 1234 AB', 'order 2026 kosten €25', 'iPhone 15 kapot'])('leaves %j alone', (input) => {
    expect(redact(input)).toBe(input);
  });
});

describe('redactForStorage', () => {
  it('folds white space to single spaces, then redacts', () => {
    expect(redactForStorage('  refund\n\tto   jan@example.nl  ')).toBe('refund to [e-mail]');
    expect(redactForStorage('order\n12345678')).toBe('order [number]');
  });
});

describe('cutting and repairing text', () => {
  const isWellFormed = (text: string) => !/\p{Cs}/u.test(text);

  it('never splits a surrogate pair, whatever the cut', () => {
    const text = 'a😀b👍🏽c🇳🇱';
    for (let max = 0; max <= text.length + 1; max++) {
      const cut = cutText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(isWellFormed(cut), `cut at ${max}: ${JSON.stringify(cut)}`).toBe(true);
      expect(text.startsWith(cut)).toBe(true);
      // At most the one unit of a pair it could not keep is left out.
      expect(cut.length).toBeGreaterThanOrEqual(Math.min(max, text.length) - 1);
    }
  });

  it('cuts after redacting, where redaction made the text longer: the case that split an emoji', () => {
    // "123456" becomes "[number]": two units longer, which pushed a .slice(0, 500) into the middle of an emoji.
    const question = `${'x'.repeat(491)}123456😀`;
    const sliced = redact(question).slice(0, 500);
    expect(isWellFormed(sliced)).toBe(false);
    const cut = redactAndCut(question, 500);
    expect(cut).toBe(`${'x'.repeat(491)}${REDACTED.number}`);
    expect(isWellFormed(cut)).toBe(true);
  });

  it('replaces an unpaired surrogate with U+FFFD and leaves pairs alone', () => {
    expect(wellFormed('a\ud83d')).toBe('a\ufffd');
    expect(wellFormed('\ude00b')).toBe('\ufffdb');
    expect(wellFormed('ok 😀 \ud800\ud800')).toBe('ok 😀 \ufffd\ufffd');
  });
});
