/**
 * The text of the follow-up to "No" at the end of an article (what was
 * missing), in each locale. Words and tone as the rest of the help pages:
 * informal "je" in Dutch, short sentences.
 */
import type { Locale } from '#core/locale.ts';
import type { UnhelpfulWhy } from './article-feedback.ts';

/** The follow-up's text in one locale. */
export interface UnhelpfulText {
  /** Spoken by the status region right after "No": the follow-up appears just below the buttons. */
  ask: string;
  /** The legend of the reasons. */
  legend: string;
  /** Each reason's label. */
  why: Record<UnhelpfulWhy, string>;
  commentLabel: string;
  /** Under the field: the comment is anonymous, so no personal details. */
  privacy: string;
  /** The characters typed of the most. */
  count: (n: number, max: number) => string;
  send: string;
  /** Sending without a reason. */
  pickReason: string;
  /** Spoken once it is sent. */
  thanks: string;
  /** Before the reason given, once sent and after a reload. */
  given: string;
}

const TEXT: Record<Locale, UnhelpfulText> = {
  nl: {
    ask: 'Bedankt! Wil je hieronder vertellen wat er ontbrak?',
    legend: 'Wat ontbrak er aan dit artikel?',
    why: {
      no_answer: 'Het beantwoordt mijn vraag niet',
      unclear: 'Het is onduidelijk',
      outdated: 'Het klopt niet of is verouderd',
      other: 'Iets anders',
    },
    commentLabel: 'Wat miste je? (niet verplicht)',
    privacy: 'Zet er geen persoonlijke gegevens in, zoals je naam, e-mailadres of telefoonnummer. We lezen dit anoniem en kunnen er niet op antwoorden.',
    count: (n, max) => `${n} van ${max} tekens`,
    send: 'Versturen',
    pickReason: 'Kies eerst wat er ontbrak.',
    thanks: 'Bedankt! Zo weten we wat we aan dit artikel moeten verbeteren.',
    given: 'Je gaf door:',
  },
  en: {
    ask: 'Thank you! Would you tell us below what was missing?',
    legend: 'What was missing from this article?',
    why: {
      no_answer: 'It does not answer my question',
      unclear: 'It is unclear',
      outdated: 'It is wrong or out of date',
      other: 'Something else',
    },
    commentLabel: 'What were you looking for? (optional)',
    privacy: 'Please leave out personal details such as your name, e-mail address or phone number. We read this anonymously and cannot reply to it.',
    count: (n, max) => `${n} of ${max} characters`,
    send: 'Send',
    pickReason: 'First choose what was missing.',
    thanks: 'Thank you! Now we know what to improve in this article.',
    given: 'You told us:',
  },
};

/** The follow-up's text for `locale`. */
export function unhelpfulText(locale: Locale): UnhelpfulText {
  return TEXT[locale];
}
