import { describe, expect, it } from 'vitest';
import {
  answer,
  confidenceOf,
  declinedPart,
  INITIAL_STATE,
  rank,
  withDiscountCodesNamed,
  withoutAttempts,
  withoutComparisons,
  withoutHypothesis,
  withoutReferences,
} from './answer.ts';
import { compileModel } from './compile.ts';
import type { AssistantModel, Reply } from './model.ts';
import { createArticle, SHOP_ARTICLES, SHOP_RULES } from './testing.ts';

const model = compileModel(SHOP_ARTICLES, SHOP_RULES);

function ranking(reply: Reply) {
  if (reply.why.kind !== 'ranking') throw new Error(`expected a ranking explanation, got ${reply.why.kind}`);
  return reply.why;
}

describe('answer', () => {
  it('answers when one article is clearly best, and explains why', () => {
    const reply = answer(model, 'where is my parcel??');
    expect(reply).toMatchObject({ action: 'answer', articleId: 'track-parcel', offerHandoff: false, state: { noMatchStreak: 0 } });
    expect(reply.confidence).toBeGreaterThanOrEqual(model.thresholds.answer);
    expect(reply.confidence).toBeLessThanOrEqual(1);
    const why = ranking(reply);
    expect(why.phrasing).toBe('where is my parcel');
    expect(why.terms[0]).toBe('parcel');
    expect(why.margin).toBeGreaterThan(0.5);
    expect(why.thresholds).toEqual(model.thresholds);
  });

  it('ranks up to five candidates, best first, with probabilities', () => {
    const { candidates } = answer(model, 'where is my parcel');
    expect(candidates).toHaveLength(5);
    expect(candidates[0]!.articleId).toBe('track-parcel');
    const scores = candidates.map((candidate) => candidate.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(rank(model, 'where is my parcel').reduce((sum, candidate) => sum + candidate.score, 0)).toBeCloseTo(1, 6);
  });

  it('reads synonyms and survives typos', () => {
    expect(answer(model, 'where is my pkg').articleId).toBe('track-parcel');
    expect(answer(model, 'wher is my parcle').articleId).toBe('track-parcel');
  });

  it('clarifies when two articles are close, offering both', () => {
    const reply = answer(model, 'gift card');
    expect(reply.action).toBe('clarify');
    expect(reply.articleId).toBe(reply.candidates[0]!.articleId);
    expect(reply.offered).toEqual(expect.arrayContaining(['redeem-gift-card', 'gift-card-balance']));
    expect(reply.offered!.length).toBeLessThanOrEqual(3);
    expect(reply.confidence).toBeLessThan(model.thresholds.answer);
    expect(reply.state.noMatchStreak).toBe(0);
  });

  it('answers instead of clarifying when the thresholds say so', () => {
    const reply = answer(model, 'gift card', INITIAL_STATE, { answer: 0.1, nomatch: 0.05, clarifyRatio: 0.3 });
    expect(reply.action).toBe('answer');
    expect(reply.offered).toBeUndefined();
  });

  it('gives no match when nothing is good enough, with no article but still candidates', () => {
    const reply = answer(model, 'what is the capital of france');
    expect(reply).toMatchObject({ action: 'nomatch', articleId: null, offerHandoff: false, state: { noMatchStreak: 1 } });
    expect(reply.confidence).toBeLessThan(model.thresholds.nomatch);
    expect(reply.candidates.length).toBeGreaterThan(0);
    expect(ranking(reply).terms).toEqual([]);
  });

  it('gives no match for an empty message or one it has no words for', () => {
    for (const message of ['', '???', 'zxqv wvvk']) {
      expect(answer(model, message)).toMatchObject({ action: 'nomatch', articleId: null, candidates: [], confidence: 0 });
    }
  });

  it('offers a person after two no-matches in a row, not after one', () => {
    const first = answer(model, 'what is the capital of france');
    const second = answer(model, 'qwerty asdf', first.state);
    expect(first.offerHandoff).toBe(false);
    expect(second).toMatchObject({ action: 'nomatch', offerHandoff: true, state: { noMatchStreak: 2 } });
    // An answer ends the streak; a greeting in between does not.
    expect(answer(model, 'where is my parcel', second.state).state.noMatchStreak).toBe(0);
    const greeted = answer(model, 'hello', first.state);
    expect(greeted.state.noMatchStreak).toBe(1);
    expect(answer(model, 'qwerty asdf', greeted.state).offerHandoff).toBe(true);
  });

  it('counts no-matches to the model’s handoffAfterNoMatches', () => {
    const patient = compileModel(SHOP_ARTICLES, SHOP_RULES, { handoffAfterNoMatches: 3 });
    let reply = answer(patient, 'qwerty');
    reply = answer(patient, 'qwerty', reply.state);
    expect(reply.offerHandoff).toBe(false);
    expect(answer(patient, 'qwerty', reply.state).offerHandoff).toBe(true);
  });
});

describe('answer with rules', () => {
  it('replies to a greeting on its own', () => {
    const reply = answer(model, 'Hello!');
    expect(reply).toMatchObject({
      action: 'rule',
      ruleId: 'greeting',
      articleId: null,
      confidence: 1,
      text: 'Hi! What is your question?',
      offerHandoff: false,
    });
    expect(reply.why).toEqual({ kind: 'rule', ruleId: 'greeting', pattern: 'hello' });
  });

  it('answers the question after a greeting instead of greeting back', () => {
    expect(answer(model, 'hello, where is my package').articleId).toBe('track-parcel');
    expect(answer(model, 'hi there, my refund has not been received').articleId).toBe('refund-status');
  });

  it('greets when the rest of the message matches no article', () => {
    expect(answer(model, 'hello there how are you doing')).toMatchObject({ action: 'rule', ruleId: 'greeting' });
  });

  it('offers a person on request, even inside a question', () => {
    expect(answer(model, 'I want a human')).toMatchObject({ action: 'rule', ruleId: 'handoff', offerHandoff: true });
    expect(answer(model, 'can I talk to a real person about my refund')).toMatchObject({ action: 'rule', ruleId: 'handoff' });
    expect(answer(model, 'let me talk to an actual person')).toMatchObject({ action: 'rule', ruleId: 'handoff' });
  });

  it('reads a letter’s salutation as an address, not as asking for a person', () => {
    const rules = SHOP_RULES.rules.map((rule) => (rule.id === 'handoff' ? { ...rule, patterns: [...rule.patterns, 'support team'] } : rule));
    const addressed = compileModel(SHOP_ARTICLES, { ...SHOP_RULES, rules });
    expect(answer(addressed, 'Dear support team, where is my package?')).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
    expect(answer(addressed, 'Hello support team: where is my package')).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
    // Asking for a person after the salutation, or naming the team without one, still hands off.
    expect(answer(addressed, 'Dear support team, I want to talk to a real person')).toMatchObject({ action: 'rule', ruleId: 'handoff' });
    expect(answer(addressed, 'the support team please, where is my package')).toMatchObject({ action: 'rule', ruleId: 'handoff' });
    expect(answer(addressed, 'hello support team')).toMatchObject({ action: 'rule', ruleId: 'handoff' });
  });

  it('finds an always rule within one sentence, not across two', () => {
    const withPhone = compileModel(SHOP_ARTICLES, {
      ...SHOP_RULES,
      rules: SHOP_RULES.rules.map((rule) => (rule.id === 'handoff' ? { ...rule, patterns: [...rule.patterns, 'phone you'] } : rule)),
    });
    expect(answer(withPhone, 'can I phone you')).toMatchObject({ action: 'rule', ruleId: 'handoff' });
    expect(answer(withPhone, 'My bank sends a code to my phone. You have that too?').action).not.toBe('rule');
  });

  it('reads another shop named as an example as a comparison, not as the shop the question is about', () => {
    const otherShop = { id: 'other-shop', patterns: ['amazon'], reply: 'We only see orders placed here.', action: 'reply' as const, mode: 'always' as const };
    const comparing = compileModel(SHOP_ARTICLES, { ...SHOP_RULES, rules: [...SHOP_RULES.rules, otherShop] });
    expect(answer(comparing, 'where is my package, I tracked it just like at amazon')).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
    // Naming the shop the order was placed with still gets the rule.
    expect(answer(comparing, 'where is my amazon package')).toMatchObject({ action: 'rule', ruleId: 'other-shop' });
    expect(withoutComparisons('kunde bij ulle achteraf betalen, gelijk bij zalando?', 'nl')).toBe('kunde bij ulle achteraf betalen, ?');
    expect(withoutComparisons('gratis retour net als bij bol com', 'nl')).toBe('gratis retour ');
    // A price seen elsewhere is a comparison too, and the question is still answered on its own words.
    expect(answer(comparing, 'saw it cheaper at amazon, where is my package')).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
    expect(withoutComparisons('ik zag hem goedkoper bij de MediaMarkt, kan ik annuleren', 'nl')).toBe('ik zag hem , kan ik annuleren');
    // Only the comparison: the shop is what the message is about.
    expect(answer(comparing, 'cheaper at amazon')).toMatchObject({ action: 'rule', ruleId: 'other-shop' });
  });

  it('reads a hypothetical question without its framing', () => {
    expect(withoutHypothesis('stel dat mijn bestelling onder het minimum zit, pakt de code dan niet?', 'nl')).toBe(
      'mijn bestelling onder het minimum zit, pakt de code dan niet?',
    );
    expect(withoutHypothesis('ik twijfel nog. wat als het al onderweg is?', 'nl')).toBe('ik twijfel nog. het al onderweg is?');
    expect(withoutHypothesis("What if it doesn't fit?", 'en')).toBe("it doesn't fit?");
    // Only as the opening of a sentence or clause: "wat als cadeau" inside a sentence is no hypothesis.
    expect(withoutHypothesis('ik zoek iets wat als cadeau kan', 'nl')).toBe('ik zoek iets wat als cadeau kan');
  });

  it('finds the topic a customer declines before the one they mean', () => {
    expect(declinedPart('ik wil niet annuleren, alleen nog een oplader toevoegen', 'nl')).toEqual({
      declined: 'ik wil niet annuleren',
      kept: 'alleen nog een oplader toevoegen',
    });
    expect(declinedPart('ik wil niet als gast bestellen maar echt een account maken', 'nl')?.kept).toBe('maar echt een account maken');
    expect(declinedPart("I don't want to delete my account, I just want to see my data", 'en')?.declined).toBe("I don't want to delete my account");
    expect(declinedPart('not return costs, I mean the shipping', 'en')?.kept).toBe('I mean the shipping');
    // What is kept keeps its own punctuation: a question mark still asks.
    expect(declinedPart('ik wil niet annuleren, alleen iets toevoegen, kan dat?', 'nl')?.kept).toBe('alleen iets toevoegen, kan dat?');
    // The wish itself, not a topic set aside: "niet meer", "niet dat", a "niet" in a clause of its own.
    expect(declinedPart('ik wil mijn bestelling niet meer maar hij is al verzonden', 'nl')).toBeNull();
    expect(declinedPart('ik wil niet dat jullie mijn gegevens bewaren, alleen voor de levering', 'nl')).toBeNull();
    expect(declinedPart('ik wil een kast terugsturen die ik niet mooi vind, maar hij past niet in een doos', 'nl')).toBeNull();
    expect(declinedPart("I don't want it anymore, but it says shipped", 'en')).toBeNull();
    // A bare "niet" states a fact unless the customer corrects it: "niet ontvangen maar wel betaald" says two things.
    expect(declinedPart('niet ontvangen maar wel betaald', 'nl')).toBeNull();
    // Nothing follows: nothing is turned to.
    expect(declinedPart('ik wil niet annuleren', 'nl')).toBeNull();
    // What to avoid, said after what is wanted: a clause, not the way to order ("zonder account").
    expect(declinedPart('hoe stop ik die mails zonder dat ik mijn account moet verwijderen?', 'nl')).toEqual({
      declined: 'ik mijn account moet verwijderen',
      kept: 'hoe stop ik die mails?',
    });
    // A condition of the question stays: it asks whether that can be done.
    expect(declinedPart('kan ik bestellen zonder in te loggen', 'nl')).toBeNull();
    expect(declinedPart('kan ik bestellen zonder account', 'nl')).toBeNull();
    expect(declinedPart('Can I still use my account without verifying my identity?', 'en')).toBeNull();
    expect(declinedPart('uitschrijven, niet alleen de nieuwsbrief maar heel mijn account', 'nl')?.declined).toBe('niet alleen de nieuwsbrief');
    expect(declinedPart('not just the newsletter but my whole account', 'en')?.kept).toBe('but my whole account');
  });

  it('leaves order and reference numbers out, but not postcodes, years or prices', () => {
    expect(withoutReferences('mijn bestelling is er nog niet, ordernummer 40099812', 'nl').trim()).toBe('mijn bestelling is er nog niet,');
    expect(withoutReferences('pakket DW-3381902 kwam kapot aan', 'nl').replace(/\s+/g, ' ')).toBe('pakket kwam kapot aan');
    expect(withoutReferences('where is order #12345678?', 'en').replace(/\s+/g, ' ')).toBe('where is order ?');
    expect(withoutReferences('ik woon op 1234 AB, besteld in 2025 voor 1299 euro', 'nl')).toBe('ik woon op 1234 AB, besteld in 2025 voor 1299 euro');
  });

  it('reads a campaign code in capitals as a discount code, but not a product, a payment reference or an order number', () => {
    expect(withDiscountCodesNamed('WELKOM15 doet niks', 'nl')).toBe('kortingscode doet niks');
    expect(withDiscountCodesNamed('code SUMMER10 not accepted', 'en')).toBe('code discount code not accepted');
    expect(withDiscountCodesNamed('werkt dit hoesje op de iphone15', 'nl')).toBe('werkt dit hoesje op de iphone15');
    expect(withDiscountCodesNamed('two payments, references ABC123 and ABC124', 'en')).toBe('two payments, references ABC123 and ABC124');
    expect(withDiscountCodesNamed('bestelling DW-3381902', 'nl')).toBe('bestelling DW-3381902');
  });

  it('leaves out how often it was already tried, but not a payment made twice', () => {
    expect(withoutAttempts('registreren lukt niet, al 2x geprobeerd', 'nl').replace(/\s+/g, ' ').trim()).toBe('registreren lukt niet, geprobeerd');
    expect(withoutAttempts('ik heb nu al drie keer op afmelden geklikt', 'nl').replace(/\s+/g, ' ')).toBe('ik heb op afmelden geklikt');
    expect(withoutAttempts('ik heb 2x betaald', 'nl')).toBe('ik heb 2x betaald');
    expect(withoutAttempts('het bedrag is al 2 dagen weg', 'nl')).toBe('het bedrag is al 2 dagen weg');
    expect(withoutAttempts('mijn pas wordt twee keer geweigerd', 'nl').replace(/\s+/g, ' ')).toBe('mijn pas wordt geweigerd');
    expect(withoutAttempts('per ongeluk 2x op betalen gedrukt', 'nl')).toBe('per ongeluk 2x op betalen gedrukt');
    expect(withoutAttempts('my card was declined twice', 'en').trim()).toBe('my card was declined');
    expect(withoutAttempts('I was charged twice', 'en')).toBe('I was charged twice');
  });

  it('picks the rule listed last when several match, and names its longest pattern', () => {
    const goodbye = { id: 'goodbye', patterns: ['bye', 'that is all', 'that is all for now'], reply: 'Bye!', action: 'reply' as const, mode: 'alone' as const };
    const withGoodbye = compileModel(SHOP_ARTICLES, { ...SHOP_RULES, rules: [...SHOP_RULES.rules, goodbye] });
    // Customers end with what they mean; the file lists the general rules first.
    expect(answer(withGoodbye, 'hi, thank you')).toMatchObject({ ruleId: 'thanks' });
    expect(answer(withGoodbye, 'thank you, that is all for now, bye')).toMatchObject({
      ruleId: 'goodbye',
      why: { kind: 'rule', pattern: 'that is all for now' },
    });
    expect(answer(withGoodbye, 'bye, thanks')).toMatchObject({ ruleId: 'goodbye' });
  });

  it('answers an article’s own pattern outright', () => {
    const articles = [
      ...SHOP_ARTICLES,
      createArticle({ id: 'two-step', questions: ['turn on two-step verification'], patterns: ['2fa', 'authenticator * code'] }),
    ];
    const withPatterns = compileModel(articles, SHOP_RULES);
    const reply = answer(withPatterns, 'my authenticator app code is wrong');
    expect(reply).toMatchObject({ action: 'answer', articleId: 'two-step', confidence: 1 });
    expect(reply.why).toEqual({ kind: 'pattern', articleId: 'two-step', pattern: 'authenticator * code' });
    expect(reply.candidates[0]).toEqual({ articleId: 'two-step', score: 1 });
  });
});

describe('determinism', () => {
  it('gives the same reply to the same message, model and state', () => {
    const replies = [answer(model, 'gift card'), answer(model, 'gift card')];
    expect(replies[0]).toEqual(replies[1]);
  });

  it('compiles the same content to the same model, byte for byte', () => {
    expect(JSON.stringify(compileModel(SHOP_ARTICLES, SHOP_RULES))).toBe(JSON.stringify(model));
  });

  it('answers the same from the model’s JSON as from the compiled object', () => {
    const shipped = JSON.parse(JSON.stringify(model)) as AssistantModel;
    for (const message of ['where is my parcel', 'gift card', 'what is the capital of france', 'hello']) {
      expect(answer(shipped, message)).toEqual(answer(model, message));
    }
  });
});

describe('edge cases', () => {
  it('works without articles: rules still reply, everything else is no match', () => {
    const empty = compileModel([], SHOP_RULES);
    expect(answer(empty, 'hello').ruleId).toBe('greeting');
    expect(answer(empty, 'where is my parcel')).toMatchObject({ action: 'nomatch', candidates: [] });
  });

  it('measures confidence above chance', () => {
    expect(confidenceOf(1 / 6, 6)).toBe(0);
    expect(confidenceOf(1, 6)).toBe(1);
    expect(confidenceOf(0.5, 2)).toBe(0);
    expect(confidenceOf(0.7, 1)).toBe(0.7);
  });
});
