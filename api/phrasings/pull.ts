/**
 * `content pull`: pending phrasing suggestions from the database into
 * content/, for a writer to review, commit and build. Content stays in git;
 * the database only holds what agents suggested until it is pulled.
 *
 * Phrasings for an article are added to its frontmatter `questions`
 * (./frontmatter.ts, nothing else in the file changes); proposals for new
 * articles go to `content/proposals/<locale>.md` (./proposals.ts). A wording
 * the article (or the proposals file) already has is not written again but
 * still marked pulled. If the content no longer validates after writing,
 * every file is put back as it was and nothing is marked.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { loadContent, type Article } from '#core/content/load.node.ts';
import type { Db } from '../db/database.ts';
import { phrasingSuggestions } from '../db/tables.ts';
import { addQuestions, FrontmatterError } from './frontmatter.ts';
import { addProposals, proposalsFile, type Proposal } from './proposals.ts';
import { MAX_PHRASING_LENGTH, MIN_PHRASING_LENGTH } from './schema.ts';
import { hasWords, normalisePhrasing, phrasingKey } from './text.ts';
import { utcDay } from '#core/util/days.ts';

/** Most phrasings an article may have (core/content/schema.ts). */
export const MAX_QUESTIONS = 100;

/** One suggestion as the report shows it. */
export interface PulledPhrasing {
  id: string;
  locale: string;
  text: string;
}

/** What a pull did (or, dry, would do). */
export interface PullReport {
  /** Files written, relative to the content root, with the phrasings added to each. */
  written: { file: string; phrasings: PulledPhrasing[] }[];
  /** Phrasings the file already had: not written again, marked pulled. */
  alreadyPresent: (PulledPhrasing & { file: string })[];
  /** Phrasings left pending, and why. */
  left: (PulledPhrasing & { reason: string })[];
  /** Whether anything was written and marked (false for a dry run). */
  applied: boolean;
}

/** Options of {@link pullPhrasings}. */
export interface PullOptions {
  /** Folder holding `content/`. */
  contentRoot: string;
  /** Report what would happen; write nothing, mark nothing. */
  dryRun?: boolean;
}

/** Why a pull stopped before marking anything. */
export class PullError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PullError';
  }
}

type Row = typeof phrasingSuggestions.$inferSelect;

/**
 * Pulls every pending suggestion into `<contentRoot>/content`.
 *
 * @throws ContentError when content/ does not validate before the pull (nothing is written);
 *   PullError when it would not validate after it (every file is restored, nothing marked).
 */
