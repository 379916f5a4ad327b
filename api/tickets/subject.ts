/**
 * The subject of a new ticket, as a person would write it: the hand-off note
 * (what the customer wrote for the person) or the customer's most informative
 * question, never a greeting or "I want a person".
 */
import type { Locale } from '#core/locale.ts';
import { isStopword, tokenize } from '#core/language/analysis.ts';

/** Longest subject, in characters, before it is cut at a word. */
export const SUBJECT_LENGTH = 80;

/** Subject of a hand-off in which the customer typed nothing that says what it is about. */
export const NO_SUBJECT: Record<Locale, string> = { nl: 'Vraag via de chat', en: 'Question from the chat' };

/**
 * Words that say nothing about the problem: greetings, thanks, yes/no and the
 * ways customers ask for a person. Both languages, because customers mix them
 * ("hallo, human please"). Folded (lower case, no accents), like tokenize's words.
 */
const CHAT_WORDS = new Set(
  (
    'hallo hoi hey hi hee hai hoii goedemorgen goedemiddag goedenavond dag beste mens mensen medewerker medewerkers persoon iemand ' +
    'spreken praten chatten bellen graag alsjeblieft alstublieft aub pls plz please bedankt dank dankjewel dankuwel merci ja nee ' +
    'oke ok okay okee help hulp helpen vraag vraagje klantenservice klantendienst contact echte echt live wil willen kan kunnen nodig ' +
    'test hello human humans person people agent someone somebody real talk speak representative operator support customer service ' +
    'thanks thank thx yes no question want need'
  ).split(' '),
);

/** Words of `text` that say what it is about. */
function informativeWords(text: string): string[] {
  return tokenize(text).filter((word) => word.length > 1 && !CHAT_WORDS.has(word) && !isStopword(word, 'nl') && !isStopword(word, 'en'));
}

/** A greeting at the start ("Hallo,", "Hi there!", "Goedemorgen -") adds nothing to a subject. */
const LEADING_GREETING =
  /^(?:(?:hallo|hoi|hey|hi|hee|hai|goedemorgen|goedemiddag|goedenavond|beste|hello|dear)(?:\s+(?:there|daar|allemaal))?\s*[,.!:;-]*\s+)+/iu;

/**
 * White space folded, a leading greeting dropped (and then the new first
 * letter upper case, as the start of the sentence), cut at a word. Otherwise
 * the customer's words stay as they typed them.
 */
function tidy(text: string): string {
  let subject = text.replace(/\s+/g, ' ').trim();
  const withoutGreeting = subject.replace(LEADING_GREETING, '');
  if (withoutGreeting !== '' && withoutGreeting !== subject) subject = withoutGreeting.charAt(0).toLocaleUpperCase() + withoutGreeting.slice(1);
  if (subject.length <= SUBJECT_LENGTH) return subject;
  const cut = subject.slice(0, SUBJECT_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUBJECT_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The subject of a new ticket. Candidates are the hand-off note and each of
 * the customer's lines in the transcript; the one with the most informative
 * words wins (words that are not stop words, greetings or requests for a
 * person). The note gets one word's head start, because the customer wrote it
 * for the person who will read it; on a tie the earlier line wins. When no
 * candidate says anything, {@link NO_SUBJECT}.
 *
 * @example deriveSubject({ transcript: [{ from: 'customer', text: 'hallo' }, { from: 'customer', text: 'cadeaubon werkt niet' }], message: 'human please', locale: 'nl' }) // 'cadeaubon werkt niet'
 */
export function deriveSubject(input: { transcript: readonly { from: string; text: string }[]; message: string; locale: Locale }): string {
  const candidates = [
    { text: input.message, score: informativeWords(input.message).length + 1 },
    ...input.transcript.filter((entry) => entry.from === 'customer').map((entry) => ({ text: entry.text, score: informativeWords(entry.text).length })),
  ];
  let best: { text: string; score: number } | undefined;
  for (const candidate of candidates) {
    // The note's head start does not count when it has nothing informative in it.
    const informative = candidate === candidates[0] ? candidate.score - 1 : candidate.score;
    if (informative > 0 && (best === undefined || candidate.score > best.score)) best = candidate;
  }
  return best ? tidy(best.text) : NO_SUBJECT[input.locale];
}
