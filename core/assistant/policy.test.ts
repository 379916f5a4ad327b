/**
 * The help-center decision policy and the paths into it: each rule of
 * `judge` on hand-made assessments, then the engine on the demo content for
 * what customers actually type (greeting first, Flemish, typos, stories,
 * one shared word, the other language).
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../locale.ts';
import { answer, judge, messageParts, type Assessment } from './answer.ts';
import { demoModel } from './demo-model.node.ts';
import { DEFAULT_THRESHOLDS, HELP_CENTER_THRESHOLDS } from './model.ts';

function assessment(fields: Partial<Assessment> & { confidence: number; p1?: number; p2?: number }): Assessment {
  const { p1 = 0.5, p2 = 0.1, ...rest } = fields;
  return {
    text: '',
    vector: { buckets: new Int32Array(), values: new Float64Array() },
    candidates: [
      { articleId: 'a', score: p1 },
      { articleId: 'b', score: p2 },
    ],
    margin: p1 - p2,
    termEvidence: 2,
    contentWords: 3,
    knownWords: 3,
    ...rest,
  };
}

describe('judge (help-center policy)', () => {
  const policy = HELP_CENTER_THRESHOLDS;

  const confident = policy.answer + 0.01;

  it('answers with confidence and two words of evidence, or one when every word is known', () => {
    expect(judge(assessment({ confidence: confident, termEvidence: 2, contentWords: 4, knownWords: 2 }), policy)).toBe('answer');
    expect(judge(assessment({ confidence: confident, termEvidence: 1, contentWords: 1, knownWords: 1 }), policy)).toBe('answer');
  });

  it('does not answer on one shared word when the message has words no article uses', () => {
    // "verkopen jullie ook fietsen": one word in common with the privacy article.
    expect(judge(assessment({ confidence: confident, termEvidence: 1, contentWords: 2, knownWords: 1 }), policy)).not.toBe('answer');
    expect(judge(assessment({ confidence: 0.3, termEvidence: 1, contentWords: 2, knownWords: 1 }), policy)).toBe('nomatch');
    expect(judge(assessment({ confidence: policy.evidence!.answerOneWord, termEvidence: 1, contentWords: 2, knownWords: 1 }), policy)).toBe('answer');
  });

  it('answers a long message on a clear margin and rich evidence', () => {
    expect(judge(assessment({ confidence: 0.3, p1: 0.32, p2: 0.1, termEvidence: 3, contentWords: 9, knownWords: 5 }), policy)).toBe('answer');
    expect(judge(assessment({ confidence: 0.3, p1: 0.32, p2: 0.25, termEvidence: 3, contentWords: 9, knownWords: 5 }), policy)).toBe('clarify');
  });

  it('offers articles when the message is about the content, refuses when it is not', () => {
    const offerable = policy.nomatch + 0.01;
    expect(judge(assessment({ confidence: offerable, termEvidence: 1, contentWords: 4, knownWords: 4 }), policy)).toBe('clarify');
    expect(judge(assessment({ confidence: offerable, termEvidence: 1, contentWords: 4, knownWords: 2 }), policy)).toBe('nomatch');
    expect(judge(assessment({ confidence: 0.06, termEvidence: 3, contentWords: 12, knownWords: 6 }), policy)).toBe('clarify');
    expect(judge(assessment({ confidence: 0.9, termEvidence: 0 }), policy)).toBe('nomatch');
  });

  it('offers close articles that share the probability, though none alone reaches the threshold', () => {
    const low = policy.nomatch - 0.05;
    expect(judge(assessment({ confidence: low, p1: 0.32, p2: 0.3, termEvidence: 2, contentWords: 4, knownWords: 4 }), policy)).toBe('clarify');
    expect(judge(assessment({ confidence: low, p1: 0.32, p2: 0.1, termEvidence: 2, contentWords: 4, knownWords: 4 }), policy)).toBe('nomatch');
  });

  it('offers the articles that share a one-word message ("kapot"), but not a word spread thin over many', () => {
    const low = policy.nomatch - 0.2;
    const oneWord = { confidence: low, termEvidence: 1, contentWords: 1, knownWords: 1 };
    expect(judge(assessment({ ...oneWord, p1: 0.3, p2: 0.15 }), policy)).toBe('clarify');
    expect(judge(assessment({ ...oneWord, p1: 0.2, p2: 0.1 }), policy)).toBe('nomatch');
    // Two words, or one the articles never use, are not this rule's.
    expect(judge(assessment({ ...oneWord, p1: 0.3, p2: 0.15, contentWords: 2, knownWords: 2 }), policy)).toBe('nomatch');
    expect(judge(assessment({ ...oneWord, p1: 0.3, p2: 0.15, knownWords: 0 }), policy)).toBe('nomatch');
  });

  it('offers the articles for one word no article uses beside known ones, when the rest is clear ("ik wil mijn jurk terugsturen")', () => {
    const sure = policy.evidence!.clarifyOneUnknown;
    expect(judge(assessment({ confidence: sure, termEvidence: 1, contentWords: 2, knownWords: 1 }), policy)).toBe('clarify');
    expect(judge(assessment({ confidence: sure - 0.05, termEvidence: 1, contentWords: 2, knownWords: 1 }), policy)).toBe('nomatch');
    // Two unknown words: not this rule's ("verkopen jullie ook fietsen en scooters").
    expect(judge(assessment({ confidence: sure, termEvidence: 1, contentWords: 3, knownWords: 1 }), policy)).toBe('nomatch');
  });

  it('keeps the calibrated rule for corpora without the policy', () => {
    expect(judge(assessment({ confidence: 0.2 }), DEFAULT_THRESHOLDS)).toBe('nomatch');
    expect(judge(assessment({ confidence: 0.3, termEvidence: 0 }), DEFAULT_THRESHOLDS)).toBe('clarify');
    expect(judge(assessment({ confidence: 0.5, termEvidence: 0 }), DEFAULT_THRESHOLDS)).toBe('answer');
  });
});

describe('messageParts', () => {
  it('splits a long message into sentences and clauses', () => {
    expect(messageParts('ik heb vorige week een zetel besteld bij jullie. komen ze die ook naar boven dragen, want ik woon op drie hoog')).toEqual([
      'ik heb vorige week een zetel besteld bij jullie',
      'komen ze die ook naar boven dragen',
      'want ik woon op drie hoog',
    ]);
  });

  it('leaves a short message whole', () => {
    expect(messageParts('waar is mijn pakket. help')).toEqual([]);
  });
});

const modelOf = demoModel;
const offers = (locale: Locale, message: string, articleId: string) => {
  const reply = answer(modelOf(locale), message);
  return reply.action === 'answer' ? reply.articleId === articleId : (reply.offered?.includes(articleId) ?? false);
};

describe('the engine on the demo content', () => {
  it('answers the question after a greeting instead of greeting back', () => {
    const reply = answer(modelOf('nl'), 'hallo, mijn bestelling is beschadigd aangekomen');
    expect(reply.action).not.toBe('rule');
    expect(offers('nl', 'hallo, mijn bestelling is beschadigd aangekomen', 'damaged-or-wrong-item')).toBe(true);
  });

  it('never fires a greeting inside a word or a question', () => {
    const reply = answer(modelOf('nl'), 'de levering duurt nu al 10 dagen');
    expect(reply.ruleId).toBeUndefined();
    expect(answer(modelOf('nl'), 'dag!').ruleId).toBe('greeting');
    expect(answer(modelOf('nl'), 'bedankt voor de snelle hulp').ruleId).toBe('thanks');
  });

  it('answers a question after a greeting even when few of its words are the articles’', () => {
    const reply = answer(modelOf('nl'), 'hoi, is er ook garantie op dingen uit de sale?');
    expect(reply.action).toBe('answer');
    expect(reply.articleId).toBe('warranty');
    expect(answer(modelOf('nl'), 'hallo, is dat normaal?').ruleId).toBe('greeting');
  });

  it('never takes a question no article answers for the small talk beside it', () => {
    // "later" is a goodbye, "yo" a greeting; beside a question they are not.
    expect(answer(modelOf('nl'), "kin ich dat later betaole? 't is get van twelfhonderd euro").ruleId).toBeUndefined();
    expect(answer(modelOf('nl'), 'yo hoe regel ik ff een login bij jullie').ruleId).toBeUndefined();
    expect(offers('nl', 'later betalen', 'pay-later')).toBe(true);
    // Small talk alone, or with a word or two besides, is still small talk; abuse and help are no small talk.
    expect(answer(modelOf('nl'), 'hoi, alles goed?').ruleId).toBe('greeting');
    expect(answer(modelOf('nl'), 'doei, tot later?').ruleId).toBe('goodbye');
    expect(answer(modelOf('en'), 'What kind of questions are you able to answer?').ruleId).toBe('help');
  });

  it('leaves the question mark to a rule whose words are the question', () => {
    // "wat kun jij" is the help rule's question; "allemaal voor me doen" asks nothing more.
    expect(answer(modelOf('nl'), 'wat kun jij allemaal voor me doen?').ruleId).toBe('help');
    // A question of its own besides the rule's still gets its answer.
    expect(answer(modelOf('nl'), 'wat kun je, waar is mijn pakket?').articleId).toBe('track-parcel');
  });

  it('leaves a question about cancelling to the ranking when the customer saw it cheaper elsewhere', () => {
    const question = 'Ik heb net besteld maar het ergens anders goedkoper gevonden. Kan ik de bestelling nog intrekken?';
    expect(answer(modelOf('nl'), question).articleId).toBe('cancel-order');
    expect(answer(modelOf('nl'), 'ik zag het ergens anders goedkoper').ruleId).toBe('cheaper-elsewhere');
    expect(answer(modelOf('nl'), 'willen jullie dat matchen?').ruleId).toBe('not-covered');
  });

  it('answers installing a washing machine or dishwasher from the article that offers it, and other installing as not covered', () => {
    // "Delivery of large items" connects either for €49: a rule must not say the articles are silent on it.
    expect(answer(modelOf('nl'), 'kunnen jullie de wasmachine ook aansluiten als hij geleverd wordt?').articleId).toBe('large-item-delivery');
    expect(answer(modelOf('en'), 'do you install the dishwasher when you deliver it?').articleId).toBe('large-item-delivery');
    expect(answer(modelOf('en'), 'can your guys hook up the washing machine when it arrives?').articleId).toBe('large-item-delivery');
    expect(answer(modelOf('nl'), 'kunnen jullie de tv ook aan de muur ophangen?').ruleId).toBe('not-covered');
    expect(answer(modelOf('en'), 'can you install the tv on my wall?').ruleId).toBe('not-covered');
    expect(answer(modelOf('nl'), 'kunnen jullie ook een keuken komen installeren').ruleId).toBe('not-covered');
  });

  it('answers a hypothetical question as the question it frames', () => {
    // "stel dat" is no word of any article; it only diluted the question into a choice of three.
    expect(answer(modelOf('nl'), 'stel dat mijn bestelling net onder het minimum zit, pakt de code dan niet?')).toMatchObject({
      action: 'answer',
      articleId: 'discount-code',
    });
  });

  it('answers the topic a customer turns to, not the one they decline', () => {
    expect(answer(modelOf('nl'), 'ik wil niet annuleren, alleen nog een extra oplader toevoegen aan mijn bestelling').articleId).toBe('change-order');
    expect(answer(modelOf('nl'), 'ik wil mijn account niet verwijderen, ik wil alleen zien welke gegevens jullie van mij hebben').articleId).toBe(
      'privacy-data',
    );
    expect(answer(modelOf('en'), "i don't want to delete my account, i just want to see what data you have on me").articleId).toBe('privacy-data');
    expect(answer(modelOf('en'), 'i dont want to check out as guest, i want a proper account. where do i sign up').articleId).toBe('create-account');
    // Declining is the question itself when the declined words are unclear on their own: order without an account.
    expect(answer(modelOf('en'), 'I dont want to make an account, can I order just like that?').articleId).toBe('guest-order');
    // And not wanting the order any more is wanting to cancel it.
    expect(offers('nl', 'ik wil mijn bestelling niet meer maar er staat al verzonden bij, wat nu', 'cancel-order')).toBe(true);
  });

  it('reads Flemish words through the lexicon', () => {
    expect(offers('nl', 'mijn pakje is nog altijd niet toegekomen', 'track-parcel')).toBe(true);
    expect(offers('nl', 'ik wil een geschenkbon kopen', 'buy-gift-card')).toBe(true);
  });

  it('corrects typos against the articles’ words', () => {
    expect(answer(modelOf('nl'), 'hoe lang heb ik garatie').articleId).toBe('warranty');
    expect(answer(modelOf('en'), 'how long is the warrenty').articleId).toBe('warranty');
  });

  it('corrects typos towards the lexicon’s words too', () => {
    // "profiel" is no article word; the lexicon makes it "account".
    expect(answer(modelOf('nl'), 'ik wil mijn proifel weghalen').articleId).toBe('delete-account');
  });

  it('offers damaged, repair and warranty for "kapot" alone', () => {
    const reply = answer(modelOf('nl'), 'kapot');
    expect(reply.action).toBe('clarify');
    expect(reply.offered).toContain('damaged-or-wrong-item');
  });

  it('does not answer outright on one common word', () => {
    expect(answer(modelOf('nl'), 'verkopen jullie ook fietsen').action).not.toBe('answer');
  });

  it('flags a message in the other language', () => {
    expect(answer(modelOf('nl'), 'where is my order').otherLocale).toBe('en');
    expect(answer(modelOf('en'), 'waar blijft mijn pakketje').otherLocale).toBe('nl');
    expect(answer(modelOf('nl'), 'waar blijft mijn pakketje').otherLocale).toBeUndefined();
  });
});