export async function pullPhrasings(db: Db, options: PullOptions): Promise<PullReport> {
  const root = path.resolve(options.contentRoot);
  const content = loadContent(root);
  const pending = await db
    .select()
    .from(phrasingSuggestions)
    .where(eq(phrasingSuggestions.status, 'pending'))
    .orderBy(asc(phrasingSuggestions.createdAt), asc(phrasingSuggestions.id));

  const report: PullReport = { written: [], alreadyPresent: [], left: [], applied: false };
  /** New text of each file to write, and its text before. */
  const files = new Map<string, { before: string | null; after: string }>();
  const pulledIds: number[] = [];
  const shown = (row: Row, text: string): PulledPhrasing => ({ id: String(row.id), locale: row.locale, text });

  const usable: { row: Row; text: string }[] = [];
  for (const row of pending) {
    const text = normalisePhrasing(row.text);
    if (!hasWords(text) || text.length < MIN_PHRASING_LENGTH || text.length > MAX_PHRASING_LENGTH) {
      report.left.push({
        ...shown(row, text),
        reason: `must be ${MIN_PHRASING_LENGTH} to ${MAX_PHRASING_LENGTH} characters with words in it to be a phrasing; reject it`,
      });
    } else {
      usable.push({ row, text });
    }
  }

  // Phrasings for existing articles, one file at a time.
  const byArticle = new Map<string, { article: Article | undefined; rows: { row: Row; text: string }[] }>();
  for (const item of usable) {
    if (item.row.articleId === null) continue;
    const key = `${item.row.locale}/${item.row.articleId}`;
    let group = byArticle.get(key);
    if (!group) {
      // Drafts included: a writer may well be preparing the article the phrasing is for.
      const article = content.articles.find((a) => a.locale === item.row.locale && a.translationKey === item.row.articleId);
      group = { article, rows: [] };
      byArticle.set(key, group);
    }
    group.rows.push(item);
  }
  for (const [key, { article, rows }] of byArticle) {
    if (!article) {
      for (const { row, text } of rows)
        report.left.push({ ...shown(row, text), reason: `content/ has no ${key.replace('/', ' article ')} any more; reject it, or attach the wording anew` });
      continue;
    }
    const known = new Set(article.questions.map(phrasingKey));
    const added: { row: Row; text: string }[] = [];
    for (const { row, text } of rows) {
      const phrasingKeyOfRow = phrasingKey(text);
      if (known.has(phrasingKeyOfRow)) {
        report.alreadyPresent.push({ ...shown(row, text), file: article.file });
        pulledIds.push(row.id);
      } else if (article.questions.length + added.length >= MAX_QUESTIONS) {
        report.left.push({ ...shown(row, text), reason: `${article.file} has ${MAX_QUESTIONS} phrasings, the most an article may have; make room first` });
      } else {
        known.add(phrasingKeyOfRow);
        added.push({ row, text });
      }
    }
    if (added.length === 0) continue;
    const before = readFileSync(path.join(root, article.file), 'utf8');
    let after: string;
    try {
      after = addQuestions(
        before,
        added.map((a) => a.text),
        article.file,
      );
    } catch (error) {
      if (!(error instanceof FrontmatterError)) throw error;
      for (const { row, text } of added) report.left.push({ ...shown(row, text), reason: error.message });
      continue;
    }
    files.set(article.file, { before, after });
    report.written.push({ file: article.file, phrasings: added.map(({ row, text }) => shown(row, text)) });
    pulledIds.push(...added.map((a) => a.row.id));
  }

  // Proposals for new articles, one review file per locale.
  const proposalsByLocale = new Map<string, { row: Row; text: string }[]>();
  for (const item of usable) {
    if (item.row.articleId !== null) continue;
    proposalsByLocale.set(item.row.locale, [...(proposalsByLocale.get(item.row.locale) ?? []), item]);
  }
  for (const [locale, items] of proposalsByLocale) {
    const file = proposalsFile(locale);
    const absolute = path.join(root, file);
    const before = existsSync(absolute) ? readFileSync(absolute, 'utf8') : null;
    const proposals: (Proposal & { row: Row })[] = items.map(({ row, text }) => ({
      row,
      title: row.proposedTitle,
      text,
      note: [row.source, row.sourceRef, utcDay(row.createdAt)].filter((part) => part !== null && part !== '').join(' '),
    }));
    const { text: after, added } = addProposals(before, locale, proposals);
    const addedRows = new Set(added.map((proposal) => proposal.row.id));
    for (const proposal of proposals) {
      pulledIds.push(proposal.row.id);
      if (!addedRows.has(proposal.row.id)) report.alreadyPresent.push({ ...shown(proposal.row, proposal.text), file });
    }
    if (added.length === 0) continue;
    files.set(file, { before, after });
    report.written.push({ file, phrasings: proposals.filter((p) => addedRows.has(p.row.id)).map((p) => shown(p.row, p.text)) });
  }

  if (options.dryRun) return report;

  for (const [file, { after }] of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), after);
  }
  try {
    loadContent(root);
  } catch (error) {
    for (const [file, { before }] of files) {
      if (before === null) rmSync(path.join(root, file), { force: true });
      else writeFileSync(path.join(root, file), before);
    }
    throw new PullError(
      `content: the pulled phrasings would make content/ invalid, so every file was put back and nothing was marked pulled:\n${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (pulledIds.length > 0) {
    // Only rows still pending: one an agent rejected meanwhile stays rejected (its line is in the diff to drop).
    await db
      .update(phrasingSuggestions)
      .set({ status: 'pulled', pulledAt: sql`now()` })
      .where(and(inArray(phrasingSuggestions.id, pulledIds), eq(phrasingSuggestions.status, 'pending')));
  }
  report.applied = true;
  return report;
}

/** The report as the CLI prints it: what was written where, what was skipped and why, what to do next. */
export function formatPullReport(report: PullReport): string {
  const out: string[] = [];
  for (const { file, phrasings } of report.written) {
    const what = file.startsWith('content/proposals/') ? 'proposal' : 'phrasing';
    out.push(`${file}: ${phrasings.length} ${what}${phrasings.length === 1 ? '' : 's'} added`);
    for (const phrasing of phrasings) out.push(`  + ${JSON.stringify(phrasing.text)}  (#${phrasing.id})`);
  }
  if (report.alreadyPresent.length > 0) {
    out.push(`already in content, marked pulled without writing: ${report.alreadyPresent.length}`);
    for (const phrasing of report.alreadyPresent) out.push(`  = ${phrasing.file}: ${JSON.stringify(phrasing.text)}  (#${phrasing.id})`);
  }
  if (report.left.length > 0) {
    out.push(`left pending: ${report.left.length}`);
    for (const phrasing of report.left) out.push(`  ! #${phrasing.id} ${JSON.stringify(phrasing.text)}: ${phrasing.reason}`);
  }
  const count = report.written.reduce((sum, file) => sum + file.phrasings.length, 0);
  if (count === 0 && report.alreadyPresent.length === 0 && report.left.length === 0) out.push('no pending phrasings');
  else if (!report.applied)
    out.push(
      `dry run: ${count} ${count === 1 ? 'phrasing' : 'phrasings'} would be written to ${report.written.length} ${report.written.length === 1 ? 'file' : 'files'}; nothing was written or marked`,
    );
  else if (count > 0)
    out.push(
      `wrote ${count} ${count === 1 ? 'phrasing' : 'phrasings'} to ${report.written.length} ${report.written.length === 1 ? 'file' : 'files'}; review them with \`git diff content/\`, commit, and build (or restart \`npm start\`) to teach the assistant`,
    );
  return `${out.join('\n')}\n`;
}
