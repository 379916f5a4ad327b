/**
 * Request and response schemas of the admin's webhook API.
 */
import { z } from '@hono/zod-openapi';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from '../db/tables.ts';
import { expecting, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';

/** Longest webhook URL. */
export const MAX_URL_LENGTH = 2000;

const url = z
  .string({ error: expecting('an http:// or https:// URL') })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .regex(STORABLE, NUL_MESSAGE)
  .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
  .openapi({ example: 'https://hooks.slack.com/services/T000/B000/XXXX' });
const format = z
  .enum(WEBHOOK_FORMATS, { error: expecting(`one of ${WEBHOOK_FORMATS.join(', ')}`) })
  .openapi({ description: '`slack`: `text` plus `blocks`; `json`: `{ event, occurredAt, data }`.' });
const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: expecting(`one of ${WEBHOOK_EVENTS.join(', ')}`) }), { error: expecting('a list of events') })
  .min(1, 'must name at least one event')
  .transform((list) => [...new Set(list)])
  .openapi({ example: ['ticket.created', 'digest.daily'] });
const enabled = z.boolean({ error: expecting('true or false') });

/** Body of `POST /agent/webhooks`. */
export const webhookCreateSchema = z.object({ url, format, events, enabled: enabled.default(true) }).openapi('WebhookCreate');
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

/** Body of `PATCH /agent/webhooks/{id}`: at least one field. */
export const webhookChangeSchema = z
  .object({ url: url.optional(), format: format.optional(), events: events.optional(), enabled: enabled.optional() })
  .refine((change) => Object.values(change).some((value) => value !== undefined), { message: 'must change url, format, events or enabled' })
  .openapi('WebhookChange');
export type WebhookChange = z.infer<typeof webhookChangeSchema>;

/** A webhook as admins see it: never its secret. */
export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    format: z.enum(WEBHOOK_FORMATS),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    /** How its deliveries stand. */
    deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
    /** The error of the newest delivery that has one, to see why a receiver is unhappy. */
    lastError: z.object({ event: z.string(), attempts: z.number().int(), status: z.number().int().nullable(), error: z.string() }).nullable(),
  })
  .openapi('Webhook');
export type Webhook = z.infer<typeof webhookSchema>;

/** The answer to a create: the webhook and, this once, its signing secret. */
export const webhookCreatedSchema = webhookSchema
  .extend({ secret: z.string().openapi({ description: 'Key of the HMAC-SHA256 signature; shown only in this answer.' }) })
  .openapi('WebhookCreated');
