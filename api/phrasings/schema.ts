/**
 * Request and response schemas of teaching the assistant: the article
 * picker and the phrasing suggestions agents attach.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { PHRASING_SOURCES, PHRASING_STATUSES } from '../db/tables.ts';
import { expecting, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';

/**
 * Longest phrasing, in characters after redaction: the content model's limit
 * for one entry of `questions` (core/content/schema.ts), so whatever is
 * accepted here can be pulled into an article without breaking the build.
 */
export const MAX_PHRASING_LENGTH = 200;

/** Shortest phrasing after redaction, the content model's limit too. */
export const MIN_PHRASING_LENGTH = 3;

/** Longest proposed title: the content model's limit for `title`. */
export const MAX_TITLE_LENGTH = 120;

const locale = z.enum(LOCALES, { error: expecting(`one of ${LOCALES.join(', ')}`) });

/** Query of `GET /agent/articles`. */
export const articleQuerySchema = z.object({
  locale: locale.optional().openapi({ param: { name: 'locale', in: 'query' }, example: 'nl' }),
});

/** One article of the picker. */
export const articleListingSchema = z
  .object({
    /** The translation key: the id the assistant reports for this article. */
    id: z.string().openapi({ example: 'track-parcel' }),
    locale: z.enum(LOCALES),
    title: z.string(),
    categoryId: z.string(),
    url: z.string().openapi({ example: '/nl/bezorging/waar-is-mijn-pakket/' }),
  })
  .openapi('ArticleListing');

/** One article of the picker. */
export type ArticleListing = z.infer<typeof articleListingSchema>;

/** Body of `POST /agent/phrasings`. */
export const phrasingBodySchema = z
  .object({
    /** The article to teach (its translation key, as in the picker); null proposes a new article. */
    articleId: z
      .string({ error: expecting('an article id or null') })
      .trim()
      .min(1, 'must not be empty (null proposes a new article)')
      .max(200, 'must be at most 200 characters')
      .nullable()
      .openapi({ example: 'track-parcel' }),
    locale,
    /**
     * The customer's wording. White space is folded and personal data
     * (e-mail addresses, phone and long numbers) removed before it is stored.
     */
    text: z
      .string({ error: expecting('a string') })
      .max(1000, 'must be at most 1000 characters')
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .openapi({ example: 'pakketje nog steeds niet binnen' }),
    /** A title for the new article (only with `articleId: null`). */
    proposedTitle: z
      .string({ error: expecting('a string') })
      .max(1000, 'must be at most 1000 characters')
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .optional()
      .openapi({ example: 'Retourlabel kwijt' }),
    /** Where the wording came from. */
    source: z.enum(PHRASING_SOURCES, { error: expecting(`one of ${PHRASING_SOURCES.join(', ')}`) }),
    /** What it came from, e.g. a ticket number: letters, digits and `. _ : / # -`, never free text. */
    sourceRef: z
      .string({ error: expecting('a string') })
      .regex(/^[A-Za-z0-9._:/#-]{1,100}$/, 'must be 1 to 100 letters, digits or . _ : / # - (a reference such as WW-1042, not free text)')
      .optional()
      .openapi({ example: 'WW-1042' }),
  })
  .openapi('PhrasingSuggestionInput');

/** A validated phrasing suggestion, before normalisation and redaction. */
export type PhrasingInput = z.infer<typeof phrasingBodySchema>;

/** A phrasing suggestion as a client sends it (before the schema's defaults and trimming). */
export type PhrasingProposal = z.input<typeof phrasingBodySchema>;

/** Query of `GET /agent/phrasings`. */
export const phrasingQuerySchema = z.object({
  status: z
    .enum(PHRASING_STATUSES, { error: expecting(`one of ${PHRASING_STATUSES.join(', ')}`) })
    .default('pending')
    .openapi({
      param: { name: 'status', in: 'query' },
      example: 'pending',
      description: '`pending` lists approved ones too (`approvedAt` set): they stay pending for `content pull`.',
    }),
  locale: locale.optional().openapi({ param: { name: 'locale', in: 'query' } }),
});

/** A validated list query. */
export type PhrasingQuery = z.infer<typeof phrasingQuerySchema>;

/** Body of `PATCH /agent/phrasings/{id}`: at least one of its fields. */
export const phrasingChangeSchema = z
  .object({
    /**
     * `approved`: the live assistant learns it within a minute (it stays
     * pending for `content pull`); `rejected`: dropped, also from the live
     * assistant; `pending`: back to a suggestion, out of the live assistant.
     */
    status: z.enum(['approved', 'rejected', 'pending'], { error: expecting('approved, rejected or pending') }).optional(),
    /** A better wording (normalised and redacted like a new one); an approved phrasing needs approving again. */
    text: phrasingBodySchema.shape.text.optional(),
    /** Another article to teach. */
    articleId: phrasingBodySchema.shape.articleId.optional(),
  })
  .refine((change) => change.status !== undefined || change.text !== undefined || change.articleId !== undefined, {
    message: 'must change status, text or articleId',
  })
  .openapi('PhrasingChange');

/** A validated change. */
export type PhrasingChange = z.infer<typeof phrasingChangeSchema>;

const timestamp = z.string().openapi({ format: 'date-time' });

/** A stored phrasing suggestion. */
export const phrasingSchema = z
  .object({
    id: z.string(),
    articleId: z.string().nullable(),
    locale: z.enum(LOCALES),
    /** The wording as stored: white space folded, personal data removed. Plain text. */
    text: z.string(),
    proposedTitle: z.string().nullable(),
    source: z.enum(PHRASING_SOURCES),
    sourceRef: z.string().nullable(),
    status: z.enum(PHRASING_STATUSES),
    /** The agent who attached it, while they exist. */
    agent: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: timestamp,
    /** When `content pull` wrote it into the article (or the proposals file). */
    pulledAt: timestamp.nullable(),
    /** When it was approved: from then on the live assistant knows it. */
    approvedAt: timestamp.nullable(),
    /** Who approved it, while they exist. */
    approvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi('PhrasingSuggestion');

/** A phrasing suggestion as the API answers it. */
export type Phrasing = z.infer<typeof phrasingSchema>;
