/**
 * A small hand-made corpus and rules for the assistant's tests: a few
 * articles of a shop, two of them (gift cards) deliberately close.
 */
import type { AssistantArticle } from './model.ts';
import type { RulesFile } from './rules.ts';

/** Builds an English test article; only id and questions are needed. */
export function createArticle(fields: Partial<AssistantArticle> & Pick<AssistantArticle, 'id' | 'questions'>): AssistantArticle {
  return { locale: 'en', title: fields.id.replace(/-/g, ' '), body: '', ...fields };
}

/** Six articles of a shop's help center. */
export const SHOP_ARTICLES: AssistantArticle[] = [
  createArticle({
    id: 'track-parcel',
    title: 'Where is my parcel?',
    summary: 'Follow your parcel with the tracking link in your shipping e-mail.',
    questions: ['where is my parcel', 'track my package', 'my order has not arrived yet', 'the tracking link does not work', 'when will my parcel arrive'],
    body: 'Every parcel gets a tracking link.\n\n## Tracking\n\nThe link is in the shipping e-mail.',
  }),
  createArticle({
    id: 'return-item',
    title: 'How do I return something?',
    questions: ['how do I send something back', 'return an item', 'I want to return my order', 'where do I get a return label', 'drop off a return'],
  }),
  createArticle({
    id: 'refund-status',
    title: 'When will I get my refund?',
    questions: ['when do I get my money back', 'refund not received', 'where is my refund', 'how long does a refund take'],
  }),
  createArticle({
    id: 'reset-password',
    title: 'Forgot your password',
    questions: ['forgot my password', 'reset my password', 'I cannot log in', 'the password reset link expired'],
  }),
  createArticle({
    id: 'gift-card-balance',
    title: 'Gift card balance',
    questions: ['check my gift card balance', 'how much is left on my gift card', 'gift card balance'],
  }),
  createArticle({
    id: 'redeem-gift-card',
    title: 'Redeeming a gift card',
    questions: ['use my gift card', 'redeem a gift card at checkout', 'gift card code'],
  }),
];

/** Rules for the test corpus: a greeting, thanks and a hand-off. */
export const SHOP_RULES: RulesFile = {
  locale: 'en',
  rules: [
    { id: 'handoff', patterns: ['human', 'real person', 'talk to * person'], reply: 'I will find you a person.', action: 'handoff', mode: 'always' },
    { id: 'greeting', patterns: ['hi', 'hello', 'good morning'], reply: 'Hi! What is your question?', action: 'reply', mode: 'alone' },
    { id: 'thanks', patterns: ['thanks', 'thank you'], reply: 'You are welcome!', action: 'reply', mode: 'alone' },
  ],
  synonyms: [['parcel', 'package', 'pkg']],
};
