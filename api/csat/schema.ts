/** Request schemas of the satisfaction question. */
import { z } from '@hono/zod-openapi';
import { expecting } from '../http/validation.ts';

/** 1 = very dissatisfied … 5 = very satisfied. */
export const csatScoreSchema = z
  .number({ error: expecting('a whole number from 1 to 5') })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be a whole number from 1 to 5')
  .max(5, 'must be a whole number from 1 to 5')
  .openapi({ example: 5 });

/** Body of `POST /conversations/{id}/csat`. */
export const conversationCsatBodySchema = z.object({ score: csatScoreSchema }).openapi('ConversationCsat');

/** Body of `POST /csat`: the secret from the e-mail's link and the score. */
export const tokenCsatBodySchema = z
  .object({
    token: z
      .string({ error: expecting('the t= value of the link') })
      .regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be the t= value of the link')
      .openapi({ example: 'b3JkZXItMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u' }),
    score: csatScoreSchema,
  })
  .openapi('TokenCsat');

/** Answer of both routes. */
export const csatRecordedSchema = z
  .object({
    score: z.number().int(),
    /** false when it replaced an earlier answer. */
    created: z.boolean(),
  })
  .openapi('CsatRecorded');
