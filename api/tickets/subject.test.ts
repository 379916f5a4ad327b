import { describe, expect, it } from 'vitest';
import { deriveSubject, NO_SUBJECT, SUBJECT_LENGTH } from './subject.ts';

const customer = (...texts: string[]) => texts.map((text) => ({ from: 'customer', text }));

describe('deriveSubject', () => {
  it('takes the hand-off note when it says what the problem is', () => {
    expect(
      deriveSubject({ transcript: customer('hallo', 'cadeaubon'), message: 'Mijn cadeaubon van 25 euro wordt bij het afrekenen geweigerd', locale: 'nl' }),
    ).toBe('Mijn cadeaubon van 25 euro wordt bij het afrekenen geweigerd');
  });

  it('passes over greetings and requests for a person to the most informative question', () => {
    expect(
      deriveSubject({
        transcript: customer('hallo', 'cadeaubon werkt niet bij afrekenen', 'ik wil een medewerker spreken'),
        message: 'human please',
        locale: 'nl',
      }),
    ).toBe('cadeaubon werkt niet bij afrekenen');
    expect(deriveSubject({ transcript: customer('hi there', 'my parcel never arrived', 'talk to a real person'), message: '', locale: 'en' })).toBe(
      'my parcel never arrived',
    );
  });

  it('drops a greeting in front of the question', () => {
    expect(deriveSubject({ transcript: customer('Hallo, waar blijft mijn pakket?'), message: '', locale: 'nl' })).toBe('Waar blijft mijn pakket?');
  });

  it('prefers the earlier line on a tie, and the note over a line as informative', () => {
    expect(deriveSubject({ transcript: customer('retour sturen', 'factuur kwijt'), message: '', locale: 'nl' })).toBe('retour sturen');
    expect(deriveSubject({ transcript: customer('factuur kwijt'), message: 'factuur kwijt geraakt', locale: 'nl' })).toBe('factuur kwijt geraakt');
  });

  it('falls back to a neutral subject in the customer’s language when nothing says anything', () => {
    expect(deriveSubject({ transcript: customer('hallo', 'ik wil een mens'), message: 'graag', locale: 'nl' })).toBe(NO_SUBJECT.nl);
    expect(deriveSubject({ transcript: [], message: '   ', locale: 'en' })).toBe(NO_SUBJECT.en);
  });

  it('ignores the assistant’s lines and cuts a long text at a word', () => {
    expect(deriveSubject({ transcript: [{ from: 'assistant', text: 'Je pakket volgen doe je zo' }, ...customer('hoi')], message: '', locale: 'nl' })).toBe(
      NO_SUBJECT.nl,
    );
    const long = 'Mijn bestelling met de blauwe winterjas en de twee paar sokken is nooit aangekomen en de track-and-trace zegt al een week bezorgd';
    const subject = deriveSubject({ transcript: customer(long), message: '', locale: 'nl' });
    expect(subject.length).toBeLessThanOrEqual(SUBJECT_LENGTH);
    expect(subject).toMatch(/^Mijn bestelling .* \S+…$/);
    // The customer's words are kept as typed, lower case included.
    expect(deriveSubject({ transcript: customer('pakketje is nog steeds niet binnen'), message: '', locale: 'nl' })).toBe('pakketje is nog steeds niet binnen');
    expect(long.startsWith(subject.slice(0, -1))).toBe(true);
  });
});
