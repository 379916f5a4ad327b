/**
 * Phrasing suggestions: the wording of a customer that an agent wants the
 * assistant to learn. Stored here until `npm run -s content -- pull` writes
 * them into content/ (see ./pull.ts); content itself stays in git.
 */
import { and, desc, eq, getTableColumns, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { SignedInAgent } from '../agents/sessions.ts';
import type { Db } from '../db/database.ts';
import { agents, phrasingSuggestions } from '../db/tables.ts';
import { ApiError } from '../http/errors.ts';
import type { ArticleCatalog } from './articles.ts';
import {
  MAX_PHRASING_LENGTH,
  MAX_TITLE_LENGTH,
  MIN_PHRASING_LENGTH,
  type Phrasing,
  type PhrasingChange,
  type PhrasingInput,
  type PhrasingQuery,
} from './schema.ts';
import { hasWords, normalisePhrasing, phrasingKey } from './text.ts';

/** Most suggestions one list request returns (newest first). */
export const MAX_LIST_SIZE = 500;

const approver = alias(agents, 'approver');
const columns = { ...getTableColumns(phrasingSuggestions), agentName: agents.name, approverName: approver.name };

type Row = Awaited<ReturnType<typeof selectPhrasings>>[number];

function selectPhrasings(db: Db) {
  return db
    .select(columns)
    .from(phrasingSuggestions)
    .leftJoin(agents, eq(agents.id, phrasingSuggestions.agentId))
    .leftJoin(approver, eq(approver.id, phrasingSuggestions.approvedBy));
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
    approvedAt: row.approvedAt === null ? null : row.approvedAt.toISOString(),
    approvedBy: row.approvedBy !== null && row.approverName !== null ? { id: row.approvedBy, name: row.approverName } : null,
  };
}

/**
 * A wording as it is stored: normalised and redacted, then checked.
 *
 * @throws ApiError 400 naming `text`: nothing left after redaction, too short or too long.
 */
function storedText(input: string): string {
  const text = normalisePhrasing(input);
  if (!hasWords(text)) throw new ApiError(400, 'text is empty once personal data is removed; attach the wording without it', { field: 'text' });
  if (text.length < MIN_PHRASING_LENGTH) throw new ApiError(400, `text must be at least ${MIN_PHRASING_LENGTH} characters`, { field: 'text' });
  if (text.length > MAX_PHRASING_LENGTH) {
    throw new ApiError(400, `text must be at most ${MAX_PHRASING_LENGTH} characters once personal data is removed (an article's phrasings are short)`, {
      field: 'text',
    });
  }
  return text;
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
export async function suggestPhrasing(
  db: Db,
  catalog: ArticleCatalog,
  agent: Pick<SignedInAgent, 'id' | 'name'> | null,
  input: PhrasingInput,
): Promise<SuggestResult> {
  const text = storedText(input.text);
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
 * Changes a suggestion that is not pulled yet: approves it (the live
 * assistant learns it within a minute, api/phrasings/live-model.ts; it
 * stays pending for `content pull`), rejects it (also out of the live
 * assistant), puts it back to a plain suggestion, or edits its wording or
 * article. An edit of an approved phrasing needs approving again, unless the
 * same change approves it.
 *
 * @throws ApiError 404 for no such suggestion; 409 when it was pulled already
 *   (it is in content/ now: change it there), when the article has this
 *   wording already, or another suggestion for it does; 400 naming `text` or
 *   `articleId` for a wording or article that cannot be stored, or approving
 *   a proposal for a new article (there is no article to teach yet).
 */
export async function changePhrasing(db: Db, catalog: ArticleCatalog, agent: Pick<SignedInAgent, 'id'>, id: string, change: PhrasingChange): Promise<Phrasing> {
  if (!/^\d{1,15}$/.test(id)) throw new ApiError(404, 'no such phrasing suggestion');
  const numericId = Number(id);
  const [row] = await selectPhrasings(db).where(eq(phrasingSuggestions.id, numericId));
  if (!row) throw new ApiError(404, 'no such phrasing suggestion');
  if (row.status === 'pulled') throw new ApiError(409, 'this phrasing was already pulled into content/; change it in the article there (and commit) instead');

  const text = change.text === undefined ? row.text : storedText(change.text);
  const articleId = change.articleId === undefined ? row.articleId : change.articleId;
  const edited = text !== row.text || articleId !== row.articleId;
  if (edited && articleId !== null) {
    const article = await catalog.find(row.locale, articleId);
    if (!article) throw new ApiError(400, `articleId "${articleId}" is not a published ${row.locale} article`, { field: 'articleId' });
    const key = phrasingKey(text);
    if (article.questions.some((question) => phrasingKey(question) === key))
      throw new ApiError(409, `text is already a phrasing of "${article.title}"`, { field: 'text' });
    const same = await db
      .select({ text: phrasingSuggestions.text })
      .from(phrasingSuggestions)
      .where(
        and(
          eq(phrasingSuggestions.articleId, articleId),
          eq(phrasingSuggestions.locale, row.locale),
          ne(phrasingSuggestions.id, numericId),
          inArray(phrasingSuggestions.status, ['pending', 'pulled']),
        ),
      );
    if (same.some((other) => phrasingKey(other.text) === key))
      throw new ApiError(409, `another suggestion already teaches "${article.title}" this wording`, { field: 'text' });
  }
  const status = change.status ?? (row.status === 'rejected' ? 'rejected' : row.approvedAt !== null && !edited ? 'approved' : 'pending');
  if (status === 'approved' && articleId === null) {
    throw new ApiError(400, 'a proposal for a new article cannot go live: write the article first, or pick an existing one as articleId', {
      field: 'articleId',
    });
  }
  const approved = status === 'approved';
  await db
    .update(phrasingSuggestions)
    .set({
      text,
      articleId,
      // A proposal's title goes with it; teaching an existing article needs none.
      ...(articleId !== null ? { proposedTitle: null } : {}),
      status: status === 'rejected' ? 'rejected' : 'pending',
      approvedAt: approved ? (row.approvedAt !== null && !edited ? row.approvedAt : sql`now()`) : null,
      approvedBy: approved ? (row.approvedAt !== null && !edited ? row.approvedBy : agent.id) : null,
    })
    .where(and(eq(phrasingSuggestions.id, numericId), ne(phrasingSuggestions.status, 'pulled')));
  const [after] = await selectPhrasings(db).where(eq(phrasingSuggestions.id, numericId));
  if (!after) throw new ApiError(404, 'no such phrasing suggestion');
  return toPhrasing(after);
}
