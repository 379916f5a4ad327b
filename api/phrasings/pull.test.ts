import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { loadContent } from '#core/content/load.node.ts';
import { phrasingSuggestions, type PHRASING_SOURCES } from '../db/tables.ts';
import { REPO_ROOT } from '../start.ts';
import { describeOnDatabases } from '../test/database.ts';
import { formatPullReport, pullPhrasings } from './pull.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the real content/ in a folder of its own. */
function contentCopy(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wegwijs-pull-'));
  folders.push(root);
  cpSync(path.join(REPO_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  return root;
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

describeOnDatabases('content pull', (database) => {
  const db = () => database().db;
  const suggest = async (row: {
    articleId: string | null;
    locale: 'nl' | 'en';
    text: string;
    proposedTitle?: string;
    source?: (typeof PHRASING_SOURCES)[number];
    sourceRef?: string;
  }) => {
    const [inserted] = await db()
      .insert(phrasingSuggestions)
      .values({ source: 'ticket', ...row })
      .returning({ id: phrasingSuggestions.id });
    return String(inserted!.id);
  };
  const statusOf = async (id: string) =>
    (
      await db()
        .select()
        .from(phrasingSuggestions)
        .where(eq(phrasingSuggestions.id, Number(id)))
    )[0]?.status;

  beforeEach(async () => {
    await db().execute(sql`delete from phrasing_suggestions`);
  });

  it('adds new phrasings to the articles, skips those already there, proposes new articles, and marks them pulled', async () => {
    const root = contentCopy();
    const content = loadContent(root);
    const article = content.articles.find((a) => a.locale === 'nl' && a.translationKey === 'delivery-times')!;
    const before = read(root, article.file);
    const added = await suggest({ articleId: 'delivery-times', locale: 'nl', text: 'bezorgen jullie op tweede paasdag' });
    const quoted = await suggest({ articleId: 'delivery-times', locale: 'nl', text: 'levering: hoe laat?' });
    const present = await suggest({ articleId: 'delivery-times', locale: 'nl', text: `${article.questions[1]!.toUpperCase()}?` });
    const proposal = await suggest({
      articleId: null,
      locale: 'en',
      text: 'do you have a shop in Utrecht',
      proposedTitle: 'Shop in Utrecht',
      source: 'nomatch',
    });
    const untitled = await suggest({ articleId: null, locale: 'en', text: 'can I pay with "cash"', source: 'search', sourceRef: 'q-17' });

    const report = await pullPhrasings(db(), { contentRoot: root });
    expect(report.applied).toBe(true);
    expect(report.written).toEqual([
      {
        file: article.file,
        phrasings: [
          { id: added, locale: 'nl', text: 'bezorgen jullie op tweede paasdag' },
          { id: quoted, locale: 'nl', text: 'levering: hoe laat?' },
        ],
      },
      {
        file: 'content/proposals/en.md',
        phrasings: [
          { id: proposal, locale: 'en', text: 'do you have a shop in Utrecht' },
          { id: untitled, locale: 'en', text: 'can I pay with "cash"' },
        ],
      },
    ]);
    expect(report.alreadyPresent).toEqual([{ id: present, locale: 'nl', text: `${article.questions[1]!.toUpperCase()}?`, file: article.file }]);
    expect(report.left).toEqual([]);

    // Only the two new lines, right after the last phrasing.
    const beforeLines = before.split('\n');
    const lastQuestion = beforeLines.lastIndexOf(`  - ${article.questions.at(-1)}`);
    expect(read(root, article.file).split('\n')).toEqual([
      ...beforeLines.slice(0, lastQuestion + 1),
      '  - bezorgen jullie op tweede paasdag',
      '  - "levering: hoe laat?"',
      ...beforeLines.slice(lastQuestion + 1),
    ]);
    const proposals = read(root, 'content/proposals/en.md');
    expect(proposals).toContain('## Shop in Utrecht\n\n- "do you have a shop in Utrecht" (nomatch ');
    expect(proposals).toContain('- "can I pay with \\"cash\\"" (search q-17 ');

    // The content still loads, with the new phrasings, and the proposals file is not an article.
    const after = loadContent(root);
    expect(after.articles).toHaveLength(content.articles.length);
    expect(after.articles.find((a) => a.id === article.id)?.questions).toEqual([
      ...article.questions,
      'bezorgen jullie op tweede paasdag',
      'levering: hoe laat?',
    ]);
    for (const id of [added, quoted, present, proposal, untitled]) expect(await statusOf(id)).toBe('pulled');
    expect(formatPullReport(report)).toContain(`${article.file}: 2 phrasings added\n  + "bezorgen jullie op tweede paasdag"  (#${added})\n`);

    // A second pull has nothing to do and changes no file.
    const again = await pullPhrasings(db(), { contentRoot: root });
    expect(again).toEqual({ written: [], alreadyPresent: [], left: [], applied: true });
    expect(formatPullReport(again)).toBe('no pending phrasings\n');
    expect(read(root, 'content/proposals/en.md')).toBe(proposals);
  });

  it('writes nothing and marks nothing on a dry run', async () => {
    const root = contentCopy();
    const file = 'content/articles/en/where-is-my-parcel.md';
    const before = read(root, file);
    const id = await suggest({ articleId: 'track-parcel', locale: 'en', text: 'parcel stuck in customs' });
    const proposal = await suggest({ articleId: null, locale: 'en', text: 'do you ship to mars' });
    const report = await pullPhrasings(db(), { contentRoot: root, dryRun: true });
    expect(report.applied).toBe(false);
    expect(report.written.map((w) => w.file)).toEqual([file, 'content/proposals/en.md']);
    expect(read(root, file)).toBe(before);
    expect(existsSync(path.join(root, 'content/proposals/en.md'))).toBe(false);
    expect(await statusOf(id)).toBe('pending');
    expect(await statusOf(proposal)).toBe('pending');
    expect(formatPullReport(report)).toContain('dry run: 2 phrasings would be written to 2 files; nothing was written or marked');
  });

  it('leaves pending, with the reason, what it cannot write: an article that is gone, a full article, a list it cannot add to', async () => {
    const root = contentCopy();
    const gone = await suggest({ articleId: 'no-such-article', locale: 'nl', text: 'waar is dat artikel' });
    const content = loadContent(root);
    const full = content.articles.find((a) => a.locale === 'en' && a.translationKey === 'delivery-times')!;
    const fullSource = read(root, full.file).replace(
      /^questions:\n(?: {2}- .*\n)+/m,
      `questions:\n${Array.from({ length: 100 }, (_, i) => `  - question number ${'x'.repeat(i % 7)} ${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}\n`).join('')}`,
    );
    writeFileSync(path.join(root, full.file), fullSource);
    const tooMany = await suggest({ articleId: 'delivery-times', locale: 'en', text: 'one more question please' });
    const flow = content.articles.find((a) => a.locale === 'nl' && a.translationKey === 'track-parcel')!;
    const flowSource = read(root, flow.file).replace(
      /^questions:\n((?: {2}- .*\n)+)/m,
      (_, items: string) =>
        `questions: [${items
          .trim()
          .split('\n')
          .map((line) => line.slice(4))
          .join(', ')}]\n`,
    );
    writeFileSync(path.join(root, flow.file), flowSource);
    const flowStyle = await suggest({ articleId: 'track-parcel', locale: 'nl', text: 'pakket kwijt bij de buren' });

    const report = await pullPhrasings(db(), { contentRoot: root });
    expect(report.written).toEqual([]);
    expect(report.left.map((l) => [l.id, l.reason])).toEqual([
      [gone, 'content/ has no nl article no-such-article any more; reject it, or attach the wording anew'],
      [tooMany, `${full.file} has 100 phrasings, the most an article may have; make room first`],
      [flowStyle, `${flow.file}: questions is not written as a list of "- " lines (one per line); write it that way so content pull can add to it`],
    ]);
    for (const id of [gone, tooMany, flowStyle]) expect(await statusOf(id)).toBe('pending');
    expect(read(root, full.file)).toBe(fullSource);
    expect(read(root, flow.file)).toBe(flowSource);
  });

  it('stops before writing when content/ is invalid already', async () => {
    const root = contentCopy();
    const id = await suggest({ articleId: 'track-parcel', locale: 'en', text: 'parcel stuck in customs' });
    writeFileSync(path.join(root, 'content/articles/en/broken.md'), '---\ntitle: X\n---\nBody\n');
    await expect(pullPhrasings(db(), { contentRoot: root })).rejects.toThrow(/content is invalid/);
    expect(await statusOf(id)).toBe('pending');
    expect(read(root, 'content/articles/en/where-is-my-parcel.md')).toBe(read(REPO_ROOT, 'content/articles/en/where-is-my-parcel.md'));
  });
});
