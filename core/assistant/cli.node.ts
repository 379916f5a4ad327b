/**
 * The assistant's evaluation CLI: a stable contract for scripts and graders.
 *
 *   npm run -s assistant -- answer [--corpus FILE] < queries.jsonl > answers.jsonl
 *
 * Corpus line:  {"id", "locale": "en"|"nl", "title", "questions": [], "body"}
 *               (optional "summary", "patterns"); a corpus gets no rules.
 *               Without --corpus: the published articles in content/ (id =
 *               translation key) and the rules in content/assistant/, under
 *               the repository root or --root DIR.
 * Query line:   {"id", "locale", "text"}
 * Answer line:  {"id", "action": "answer"|"clarify"|"nomatch"|"rule",
 *                "articleId": string|null, "candidates": string[], "confidence": number}
 *
 * One answer line per query, in order; every query is a fresh conversation.
 * For `clarify`, `candidates` lists the offered articles (the buttons the
 * customer sees), best first.
 * Bad input: a message naming the line and the field on stderr, exit code 2,
 * and nothing on stdout.
 *
 *   npm run -s assistant -- check [--locale nl|en] [--folds N] [--root DIR]
 *
 * The authoring check (check.ts): cross-validated per locale, which articles
 * are confused with which and which phrasings pull towards another article.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCALES, type Locale } from '../locale.ts';
import { answer } from './answer.ts';
import { crossValidatePhrasings, formatCheck } from './check.ts';
import { compileModel } from './compile.ts';
import { ContentError } from '../content/load.node.ts';
import { readAssistantContent } from './content.node.ts';
import type { AssistantArticle, AssistantModel } from './model.ts';
import { AssistantContentError, formatPath } from './rules.ts';

const USAGE = 'usage: assistant answer [--corpus FILE | --root DIR] < queries.jsonl\n       assistant check [--locale nl|en] [--folds N] [--root DIR]';

/** Bad input or usage: reported without a stack trace, exit code 2. */
class InputError extends Error {
  override name = 'InputError';
}

const corpusLineSchema = z.object({
  id: z.string().min(1),
  locale: z.enum(LOCALES),
  title: z.string(),
  questions: z.array(z.string()),
  body: z.string(),
  summary: z.string().optional(),
  patterns: z.array(z.string()).optional(),
});

const queryLineSchema = z.object({
  id: z.string().min(1),
  locale: z.enum(LOCALES),
  text: z.string(),
});

/** Parses JSON lines with a schema; blank lines are skipped. */
function parseJsonLines<T>(text: string, schema: z.ZodType<T>, source: string): T[] {
  const items: T[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new InputError(`assistant: ${source} line ${index + 1}: not valid JSON`);
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new InputError(`assistant: ${source} line ${index + 1}: ${formatPath(issue.path)}: ${issue.message}`);
    }
    items.push(result.data);
  });
  return items;
}

function corpusArticles(file: string): Map<Locale, AssistantArticle[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`assistant: cannot read the corpus file ${file}`);
  }
  const byLocale = new Map<Locale, AssistantArticle[]>();
  const seen = new Set<string>();
  parseJsonLines(text, corpusLineSchema, `corpus ${file}`).forEach((line) => {
    const key = `${line.locale}:${line.id}`;
    if (seen.has(key)) throw new InputError(`assistant: corpus ${file}: the id "${line.id}" appears twice in locale ${line.locale}`);
    seen.add(key);
    const { summary, patterns, ...rest } = line;
    const article: AssistantArticle = { ...rest, ...(summary !== undefined && { summary }), ...(patterns !== undefined && { patterns }) };
    byLocale.set(line.locale, [...(byLocale.get(line.locale) ?? []), article]);
  });
  return byLocale;
}

/** Options of {@link runAnswer}. */
export interface AnswerCommandOptions {
  /** A JSON-lines corpus; without it, `contentDir` is read. */
  corpus?: string;
  /** The folder holding content/ (default: the repository root). */
  root?: string;
}

/**
 * Answers every query line of `input`; returns the answer lines (each ending in a newline).
 * Models are compiled once per locale, on first need.
 * @throws InputError for bad input, AssistantContentError for bad content
 */
