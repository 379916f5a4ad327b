/**
 * Request and response schemas of the public API (the chat widget). Unknown
 * fields are dropped by zod before anything is stored.
 */
import { z } from '@hono/zod-openapi';
import { ASSISTANT_ACTIONS, DEVICE_CLASSES, MESSAGE_AUTHORS } from '../db/tables.ts';
import { idempotencyKeySchema } from '../http/idempotency.ts';
import { expecting, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';
import { LOCALES, type Locale } from '#core/locale.ts';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '#core/attachments.ts';
import { MAX_MESSAGE_LENGTH } from '#core/messages.ts';

/** Most transcript lines a hand-off carries. */
export const MAX_TRANSCRIPT_ENTRIES = 200;

/** Largest `why` of one transcript line, as JSON. */
export const MAX_WHY_BYTES = 4 * 1024;

/** Longest no-match question kept for the content-gap report. */
export const MAX_QUESTION_LENGTH = 500;

const answerId = z
  .string({ error: expecting('a string') })
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(STORABLE, NUL_MESSAGE)
  .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
  .openapi({ description: "The widget's id of the answer.", example: 'a1b2c3' });

const articleId = z
  .string({ error: expecting('a string or null') })
  .max(200, 'must be at most 200 characters')
  .regex(STORABLE, NUL_MESSAGE)
  .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
  .nullable()
  .optional()
  .transform((value) => value ?? null)
  .openapi({ description: 'Article the answer offered; null when none.', example: 'track-parcel' });

const localeOf = (locales: readonly [Locale, ...Locale[]]) =>
  z.enum(locales, { error: expecting(`one of ${locales.join(', ')}`) }).openapi({ example: locales[0] });

/** The fields of an effort score, wherever it is sent. */
function cesFields(locales: readonly [Locale, ...Locale[]]) {
  return {
    answerId,
    articleId,
    /** 1 = hardly any effort … 5 = a lot. */
    score: z
      .number({ error: expecting('a whole number from 1 to 5') })
      .int('must be a whole number from 1 to 5')
      .min(1, 'must be a whole number from 1 to 5')
      .max(5, 'must be a whole number from 1 to 5')
      .openapi({ example: 2 }),
    locale: localeOf(locales),
  };
}

/** The two kinds of conversation event, told apart by `type`. */
function eventShapes(locales: readonly [Locale, ...Locale[]]) {
  const locale = localeOf(locales);
  const outcome = {
    type: z.literal('outcome'),
    answerId,
    /** What the assistant did. */
    action: z.enum(ASSISTANT_ACTIONS, { error: expecting(`one of ${ASSISTANT_ACTIONS.join(', ')}`) }),
    articleId,
    locale,
    /** A no-match question, redacted in the browser (and again here). */
    question: z
      .string({ error: expecting('a string') })
      .max(MAX_QUESTION_LENGTH, `must be at most ${MAX_QUESTION_LENGTH} characters`)
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .optional(),
  };
  const helpful = {
    type: z.literal('helpful'),
    answerId,
    /** "Did this answer help?" */
    helpful: z.boolean({ error: expecting('true or false') }),
    articleId,
    locale,
  };
  return { outcome, helpful };
}

/** Most signals in one `POST /conversations/{id}/signals`. */
export const MAX_CONVERSATION_SIGNALS = 50;

/**
 * Body of `POST /conversations/{id}/signals`: what the widget's outbox has
 * waiting for one conversation (effort scores, outcomes, "helpful" answers),
 * 1 to 50 at a time, each with its own key, so a batch resent after a lost
 * answer counts nothing twice.
 */
export function conversationSignalsBodySchema(locales: readonly [Locale, ...Locale[]]) {
  const key = idempotencyKeySchema.openapi({ description: 'A random key (a UUID) per signal; a resend carries the same key.' });
  const { outcome, helpful } = eventShapes(locales);
  const signal = z.discriminatedUnion(
    'type',
    [z.object({ key, type: z.literal('ces'), ...cesFields(locales) }), z.object({ key, ...outcome }), z.object({ key, ...helpful })],
    { error: expecting('ces, outcome or helpful') },
  );
  return z
    .object({
      signals: z
        .array(signal, { error: expecting('a list') })
        .min(1, 'must have at least 1 item')
        .max(MAX_CONVERSATION_SIGNALS, `must have at most ${MAX_CONVERSATION_SIGNALS} items`),
    })
    .openapi('ConversationSignals');
}

/** One validated signal of a batch. */
export type ConversationSignal = z.infer<ReturnType<typeof conversationSignalsBodySchema>>['signals'][number];

/** `200` of `POST /conversations/{id}/signals`: what became of each signal, in the order sent. */
export const conversationSignalsRecordedSchema = z
  .object({
    results: z.array(
      z.object({
        key: z.string(),
        /** `duplicate`: recorded before (the same key, or the same answer scored again); nothing was counted twice. */
        status: z.enum(['recorded', 'duplicate']),
      }),
    ),
  })
  .openapi('ConversationSignalsRecorded');

/** Most articles one assistant line offers as buttons (the widget shows three). */
export const MAX_OFFERED = 10;

/** An article id the assistant offered or the customer picked. */
const offeredArticleId = z
  .string({ error: expecting('an article id') })
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(STORABLE, NUL_MESSAGE)
  .regex(WELL_FORMED, ILL_FORMED_MESSAGE);

/** Earliest and latest year of a transcript time: the range PostgreSQL's timestamptz and JavaScript's Date share, with room. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

/** Whether `ms` (epoch ms) is a time the database stores as it is. */
function isStorableInstant(ms: number): boolean {
  if (!Number.isFinite(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** Text inside `why`: short, storable. */
const whyText = (max: number) => z.string().max(max).regex(STORABLE).regex(WELL_FORMED);
const whyNumber = z.number().finite();

/**
 * `why` as core/assistant's `Why` has it: a rule, a pattern or a ranking.
 * Unknown members are dropped; every string and list is bounded, so the
 * stored JSON stays small (well under {@link MAX_WHY_BYTES}) and never nests.
 */
export const whySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rule'), ruleId: whyText(100), pattern: whyText(500) }),
  z.object({ kind: z.literal('pattern'), articleId: whyText(200), pattern: whyText(500) }),
  z.object({
    kind: z.literal('ranking'),
    terms: z.array(whyText(100)).max(20),
    phrasing: whyText(500).nullable().optional(),
    score: whyNumber,
    margin: whyNumber,
    thresholds: z
      .object({
        answer: whyNumber,
        nomatch: whyNumber,
        clarifyRatio: whyNumber,
        // The help-center policy's evidence rules (core/assistant/model.ts, EvidencePolicy): a handful of numbers.
        evidence: z
          .record(whyText(40), whyNumber)
          .refine((rules) => Object.keys(rules).length <= 20, 'must have at most 20 rules')
          .optional(),
      })
      .optional(),
  }),
]);

/** A validated `why`. */
export type TranscriptWhy = z.infer<typeof whySchema>;

/** One line of the transcript a hand-off carries. */
const transcriptEntrySchema = z.object({
  from: z.enum(MESSAGE_AUTHORS, { error: expecting(`one of ${MESSAGE_AUTHORS.join(', ')}`) }),
  text: z
    .string({ error: expecting('a string') })
    .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
    .regex(STORABLE, NUL_MESSAGE)
    .regex(WELL_FORMED, ILL_FORMED_MESSAGE),
  /** When it was written, by the customer's clock. */
  at: z.iso
    .datetime({ offset: true, error: expecting('an ISO 8601 date and time') })
    // zod's format allows what timestamptz refuses (year 0000, offsets past ±15:59): keep the instant, stored in UTC.
    .refine((at) => isStorableInstant(Date.parse(at)), `must be an ISO 8601 date and time from ${FIRST_YEAR} to ${LAST_YEAR}`)
    .transform((at) => new Date(at).toISOString()),
  articleId,
  action: z
    .string({ error: expecting('a string') })
    .max(20, 'must be at most 20 characters')
    .regex(STORABLE, NUL_MESSAGE)
    .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
    .optional(),
  /**
   * The assistant's explanation, in the shape core/assistant writes
   * (`Why`). Anything else — an older widget's shape, junk, a reason nested
   * too deep — is stored as null rather than refusing the hand-off: it is
   * the assistant's note, not what the customer typed.
   */
  why: whySchema.nullable().optional().catch(null).openapi({
    type: 'object',
    description: "The assistant's explanation of its answer (`kind`: rule, pattern or ranking); dropped when it has another shape.",
  }),
  ces: z
    .number({ error: expecting('a whole number from 1 to 5') })
    .int('must be a whole number from 1 to 5')
    .min(1, 'must be a whole number from 1 to 5')
    .max(5, 'must be a whole number from 1 to 5')
    .optional(),
  helpful: z.boolean({ error: expecting('true or false') }).optional(),
  /** Assistant lines: the articles it offered as buttons ("did you mean…", alternatives after a "no"), in order. */
  offered: z
    .array(offeredArticleId, { error: expecting('a list of article ids') })
    .max(MAX_OFFERED, `must have at most ${MAX_OFFERED} items`)
    .optional()
    .openapi({ example: ['gift-card-balance', 'gift-card-expired'] }),
  /** Customer lines that were a pick from the previous line's buttons: the article picked, or `articleId: null` for "none of these". */
  choice: z
    .object({ articleId: offeredArticleId.nullable() }, { error: expecting('an object with articleId') })
    .optional()
    .openapi({ example: { articleId: 'gift-card-balance' } }),
});

/** A transcript line. */
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/**
 * The files a hand-off or reply carries: ids of uploads made just before it
 * (`POST /conversations/{id}/attachments`, `POST /agent/tickets/{id}/attachments`),
 * at most five. Absent means none, so the idempotency hash of a body without
 * files is what it always was.
 */
export const attachmentIdsSchema = z
  .array(z.string({ error: expecting('an attachment id') }).max(100, 'must be at most 100 characters'), { error: expecting('a list of attachment ids') })
  .max(MAX_ATTACHMENTS_PER_MESSAGE, `must have at most ${MAX_ATTACHMENTS_PER_MESSAGE} items`)
  .optional()
  .openapi({ description: 'Ids of the files uploaded for this message, at most 5.' });

/** A short identifier-like string of the hand-off's context (an article id, a category id). */
const contextId = z
  .string({ error: expecting('a string') })
  .max(200, 'must be at most 200 characters')
  .regex(/^[\p{L}\p{N}._/-]*$/u, 'must contain only letters, digits, ".", "_", "/" and "-"');

/**
 * Where the customer was when they opened the chat, for the agent's customer
 * panel and for routing. Sent with the hand-off only: nothing of it leaves
 * the browser before the customer asks for a person.
 */
export const handoffContextSchema = z
  .object({
    /** Path of the page the chat was opened on, e.g. `/nl/bezorging/waar-is-mijn-pakket/`. */
    page: z
      .string({ error: expecting('a path') })
      .max(300, 'must be at most 300 characters')
      .regex(/^\/[^\s?#\u0000]*$/, 'must be a path starting with / (no query, no fragment)')
      .optional(),
    /** The article (translation key) of that page, when it is one. */
    articleId: contextId.optional(),
    /** The category the customer chose in the widget, when they chose one. */
    categoryId: contextId.optional(),
    /** `mobile`, `tablet` or `desktop`, from the viewport: never the user agent string. */
    device: z.enum(DEVICE_CLASSES, { error: expecting(`one of ${DEVICE_CLASSES.join(', ')}`) }).optional(),
  })
  .openapi('HandoffContext');

/** Body of `POST /conversations/{id}/handoff`. */
export function handoffBodySchema(locales: readonly [Locale, ...Locale[]]) {
  return z
    .object({
      email: z
        .email({ error: expecting('an e-mail address') })
        .max(254, 'must be at most 254 characters')
        .regex(STORABLE, NUL_MESSAGE)
        .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
        .openapi({ example: 'jan@example.nl' }),
      name: z
        .string({ error: expecting('a string') })
        .trim()
        .max(120, 'must be at most 120 characters')
        .regex(STORABLE, NUL_MESSAGE)
        .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
        .optional()
        .transform((value) => (value ? value : undefined))
        .openapi({ example: 'Jan' }),
      /** What the customer adds for the person; may be empty. */
      message: z
        .string({ error: expecting('a string') })
        .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
        .regex(STORABLE, NUL_MESSAGE)
        .regex(WELL_FORMED, ILL_FORMED_MESSAGE),
      locale: localeOf(locales),
      transcript: z
        .array(transcriptEntrySchema, { error: expecting('a list') })
        .max(MAX_TRANSCRIPT_ENTRIES, `must have at most ${MAX_TRANSCRIPT_ENTRIES} entries`),
      context: handoffContextSchema.optional(),
      attachments: attachmentIdsSchema,
    })
    .openapi('Handoff');
}

/** A validated hand-off. */
export type HandoffInput = z.infer<ReturnType<typeof handoffBodySchema>>;

/**
 * A hand-off as the widget sends it (before the schema's trimming and
 * defaults). A line's `why` may have any shape: the schema keeps only the
 * assistant's and stores anything else as null.
 */
export type HandoffBody = Omit<z.input<ReturnType<typeof handoffBodySchema>>, 'transcript'> & {
  transcript: (Omit<z.input<typeof transcriptEntrySchema>, 'why'> & { why?: unknown })[];
};

/**
 * The text of a message in a ticket's thread (a customer's reply, an
 * agent's reply, a saved reply): one rule for all, so what one path stores
 * another can show.
 */
export const messageBodySchema = z
  .string({ error: expecting('a string') })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .regex(STORABLE, NUL_MESSAGE)
  .regex(WELL_FORMED, ILL_FORMED_MESSAGE);

/**
 * The text of a reply that may carry files: like {@link messageBodySchema},
 * but empty is allowed when `attachments` has some (a photo says enough).
 * Use with {@link requireTextOrFiles} on the object.
 */
export const replyTextSchema = z
  .string({ error: expecting('a string') })
  .trim()
  .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .regex(STORABLE, NUL_MESSAGE)
  .regex(WELL_FORMED, ILL_FORMED_MESSAGE);

/** Refinement of a reply object: `body` must not be empty unless files are attached. */
export function requireTextOrFiles(reply: { body: string; attachments?: readonly string[] | undefined }, ctx: z.RefinementCtx): void {
  if (reply.body === '' && (reply.attachments?.length ?? 0) === 0) ctx.addIssue({ code: 'custom', path: ['body'], message: 'must not be empty' });
}

/** Body of `POST /conversations/{id}/ticket/messages`. */
export const customerReplyBodySchema = z
  .object({
    body: replyTextSchema.openapi({ example: 'Het pakket is nog steeds niet bezorgd.' }),
    attachments: attachmentIdsSchema,
  })
  .superRefine(requireTextOrFiles)
  .openapi('CustomerReply');

/** `201` of `POST /conversations`. */
export const conversationCreatedSchema = z
  .object({
    id: z.string().openapi({ example: '3f2c1b7e-8a4d-4c1e-9f1a-2b3c4d5e6f70' }),
    /** Secret for `Authorization: Bearer`; shown only now. */
    token: z.string(),
  })
  .openapi('ConversationCreated');

/** `201` of a hand-off. */
export const handoffCreatedSchema = z
  .object({
    ticketId: z.string(),
    number: z.string().openapi({ example: 'WW-1042' }),
  })
  .openapi('HandoffCreated');

/** A file on a message, as the threads list it; download it from the attachment routes. */
export const attachmentInfoSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    /** Bytes. */
    size: z.number().int(),
  })
  .openapi('AttachmentInfo');

/** One message of the public thread. */
export const publicMessageSchema = z
  .object({
    id: z.string(),
    author: z.enum(['customer', 'agent', 'system']),
    /** The agent's name, for their replies. */
    authorName: z.string().nullable(),
    /** Plain text; show it as text, never as HTML. */
    body: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    /** Files on the message: `GET /conversations/{id}/attachments/{attachmentId}`. */
    attachments: z.array(attachmentInfoSchema),
  })
  .openapi('PublicMessage');

/** One message of the public thread. */
export type PublicMessage = z.infer<typeof publicMessageSchema>;

/** `GET /conversations/{id}/ticket`: what the customer may see of their ticket. */
export const publicTicketSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['open', 'pending', 'solved', 'closed']),
    messages: z.array(publicMessageSchema),
    /** The satisfaction score (1–5) the customer gave once it was solved; null when none yet. */
    csat: z.number().int().nullable(),
  })
  .openapi('PublicTicket');

/** A public ticket. */
export type PublicTicket = z.infer<typeof publicTicketSchema>;

/** `201` of a customer reply. */
export const createdIdSchema = z.object({ id: z.string() }).openapi('Created');

/** Body of `POST /conversations/links`. */
export const linkBodySchema = z
  .object({
    /** The part after `/c/` of the link in the e-mail. */
    link: z.string().max(200, 'must be at most 200 characters'),
  })
  .openapi('LinkBody');

/** `200` of `POST /conversations/links`: a token for this browser and the thread. */
export const linkOpenedSchema = z
  .object({
    id: z.string(),
    /** Bearer token for this browser; only its hash is stored. */
    token: z.string(),
    locale: z.enum(LOCALES),
    ticket: publicTicketSchema,
    /** What the customer and the assistant said before the hand-off: text only. */
    transcript: z.array(z.object({ from: z.enum(['customer', 'assistant']), text: z.string(), at: z.string() })),
  })
  .openapi('LinkOpened');
