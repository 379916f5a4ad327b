/**
 * The assistant's development set: realistic customer messages per locale
 * (devset/<locale>.yaml), written from the demo articles' titles and
 * summaries only, by someone who had not read their phrasings: informal, lower
 * case, typos, Flemish, greetings first, long stories, one-word messages, out
 * of scope questions and rule messages. Each row names the article
 * (translation key), `out-of-scope`, or a rule id it should lead to.
 *
 * Used by the table test (devset.test.ts), by `npm run bench:assistant`, and
 * by hand while tuning: `node --experimental-strip-types core/assistant/devset.node.ts nl`
 * prints the figures and every miss; with `--heldout`, the figures of the
 * held-out set (core/assistant/heldout/) and nothing else; with
 * `--other-meaning`, the messages that hold a pattern's words in another
 * meaning (core/assistant/other-meaning/) and their misses; with `--set FILE`,
 * a fresh writer's set in the same format, measured before it joins the dev
 * set; with a JSON argument, the model compiled with those options
 * (`'{"training":{"l1":2e-5}}'`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../locale.ts';
import { answer } from './answer.ts';
import type { AssistantModel, Reply } from './model.ts';

/** Rule ids a dev set row may expect. */
export const RULE_IDS = ['handoff', 'greeting', 'thanks', 'goodbye', 'abuse', 'help', 'other-shop'] as const;

const rowSchema = z.object({
  text: z.string().min(1),
  expect: z.string().min(1),
  tags: z.array(z.string()).default([]),
});

/** One message of the development set. */
export type DevRow = z.infer<typeof rowSchema>;

/** What kind of expectation a row has. */
export type RowKind = 'article' | 'out-of-scope' | 'rule';

export function kindOf(row: DevRow): RowKind {
  if (row.expect === 'out-of-scope') return 'out-of-scope';
  return (RULE_IDS as readonly string[]).includes(row.expect) ? 'rule' : 'article';
}

/**
 * The sets of realistic messages: `devset` is tuned on (thresholds, lexicon,
 * rules); `heldout`, written later by another writer who saw neither the
 * phrasings nor the dev set, only measures: nothing is ever changed to make
 * one of its rows pass, so its figures say how the assistant does on
 * messages nobody tuned for; `other-meaning` holds an article pattern's words
 * in another meaning (answer.ts `PATTERN_DOUBT`), a guard, not an estimate.
 */
export type DevSetName = 'devset' | 'heldout' | 'other-meaning';

/** Reads `core/assistant/<set>/<locale>.yaml`. */
export function readDevSet(locale: Locale, set: DevSetName = 'devset'): DevRow[] {
  return readRows(join(import.meta.dirname, set, `${locale}.yaml`));
}

/** Reads a YAML file of dev set rows. */
export function readRows(file: string): DevRow[] {
  return z.array(rowSchema).parse(parse(readFileSync(file, 'utf8')));
}

/** How one row came out. */
export type Outcome =
  | 'answered' // in scope: answered with the right article
  | 'offered' // in scope: the right article among the offered buttons
  | 'refused' // in scope: no match
  | 'wrong' // in scope: answered outright with another article
  | 'offered-wrong' // in scope: a clarification without the right article
  | 'swallowed' // in scope: a rule replied instead
  | 'oos-refused' // out of scope: no match or a rule
  | 'oos-answered' // out of scope: an article answered outright
  | 'oos-offered' // out of scope: a clarification
  | 'rule-right' // rule row: the expected rule
  | 'rule-missed'; // rule row: anything else

/** Classifies the assistant's reply to a row. */
export function outcomeOf(row: DevRow, reply: Reply): Outcome {
  const kind = kindOf(row);
  if (kind === 'rule') return reply.action === 'rule' && reply.ruleId === row.expect ? 'rule-right' : 'rule-missed';
  if (kind === 'out-of-scope') {
    if (reply.action === 'nomatch' || reply.action === 'rule') return 'oos-refused';
    return reply.action === 'answer' ? 'oos-answered' : 'oos-offered';
  }
  switch (reply.action) {
    case 'answer':
      return reply.articleId === row.expect ? 'answered' : 'wrong';
    case 'clarify':
      return reply.offered?.includes(row.expect) ? 'offered' : 'offered-wrong';
    case 'rule':
      return 'swallowed';
    default:
      return 'refused';
  }
}

/** The figures of one locale, as shares in [0, 1]. */
export interface DevFigures {
  inScope: number;
  /** Right article answered outright. */
  answered: number;
  /** Right article answered or offered. */
  answeredOrOffered: number;
  /** Right article among the top three ranked, whatever the action. */
  top3: number;
  refused: number;
  /** Answered outright with another article. */
  wrong: number;
  outOfScope: number;
  outOfScopeRefused: number;
  rules: number;
  rulesRecognised: number;
}

/** One evaluated row. */
export interface DevResult {
  row: DevRow;
  reply: Reply;
  outcome: Outcome;
}

/** Answers every row (each a fresh conversation). */
export function evaluate(model: AssistantModel, rows: readonly DevRow[]): DevResult[] {
  return rows.map((row) => {
    const reply = answer(model, row.text);
    return { row, reply, outcome: outcomeOf(row, reply) };
  });
}

