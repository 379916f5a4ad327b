/**
 * BANKING77 as an assistant corpus: reading the quoted CSV, fixed-seed splits
 * per intent, and one article per intent. Used by bench/assistant.ts.
 *
 * Splits, per intent after a seeded shuffle: 20 % TEST (only ever measured),
 * 10 % CALIBRATION (thresholds), the rest TRAIN (the articles' phrasings);
 * for tuning, a validation split carved from TRAIN alone ({@link validationSplit}).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssistantArticle } from '#core/assistant/model.ts';
import { shuffleInPlace } from '#core/assistant/softmax.ts';
import { mulberry32 } from '#core/util/random.ts';

/** Where train.csv is: `BANKING77_CSV`, else `../shared/data/banking77/train.csv` next to the repository. */
export function banking77Path(): string {
  const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return process.env.BANKING77_CSV ?? resolve(repository, '../shared/data/banking77/train.csv');
}

/**
 * Parses RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes.
 * @example parseCsv('a,"b, ""c"""\n') // [['a', 'b, "c"']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One labelled customer message. */
export interface LabelledMessage {
  text: string;
  intent: string;
}

/** Reads train.csv into messages, checking its header. */
export function readBanking77(path: string = banking77Path()): LabelledMessage[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (header?.join(',') !== 'text,category') throw new Error(`bench: ${path}: expected the header "text,category"`);
  return rows.filter((row) => row.length === 2 && row[0] !== '').map(([text, intent]) => ({ text: text!, intent: intent! }));
}

/** The three parts of one intent's messages. */
export interface IntentSplit {
  train: string[];
  calibration: string[];
  test: string[];
}

/** Share of each intent's messages in the test and calibration splits. */
export const SPLIT = { test: 0.2, calibration: 0.1 } as const;

function seedOf(text: string, seed: number): number {
  let hash = seed ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** Splits every intent's messages with a seeded shuffle; intents sorted by name. */
export function splitByIntent(messages: readonly LabelledMessage[], seed: number): Map<string, IntentSplit> {
  const byIntent = new Map<string, string[]>();
  for (const { text, intent } of messages) byIntent.set(intent, [...(byIntent.get(intent) ?? []), text]);
  const splits = new Map<string, IntentSplit>();
  for (const intent of [...byIntent.keys()].sort()) {
    const texts = shuffleInPlace([...byIntent.get(intent)!], mulberry32(seedOf(intent, seed)));
    const test = Math.round(texts.length * SPLIT.test);
    const calibration = Math.round(texts.length * SPLIT.calibration);
    splits.set(intent, {
      test: texts.slice(0, test),
      calibration: texts.slice(test, test + calibration),
      train: texts.slice(test + calibration),
    });
  }
  return splits;
}

/**
 * Fold `fold` of `folds` of the non-test messages (train + calibration) of
 * each intent, for choosing methods by cross-validation without touching the
 * test split: the fold's share becomes `calibration` (evaluated), the rest
 * `train`.
 */
export function devSplit(splits: ReadonlyMap<string, IntentSplit>, fold: number, folds: number): Map<string, IntentSplit> {
  const dev = new Map<string, IntentSplit>();
  [...splits.keys()].forEach((intent, index) => {
    const { train, calibration } = splits.get(intent)!;
    const pool = shuffleInPlace([...train, ...calibration], mulberry32(1000 + index));
    const size = Math.ceil(pool.length / folds);
    const held = new Set(pool.slice(fold * size, (fold + 1) * size));
    dev.set(intent, { train: pool.filter((text) => !held.has(text)), calibration: [...held], test: [] });
  });
  return dev;
}

/** Share of each intent's TRAIN messages that {@link validationSplit} holds out as queries. */
export const VALIDATION_SHARE = 0.15;

/**
 * The validation split, for comparing methods without ever touching the
 * TEST split: per intent, a seeded {@link VALIDATION_SHARE} of the TRAIN
 * messages become the queries (in `test`, where the benchmark looks for
 * them), the rest stay TRAIN in their order (so "the first 10 phrasings" are
 * mostly the same as in the real run); CALIBRATION is kept as it is, and the
 * real TEST messages are left out.
 */
export function validationSplit(splits: ReadonlyMap<string, IntentSplit>, seed: number, share: number = VALIDATION_SHARE): Map<string, IntentSplit> {
  const validation = new Map<string, IntentSplit>();
  for (const [intent, { train, calibration }] of splits) {
    const order = shuffleInPlace(
      train.map((_, index) => index),
      mulberry32(seedOf(intent, seed)),
    );
    const held = new Set(order.slice(0, Math.round(train.length * share)));
    validation.set(intent, {
      train: train.filter((_, index) => !held.has(index)),
      calibration: [...calibration],
      test: train.filter((_, index) => held.has(index)),
    });
  }
  return validation;
}

/** Picks `count` intents with a seeded shuffle of the sorted names. */
export function pickIntents(intents: readonly string[], count: number, seed: number): string[] {
  return shuffleInPlace([...intents].sort(), mulberry32(seed))
    .slice(0, count)
    .sort();
}

/** "card_payment_not_recognised" → "Card payment not recognised". */
export function intentTitle(intent: string): string {
  const words = intent.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One English article per intent: title from the name, the first `phrasings` training messages as questions. */
export function articlesOf(splits: ReadonlyMap<string, IntentSplit>, intents: readonly string[], phrasings: number = Infinity): AssistantArticle[] {
  return intents.map((intent) => ({
    id: intent,
    locale: 'en',
    title: intentTitle(intent),
    questions: splits.get(intent)!.train.slice(0, phrasings),
    body: '',
  }));
}

/**
 * A synthetic corpus of the size a large help center reaches (default 150
 * articles × 100 phrasings), for measuring model size, build time and latency.
 * Seeded recombination of BANKING77 messages: article k draws on intent
 * k mod 77 (and, from the 78th article on, also on the next intent); each
 * phrasing joins the first half of one source message to the second half of
 * another, cut at a word boundary.
 */
export function synthesiseArticles(messages: readonly LabelledMessage[], articles = 150, phrasings = 100, seed = 150): AssistantArticle[] {
  const byIntent = new Map<string, string[]>();
  for (const { text, intent } of messages) byIntent.set(intent, [...(byIntent.get(intent) ?? []), text]);
  const intents = [...byIntent.keys()].sort();
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const half = (text: string, first: boolean): string => {
    const words = text.split(/\s+/);
    const cut = Math.ceil(words.length / 2);
    return (first ? words.slice(0, cut) : words.slice(cut)).join(' ');
  };
  return Array.from({ length: articles }, (_, k) => {
    const round = Math.floor(k / intents.length);
    const sources = [intents[k % intents.length]!, ...(round > 0 ? [intents[(k + round) % intents.length]!] : [])];
    const pool = sources.flatMap((intent) => byIntent.get(intent)!);
    const questions = Array.from({ length: phrasings }, () => `${half(pick(pool), true)} ${half(pick(pool), false)}`.trim());
    return { id: `synthetic-${k + 1}`, locale: 'en' as const, title: sources.map(intentTitle).join(' / '), questions, body: '' };
  });
}
