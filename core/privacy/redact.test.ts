import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactForStorage } from './redact.ts';

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

  it.each(['waar is mijn pakket', 'retour binnen 30 dagen', 'postcode 1234 AB', 'order 2026 kosten €25', 'iPhone 15 kapot'])(
    'leaves %j alone',
    (input) => {
      expect(redact(input)).toBe(input);
    },
  );
});

describe('redactForStorage', () => {
  it('folds white space to single spaces, then redacts', () => {
    expect(redactForStorage('  refund\n\tto   jan@example.nl  ')).toBe('refund to [e-mail]');
    expect(redactForStorage('order\n12345678')).toBe('order [number]');
  });
});
