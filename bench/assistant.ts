/**
 * Benchmark of the assistant engine on BANKING77: `npm run bench:assistant`.
 *
 * One article per intent, its training messages as phrasings. Per intent, a
 * seeded split: 20 % TEST (only measured, never tuned on), 10 % CALIBRATION
 * (thresholds), 70 % TRAIN (phrasings). Ten intents stay out of the corpus;
 * their test messages should come back `nomatch`.
 *
 * Thresholds are calibrated without ever seeing those ten intents: three
 * times, ten other intents are left out of a calibration model, and the
 * calibration messages of all in-scope intents are ranked by it (see
 * core/assistant/calibrate.ts for the rule).
 *
 * Prints a table and rewrites the "## Assistant" section of docs/benchmarks.md.
 * Environment: BANKING77_CSV overrides the data path.
 *
 * With compile options as a JSON argument (`npm run bench:assistant -- '{"training":{"l1":2e-5}}'`),
 * every model is compiled with them (the evaluation CLI's timing excepted) and
 * the table is printed only: docs/benchmarks.md keeps the defaults' figures.
 *
 * `--validate` (or `--validate=SEED`, default 15): for tuning. Per intent, a
 * seeded 15 % of the TRAIN messages become the queries and the models train on
 * the rest (bench/banking77.ts `validationSplit`); the TEST split is neither
 * trained on nor measured. Only the BANKING77 figures are printed (no
 * development set, no scale run), with the all-phrasings compile's CPU time.
 * Compare methods with this, and look at the test figures once, at the end.
 *
 * `--banking77-only`: the test figures and the scale run, without the help
 * center's development and held-out sets; docs/benchmarks.md is not rewritten.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { answer, confidenceOf, loadModel, rank } from '#core/assistant/answer.ts';
import { calibrateThresholds, decisionFigures, type CalibrationSample, type DecisionFigures } from '#core/assistant/calibrate.ts';
import { compileModel, type CompileOptionsInput } from '#core/assistant/compile.ts';
import type { AssistantArticle, AssistantModel, Thresholds } from '#core/assistant/model.ts';
import type { RulesFile } from '#core/assistant/rules.ts';
import { readAssistantContent } from '#core/assistant/content.node.ts';
import { evaluate, figuresOf, readDevSet, type DevFigures } from '#core/assistant/devset.node.ts';
import { LOCALES, type Locale } from '#core/locale.ts';
import {
  articlesOf,
  banking77Path,
  pickIntents,
  readBanking77,
  splitByIntent,
  synthesiseArticles,
  validationSplit,
  VALIDATION_SHARE,
  type IntentSplit,
} from './banking77.ts';
import { utcDay } from '#core/util/days.ts';

const SPLIT_SEED = 77;
const OUT_OF_SCOPE_SEED = 7;
const OUT_OF_SCOPE_COUNT = 10;
const CALIBRATION_FOLDS = 3;
const FEW = 10;

const NO_RULES: RulesFile = { locale: 'en', rules: [], synonyms: [] };
const optionsArgument = process.argv.slice(2).find((arg) => arg.startsWith('{'));
const OPTIONS: CompileOptionsInput = optionsArgument ? (JSON.parse(optionsArgument) as CompileOptionsInput) : {};
const validateArgument = process.argv.slice(2).find((arg) => arg === '--validate' || arg.startsWith('--validate='));
const VALIDATION_SEED = validateArgument?.includes('=') ? Number(validateArgument.slice('--validate='.length)) : 15;
const BANKING77_ONLY = process.argv.includes('--banking77-only');

interface Setting {
  label: string;
  phrasings: number;
}

interface SettingResult {
  setting: Setting;
  thresholds: Thresholds;
  calibration: DecisionFigures;
  test: DecisionFigures;
  /** In-scope test messages where the right article was among the offered buttons, of those clarified. */
  clarifyHit: number;
  buildMs: number;
  /** CPU seconds (user + system) of that compile: the wall time suffers from other work on the machine. */
  buildCpuSeconds: number;
}

function samplesOf(model: AssistantModel, messages: { text: string; intent: string; outOfScope: boolean }[]): CalibrationSample[] {
  return messages.map(({ text, intent, outOfScope }) => {
    const ranked = rank(model, text);
    return {
      confidence: confidenceOf(ranked[0]?.score ?? 0, model.articles.length),
      scores: ranked.slice(0, 5).map((c) => c.score),
      rank: outOfScope ? -1 : ranked.findIndex((c) => c.articleId === intent),
      outOfScope,
    };
  });
}