/** Sums results into {@link DevFigures}. */
export function figuresOf(results: readonly DevResult[]): DevFigures {
  const inScope = results.filter((result) => kindOf(result.row) === 'article');
  const oos = results.filter((result) => kindOf(result.row) === 'out-of-scope');
  const rules = results.filter((result) => kindOf(result.row) === 'rule');
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const count = (list: readonly DevResult[], ...outcomes: Outcome[]) => list.filter((result) => outcomes.includes(result.outcome)).length;
  return {
    inScope: inScope.length,
    answered: share(count(inScope, 'answered'), inScope.length),
    answeredOrOffered: share(count(inScope, 'answered', 'offered'), inScope.length),
    top3: share(
      inScope.filter((result) => result.reply.candidates.slice(0, 3).some((candidate) => candidate.articleId === result.row.expect)).length,
      inScope.length,
    ),
    refused: share(count(inScope, 'refused'), inScope.length),
    wrong: share(count(inScope, 'wrong'), inScope.length),
    outOfScope: oos.length,
    outOfScopeRefused: share(count(oos, 'oos-refused'), oos.length),
    rules: rules.length,
    rulesRecognised: share(count(rules, 'rule-right'), rules.length),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The figures as Markdown table rows, one column per locale. */
export function figuresTable(byLocale: Partial<Record<Locale, DevFigures>>): string {
  const locales = Object.keys(byLocale) as Locale[];
  const rows: [string, (f: DevFigures) => string][] = [
    ['in-scope messages', (f) => String(f.inScope)],
    ['right article answered outright', (f) => percent(f.answered)],
    ['right article answered or offered', (f) => percent(f.answeredOrOffered)],
    ['right article in the top 3', (f) => percent(f.top3)],
    ['in scope refused (no match)', (f) => percent(f.refused)],
    ['confidently wrong', (f) => percent(f.wrong)],
    ['out-of-scope messages', (f) => String(f.outOfScope)],
    ['out of scope refused', (f) => percent(f.outOfScopeRefused)],
    ['rule messages', (f) => String(f.rules)],
    ['rules recognised', (f) => percent(f.rulesRecognised)],
  ];
  return [
    `| | ${locales.join(' | ')} |`,
    `|---|${locales.map(() => '---').join('|')}|`,
    ...rows.map(([label, cell]) => `| ${label} | ${locales.map((locale) => cell(byLocale[locale]!)).join(' | ')} |`),
  ].join('\n');
}

// By hand: figures and every miss of one locale.
if (import.meta.main) {
  const { compileModel } = await import('./compile.ts');
  const { readAssistantContent } = await import('./content.node.ts');
  const locale = (process.argv[2] ?? 'nl') as Locale;
  const { articles, rules } = readAssistantContent(join(import.meta.dirname, '../..'), locale);
  const options = process.argv.slice(3).find((arg) => arg.startsWith('{'));
  const model = compileModel(articles, rules, options ? JSON.parse(options) : {});
  const heldOut = process.argv.includes('--heldout');
  const setFile = process.argv[process.argv.indexOf('--set') + 1];
  const named: DevSetName = heldOut ? 'heldout' : process.argv.includes('--other-meaning') ? 'other-meaning' : 'devset';
  const rows = process.argv.includes('--set') && setFile ? readRows(setFile) : readDevSet(locale, named);
  const results = evaluate(model, rows);
  // The held-out set measures only: its misses are not listed, so nobody tunes on them.
  if (heldOut) {
    console.log(figuresTable({ [locale]: figuresOf(results) }));
    process.exit(0);
  }
  const describe = (reply: Reply) =>
    `${reply.action}${reply.ruleId ? `:${reply.ruleId}` : ''} ${reply.articleId ?? ''} ${reply.offered ? `[${reply.offered.join(', ')}]` : ''} c=${reply.confidence.toFixed(2)} top=${reply.candidates
      .slice(0, 3)
      .map((candidate) => `${candidate.articleId}:${candidate.score.toFixed(2)}`)
      .join(' ')}`;
  for (const result of results) {
    if (['answered', 'oos-refused', 'rule-right'].includes(result.outcome)) continue;
    if (process.argv.includes('--misses-only') && result.outcome === 'offered') continue;
    console.log(
      `${result.outcome.padEnd(13)} ${result.row.expect.padEnd(26)} ${JSON.stringify(result.row.text)}\n${' '.repeat(14)}→ ${describe(result.reply)}`,
    );
  }
  for (const tag of [...new Set(results.flatMap((result) => result.row.tags))].sort()) {
    const tagged = results.filter((result) => result.row.tags.includes(tag) && kindOf(result.row) === 'article');
    if (tagged.length === 0) continue;
    const figures = figuresOf(tagged);
    console.log(
      `${tag.padEnd(10)} n=${String(tagged.length).padStart(3)} answered ${percent(figures.answered)} answered/offered ${percent(figures.answeredOrOffered)} wrong ${percent(figures.wrong)} refused ${percent(figures.refused)}`,
    );
  }
  console.log(figuresTable({ [locale]: figuresOf(results) }));
}
