/**
 * Contact reasons, mounted at `/api/agent/reasons`: read and correct a
 * ticket's reason (any agent), and the report of tickets and effort per
 * reason.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { agentApp, agentRoute, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import type { Database } from '../db/database.ts';
import { errorBody } from '../http/errors.ts';
import { errorResponse, idParamSchema, json, KB, limitBody } from '../http/validation.ts';
import type { ArticleCatalog } from '../phrasings/articles.ts';
import type { ReportContent } from '../reports/content.ts';
import { csvDownload, toCsv } from '../reports/csv.ts';
import { reportRange } from '../reports/schema.ts';
import { contactReasonSchema, reasonReportQuerySchema, reasonReportSchema } from './schema.ts';
import { contactReason, reasonReport, setContactReason } from './service.ts';

/** What the reason routes need. */
export interface ReasonRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
  catalog: ArticleCatalog;
  content: () => Promise<ReportContent>;
}

const idParam = idParamSchema('id', 'The ticket.');

/**
 * The reasons sub-app.
 *
 * @example agentApi.route('/reasons', reasonRoutes({ database, catalog, content, ttlHours: 12 }));
 */
export function reasonRoutes(options: ReasonRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);

  app.openapi(
    agentRoute({
      method: 'get',
      path: '/report',
      summary: 'Tickets and effort per contact reason',
      description:
        'Tickets created in the period (UTC days, like the other reports), grouped by category and article, most first, with the mean effort score given in their conversations. `format=csv`: the same rows for a spreadsheet.',
      request: { query: reasonReportQuerySchema },
      responses: {
        200: { description: 'The report.', content: { ...json(reasonReportSchema), 'text/csv': { schema: z.string() } } },
        400: errorResponse('A filter is wrong; `field` names it.'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const range = reportRange(query);
      if ('error' in range) return c.json(errorBody(range.error, range.field), 400);
      const report = await reasonReport(db, await options.content(), range, query.locale ?? null);
      if (query.format === 'csv') {
        const name = `wegwijs-contact-reasons-${range.from}-${range.to}${query.locale ? `-${query.locale}` : ''}`;
        const lines = report.reasons.map((r) => [r.categoryId, r.categoryName, r.articleId, r.articleTitle, r.tickets, r.effort.average, r.effort.scores]);
        return csvDownload(c, name, toCsv(['categoryId', 'category', 'articleId', 'article', 'tickets', 'effortAverage', 'effortScores'], lines));
      }
      return c.json(report, 200);
    },
  );

  app.openapi(
    agentRoute({
      method: 'get',
      path: '/tickets/{id}',
      summary: "A ticket's contact reason",
      request: { params: idParam },
      responses: { 200: { description: 'The reason.', content: json(contactReasonSchema) }, 404: errorResponse('No such ticket.') },
    }),
    async (c) => {
      const reason = await contactReason(db, c.req.valid('param').id);
      return reason ? c.json(reason, 200) : c.json(errorBody('no such ticket'), 404);
    },
  );

  app.openapi(
    agentRoute({
      method: 'put',
      path: '/tickets/{id}',
      summary: "Correct a ticket's contact reason",
      description: "The article must be published in the ticket's locale; without `categoryId` its category is taken. A change writes a `reason` ticket event.",
      middleware: [limitBody(4 * KB)] as const,
      request: { params: idParam, body: { required: true, content: json(contactReasonSchema) } },
      responses: {
        200: { description: 'The reason now.', content: json(contactReasonSchema) },
        400: errorResponse('A field is wrong; `field` names it.'),
        403: errorResponse('No `X-Requested-With: wegwijs` header.'),
        404: errorResponse('No such ticket.'),
        422: errorResponse('content/ has no such article (`articleId`) or category (`categoryId`).'),
      },
    }),
    async (c) => c.json(await setContactReason(db, options.catalog, c.req.valid('param').id, c.var.agent.id, c.req.valid('json')), 200),
  );

  return app;
}
