/**
 * The assistant's authored content per locale, `content/assistant/<locale>.yaml`:
 * rules (greetings, thanks, goodbye, asking for a person, abuse), synonym
 * groups, and optional threshold overrides. Validated with zod at build time;
 * an error names the file and the field.
 *
 * Build-time only (zod and yaml): the browser receives the compiled model.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../locale.ts';

/** Identifier of a rule or article: lower case, digits and dashes. */
const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');

const probability = z.number().min(0).max(1);

/** One authored rule: when a message matches a pattern, reply with fixed text. */
export const ruleSchema = z
  .object({
    /** Stable id, stored with the transcript and used in tests ("greeting", "handoff"). */
    id: idSchema,
    /** Phrases that trigger the rule; `*` stands for any words ("ik wil * medewerker"). */
    patterns: z.array(z.string().trim().min(1)).min(1),
    /** What the assistant says when the rule fires. */
    reply: z.string().trim().min(1),
    /**
     * `handoff` also offers a person; `reply` (default) only replies; `gap`
     * replies that the articles do not cover the question ("do you take the
     * old fridge away?") and reports it as a content gap, like a no-match.
     */
    action: z.enum(['reply', 'handoff', 'gap']).default('reply'),
    /**
     * `alone` (default): fires only when the message holds nothing an article
     * answers, so "hoi, mijn pakket is niet gekomen" gets the article.
     * `aside`: as `alone`, and a question beside its words stays a question
     * even when no article answers it: small talk (greeting, thanks, goodbye)
     * frames a question, it never replaces one ("kin ich dat later betaole?"
     * is no goodbye).
     * `always`: fires whenever a pattern occurs, even inside a question (asking for a person).
     */
    mode: z.enum(['alone', 'aside', 'always']).default('alone'),
  })
  .strict();

/** Decision thresholds; see `Thresholds` in model.ts. Each may be overridden per locale. */
export const thresholdsSchema = z
  .object({
    /** Top probability from which one article is answered outright. */
    answer: probability,
    /** Top probability below which nothing is offered (no match). */
    nomatch: probability,
    /** In between, articles within this share of the top are offered together ("Did you mean…"). */
    clarifyRatio: probability,
    /** The help-center policy's evidence rules (EvidencePolicy in model.ts). */
    evidence: z
      .object({
        answerOneWord: probability,
        marginAnswer: probability,
        marginRatio: probability,
        clarifyCoverage: probability,
        clarifyMass: probability,
        richClarify: probability,
        clarifyAnyCoverage: probability,
        oneWordMass: probability,
        clarifyOneUnknown: probability,
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

/** A rules file: `content/assistant/<locale>.yaml`. */
export const rulesFileSchema = z
  .object({
    /** Must match the file name. */
    locale: z.enum(LOCALES),
    /** Tried in order; the first `always` rule that matches wins. */
    rules: z.array(ruleSchema).default([]),
    /** Groups of words or phrases that mean the same here; the first is what the others become. */
    synonyms: z.array(z.array(z.string().trim().min(1)).min(2)).default([]),
    /** Overrides of the calibrated defaults (DEFAULT_THRESHOLDS in model.ts). */
    thresholds: thresholdsSchema.optional(),
  })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) context.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

/** Threshold overrides as a rules file or caller gives them: any field, the evidence policy field by field. */
export type ThresholdsOverride = z.infer<typeof thresholdsSchema>;

/** A validated rules file. */
export type RulesFile = z.infer<typeof rulesFileSchema>;
/** One validated rule. */
export type Rule = z.infer<typeof ruleSchema>;

/** Bad assistant content: the message names the file and the field. */
export class AssistantContentError extends Error {
  override name = 'AssistantContentError';
}

/** Formats a zod path the way authors read it: `rules[2].patterns`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(top level)' : out;
}

/**
 * Parses and validates a rules file.
 * @param text - the YAML source
 * @param fileName - shown in errors, e.g. `content/assistant/nl.yaml`
 * @throws AssistantContentError naming the file and the field
 * @example parseRulesFile('locale: nl\nrules: []\n', 'nl.yaml').locale // 'nl'
 */
export function parseRulesFile(text: string, fileName: string): RulesFile {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
    throw new AssistantContentError(`assistant: ${fileName}: invalid YAML: ${detail}`);
  }
  const result = rulesFileSchema.safeParse(data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AssistantContentError(`assistant: ${fileName}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  const expected = /(?:^|[\\/])(nl|en)\.ya?ml$/.exec(fileName)?.[1];
  if (expected !== undefined && expected !== result.data.locale) {
    throw new AssistantContentError(`assistant: ${fileName}: locale: "${result.data.locale}" does not match the file name`);
  }
  return result.data;
}
