/**
 * The reports' client for the agent API (api/reports): the summary and the
 * content gaps, as JSON for the page and as CSV links for download. Requests
 * go through the inbox's {@link call}, so the session and errors behave alike.
 */
import type { Locale } from '#core/locale.ts';
// The wire types are the API's zod schemas, imported as types only (core/boundaries.test.ts).
import type { ContentGaps, Headline, SUMMARY_SECTIONS, Summary } from '../../api/reports/schema.ts';
import type { ReasonReport } from '../../api/reasons/schema.ts';
import type { TargetReport } from '../../api/targets/schema.ts';
import { call } from '../inbox/api.ts';

export type { ReasonReport, TargetReport };

/** A report's period and locale, as the filters on the page hold them. */
export interface ReportFilter {
  /** First day, YYYY-MM-DD, inclusive (UTC). */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive (UTC). */
  to: string;
  /** '' = all locales. */
  locale: '' | Locale;
}

/** `GET /api/agent/reports/summary` (the API's schema). */
export type ReportSummary = Summary;

export type { ContentGaps, Headline };

/** One row of the content-gap list: a customer wording that the help center does not answer well. */
export type ContentGapRow = ContentGaps['rows'][number];

/** Query string of a report request; `csv` adds `format=csv`. */
export function reportQuery(filter: Partial<ReportFilter>, csv = false): string {
  const params = new URLSearchParams();
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.locale) params.set('locale', filter.locale);
  if (csv) params.set('format', 'csv');
  return params.toString();
}

/** A section of the summary with a CSV of its own (`section` of the API; `all` is every figure in one table). */
export type SummarySection = Exclude<(typeof SUMMARY_SECTIONS)[number], 'all'>;

/**
 * Where the CSV of a report is: a plain link, so the browser downloads it
 * with the session cookie. A summary link names its section: each link
 * downloads its own table.
 */
export function csvUrl(report: 'summary' | 'content-gaps' | 'reasons' | 'targets', filter: Partial<ReportFilter>, section?: SummarySection): string {
  // Contact reasons and response targets are reports of their own domains (api/reasons, api/targets).
  if (report === 'reasons' || report === 'targets') return `/api/agent/${report}/report?${reportQuery(filter, true)}`;
  return `/api/agent/reports/${report}?${reportQuery(filter, true)}${section ? `&section=${section}` : ''}`;
}

/**
 * A gap row's reference for the phrasing (`gap:` + its normalised wording):
 * the API takes references of letters, digits and . _ : / # - only.
 */
export function gapReference(key: string): string | undefined {
  const slug = key
    .normalize('NFKD')
    .replace(/[^a-zA-Z0-9._:/#-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `gap:${slug}`.slice(0, 100) : undefined;
}

export const reportsApi = {
  summary: (filter: ReportFilter) => call<ReportSummary>('GET', `/reports/summary?${reportQuery(filter)}`),
  reasons: (filter: ReportFilter) => call<ReasonReport>('GET', `/reasons/report?${reportQuery(filter)}`),
  targets: (filter: ReportFilter) => call<TargetReport>('GET', `/targets/report?${reportQuery(filter)}`),
  contentGaps: (filter: ReportFilter & { locale: Locale }) => call<ContentGaps>('GET', `/reports/content-gaps?${reportQuery(filter)}`),
  dismiss: (row: { locale: Locale; key: string; wording: string }) => call<null>('POST', '/reports/content-gaps/dismissals', row),
  undismiss: (row: { locale: Locale; key: string }) => call<null>('DELETE', `/reports/content-gaps/dismissals?${new URLSearchParams(row)}`),
  /** Admins only: deletes a customer's comment on an unhelpful article (its reason stays). */
  deleteComment: (id: number) => call<null>('DELETE', `/reports/content-gaps/comments/${id}`),
};
