/** Request and response schemas of contact reasons. */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { expecting } from '../http/validation.ts';
import { summaryQuerySchema } from '../reports/schema.ts';

const contentId = z
  .string({ error: expecting('an id or null') })
  .max(200, 'must be at most 200 characters')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'must be an id (letters, digits, ".", "_", "-")')
  .nullable();

/** A ticket's contact reason: the category and article (translation key) it is about. */
export const contactReasonSchema = z
  .object({
    categoryId: contentId.openapi({ example: 'bezorging' }),
    articleId: contentId.openapi({ example: 'track-parcel' }),
  })
  .openapi('ContactReason');
export type ContactReason = z.infer<typeof contactReasonSchema>;

/** Query of `GET /agent/reasons/report`: the reports' period, locale and format (`csv` for a spreadsheet). */
export const reasonReportQuerySchema = summaryQuerySchema.omit({ section: true });

/** One reason of the report. */
export const reasonRowSchema = z.object({
  categoryId: z.string().nullable(),
  /** In the site's default locale (or the filtered one); the id when content/ does not know it. */
  categoryName: z.string().nullable(),
  articleId: z.string().nullable(),
  articleTitle: z.string().nullable(),
  tickets: z.number().int(),
  /** Effort scores given in those tickets' conversations. */
  effort: z.object({ average: z.number().nullable(), scores: z.number().int() }),
});

/** `GET /agent/reasons/report`. */
export const reasonReportSchema = z
  .object({ from: z.string(), to: z.string(), locale: z.enum(LOCALES).nullable(), reasons: z.array(reasonRowSchema) })
  .openapi('ContactReasonReport');
export type ReasonReport = z.infer<typeof reasonReportSchema>;
