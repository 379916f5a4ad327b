/**
 * The live assistant: approved phrasings reach customers without a
 * developer. The site ships each locale's model as a static asset compiled
 * from content/ at build time; once an agent approves a phrasing, the server
 * compiles the model again from the same content plus the approved
 * phrasings that content/ does not have yet, and serves it under a
 * content-hashed name. The widget asks `GET /api/assistant/models/{locale}`
 * which model to load when the chat opens (site/chat/fetch-model.ts): `url`
 * null means "the page's own".
 *
 * Every API process does this on its own, from the database: compiling is
 * deterministic, so all of them name the same model the same way, and no
 * state lives in one process (DESIGN.md). A process looks at the approved
 * phrasings at most every {@link CHECK_EVERY_MS}, and the answer may be
 * cached by browsers for {@link ANSWER_MAX_AGE_S}, so an approval is live
 * within a minute. The phrasings stay `pending` for `content pull`, which
 * writes them into content/ as before; once a rebuilt site has them, the
 * live model is the page's own again.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Content } from '#core/content/load.node.ts';
import { phrasingsFileName } from '#core/assistant/asset.ts';
import { LOCALES, type Locale } from '#core/locale.ts';
import type { Database, Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { errorBody, validationHook } from '../http/errors.ts';
import { errorResponse } from '../http/validation.ts';
import { phrasingKey } from './text.ts';

/** How often a process looks for newly approved (or rejected) phrasings. */
export const CHECK_EVERY_MS = 10_000;

/** How long a browser may reuse the answer of `GET /assistant/models/{locale}`. */
export const ANSWER_MAX_AGE_S = 30;

/** An approved phrasing that is not in content/ yet. */
export interface ApprovedPhrasing {
  articleId: string;
  text: string;
}

/** A compiled live model, as the widget downloads it: the gzip model asset of core/assistant/asset.ts, and its phrasings' file. */
export interface LiveModel {
  /** `<locale>.live.<hash>.bin`. */
  name: string;
  bytes: Uint8Array;
  /** Served as `<locale>.live.<hash>.phrasings.bin` (core/assistant/asset.ts, `phrasingsFileName`): the widget fetches it for a hand-off. */
  phrasings: Uint8Array;
}

/** Compiles one locale's model from `content` plus `approved`; null when they add nothing to content/. */
export type ModelCompiler = (locale: Locale, approved: readonly ApprovedPhrasing[]) => Promise<LiveModel | null>;

/**
 * The compiler of `<contentRoot>/content`: the site build's recipe
 * (site/chat/model-asset.ts: published articles, their page paths, the
 * rules), with each approved phrasing added to its article's `questions`
 * unless the article already has it. Content is read on first use and kept
 * (the server serves the site it built at start).
 */
export function contentModelCompiler(contentRoot: string): ModelCompiler {
  let content: Promise<Content> | undefined;
  return async (locale, approved) => {
    const [{ encodeModelAsset, encodePhrasings }, { compileModel }, { assistantArticle, readRules }, { articlePath, loadContent, publishedArticles }] =
      await Promise.all([
        import('#core/assistant/asset.ts'),
        import('#core/assistant/compile.ts'),
        import('#core/assistant/content.node.ts'),
        import('#core/content/load.node.ts'),
      ]);
    content ??= Promise.resolve().then(() => loadContent(path.resolve(contentRoot)));
    const loaded = await content.catch((error: unknown) => {
      content = undefined;
      throw error;
    });
    const categories = new Map(loaded.categories.map((category) => [category.id, category]));
    let added = 0;
    const articles = publishedArticles(loaded, locale).map((article) => {
      const own = new Set(article.questions.map(phrasingKey));
      const extra: string[] = [];
      for (const phrasing of approved) {
        const key = phrasingKey(phrasing.text);
        if (phrasing.articleId !== article.translationKey || own.has(key)) continue;
        own.add(key);
        extra.push(phrasing.text);
      }
      added += extra.length;
      return assistantArticle({ ...article, questions: [...article.questions, ...extra] }, articlePath(article, categories.get(article.category)));
    });
    if (added === 0) return null;
    // The site build's format (site/chat/model-asset.ts), so the widget reads both alike.
    const model = compileModel(articles, readRules(path.resolve(contentRoot), locale));
    const bytes = gzipSync(encodeModelAsset(model), { level: 9 });
    const phrasings = gzipSync(encodePhrasings(model), { level: 9 });
    return { name: `${locale}.live.${createHash('sha256').update(bytes).update(phrasings).digest('hex').slice(0, 10)}.bin`, bytes, phrasings };
  };
}

