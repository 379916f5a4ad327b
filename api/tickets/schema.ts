/**
 * Request and response schemas of the agent's ticket API.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { MESSAGE_AUTHORS, TICKET_PRIORITIES, TICKET_STATUSES } from '../db/tables.ts';
import { attachmentIdsSchema, attachmentInfoSchema, replyTextSchema, requireTextOrFiles } from '../conversations/schema.ts';
import { expecting, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';

/** Orders of the queue, the default first. */
export const QUEUE_SORTS = ['waiting', 'due', 'newest', 'oldest', 'activity'] as const;

/** Most tickets one queue request returns. */
export const MAX_QUEUE_SIZE = 500;

/** Query of `GET /agent/tickets`. */
export const ticketQuerySchema = z.object({
  status: z
    .enum([...TICKET_STATUSES, 'all'], { error: expecting(`one of ${[...TICKET_STATUSES, 'all'].join(', ')}`) })
    .default('all')
    .openapi({ param: { name: 'status', in: 'query' }, example: 'open' }),
  assignee: z
    .enum(['me', 'none', 'any'], { error: expecting('one of me, none, any') })
    .default('any')
    .openapi({ param: { name: 'assignee', in: 'query' }, example: 'none' }),
  locale: z
    .enum(LOCALES, { error: expecting(`one of ${LOCALES.join(', ')}`) })
    .optional()
    .openapi({ param: { name: 'locale', in: 'query' } }),
  /**
   * Search: part of the number, subject, customer e-mail or name, or words
   * anywhere in the messages (full-text, Dutch and English word forms).
   */
  q: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .regex(STORABLE, NUL_MESSAGE)
    .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
    .optional()
    .openapi({
      param: {
        name: 'q',
        in: 'query',
        description: 'Part of the number, subject, customer e-mail or name, or words in any message (PostgreSQL full-text search, Dutch and English).',
      },
      example: 'pakket',
    }),
  sort: z
    .enum(QUEUE_SORTS, { error: expecting(`one of ${QUEUE_SORTS.join(', ')}`) })
    .default('waiting')
    .openapi({
      param: {
        name: 'sort',
        in: 'query',
        description:
          '`waiting`: the customer who has waited longest first (default); `due`: the response target that falls due first (overdue first), then tickets without a running clock; `newest`/`oldest`: by creation; `activity`: newest change first.',
      },
      example: 'waiting',
    }),
  limit: z.coerce
    .number({ error: expecting(`a whole number from 1 to ${MAX_QUEUE_SIZE}`) })
    .int(`must be a whole number from 1 to ${MAX_QUEUE_SIZE}`)
    .min(1, `must be a whole number from 1 to ${MAX_QUEUE_SIZE}`)
    .max(MAX_QUEUE_SIZE, `must be a whole number from 1 to ${MAX_QUEUE_SIZE}`)
    .default(100)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

/** A validated queue query. */
export type TicketQuery = z.infer<typeof ticketQuerySchema>;

/** Body of `POST /agent/tickets/{id}/replies`. */
export const agentReplyBodySchema = z
  .object({
    body: replyTextSchema,
    /** A note for colleagues, never shown to the customer. */
    internal: z.boolean({ error: expecting('true or false') }).default(false),
    attachments: attachmentIdsSchema,
  })
  .superRefine(requireTextOrFiles)
  .openapi('AgentReply');

/** Body of `PATCH /agent/tickets/{id}`: at least one of the fields. */
export const ticketChangeSchema = z
  .object({
    status: z.enum(TICKET_STATUSES, { error: expecting(`one of ${TICKET_STATUSES.join(', ')}`) }).optional(),
    priority: z.enum(TICKET_PRIORITIES, { error: expecting(`one of ${TICKET_PRIORITIES.join(', ')}`) }).optional(),
    /** The agent to hold it; null releases it. */
    assigneeId: z
      .string({ error: expecting('an agent id or null') })
      .nullable()
      .optional(),
  })
  .refine((change) => change.status !== undefined || change.priority !== undefined || change.assigneeId !== undefined, {
    message: 'must change status, priority or assigneeId',
  })
  .openapi('TicketChange');

/** A validated change. */
export type TicketChange = z.infer<typeof ticketChangeSchema>;

/** Body of `POST /agent/tickets/{id}/merge`. */
export const ticketMergeSchema = z
  .object({
    /** The other ticket of the same customer; the younger of the two is merged into the older. */
    ticketId: z.string({ error: expecting('the id of another ticket') }).max(100, 'must be a ticket id'),
  })
  .openapi('TicketMerge');

const timestamp = z.string().openapi({ format: 'date-time' });

/** A row of the queue. */
export const ticketSummarySchema = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: 'WW-1042' }),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(TICKET_PRIORITIES),
    locale: z.enum(LOCALES),
    subject: z.string(),
    /** Null once retention has anonymised the ticket. */
    customerEmail: z.string().nullable(),
    customerName: z.string().nullable(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    firstResponseAt: timestamp.nullable(),
    solvedAt: timestamp.nullable(),
    lastMessageAt: timestamp.nullable(),
    /** Since when the customer has waited for an agent (creation, or their first message after the last public reply); null when nobody waits. */
    waitingSince: timestamp.nullable(),
    /** The customer wrote again after an agent's public reply and is waiting for an answer. */
    customerWroteLast: z.boolean(),
    /** The team a routing rule sent it to; null: the shared queue. */
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** Set when it was merged into another ticket (then closed): that ticket. */
    mergedInto: z.object({ id: z.string(), number: z.string() }).nullable(),
    /**
     * The response clock while the customer waits (content/settings.yaml,
     * `responseTargets`): which response, since when, the target in business
     * hours and when it falls due. Null when nobody waits or no target
     * applies; left out where the answer is not a queue row or a ticket view.
     */
    response: z
      .object({
        kind: z.enum(['first', 'next']),
        startedAt: timestamp,
        targetHours: z.number(),
        dueAt: timestamp,
      })
      .nullable()
      .optional(),
  })
  .openapi('TicketSummary');

