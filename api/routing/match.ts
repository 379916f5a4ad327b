/**
 * Which routing rule a hand-off matches: plain functions over plain data, so
 * the order and the conditions are tested without a database. The service
 * (./service.ts) loads the rules and applies the first match in the
 * hand-off's transaction.
 */
import { fold } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';

/** What a rule can look at of a hand-off. */
export interface HandoffFacts {
  locale: Locale;
  /** The contact reason's category: the customer's choice, else the category of the article the assistant last offered. */
  categoryId: string | null;
  /** What the customer wrote for the person (the hand-off note). */
  note: string;
}

/** A rule's conditions; an unset condition matches anything. */
export interface RuleConditions {
  locale: Locale | null;
  categoryId: string | null;
  /** Any one of these, as a word or the beginning of a word, in the note; empty: any note. */
  keywords: readonly string[];
}

/**
 * The note as routing compares it: lower case, accents folded, every run of
 * other characters one space, with a space before each word — so a keyword
 * ` retour` is found at the start of "retourneren" but not inside "pretour".
 */
export function comparableText(text: string): string {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? '' : ` ${words.join(' ')}`;
}

/** A keyword as routing compares it (see {@link comparableText}); empty for one without letters or digits. */
export function comparableKeyword(keyword: string): string {
  return comparableText(keyword);
}

/**
 * Whether `facts` meet every condition of `rule` that is set. Keywords match
 * as a word or the beginning of one, ignoring case and accents
 * (`retour` matches "Retourneren", `geld terug` matches "mijn geld terugkrijgen").
 *
 * @example ruleMatches({ locale: 'nl', categoryId: null, keywords: ['retour'] }, { locale: 'nl', categoryId: null, note: 'Hoe retourneer ik dit?' }) // true
 */
export function ruleMatches(rule: RuleConditions, facts: HandoffFacts, note: string = comparableText(facts.note)): boolean {
  if (rule.locale !== null && rule.locale !== facts.locale) return false;
  if (rule.categoryId !== null && rule.categoryId !== facts.categoryId) return false;
  if (rule.keywords.length === 0) return true;
  return rule.keywords.some((keyword) => {
    const wanted = comparableKeyword(keyword);
    return wanted !== '' && note.includes(wanted);
  });
}

/**
 * The first of `rules` (already in their order) that `facts` match, or
 * undefined: then the ticket stays in the shared queue.
 */
export function firstMatch<Rule extends RuleConditions>(rules: readonly Rule[], facts: HandoffFacts): Rule | undefined {
  const note = comparableText(facts.note);
  return rules.find((rule) => ruleMatches(rule, facts, note));
}