/** The approved phrasings of `locale` that are neither rejected nor for a new article, oldest first. */
export async function approvedPhrasings(db: Db, locale: Locale): Promise<ApprovedPhrasing[]> {
  const found = await rows<{ article_id: string; text: string }>(
    db,
    sql`select article_id, text from phrasing_suggestions
        where locale = ${locale} and approved_at is not null and status <> 'rejected' and article_id is not null
        order by approved_at, id`,
  );
  return found.map((row) => ({ articleId: row.article_id, text: row.text }));
}

/** The live models of one process: compiled when the approved phrasings change, kept until they change again. */
export interface LiveModels {
  /** The live model of `locale`, or null when the page's own is current. */
  current(locale: Locale): Promise<LiveModel | null>;
  /** A live model's file by its name (the asset, or its phrasings' file), when it is the current one. */
  byName(name: string): Promise<Uint8Array | null>;
}

/**
 * Keeps each locale's live model up to date with the database.
 *
 * @param now - the clock (tests)
 * @param checkEveryMs - how often to look for newly approved phrasings; default {@link CHECK_EVERY_MS}.
 *   Test servers look more often, so a browser test of an approval does not wait out the production interval.
 */
export function liveModels(db: Db, compile: ModelCompiler, now: () => number = Date.now, checkEveryMs: number = CHECK_EVERY_MS): LiveModels {
  const state = new Map<Locale, { checkedAt: number; signature: string; model: Promise<LiveModel | null> }>();
  const current = async (locale: Locale): Promise<LiveModel | null> => {
    const known = state.get(locale);
    if (known && now() - known.checkedAt < checkEveryMs) return known.model;
    const approved = await approvedPhrasings(db, locale);
    const signature = approved.map((p) => `${p.articleId}\n${p.text}`).join('\n\n');
    if (known && known.signature === signature) {
      known.checkedAt = now();
      return known.model;
    }
    const model = compile(locale, approved);
    state.set(locale, { checkedAt: now(), signature, model });
    // A failed compile is tried again on the next request rather than kept.
    model.catch(() => state.delete(locale));
    return model;
  };
  return {
    current,
    async byName(name) {
      const locale = LOCALES.find((l) => name.startsWith(`${l}.live.`));
      if (!locale) return null;
      const model = await current(locale);
      if (!model) return null;
      if (model.name === name) return model.bytes;
      return phrasingsFileName(model.name) === name ? model.phrasings : null;
    },
  };
}

const localeParam = z.object({ locale: z.enum(LOCALES).openapi({ param: { name: 'locale', in: 'path' }, example: 'nl' }) });

/**
 * The public routes of the live assistant, mounted at `/api/assistant`: no
 * sign-in, nothing personal in or out.
 *
 * @example api.route('/assistant', liveModelRoutes({ database, models: liveModels(database.db, contentModelCompiler(root)) }));
 */
export function liveModelRoutes({ models }: { database: Database; models: LiveModels }): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/models/{locale}',
      summary: 'Which assistant model the widget loads',
      description: `The live model's URL (\`/api/assistant/models/live/<locale>.live.<hash>.bin\`, cacheable forever, 404 once replaced) when agents approved phrasings the built site does not have yet; null: the model the page names. Cacheable for ${ANSWER_MAX_AGE_S} s.`,
      request: { params: localeParam },
      responses: {
        200: { description: 'The model to load.', content: { 'application/json': { schema: z.object({ url: z.string().nullable() }) } } },
        400: errorResponse("Not one of the site's locales."),
      },
    }),
    async (c) => {
      const model = await models.current(c.req.valid('param').locale);
      c.header('Cache-Control', `public, max-age=${ANSWER_MAX_AGE_S}`);
      return c.json({ url: model ? `/api/assistant/models/live/${model.name}` : null }, 200);
    },
  );
  // The model itself: plain JSON named by a hash of its bytes, so outside the OpenAPI document like the site's own assets.
  app.get('/models/live/:name', async (c) => {
    const bytes = await models.byName(c.req.param('name'));
    if (!bytes) return c.json(errorBody('no such assistant model; ask /api/assistant/models/{locale} for the current one'), 404);
    // Cacheable forever: another model gets another name.
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}
