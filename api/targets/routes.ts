/**
 * Response targets, mounted at `/api/agent/targets`: the report of how many
 * first and next responses met their target, for any signed-in agent, as
 * JSON or CSV. The queue's own clocks come with the tickets (api/tickets).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ResponseTargets } from '#core/targets/settings.ts';
import { agentApp, agentRoute, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import type { Database } from '../db/database.ts';
import { errorBody } from '../http/errors.ts';
import { csvDownload, reportResponses, toCsv } from '../reports/csv.ts';
import { reportRange } from '../reports/schema.ts';
import { targetReportQuerySchema, targetReportSchema } from './schema.ts';
import { targetReport, targetReportRows } from './service.ts';

/** What the target routes need. */
export interface TargetRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
  /** From content/settings.yaml; null: none set (the report says so). */
  targets: ResponseTargets | null;
}

/**
 * The targets sub-app.
 *
 * @example agentApi.route('/targets', targetRoutes({ database, targets, ttlHours: 12 }));
 */
export function targetRoutes(options: TargetRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);
  app.openapi(
    agentRoute({
      method: 'get',
      path: '/report',
      summary: 'Share of first and next responses within their target',
      description:
        'Waits for an agent that began in the period (UTC days), against the first-response and next-response targets of content/settings.yaml in business hours, beside the period of the same length before. Definitions: api/targets/service.ts.',
      request: { query: targetReportQuerySchema },
      responses: reportResponses(targetReportSchema, 'The report.'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const range = reportRange(query);
      if ('error' in range) return c.json(errorBody(range.error, range.field), 400);
      const report = await targetReport(db, options.targets, range, query.locale ?? null);
      if (query.format === 'csv') {
        const name = `wegwijs-response-targets-${range.from}-${range.to}${query.locale ? `-${query.locale}` : ''}`;
        return csvDownload(c, name, toCsv(['period', 'response', 'met', 'missed', 'running', 'share'], targetReportRows(report)));
      }
      return c.json(report, 200);
    },
  );
  return app;
}