/** A row of the queue. */
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

/** One message as agents see it: internal notes and the transcript included. */
export const agentMessageSchema = z
  .object({
    id: z.string(),
    author: z.enum(MESSAGE_AUTHORS),
    authorName: z.string().nullable(),
    /** Plain text; show it as text, never as HTML. */
    body: z.string(),
    internal: z.boolean(),
    /** Part of the hand-off transcript (before the ticket existed). */
    transcript: z.boolean(),
    createdAt: timestamp,
    /** The customer's clock, for transcript lines. */
    sentAt: timestamp.nullable(),
    why: z.unknown().openapi({ type: 'object', description: "The assistant's explanation." }),
    articleId: z.string().nullable(),
    action: z.string().nullable(),
    ces: z.number().int().nullable(),
    helpful: z.boolean().nullable(),
    /** Assistant lines: the articles it offered as buttons, in order; empty when none. */
    offered: z.array(z.string()),
    /** A customer line that was a pick from the buttons before it: the article, or `articleId: null` for "none of these"; null for typed text. */
    choice: z.object({ articleId: z.string().nullable() }).nullable(),
    /** Files on the message: `GET /agent/tickets/{id}/attachments/{attachmentId}`. */
    attachments: z.array(attachmentInfoSchema),
    /**
     * For a customer's message that came by e-mail (api/inbound): the sender,
     * subject and the whole text as received, quoted history and signature
     * included (`body` holds only the new part), and what was attached.
     * Absent for other messages.
     */
    email: z
      .object({
        from: z.string(),
        subject: z.string(),
        original: z.string(),
        attachments: z.array(
          z.object({
            filename: z.string(),
            contentType: z.string(),
            size: z.number().int(),
            /** Not kept: not an image or PDF, too large, unreadable, or beyond the five a message may carry. Kept files are in `attachments`. */
            refused: z
              .enum(['attachment-empty', 'attachment-too-large', 'attachment-type', 'attachment-heic', 'attachment-unreadable', 'attachment-count'])
              .optional(),
          }),
        ),
      })
      .optional(),
  })
  .openapi('AgentMessage');

/** One message as agents see it. */
export type AgentMessage = z.infer<typeof agentMessageSchema>;

/** A ticket with everything an agent needs. */
export const ticketDetailSchema = ticketSummarySchema
  .extend({
    /** Null once retention has deleted the conversation. */
    conversationId: z.string().nullable(),
    /** The whole story in order: transcript, then the thread (internal notes flagged). */
    messages: z.array(agentMessageSchema),
    /** The transcript alone: what happened before the hand-off, with the assistant's reasons. */
    transcript: z.array(agentMessageSchema),
    /** Effort scores given in this conversation. */
    ces: z.array(z.object({ answerId: z.string(), articleId: z.string().nullable(), score: z.number().int(), createdAt: timestamp })),
    /** When the current assignee got it (claimed, assigned or took it over); null when nobody holds it. */
    assignedAt: timestamp.nullable(),
    /** Articles the assistant offered, in order, without repeats. */
    articlesOffered: z.array(z.string()),
    /** Everything that happened to the ticket, oldest first. */
    events: z.array(
      z.object({
        type: z.string(),
        /** `customer`, `system`, or the agent's name. */
        actor: z.string(),
        agentId: z.string().nullable(),
        at: timestamp,
        data: z.unknown(),
      }),
    ),
  })
  .openapi('TicketDetail');

/** A ticket with everything an agent needs. */
export type TicketDetail = z.infer<typeof ticketDetailSchema>;
