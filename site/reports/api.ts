/**
 * The reports' client for the agent API (api/reports): the summary and the
 * content gaps, as JSON for the page and as CSV links for download. Requests
 * go through the inbox's {@link call}, so the session and errors behave alike.
 */
import { call } from '../inbox/api.ts';

/** A report's period and locale, as the filters on the page hold them. */
export interface ReportFilter {
  /** First day, YYYY-MM-DD, inclusive (UTC). */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive (UTC). */
  to: string;
  /** '' = all locales. */
  locale: '' | 'nl' | 'en';
}

/** An average with the number of scores behind it. */
export interface Average {
  average: number | null;
  count: number;
}

/** The headline figures of one period (api/reports/schema.ts). */
export interface Headline {
  from: string;
  to: string;
  ces: number | null;
  cesCount: number;
  resolutionRate: number | null;
  handoffs: number;
  handoffRate: number | null;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  csat: number | null;
  csatCount: number;
}

/** A ranked row of effort: the mean, the shrunk mean it is ranked by, and the number of scores. */
export interface RankedEffort {
  average: number;
  shrunkAverage: number;
  count: number;
}

/** `GET /api/agent/reports/summary`. */
export interface ReportSummary {
  from: string;
  to: string;
  locale: 'nl' | 'en' | null;
  headline: { current: Headline; previous: Headline };
  ces: Average & {
    /** How many scores of 1, 2, 3, 4 and 5. */
    distribution: number[];
    bySource: { widget: Average; article: Average };
    weekly: (Average & { weekStart: string })[];
    byArticle: (RankedEffort & { articleId: string; locale: 'nl' | 'en'; title: string; categoryId: string | null })[];
    byCategory: (RankedEffort & { categoryId: string; title: string })[];
  };
  articleFeedback: { count: number; helpful: number; notHelpful: number };
  conversations: {
    withQuestion: number;
    resolved: number;
    handedOff: number;
    unresolved: number;
    rates: { resolved: number | null; handedOff: number | null; unresolved: number | null };
  };
  outcomes: {
    counts: { answer: number; clarify: number; nomatch: number; rule: number; handoff: number };
    rates: { answer: number | null; clarify: number | null; nomatch: number | null; rule: number | null };
  };
  tickets: {
    created: number;
    solved: number;
    firstResponseMinutes: { median: number | null; p90: number | null };
    solveMinutes: { median: number | null; p90: number | null };
    csat: { count: number; satisfied: number; satisfiedShare: number | null; distribution: number[] };
  };
}

/** One row of the content-gap list: a customer wording that the help center does not answer well. */
export interface ContentGapRow {
  key: string;
  wording: string;
  count: number;
  signals: { failedSearches: number; noMatches: number; highEffort: number; handoffs: number };
  examples: string[];
  /** `suggested`: the assistant itself would answer with it or offer it; only then is it pre-selected for teaching. */
  nearest: { articleId: string; title: string; url: string; confidence: number; suggested: boolean } | null;
  wouldNowAnswer: boolean;
  noise: 'rule' | 'personRequest' | 'gibberish' | 'answered' | null;
  dismissed: boolean;
  taught: { articleId: string | null; status: 'pending' | 'approved' | 'pulled' } | null;
}

/** `GET /api/agent/reports/content-gaps`. */
export interface ContentGaps {
  locale: 'nl' | 'en';
  from: string;
  to: string;
  rows: ContentGapRow[];
  hidden: ContentGapRow[];
  hiddenCounts: { rule: number; personRequest: number; gibberish: number; answered: number; dismissed: number };
  wouldNowAnswer: { answered: number; of: number };
  translationGaps: { translationKey: string; entryId: string; title: string; locale: 'nl' | 'en'; missingLocale: 'nl' | 'en' }[];
}

/** Query string of a report request; `csv` adds `format=csv`. */
export function reportQuery(filter: Partial<ReportFilter>, csv = false): string {
  const params = new URLSearchParams();
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.locale) params.set('locale', filter.locale);
  if (csv) params.set('format', 'csv');
  return params.toString();
}

/** A section of the summary with a CSV of its own (`section` of the API). */
export type SummarySection = 'headline' | 'effort' | 'distribution' | 'weekly' | 'articles' | 'categories' | 'conversations' | 'outcomes' | 'tickets' | 'csat';

/**
 * Where the CSV of a report is: a plain link, so the browser downloads it
 * with the session cookie. A summary link names its section: each link
 * downloads its own table.
 */
export function csvUrl(report: 'summary' | 'content-gaps', filter: Partial<ReportFilter>, section?: SummarySection): string {
  return `/api/agent/reports/${report}?${reportQuery(filter, true)}${section ? `&section=${section}` : ''}`;
}

/**
 * A gap row's reference for the phrasing (`gap:` + its normalised wording):
 * the API takes references of letters, digits and . _ : / # - only.
 */
export function gapReference(key: string): string | undefined {
  const slug = key.normalize('NFKD').replace(/[^a-zA-Z0-9._:/#-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug ? `gap:${slug}`.slice(0, 100) : undefined;
}

export const reportsApi = {
  summary: (filter: ReportFilter) => call<ReportSummary>('GET', `/reports/summary?${reportQuery(filter)}`),
  contentGaps: (filter: ReportFilter & { locale: 'nl' | 'en' }) => call<ContentGaps>('GET', `/reports/content-gaps?${reportQuery(filter)}`),
  dismiss: (row: { locale: 'nl' | 'en'; key: string; wording: string }) => call<null>('POST', '/reports/content-gaps/dismissals', row),
  undismiss: (row: { locale: 'nl' | 'en'; key: string }) => call<null>('DELETE', `/reports/content-gaps/dismissals?${new URLSearchParams(row)}`),
};