export function runAnswer(input: string, options: AnswerCommandOptions = {}): string {
  const queries = parseJsonLines(input, queryLineSchema, 'stdin');
  const corpus = options.corpus === undefined ? null : corpusArticles(options.corpus);
  const root = options.root ?? resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const models = new Map<Locale, AssistantModel>();
  const modelOf = (locale: Locale): AssistantModel => {
    let model = models.get(locale);
    if (!model) {
      if (corpus) model = compileModel(corpus.get(locale) ?? [], { locale, rules: [], synonyms: [] });
      else {
        const content = readAssistantContent(root, locale);
        model = compileModel(content.articles, content.rules);
      }
      models.set(locale, model);
    }
    return model;
  };
  let output = '';
  for (const query of queries) {
    const reply = answer(modelOf(query.locale), query.text);
    output += `${JSON.stringify({
      id: query.id,
      action: reply.action,
      articleId: reply.articleId,
      candidates: reply.action === 'clarify' && reply.offered ? reply.offered : reply.candidates.map((candidate) => candidate.articleId),
      confidence: Math.round(reply.confidence * 1e4) / 1e4,
    })}\n`;
  }
  return output;
}

type Command = { name: 'answer'; options: AnswerCommandOptions } | { name: 'check'; options: CheckCommandOptions };

/** Options of {@link runCheck}. */
export interface CheckCommandOptions {
  /** Only this locale (default: every locale). */
  locale?: Locale;
  /** Cross-validation folds (default 4). */
  folds?: number;
  /** The folder holding content/ (default: the repository root). */
  root?: string;
}

/** The authoring check of each locale, as text. */
export function runCheck(options: CheckCommandOptions = {}): string {
  const root = options.root ?? resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  return (options.locale ? [options.locale] : [...LOCALES])
    .map((locale) => {
      const { articles, rules } = readAssistantContent(root, locale);
      return formatCheck(locale, crossValidatePhrasings(articles, rules, options.folds));
    })
    .join('\n');
}

function parseArguments(args: readonly string[]): Command {
  const [command, ...rest] = args;
  if (command !== 'answer' && command !== 'check') throw new InputError(command === undefined ? USAGE : `assistant: unknown command "${command}"\n${USAGE}`);
  const flags = new Map<string, string>();
  const allowed = command === 'answer' ? ['--corpus', '--root'] : ['--locale', '--folds', '--root'];
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const value = rest[i + 1];
    if (!allowed.includes(flag) || value === undefined || value.startsWith('--'))
      throw new InputError(`assistant: unknown or incomplete option "${flag}"\n${USAGE}`);
    flags.set(flag, value);
    i++;
  }
  if (command === 'answer') {
    const options: AnswerCommandOptions = {};
    if (flags.has('--corpus')) options.corpus = flags.get('--corpus')!;
    if (flags.has('--root')) options.root = flags.get('--root')!;
    return { name: 'answer', options };
  }
  const options: CheckCommandOptions = {};
  const locale = flags.get('--locale');
  if (locale !== undefined) {
    if (!(LOCALES as readonly string[]).includes(locale)) throw new InputError(`assistant: --locale must be one of ${LOCALES.join(', ')}, not "${locale}"`);
    options.locale = locale as Locale;
  }
  const folds = flags.get('--folds');
  if (folds !== undefined) {
    if (!/^\d+$/.test(folds) || Number(folds) < 2 || Number(folds) > 20)
      throw new InputError(`assistant: --folds must be a whole number from 2 to 20, not "${folds}"`);
    options.folds = Number(folds);
  }
  if (flags.has('--root')) options.root = flags.get('--root')!;
  return { name: 'check', options };
}

function main(): void {
  try {
    const command = parseArguments(process.argv.slice(2));
    if (command.name === 'check') process.stdout.write(runCheck(command.options));
    else process.stdout.write(runAnswer(readFileSync(0, 'utf8'), command.options));
  } catch (error) {
    if (error instanceof InputError || error instanceof AssistantContentError || error instanceof ContentError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`assistant: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
