/**
 * The reports, mounted at `/api/agent/reports`: for agents and admins,
 * read-only, as JSON or (`format=csv`) as CSV. The definitions of every
 * figure are the doc comments of summary.ts and gaps.ts.
 */
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { agentApp, agentRoute, requireAdmin, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import type { Database } from '../db/database.ts';
import { errorBody } from '../http/errors.ts';
import { errorResponse, json, KB, limitBody } from '../http/validation.ts';
import { csvDownload, reportResponses } from './csv.ts';
import type { SiteLocales } from '../site-settings.ts';
import type { ReportContent } from './content.ts';
import { contentGapsCsv, summarySectionCsv, translationGapsCsv, unhelpfulCsv } from './export.ts';
import {
  contentGapsQuerySchema,
  contentGapsSchema,
  dismissalQuerySchema,
  dismissalSchema,
  GAP_ROWS,
  reportRange,
  summaryQuerySchema,
  summarySchema,
  unhelpfulCommentParamsSchema,
} from './schema.ts';
import { deleteUnhelpfulComment } from './unhelpful.ts';
import { summaryReport } from './summary.ts';

/** What the report routes need. */
export interface ReportRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
  site: SiteLocales;
  /** The content the reports name articles from; called on each request (see {@link lazyReportContent}). */
  content: () => Promise<ReportContent>;
}

/**
 * The content of `<contentRoot>/content` for the reports, read on the first
 * report and kept for the life of the process (the server serves the site it
 * built at start; new content arrives with the next start). Imported only
 * then: the content loader and the assistant compiler are not needed to
 * start the API. A failed load is tried again on the next request.
 */
export function lazyReportContent(contentRoot: string): () => Promise<ReportContent> {
  let loaded: Promise<ReportContent> | undefined;
  return () => {
    loaded ??= import('./content.ts')
      .then(({ loadReportContent }) => loadReportContent(path.resolve(contentRoot)))
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  };
}

/**
 * The reports sub-app.
 *
 * @example agentApi.route('/reports', reportRoutes({ database, site, content: lazyReportContent(root), ttlHours: 12 }));
 */
export function reportRoutes(options: ReportRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);

  app.openapi(
    agentRoute({
      method: 'get',
      path: '/summary',
      summary: 'Effort, deflection and tickets over a period',
      description:
        'The headline figures against the previous period of the same length; CES (1–5, lower is better) with its distribution, weekly trend and worst articles and categories (ranked by a shrunk mean); resolved, handed-off and unresolved conversations; outcome rates; ticket volume, first response, time to solve and CSAT. Definitions: api/reports/summary.ts.',
      request: { query: summaryQuerySchema },
      responses: reportResponses(summarySchema, 'The summary.'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const range = reportRange(query);
      if ('error' in range) return c.json(errorBody(range.error, range.field), 400);
      const summary = await summaryReport(db, await options.content(), range, query.locale ?? null);
      if (query.format === 'csv') {
        const name = `wegwijs-${query.section === 'all' ? 'summary' : query.section}-${range.from}-${range.to}${query.locale ? `-${query.locale}` : ''}`;
        return csvDownload(c, name, summarySectionCsv(summary, query.section));
      }
      return c.json(summary, 200);
    },
  );

  app.openapi(
    agentRoute({
      method: 'get',
      path: '/content-gaps',
      summary: 'What to write or fix next, for one locale',
      description: `Failed searches, no-match questions, high-effort answers and hand-off topics grouped by normalised wording, biggest first (at most \`limit\`, default ${GAP_ROWS.default}), with the article the assistant would offer today; the translation gaps; and the articles answered "No" on their page, with the reasons customers picked and their latest comments (\`unhelpful\`).`,
      request: { query: contentGapsQuerySchema },
      responses: reportResponses(contentGapsSchema, 'The content gaps.'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const range = reportRange(query);
      if ('error' in range) return c.json(errorBody(range.error, range.field), 400);
      // The language analysis and the assistant come with it: loaded on the first request.
      const { contentGapsReport } = await import('./gaps.ts');
      const report = await contentGapsReport(db, await options.content(), range, query.locale, options.site.locales, query.limit ?? GAP_ROWS.default);
      if (query.format === 'csv') {
        const table = {
          gaps: { name: 'content-gaps', csv: contentGapsCsv },
          translations: { name: 'translation-gaps', csv: translationGapsCsv },
          unhelpful: { name: 'unhelpful-articles', csv: unhelpfulCsv },
        }[query.table];
        return csvDownload(c, `wegwijs-${table.name}-${query.locale}-${range.from}-${range.to}`, table.csv(report));
      }
      return c.json(report, 200);
    },
  );

  app.openapi(
    agentRoute({
      method: 'post',
      path: '/content-gaps/dismissals',
      summary: 'Dismiss a content-gap row ("not a gap")',
      description:
        'Hides the row (by locale and key) from the gaps for everyone, listed under `hidden` instead, until the dismissal is undone. Dismissing it again changes nothing.',
      middleware: [limitBody(4 * KB)] as const,
      request: { body: { required: true, content: json(dismissalSchema) } },
      responses: {
        204: { description: 'Dismissed.' },
        400: errorResponse('A field is wrong; `field` names it.'),
      },
    }),
    async (c) => {
      const { dismissGap } = await import('./gaps.ts');
      await dismissGap(db, c.var.agent.id, c.req.valid('json'));
      return c.body(null, 204);
    },
  );

  app.openapi(
    agentRoute({
      method: 'delete',
      path: '/content-gaps/dismissals',
      summary: 'Undo the dismissal of a content-gap row',
      request: { query: dismissalQuerySchema },
      responses: {
        204: { description: 'The row is a gap again.' },
        400: errorResponse('A query parameter is wrong; `field` names it.'),
        404: errorResponse('The row was not dismissed.'),
      },
    }),
    async (c) => {
      const { locale, key } = c.req.valid('query');
      const { undismissGap } = await import('./gaps.ts');
      return (await undismissGap(db, locale, key)) ? c.body(null, 204) : c.json(errorBody('this row was not dismissed', 'key'), 404);
    },
  );

  app.openapi(
    agentRoute({
      method: 'delete',
      path: '/content-gaps/comments/{id}',
      summary: 'Delete a comment on an article that was not helpful (admins)',
      description: 'Clears what the customer typed; the reason they picked stays as an anonymous count. Only an admin may.',
      middleware: [requireAdmin()] as const,
      request: { params: unhelpfulCommentParamsSchema },
      responses: {
        204: { description: 'The comment is gone.' },
        400: errorResponse('The id is not a number; `field` is `id`.'),
        403: errorResponse('Only an admin may delete a comment.'),
        404: errorResponse('No such comment, or it was deleted already.'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return (await deleteUnhelpfulComment(db, id)) ? c.body(null, 204) : c.json(errorBody('there is no such comment (any more)', 'id'), 404);
    },
  );

  return app;
}
