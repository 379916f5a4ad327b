/** Response schema of the customer panel. */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { DEVICE_CLASSES, TICKET_STATUSES } from '../db/tables.ts';

const timestamp = z.string().openapi({ format: 'date-time' });

/** `GET /agent/customers/{ticketId}`: the customer of a ticket, from what the product holds. */
export const customerPanelSchema = z
  .object({
    /** Null once retention has anonymised the ticket: then it has no other tickets. */
    email: z.string().nullable(),
    name: z.string().nullable(),
    locale: z.enum(LOCALES),
    device: z.enum(DEVICE_CLASSES).nullable(),
    /** Path of the page they opened the chat on. */
    entryPage: z.string().nullable(),
    /** The article (translation key) of that page. */
    entryArticleId: z.string().nullable(),
    /** Their other tickets (same e-mail address, any case), newest first. */
    otherTickets: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        subject: z.string(),
        status: z.enum(TICKET_STATUSES),
        createdAt: timestamp,
        solvedAt: timestamp.nullable(),
      }),
    ),
    /** Effort scores (1 = hardly any, 5 = a lot) they gave the assistant in the conversations of their tickets. */
    effort: z.object({
      average: z.number().nullable(),
      scores: z.array(z.object({ ticketNumber: z.string(), score: z.number().int(), articleId: z.string().nullable(), at: timestamp })),
    }),
    /** Their satisfaction answers (1–5) on solved tickets. */
    satisfaction: z.object({ average: z.number().nullable(), scores: z.array(z.object({ ticketNumber: z.string(), score: z.number().int(), at: timestamp })) }),
  })
  .openapi('CustomerPanel');
export type CustomerPanel = z.infer<typeof customerPanelSchema>;
