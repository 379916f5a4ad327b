/**
 * Phrasing suggestions: the wording of a customer that an agent wants the
 * assistant to learn. Stored here until `npm run -s content -- pull` writes
 * them into content/ (see ./pull.ts); content itself stays in git.
 */
import { and, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { SignedInAgent } from '../agents/sessions.ts';
import type { Db } from '../db/database.ts';
import { agents, phrasingSuggestions } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import type { ArticleCatalog } from './articles.ts';
import { MAX_PHRASING_LENGTH, MAX_TITLE_LENGTH, MIN_PHRASING_LENGTH, type Phrasing, type PhrasingInput, type PhrasingQuery } from './schema.ts';
import { hasWords, normalisePhrasing, phrasingKey } from './text.ts';

/** Most suggestions one list request returns (newest first). */
export const MAX_LIST_SIZE = 500;

const columns = { ...getTableColumns(phrasingSuggestions), agentName: agents.name };

type Row = Awaited<ReturnType<typeof selectPhrasings>>[number];

function selectPhrasings(db: Db) {
  return db.select(columns).from(phrasingSuggestions).leftJoin(agents, eq(agents.id, phrasingSuggestions.agentId));
}

function toPhrasing(row: Row): Phrasing {
  return {
    id: String(row.id),
    articleId: row.articleId,
    locale: row.locale,
    text: row.text,
    proposedTitle: row.proposedTitle,
    source: row.source,
    sourceRef: row.sourceRef,
    status: row.status,
    agent: row.agentId !== null && row.agentName !== null ? { id: row.agentId, name: row.agentName } : null,
    createdAt: row.createdAt.toISOString(),
    pulledAt: row.pulledAt === null ? null : row.pulledAt.toISOString(),
  };
}

/** What {@link suggestPhrasing} did: stored a new suggestion, or found the same one already there. */
export interface SuggestResult {
  created: boolean;
  phrasing: Phrasing;
}

/**
 * Stores a suggestion. The text is normalised and redacted first
 * ({@link normalisePhrasing}); the same wording for the same article and
 * locale (compared by {@link phrasingKey}), pending or already pulled, is
 * not stored twice: the existing suggestion is returned instead, with
 * `created: false`, so an agent who attaches it again sees it is taken care of.
 *
 * @throws ApiError 400 naming `text` (nothing left after redaction, too short
 *   or too long), `articleId` (no such article in that locale) or
 *   `proposedTitle`; 409 naming `text` when the article already has this phrasing in content/.
 */
export async function suggestPhrasing(db: Db, catalog: ArticleCatalog, agent: Pick<SignedInAgent, 'id' | 'name'> | null, input: PhrasingInput): Promise<SuggestResult> {
  const text = normalisePhrasing(input.text);
  if (!hasWords(text)) throw new ApiError(400, 'text is empty once personal data is removed; attach the wording without it', { field: 'text' });
  if (text.length < MIN_PHRASING_LENGTH) throw new ApiError(400, `text must be at least ${MIN_PHRASING_LENGTH} characters`, { field: 'text' });
  if (text.length > MAX_PHRASING_LENGTH) {
    throw new ApiError(400, `text must be at most ${MAX_PHRASING_LENGTH} characters once personal data is removed (an article's phrasings are short)`, { field: 'text' });
  }
  const title = input.proposedTitle === undefined ? '' : normalisePhrasing(input.proposedTitle);
  if (title !== '') {
    if (input.articleId !== null) throw new ApiError(400, 'proposedTitle is only for a new article (articleId null)', { field: 'proposedTitle' });
    if (!hasWords(title) || title.length < 3 || title.length > MAX_TITLE_LENGTH) {
      throw new ApiError(400, `proposedTitle must be 3 to ${MAX_TITLE_LENGTH} characters once personal data is removed`, { field: 'proposedTitle' });
    }
  }
  const key = phrasingKey(text);
  if (input.articleId !== null) {
    const article = await catalog.find(input.locale, input.articleId);
    if (!article) throw new ApiError(400, `articleId "${input.articleId}" is not a published ${input.locale} article`, { field: 'articleId' });
    if (article.questions.some((question) => phrasingKey(question) === key)) {
      throw new ApiError(409, `text is already a phrasing of "${article.title}"`, { field: 'text' });
    }
  }

  const found = await db.transaction(async (tx) => {
    // One writer per article and locale at a time, so two agents attaching the same wording at once store it once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`phrasing:${input.locale}:${input.articleId ?? ''}`}))`);
    const same = await tx
      .select({ id: phrasingSuggestions.id, text: phrasingSuggestions.text })
      .from(phrasingSuggestions)
      .where(
        and(
          input.articleId === null ? isNull(phrasingSuggestions.articleId) : eq(phrasingSuggestions.articleId, input.articleId),
          eq(phrasingSuggestions.locale, input.locale),
          inArray(phrasingSuggestions.status, ['pending', 'pulled']),
        ),
      );
    // Compared here rather than with SQL lower(): that folds only ASCII under the C locale PGlite uses.
    const existing = same.find((row) => phrasingKey(row.text) === key);
    if (existing) return { id: existing.id, created: false };
    const [inserted] = await tx
      .insert(phrasingSuggestions)
      .values({
        articleId: input.articleId,
        locale: input.locale,
        text,
        proposedTitle: title === '' ? null : title,
        source: input.source,
        sourceRef: input.sourceRef ?? null,
        agentId: agent?.id ?? null,
      })
      .returning({ id: phrasingSuggestions.id });
    if (!inserted) throw new Error('Wegwijs: inserting a phrasing suggestion returned no row');
    return { id: inserted.id, created: true };
  });
  const [row] = await selectPhrasings(db).where(eq(phrasingSuggestions.id, found.id));
  if (!row) throw new Error('Wegwijs: a phrasing suggestion vanished right after it was stored');
  return { created: found.created, phrasing: toPhrasing(row) };
}

/** Suggestions with the status (and locale) asked for, newest first. */
export async function listPhrasings(db: Db, query: PhrasingQuery): Promise<Phrasing[]> {
  const rows = await selectPhrasings(db)
    .where(and(eq(phrasingSuggestions.status, query.status), query.locale === undefined ? undefined : eq(phrasingSuggestions.locale, query.locale)))
    .orderBy(desc(phrasingSuggestions.createdAt), desc(phrasingSuggestions.id))
    .limit(MAX_LIST_SIZE);
  return rows.map(toPhrasing);
}

/**
 * Drops a pending suggestion: `content pull` will not write it. Rejecting a
 * rejected one again changes nothing.
 *
 * @throws ApiError 404 for no such suggestion; 409 when it was pulled already
 *   (it is in content/ now: remove it there).
 */
export async function rejectPhrasing(db: Db, id: string): Promise<Phrasing> {
  if (!/^\d{1,15}$/.test(id)) throw new ApiError(404, 'no such phrasing suggestion');
  const numericId = Number(id);
  await db
    .update(phrasingSuggestions)
    .set({ status: 'rejected' })
    .where(and(eq(phrasingSuggestions.id, numericId), eq(phrasingSuggestions.status, 'pending')));
  const [row] = await selectPhrasings(db).where(eq(phrasingSuggestions.id, numericId));
  if (!row) throw new ApiError(404, 'no such phrasing suggestion');
  if (row.status === 'pulled') {
    throw new ApiError(409, 'this phrasing was already pulled into content/; remove it from the article there (and commit) instead');
  }
  return toPhrasing(row);
}
