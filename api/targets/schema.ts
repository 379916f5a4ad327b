/** Response and query schemas of the response-target report (`/api/agent/targets/report`). */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { summaryQuerySchema } from '../reports/schema.ts';

/** Query of `GET /agent/targets/report`: the reports' period, locale and format. */
export const targetReportQuerySchema = summaryQuerySchema.omit({ section: true });

const share = z.number().nullable().openapi({ description: 'met ÷ (met + missed), between 0 and 1, 4 decimals; null when nothing was measured.' });

/** How one kind of response did against its target. */
const kindSchema = z.object({
  met: z.number().int().openapi({ description: 'Answered within the target.' }),
  missed: z.number().int().openapi({ description: 'Answered after the target, or not answered and already past it.' }),
  running: z.number().int().openapi({ description: 'Not answered yet and not yet due: not counted in the share.' }),
  share,
});

/** The figures of one period. */
const periodSchema = z.object({ from: z.string(), to: z.string(), first: kindSchema, next: kindSchema });

/** `GET /agent/targets/report`. */
export const targetReportSchema = z
  .object({
    locale: z.enum(LOCALES).nullable(),
    /** Whether content/settings.yaml sets response targets at all. */
    configured: z.boolean(),
    current: periodSchema,
    previous: periodSchema.openapi({ description: 'The period of the same length just before.' }),
  })
  .openapi('ResponseTargetReport');
export type TargetReport = z.infer<typeof targetReportSchema>;