function calibrate(splits: Map<string, IntentSplit>, inScope: string[], phrasings: number): { thresholds: Thresholds; figures: DecisionFigures } {
  const order = pickIntents(inScope, inScope.length, SPLIT_SEED + 1);
  const samples: CalibrationSample[] = [];
  for (let fold = 0; fold < CALIBRATION_FOLDS; fold++) {
    const heldOut = new Set(order.slice(fold * OUT_OF_SCOPE_COUNT, (fold + 1) * OUT_OF_SCOPE_COUNT));
    const model = compileModel(
      articlesOf(
        splits,
        inScope.filter((intent) => !heldOut.has(intent)),
        phrasings,
      ),
      NO_RULES,
      OPTIONS,
    );
    const messages = inScope.flatMap((intent) => splits.get(intent)!.calibration.map((text) => ({ text, intent, outOfScope: heldOut.has(intent) })));
    samples.push(...samplesOf(model, messages));
  }
  const thresholds = calibrateThresholds(samples);
  return { thresholds, figures: decisionFigures(samples, thresholds) };
}

function runSetting(splits: Map<string, IntentSplit>, inScope: string[], outOfScope: string[], setting: Setting): SettingResult {
  const { thresholds, figures } = calibrate(splits, inScope, setting.phrasings);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const model = compileModel(articlesOf(splits, inScope, setting.phrasings), NO_RULES, { ...OPTIONS, thresholds });
  const cpu = process.cpuUsage(cpuBefore);
  const buildMs = performance.now() - started;
  const messages = [...inScope, ...outOfScope].flatMap((intent) =>
    splits.get(intent)!.test.map((text) => ({ text, intent, outOfScope: outOfScope.includes(intent) })),
  );
  const samples = samplesOf(model, messages);
  // The decision path itself, checked against the figures computed from the samples.
  let clarified = 0;
  let clarifyHits = 0;
  let right = 0;
  for (const { text, intent, outOfScope: out } of messages) {
    const reply = answer(model, text);
    if (out) continue;
    if (reply.action !== 'nomatch' && reply.articleId === intent) right++;
    if (reply.action === 'clarify') {
      clarified++;
      if (reply.offered?.includes(intent)) clarifyHits++;
    }
  }
  const test = decisionFigures(samples, thresholds);
  const inScopeCount = messages.filter((m) => !m.outOfScope).length;
  if (Math.abs(right / inScopeCount - test.accuracyWithRefusals) > 1e-9) throw new Error('bench: answer() and decisionFigures() disagree');
  return {
    setting,
    thresholds,
    calibration: figures,
    test,
    clarifyHit: clarified === 0 ? 0 : clarifyHits / clarified,
    buildMs,
    buildCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

interface ScaleResult {
  /** Wall time of one CLI run: compile the corpus, answer the queries. */
  cliMs: number;
  /** CPU time of that run (user + system), when the platform tells. */
  cliCpuSeconds: number | null;
  cliQueries: number;
  articles: number;
  phrasings: number;
  buildMs: number;
  rawBytes: number;
  gzipBytes: number;
  p50: number;
  p95: number;
  messages: number;
}

function measureScale(messages: { text: string }[]): ScaleResult {
  const articles: AssistantArticle[] = synthesiseArticles(readBanking77());
  const started = performance.now();
  const model = compileModel(articles, NO_RULES, OPTIONS);
  const buildMs = performance.now() - started;
  const json = JSON.stringify(model);
  // As the browser gets it: parsed from JSON, unpacked once before the first message.
  const shipped = JSON.parse(json) as AssistantModel;
  loadModel(shipped);
  for (const { text } of messages.slice(0, 500)) answer(shipped, text);
  const times: number[] = [];
  for (const { text } of messages) {
    const start = performance.now();
    answer(shipped, text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const cli = timeCli(articles, messages.slice(0, 5000));
  return {
    cliMs: cli.ms,
    cliCpuSeconds: cli.cpuSeconds,
    cliQueries: cli.queries,
    articles: articles.length,
    phrasings: articles[0]!.questions.length,
    buildMs,
    rawBytes: Buffer.byteLength(json),
    gzipBytes: gzipSync(json).length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    messages: times.length,
  };
}

/** CPU seconds of this process's finished children (Linux /proc), or null elsewhere. */
function childrenCpuSeconds(): number | null {
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 Hz on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/** Runs the evaluation CLI once on the corpus and queries, as a grader would, and times it. */
function timeCli(articles: AssistantArticle[], queries: { text: string }[]): { ms: number; cpuSeconds: number | null; queries: number } {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-bench-'));
  try {
    const corpus = join(dir, 'corpus.jsonl');
    writeFileSync(corpus, articles.map((a) => JSON.stringify({ id: a.id, locale: a.locale, title: a.title, questions: a.questions, body: a.body })).join('\n'));
    const input = queries.map((q, i) => JSON.stringify({ id: `q${i}`, locale: 'en', text: q.text })).join('\n');
    const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../core/assistant/cli.node.ts');
    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--experimental-strip-types', cli, 'answer', '--corpus', corpus], {
      input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - started;
    const cpuAfter = childrenCpuSeconds();
    const lines = run.stdout.split('\n').filter((line) => line !== '').length;
    if (run.status !== 0 || lines !== queries.length) throw new Error(`bench: the CLI failed (exit ${run.status}, ${lines} lines): ${run.stderr}`);
    return { ms, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, queries: lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The help center's own figures: the dev set of realistic messages on the demo content, the demo models' size and speed. */
interface DevSetResult {
  locale: Locale;
  figures: DevFigures;
  /** The held-out set (core/assistant/heldout/): measured, never tuned on. */
  heldOut: DevFigures;
  p50: number;
  p95: number;
  rawBytes: number;
  gzipBytes: number;
}

function measureDevSet(): DevSetResult[] {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return LOCALES.map((locale) => {
    const { articles, rules } = readAssistantContent(root, locale);
    const json = JSON.stringify(compileModel(articles, rules, OPTIONS));
    const model = JSON.parse(json) as AssistantModel;
    const rows = readDevSet(locale);
    loadModel(model);
    for (const row of rows) answer(model, row.text); // warm-up: the word cache, as after a few messages in a browser
    const times = rows
      .map((row) => {
        const start = performance.now();
        answer(model, `${row.text} ?`);
        return performance.now() - start;
      })
      .sort((a, b) => a - b);
    const heldOut = figuresOf(evaluate(model, readDevSet(locale, 'heldout')));
    return {
      locale,
      figures: figuresOf(evaluate(model, rows)),
      heldOut,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      rawBytes: json.length,
      gzipBytes: gzipSync(json).length,
    };
  });
}

/** Targets of issue 11 for the dev set figures, per locale. */
const DEV_TARGETS: Record<Locale, Record<'answeredOrOffered' | 'answered' | 'wrong' | 'outOfScopeRefused' | 'rulesRecognised', number>> = {
  nl: { answeredOrOffered: 0.9, answered: 0.75, wrong: 0.02, outOfScopeRefused: 0.85, rulesRecognised: 0.95 },
  en: { answeredOrOffered: 0.93, answered: 0.8, wrong: 0.02, outOfScopeRefused: 0.85, rulesRecognised: 0.95 },
};

function devSetSection(results: DevSetResult[]): string {
  const cell = (result: DevSetResult, key: keyof (typeof DEV_TARGETS)['nl'], atMost = false) => {
    const value = result.figures[key];
    const target = DEV_TARGETS[result.locale][key];
    return `${pct(value)} (${atMost ? '≤' : '≥'} ${pct(target)}${(atMost ? value <= target : value >= target) ? '' : ', **missed**'})`;
  };
  const line = (label: string, render: (result: DevSetResult) => string) => `| ${label} | ${results.map(render).join(' | ')} |`;
  return `### The help center's development set

Realistic customer messages (core/assistant/devset/, written from the demo articles' titles and summaries only by writers who had not read their phrasings, each set measured fresh before anything was tuned on it (the fifth writer's: nl 92.8 % answered outright, en 91.1 %; the seventh's, 2026-12-06: nl 91.7 %, en 84.4 %, rules recognised 81.6 % / 85.7 %; the tenth's, the same day: nl 88.9 %, en 92.6 %, rules recognised 88.6 % / 87.0 %; the twelfth's and thirteenth's, the same day: nl 92.9 % and 91.7 %, en 97.0 % and 96.7 %, out of scope refused nl 80.0 % and 70.0 %, en 90.0 % and 73.3 %; the fourteenth's, 2026-12-07: nl 87.3 %, en 89.9 %, confidently wrong nl 2.4 %, out of scope refused nl 83.3 %, en 76.9 %; the fifteenth's, the same day: nl 90.7 %, en 92.6 %, confidently wrong nl 0.9 %, en 0.0 %, out of scope refused 86.7 % each; the sixteenth's, the same day, with dialects, straattaal and two questions in one: nl 79.6 %, en 85.9 %, confidently wrong nl 2.2 %, en 4.4 %, out of scope refused nl 83.3 %, en 93.3 %; the seventeenth's, the same day, everyday messages: nl 92.2 %, en 96.3 %, confidently wrong nl 0.6 %, en 0.0 %, out of scope refused nl 80.0 %, en 100 %; the nineteenth's, the same day, a Saturday's chats on a phone: nl 88.9 %, en 88.9 %, confidently wrong nl 0.9 %, en 3.7 %, out of scope refused 80.0 % each; the twentieth's, with non-native Dutch, elderly, brand names, long stories, search-box words and youth slang: nl 79.6 %, en 77.8 %, confidently wrong nl 2.7 %, en 3.0 %, out of scope refused nl 88.0 %, en 93.3 %; the twenty-first's, with the need described without the articles' words: nl 88.9 %, en 82.2 %, confidently wrong nl 1.3 %, en 3.0 %, out of scope refused nl 96.0 %, en 93.3 %; the twenty-second's, first messages as in a month of chat logs: nl 96.4 %, en 88.9 %, confidently wrong nl 0.9 %, en 1.5 %, out of scope refused nl 84.0 %, en 80.0 %; the twenty-third's, the English chat of expats, tourists and students: en 86.2 %, nl 92.6 %, confidently wrong en 2.2 %, nl 0.7 %, out of scope refused en 92.0 %, nl 100 %; the twenty-fourth's, with WhatsApp style, worried customers, stories, vague words and Flemish from four cities: nl 82.7 %, en 76.3 %, confidently wrong nl 0.9 %, en 2.2 %, rules recognised nl 77.8 %, en 91.7 %; the twenty-fifth's, a representative mix written after that day's changes: nl 96.7 %, en 95.6 %, confidently wrong nl 1.7 %, en 0.0 %, out of scope refused nl 95.0 %, en 100 %; the twenty-sixth's, 2026-12-07 (twelfth session), voice typing, one-handed and Belgian: nl 92.8 %, en 93.3 %, confidently wrong nl 1.7 %, en 1.1 %, out of scope refused nl 92.0 %, en 100 %; the twenty-seventh's, stories with order numbers and brands, non-native English: nl 86.1 %, en 91.1 %, confidently wrong nl 2.2 %, en 1.1 %, out of scope refused nl 80.0 %, en 86.7 %; the twenty-eighth's, a representative week with side remarks and two things at once: nl 97.2 %, en 96.7 %, confidently wrong nl 1.1 %, en 0.0 %, out of scope refused nl 92.0 %, en 100 %; the twenty-ninth's, youth slang, elderly customers and casual native English: nl 88.9 %, en 92.2 %, confidently wrong nl 0.6 %, en 2.2 %, out of scope refused nl 92.0 %, en 86.7 %; the thirtieth's, all Belgian Dutch and Dutch people's English: nl 90.0 %, en 88.9 %, confidently wrong 2.2 % each, out of scope refused nl 84.0 %, en 93.3 %; the thirty-first's, symptoms instead of topics: nl 83.3 %, en 85.6 %, confidently wrong nl 3.9 %, en 6.7 %, out of scope refused nl 100 %, en 93.3 %; the thirty-second's, Dutch and English mixed, emoji: nl 92.2 %, en 93.3 %, confidently wrong nl 0.6 %, en 3.3 %, out of scope refused nl 96.0 %, en 100 %; the thirty-third's, angry and formal: nl 90.0 %, en 90.0 %, confidently wrong 1.1 % each, out of scope refused nl 84.0 %, en 86.7 %, rules recognised 66.7 % each; the thirty-fourth's, the moment in the customer's journey: nl 90.0 %, en 86.7 %, confidently wrong nl 0.0 %, en 2.2 %, out of scope refused nl 88.0 %, en 80.0 %; the thirty-fifth's, what the customer sees on screen: nl 92.8 %, en 95.6 %, confidently wrong 1.1 % each, out of scope refused 100 % each; the thirty-sixth's, 2026-12-07 (thirteenth session), ordering for someone else or a business: nl 85.6 %, en 85.6 %, confidently wrong nl 1.7 %, en 3.3 %, out of scope refused nl 92.0 %, en 93.3 %; the thirty-seventh's, search-box words: nl 93.3 %, en 94.4 %, confidently wrong nl 0.6 %, en 0.0 %, out of scope refused nl 96.0 %, en 93.3 %; the thirty-eighth's, hypotheticals before ordering: nl 82.8 %, en 95.6 %, confidently wrong nl 3.3 %, en 1.1 %, out of scope refused nl 96.0 %, en 100 %; the thirty-ninth's, dyslexia, low literacy and non-native writers: nl 94.4 %, en 97.8 %, confidently wrong nl 0.6 %, en 1.1 %, out of scope refused nl 92.0 %, en 100 %; the fortieth's, a nearby topic named to say what is not wanted: nl 83.3 %, en 81.1 %, confidently wrong nl 6.1 %, en 6.7 %, out of scope refused nl 92.0 %, en 93.3 %; the forty-first's, questions wrapped in greetings and thanks, about a third person: nl 95.0 %, en 93.3 %, confidently wrong nl 0.6 %, en 1.1 %, out of scope refused nl 84.0 %, en 93.3 %; the forty-second's and forty-third's, representative samples written after that session's changes: nl 96.1 % and 92.8 %, en 95.6 % and 96.7 %, confidently wrong nl 0.6 % each, en 1.1 % each, out of scope refused nl 92.0 % each, en 86.7 % each; the forty-fourth's, 2026-12-07 (fourteenth session), a December evening on phones: nl 92.8 %, en 94.4 %, confidently wrong nl 1.7 %, en 0.0 %, out of scope refused nl 88.0 %, en 80.0 %; the forty-fifth's, customers who already tried something, and edges of a rule: nl 88.9 %, en 96.7 %, confidently wrong nl 2.8 %, en 1.1 %, out of scope refused nl 92.0 %, en 100 %; the forty-sixth's, openings without question marks, brands and mixed languages: nl 95.0 %, en 95.6 %, confidently wrong nl 0.6 %, en 0.0 %, rules recognised nl 83.3 %, en 100 %; the forty-seventh's, a representative Saturday: nl 95.6 %, en 97.8 %, confidently wrong 0.0 % each, out of scope refused 100 % each; the forty-eighth's, 1 to 4 words or 3 to 6 sentences: nl 83.3 %, en 84.4 %, answered or offered nl 97.8 %, en 94.4 %, out of scope refused nl 76.0 %, en 73.3 %, rules recognised 58.3 % each; the forty-ninth's, all Belgian Dutch and non-native English: nl 88.9 %, en 92.2 %, confidently wrong nl 3.3 %, en 1.1 %, out of scope refused nl 84.0 %, en 86.7 %; the fiftieth's, a representative Monday written after that session's first changes: nl 96.7 %, en 92.2 %, confidently wrong nl 0.6 %, en 0.0 %, out of scope refused nl 96.0 %, en 100 %; the fifty-first's, older customers and rare online shoppers: nl 86.1 %, en 82.2 %, answered or offered nl 97.8 %, en 98.9 %, out of scope refused nl 68.0 %, en 86.7 %; the fifty-second's, hurried or annoyed customers: nl 93.9 %, en 95.6 %, confidently wrong nl 0.6 %, en 0.0 %, out of scope refused 100 % each; the fifty-third's, a representative Wednesday written and measured after all of that session's changes: nl 96.7 %, en 94.4 %, confidently wrong nl 0.6 %, en 1.1 %, out of scope refused nl 88.0 %, en 100 %; the fifty-fourth's, a story first and the question last: nl 87.2 %, en 84.4 %, confidently wrong nl 2.2 %, en 0.0 %, out of scope refused nl 84.0 %, en 53.3 %; the fifty-fifth's, the thing in the customer's hands named instead of the topic: nl 87.2 %, en 90.0 %, confidently wrong nl 2.8 %, en 1.1 %, out of scope refused 100 % each; the fifty-sixth's, 2026-12-07 (fifteenth session), a representative Sunday evening: nl 96.7 %, en 95.6 %, confidently wrong nl 1.1 %, en 2.2 %, out of scope refused nl 92.0 %, en 93.3 %; the fifty-seventh's, typed fast or dictated on a phone: nl 94.4 %, en 93.3 %, confidently wrong nl 2.2 %, en 0.0 %, out of scope refused nl 92.0 %, en 93.3 %; the fifty-eighth's, a representative Thursday, half Belgian and half non-native English: nl 94.4 %, en 94.4 %, confidently wrong nl 1.1 %, en 0.0 %, out of scope refused nl 84.0 %, en 93.3 %; the fifty-ninth's, customers who already tried something: nl 90.0 %, en 91.1 %, confidently wrong nl 3.9 %, en 1.1 %, out of scope refused nl 84.0 %, en 86.7 %; the sixtieth's, a representative Friday morning: nl 91.7 %, en 97.8 %, confidently wrong nl 0.0 %, en 1.1 %, out of scope refused nl 92.0 %, en 100 %; the sixty-first's, typed as into a search box: nl 92.8 %, en 97.8 %, confidently wrong nl 1.7 %, en 0.0 %, out of scope refused nl 88.0 %, en 100 %; the sixty-second's, a representative Tuesday written after that session's first changes: nl 95.6 %, en 97.8 %, confidently wrong nl 0.6 %, en 0.0 %, out of scope refused nl 92.0 %, en 100 %; the sixty-third's, context besides the one question: nl 94.4 %, en 93.3 %, confidently wrong nl 0.6 %, en 1.1 %, out of scope refused nl 80.0 %, en 73.3 %; the sixty-fourth's, regional speech: nl 92.2 %, en 95.6 %, confidently wrong nl 0.6 %, en 1.1 %, out of scope refused nl 96.0 %, en 73.3 %, rules recognised en 75.0 %; the sixty-fifth's, a representative Saturday written after most of that session's changes: nl 92.8 %, en 98.9 %, confidently wrong nl 0.6 %, en 0.0 %, out of scope refused nl 88.0 %, en 100 %; the sixty-sixth's, what happened described instead of the topic, indirect, on behalf of someone else: nl 86.7 %, en 86.7 %, confidently wrong nl 1.1 %, en 2.2 %, out of scope refused nl 72.0 %, en 93.3 %; the sixty-seventh's and sixty-eighth's, a representative Wednesday evening and Monday morning written after most of that session's changes: nl 93.9 % and 98.3 %, en 97.8 % each, confidently wrong nl 1.1 % and 0.0 %, en 1.1 % and 0.0 %, out of scope refused nl 92.0 % each, en 93.3 % and 100 %; the sixty-ninth's and seventieth's, a representative Thursday evening and Sunday afternoon written and measured after all of that session's changes, not tuned on: nl 96.7 % and 92.2 %, en 98.9 % and 96.7 %, confidently wrong nl 0.0 % and 1.1 %, en 0.0 % and 1.1 %, out of scope refused nl 96.0 % and 76.0 %, en 100 % and 86.7 %; the seventy-first's and seventy-second's, a representative weekday lunchtime and late evening, written and measured after the session's last change and not tuned on: nl 98.3 % and 95.0 %, en 94.4 % and 95.6 %, answered or offered nl 99.4 % each, en 97.8 % each, confidently wrong nl 0.6 % and 0.0 %, en 1.1 % and 2.2 %, out of scope refused nl 88.0 % and 84.0 %, en 86.7 % and 100 %; the seventy-third's to seventy-fifth's, 2026-12-07 (sixteenth session), a representative Monday evening, Saturday morning (many Belgian and non-native English customers) and Tuesday afternoon (parts of e-mails pasted in), measured before any change of that session: nl 95.6 %, 93.3 % and 94.4 %, en 97.8 %, 95.6 % and 97.8 %, answered or offered nl 97.2 %, 98.3 % and 98.9 %, en 98.9 %, 98.9 % and 100 %, confidently wrong nl 0.6 %, 0.0 % and 0.0 %, en 0.0 % each, out of scope refused nl 96.0 %, 92.0 % and 88.0 %, en 100 %, 86.7 % and 100 %; the seventy-sixth's, the situation first and the question last or never: nl 83.3 %, en 75.6 %, confidently wrong nl 2.2 %, en 4.4 %, out of scope refused nl 84.0 %, en 73.3 %; the seventy-seventh's and seventy-eighth's, a representative Friday evening and Sunday morning, measured after that session's first changes and not tuned on: nl 93.3 % and 95.6 %, en 97.8 % and 96.7 %, answered or offered nl 97.2 % and 98.9 %, en 98.9 % each, confidently wrong nl 1.1 % and 0.6 %, en 1.1 % each, out of scope refused nl 92.0 % each, en 86.7 % and 100 %; the seventy-ninth's and eightieth's, a representative Monday lunchtime and Thursday evening, measured after all but the last of that session's changes and not tuned on: nl 96.7 % and 95.6 %, en 97.8 % and 100 %, answered or offered nl 99.4 % and 96.1 %, en 97.8 % and 100 %, confidently wrong nl 0.6 % and 1.7 %, en 0.0 % each, out of scope refused nl 92.0 % each, en 100 % each; the eighty-first's and eighty-second's, a representative Wednesday afternoon and Saturday evening, measured after most of that session's changes and not tuned on: nl 96.1 % and 96.7 %, en 97.8 % and 93.3 %, answered or offered nl 98.9 % and 98.3 %, en 98.9 % and 100 %, confidently wrong nl 0.6 % each, en 0.0 % each, out of scope refused nl 88.0 % and 92.0 %, en 93.3 % each; the eighty-third's and eighty-fourth's, a representative Tuesday evening and Friday lunchtime, measured after that session's changes up to 80da0bb and not tuned on: nl 95.0 % and 94.4 %, en 98.9 % and 96.7 %, answered or offered nl 97.2 % and 97.8 %, en 100 % and 98.9 %, confidently wrong nl 1.1 % each, en 0.0 % each, out of scope refused nl 100 % and 92.0 %, en 93.3 % each): informal, typos, Flemish, greetings first, long stories, one-word messages, out of scope, rules), answered by the demo content's assistant with the help-center policy (HELP_CENTER_THRESHOLDS). The policy was tuned on this set, and the demo articles carry some 3,900 customer-written phrasings from six other writers: a different hidden set of the same kind judges the product. Target in brackets.

| | ${results.map((r) => r.locale).join(' | ')} |
|---|${results.map(() => '---').join('|')}|
${line('messages (in scope / out of scope / rules)', (r) => `${r.figures.inScope} / ${r.figures.outOfScope} / ${r.figures.rules}`)}
${line('right article answered outright', (r) => cell(r, 'answered'))}
${line('right article answered or offered', (r) => cell(r, 'answeredOrOffered'))}
${line('right article in the top 3', (r) => pct(r.figures.top3))}
${line('in scope refused', (r) => pct(r.figures.refused))}
${line('confidently wrong', (r) => cell(r, 'wrong', true))}
${line('out of scope refused', (r) => cell(r, 'outOfScopeRefused'))}
${line('rules recognised', (r) => cell(r, 'rulesRecognised'))}
${line('latency per message p50 / p95', (r) => `${r.p50.toFixed(2)} / ${r.p95.toFixed(2)} ms`)}
${line('demo model raw / gzip', (r) => `${kb(r.rawBytes)} / ${kb(r.gzipBytes)}`)}

### The held-out set

Written after the dev set by another writer who had seen neither it nor the articles' phrasings (core/assistant/heldout/); nothing is tuned on it, so these are the figures to expect from messages nobody foresaw.

| | ${results.map((r) => r.locale).join(' | ')} |
|---|${results.map(() => '---').join('|')}|
${line('messages (in scope / out of scope / rules)', (r) => `${r.heldOut.inScope} / ${r.heldOut.outOfScope} / ${r.heldOut.rules}`)}
${line('right article answered outright', (r) => pct(r.heldOut.answered))}
${line('right article answered or offered', (r) => pct(r.heldOut.answeredOrOffered))}
${line('right article in the top 3', (r) => pct(r.heldOut.top3))}
${line('in scope refused', (r) => pct(r.heldOut.refused))}
${line('confidently wrong', (r) => pct(r.heldOut.wrong))}
${line('out of scope refused', (r) => pct(r.heldOut.outOfScopeRefused))}
${line('rules recognised', (r) => pct(r.heldOut.rulesRecognised))}
`;
}

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

function report(
  results: SettingResult[],
  scale: ScaleResult,
  devSet: DevSetResult[],
  meta: { inScope: number; outOfScope: string[]; testMessages: number; date: string; load: number },
): string {
  const [few, all] = results as [SettingResult, SettingResult];
  const rows = [
    ['top-1, 10 phrasings', pct(few.test.top1), '≥ 80 %', mark(few.test.top1 >= 0.8)],
    ['top-3, 10 phrasings', pct(few.test.top3), '≥ 93 %', mark(few.test.top3 >= 0.93)],
    ['top-1, all phrasings', pct(all.test.top1), '≥ 90 %', mark(all.test.top1 >= 0.9)],
    ['top-3, all phrasings', pct(all.test.top3), '', ''],
    ['out of scope refused, all phrasings', pct(all.test.outOfScopeRefused), '≥ 60 %', mark(all.test.outOfScopeRefused >= 0.6)],
    ['in-scope accuracy, refusals wrong, all phrasings', pct(all.test.accuracyWithRefusals), '≥ 85 %', mark(all.test.accuracyWithRefusals >= 0.85)],
    ['out of scope refused, 10 phrasings', pct(few.test.outOfScopeRefused), '', ''],
    ['in-scope accuracy, refusals wrong, 10 phrasings', pct(few.test.accuracyWithRefusals), '', ''],
    [`latency per message p50 (${scale.articles} × ${scale.phrasings} model)`, `${scale.p50.toFixed(3)} ms`, '', ''],
    [`latency per message p95 (${scale.articles} × ${scale.phrasings} model)`, `${scale.p95.toFixed(3)} ms`, '≤ 2 ms', mark(scale.p95 <= 2)],
    [`model asset, raw (${scale.articles} × ${scale.phrasings})`, kb(scale.rawBytes), '', ''],
    [`model asset, gzip (${scale.articles} × ${scale.phrasings})`, kb(scale.gzipBytes), '≤ 500 KB', mark(scale.gzipBytes <= 500 * 1024)],
    [`model build time (${scale.articles} × ${scale.phrasings})`, `${(scale.buildMs / 1000).toFixed(1)} s`, '', ''],
    [
      `CLI run: ${scale.articles} × ${scale.phrasings} corpus + ${scale.cliQueries} queries`,
      `${(scale.cliMs / 1000).toFixed(1)} s${scale.cliCpuSeconds === null ? '' : ` (CPU ${scale.cliCpuSeconds.toFixed(1)} s)`}`,
      'a few seconds',
      '',
    ],
  ];
  const decisionRows = results.map(
    (r) =>
      `| ${r.setting.label} | ${r.thresholds.nomatch} / ${r.thresholds.answer} / ${r.thresholds.clarifyRatio} | ${pct(r.test.answered)} | ${pct(r.test.clarified)} | ${pct(r.test.refused)} | ${pct(r.clarifyHit)} | ${pct(r.calibration.outOfScopeRefused)} / ${pct(r.calibration.accuracyWithRefusals)} |`,
  );
  const cpu = cpus();
  return `## Assistant (npm run bench:assistant)

Measured ${meta.date} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'} (load average ${meta.load.toFixed(1)} at the start: times are wall-clock and suffer from other work on the machine), Node ${process.version}, with \`npm run bench:assistant\`.

${devSet.length > 0 ? devSetSection(devSet) : ''}
### BANKING77

Data: BANKING77 \`train.csv\` (${meta.inScope + meta.outOfScope.length} intents), one article per intent (title from the intent name, training messages as phrasings), no rules, no synonyms.
Per intent, seeded split (seed ${SPLIT_SEED}): 20 % test, 10 % calibration, 70 % train. The test split is only measured, never tuned on: ${meta.testMessages} test messages.
Out of scope: ${meta.outOfScope.length} intents left out of the corpus (seeded pick ${OUT_OF_SCOPE_SEED}): ${meta.outOfScope.map((i) => `\`${i}\``).join(', ')}.

| Figure (test split) | Measured | Target | |
|---|---|---|---|
${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}

Decisions on the in-scope test messages at the calibrated thresholds:

| Corpus | nomatch / answer / clarifyRatio | answered | clarified | refused | right article offered when clarifying | calibration: OOS refused / accuracy |
|---|---|---|---|---|---|---|
${decisionRows.join('\n')}

How the thresholds are calibrated (core/assistant/calibrate.ts): three times, 10 in-scope intents (never the ${meta.outOfScope.length} test ones) are left out of a model built from the training phrasings, and the calibration messages of all in-scope intents are ranked by it. \`nomatch\` is set to refuse 65 % of the left-out intents' messages; \`answer\` is the lowest confidence (top probability above chance, \`confidenceOf\`) from which 95 % of answers are right; \`clarifyRatio\` offers the right article in 75 % of the cases where it ranks second or third between the two. The product's defaults (DEFAULT_THRESHOLDS in core/assistant/model.ts) are the 10-phrasings figures, the shape of a real help center.

Method: softmax regression trained at build time (SGD, 5–30 passes by corpus size) over TF-IDF vectors of word unigrams and bigrams (the shared analysis: folding, stop words, Snowball) and character 3–4-grams inside words, hashed; weights pruned to the largest 1,100 per article and quantised to one byte. Nearest-phrasing and centroid cosines, more passes, other learning rates, word-dropout augmentation, a margin-based confidence, and BM25, complement naive Bayes or LSA (truncated SVD) fused with the softmax or added to its features scored no better in cross-validation on the non-test messages; the comparison is in core/assistant/README.md. Above 200 articles, training scores each text against 32 candidate articles only (not in play here: 67 and 150 articles); its compile times on large synthetic sites (\`bench/assistant-scale.ts\`) are in core/assistant/README.md.

Model size and latency: a synthetic corpus of ${scale.articles} articles × ${scale.phrasings} phrasings, made by seeded recombination of BANKING77 messages (each phrasing joins halves of two messages of the article's one or two source intents); latency is one \`answer()\` call (decision and explanation included) on the model parsed back from its JSON, over ${scale.messages} BANKING77 messages after a warm-up.
`;
}

/** The `--validate` figures: both settings side by side, on the validation queries. */
function validationReport(results: SettingResult[], meta: { queries: number; load: number }): string {
  const [few, all] = results as [SettingResult, SettingResult];
  const row = (label: string, render: (r: SettingResult) => string) => `| ${label} | ${render(few)} | ${render(all)} |`;
  return `### BANKING77, validation split (seed ${VALIDATION_SEED}: ${pct(VALIDATION_SHARE)} of each intent's TRAIN messages, ${meta.queries} queries; load average ${meta.load.toFixed(1)})

Compile options: ${optionsArgument ?? '{}'}

| Figure (validation split) | ${few.setting.label} | ${all.setting.label} |
|---|---|---|
${row('top-1', (r) => pct(r.test.top1))}
${row('top-3', (r) => pct(r.test.top3))}
${row('out of scope refused', (r) => pct(r.test.outOfScopeRefused))}
${row('in-scope accuracy, refusals wrong', (r) => pct(r.test.accuracyWithRefusals))}
${row('thresholds nomatch / answer / clarifyRatio', (r) => `${r.thresholds.nomatch} / ${r.thresholds.answer} / ${r.thresholds.clarifyRatio}`)}
${row('compile, CPU seconds', (r) => r.buildCpuSeconds.toFixed(2))}
`;
}

function updateDocs(section: string): string {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const heading = '## Assistant (npm run bench:assistant)';
  const start = text.indexOf(heading);
  if (start < 0) text = `${text.trimEnd()}\n\n${section}`;
  else {
    const next = text.indexOf('\n## ', start + heading.length);
    text = `${text.slice(0, start)}${section}${next < 0 ? '' : `\n${text.slice(next + 1)}`}`;
  }
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
  return path;
}

function main(): void {
  const load = loadavg()[0]!;
  const messages = readBanking77();
  const testSplits = splitByIntent(messages, SPLIT_SEED);
  const splits = validateArgument ? validationSplit(testSplits, VALIDATION_SEED) : testSplits;
  const intents = [...splits.keys()];
  const outOfScope = pickIntents(intents, OUT_OF_SCOPE_COUNT, OUT_OF_SCOPE_SEED);
  const inScope = intents.filter((intent) => !outOfScope.includes(intent));
  console.error(`bench: ${banking77Path()}: ${messages.length} messages, ${intents.length} intents; out of scope: ${outOfScope.join(', ')}`);

  const results = [
    { label: `${FEW} phrasings`, phrasings: FEW },
    { label: 'all phrasings', phrasings: Infinity },
  ].map((setting) => {
    const result = runSetting(splits, inScope, outOfScope, setting);
    console.error(`bench: ${setting.label}: thresholds ${JSON.stringify(result.thresholds)}, build ${(result.buildMs / 1000).toFixed(1)} s`);
    return result;
  });
  const testMessages = intents.reduce((sum, intent) => sum + splits.get(intent)!.test.length, 0);
  if (validateArgument) {
    console.log(validationReport(results, { queries: testMessages, load }));
    return;
  }
  const scale = measureScale(messages);
  const devSet = BANKING77_ONLY ? [] : measureDevSet();
  const section = report(results, scale, devSet, { inScope: inScope.length, outOfScope, testMessages, date: utcDay(new Date()), load });
  console.log(section);
  if (optionsArgument || BANKING77_ONLY)
    console.error(`bench: ${optionsArgument ? `compile options ${optionsArgument}` : '--banking77-only'}; docs/benchmarks.md not rewritten`);
  else console.error(`bench: wrote ${updateDocs(section)}`);
}

main();
