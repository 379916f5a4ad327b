/**
 * `npm run bench:reports`: the report queries over 1,000,000 generated events
 * on PostgreSQL. Target (issue 5): p95 ≤ 500 ms per report.
 *
 * The server: TEST_DATABASE_URL or DATABASE_URL when set (a role that may
 * create databases: the benchmark makes a database of its own,
 * `wegwijs_bench_reports`, and drops it afterwards); otherwise the script
 * runs itself again under `.ci/with-postgres`, which starts a throwaway
 * cluster. Events are generated with generate_series in the database
 * (seconds, not minutes), spread over the 365 days before 2026-11-24, 70%
 * Dutch, with article ids from content/ and no-match questions and
 * searches drawn from a few hundred wordings. Then the daily report rollup
 * runs as the server's scheduler would run it at the benchmark's "now"
 * (2026-11-23 12:00 UTC): every whole day before that day is rolled up, the
 * day itself is read from the events.
 *
 *   npm run bench:reports [-- --runs 30] [--keep]
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '../api/db/database.ts';
import { runDueJobs } from '../api/jobs/scheduler.ts';
import { silentLogger } from '../api/log.ts';
import { loadReportContent } from '../api/reports/content.ts';
import { contentGapsReport } from '../api/reports/gaps.ts';
import { reportRollupJob } from '../api/reports/rollup.ts';
import { reportRange, type ReportRange } from '../api/reports/schema.ts';
import { summaryReport } from '../api/reports/summary.ts';
import { loadContent, publishedArticles } from '#core/content/load.node.ts';
import { databaseUrl, runSql } from './api-postgres.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const DATABASE = 'wegwijs_bench_reports';

/** Rows per table: 1,000,000 in all. */
export const VOLUMES = {
  conversation_events: 600_000,
  ces_responses: 200_000,
  article_feedback: 100_000,
  failed_searches: 70_000,
  tickets: 20_000,
  csat_responses: 10_000,
} as const;

const serverUrl = process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'];
if (!serverUrl) {
  // No server given: run again inside a throwaway cluster.
  const result = spawnSync(
    path.join(REPO_ROOT, '.ci/with-postgres'),
    [process.execPath, '--experimental-strip-types', import.meta.filename, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
// `--keep` leaves the generated database behind (for EXPLAIN on a server of your own).
const KEEP = process.argv.includes('--keep');

/** Words the generated wordings are made of: help-center topics and noise, Dutch and English. */
const WORDS = [
  'pakket',
  'bitcoin',
  'retour',
  'factuur',
  'korting',
  'bezorging',
  'wachtwoord',
  'account',
  'cadeaubon',
  'garantie',
  'parcel',
  'refund',
  'invoice',
  'discount',
  'delivery',
  'password',
  'gift',
  'warranty',
  'crypto',
  'voucher',
  'kapot',
  'kwijt',
  'laat',
  'dubbel',
  'annuleren',
  'wijzigen',
  'betalen',
  'terug',
  'broken',
  'late',
];

function sqlList(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
}

/** The statements that fill the database: one insert … select generate_series per table. */
function generate(articleKeys: readonly string[]): string[] {
  const keys = sqlList(articleKeys);
  const words = sqlList(WORDS);
  // Deterministic spread: row i lands somewhere in the 365 days before the end, locale 70/30.
  const at = (i: string) => `timestamptz '2026-11-24T00:00:00Z' - make_interval(secs => ((${i}::bigint * 7919) % 31536000)::double precision)`;
  const locale = (i: string) => `case when ${i} % 10 < 7 then 'nl' else 'en' end`;
  const wording = (i: string) =>
    `(${words})[1 + ${i} % 30] || ' ' || (${words})[1 + (${i} / 30) % 30] || case when ${i} % 3 = 0 then ' ' || (${words})[1 + (${i} / 900) % 30] else '' end`;
  const conversation = (i: string) => `md5('c' || (${i} / 4))::uuid`;
  const article = (i: string) => `(${keys})[1 + ${i} % ${articleKeys.length}]`;
  return [
    // Per conversation four events: mostly outcomes, some helpful answers, hand-offs in 1 of 20.
    `insert into conversation_events (conversation_id, idempotency_key, type, answer_id, action, article_id, helpful, question, locale, created_at)
     select ${conversation('i')}, 'k' || i,
            case when i % 20 = 3 then 'handoff' when i % 5 = 4 then 'helpful' else 'outcome' end,
            'a' || i,
            case when i % 20 = 3 or i % 5 = 4 then null when i % 10 < 6 then 'answer' when i % 10 < 7 then 'clarify' when i % 10 < 9 then 'nomatch' else 'rule' end,
            ${article('i')},
            case when i % 5 = 4 then i % 3 <> 0 else null end,
            case when i % 20 <> 3 and i % 5 <> 4 and i % 10 in (7, 8) then ${wording('i')} else null end,
            ${locale('(i / 4)')}, ${at('(i / 4)')}
     from generate_series(1, ${VOLUMES.conversation_events}) as i`,
    `insert into ces_responses (conversation_id, answer_id, article_id, score, locale, created_at)
     select ${conversation('(i * 3)')}, 'a' || i, ${article('i')}, 1 + (i * 7 + i / 11) % 5, ${locale('i')}, ${at('i')}
     from generate_series(1, ${VOLUMES.ces_responses}) as i`,
    `insert into article_feedback (idempotency_key, article_id, locale, helpful, ces, created_at)
     select 'f' || i, ${article('i')}, ${locale('i')}, case when i % 4 = 0 then null else i % 3 <> 0 end, case when i % 4 = 1 then null else 1 + i % 5 end, ${at('i')}
     from generate_series(1, ${VOLUMES.article_feedback}) as i`,
    `insert into failed_searches (query, locale, result_count, created_at)
     select ${wording('(i * 7)')}, ${locale('i')}, 0, ${at('i')}
     from generate_series(1, ${VOLUMES.failed_searches}) as i`,
    `insert into tickets (locale, subject, customer_email, anonymised_at, status, created_at, first_response_at, solved_at)
     select ${locale('i')}, ${wording('(i * 13)')},
            case when i % 3 = 0 then null else 'klant' || i || '@example.nl' end, case when i % 3 = 0 then now() else null end,
            case when i % 4 = 0 then 'open' else 'solved' end,
            ${at('i')}, ${at('i')} + make_interval(mins => 5 + i % 600), case when i % 4 = 0 then null else ${at('i')} + make_interval(mins => 60 + i % 5000) end
     from generate_series(1, ${VOLUMES.tickets}) as i`,
    `insert into csat_responses (ticket_id, score, locale, channel, created_at)
     select id, 1 + (row_number() over ()) % 5, locale, 'email', coalesce(solved_at, created_at) from tickets where status = 'solved' limit ${VOLUMES.csat_responses}`,
    // What autovacuum does to a table that stopped growing: statistics, and a visibility map for index-only scans.
    'vacuum analyze',
  ];
}

/** The value below which `p` of the sorted `values` lie (nearest rank). */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(server: string): Promise<void> {
  const started = performance.now();
  const content = loadContent(REPO_ROOT);
  const articleKeys = [...new Set(publishedArticles(content).map((a) => a.translationKey))];
  await runSql(server, [`drop database if exists ${DATABASE} with (force)`, `create database ${DATABASE}`]);
  const url = databaseUrl(server, DATABASE);
  const database = await createDatabase({ kind: 'postgres', url });
  try {
    await database.migrate();
    const generateStart = performance.now();
    await runSql(url, generate(articleKeys));
    const [total] = await runSql(url, [
      'select (select count(*) from conversation_events) + (select count(*) from ces_responses) + (select count(*) from article_feedback) + (select count(*) from failed_searches) + (select count(*) from tickets) + (select count(*) from csat_responses)',
    ]);
    const generateSeconds = (performance.now() - generateStart) / 1000;
    const [version] = await runSql(url, ['show server_version']);

    const reportContent = loadReportContent(REPO_ROOT);
    const now = new Date('2026-11-23T12:00:00Z');
    // The first scheduled run on a database full of events: the whole backlog at once.
    const rollupStart = performance.now();
    const ran = await runDueJobs(database.db, [reportRollupJob], silentLogger, now);
    const rollupSeconds = (performance.now() - rollupStart) / 1000;
    if (ran.length !== 1) throw new Error('bench:reports: the report rollup did not run');
    const [rollup] = await runSql(url, ["select last_result::text from scheduled_jobs where name = 'reports.rollup'"]);
    const [rollupRows] = await runSql(url, [
      'select (select count(*) from report_daily_effort) + (select count(*) from report_daily_article_effort) + (select count(*) from report_daily_outcomes) + (select count(*) from report_daily_article_feedback) + (select count(*) from report_daily_csat) + (select count(*) from report_daily_conversations)',
    ]);
    const ranges: [string, ReportRange][] = [7, 28, 90, 365].map((days) => {
      const range = reportRange({ from: utcDay(now.getTime() - (days - 1) * DAY_MS), to: '2026-11-23' }, now);
      if ('error' in range) throw new Error(range.error);
      return [`${days} days`, range];
    });
    // Compiles both assistants and fills the caches the API process would have after its first report.
    for (const locale of ['nl', 'en'] as const) await contentGapsReport(database.db, reportContent, ranges[1]![1], locale, ['nl', 'en']);

    const lines: string[] = [];
    const all: Record<'summary' | 'gaps', number[]> = { summary: [], gaps: [] };
    for (const [name, range] of ranges) {
      const times: Record<'summary' | 'gaps', number[]> = { summary: [], gaps: [] };
      for (let run = 0; run < RUNS; run++) {
        const locale = ([null, 'nl', 'en'] as const)[run % 3]!;
        let t = performance.now();
        await summaryReport(database.db, reportContent, range, locale);
        times.summary.push(performance.now() - t);
        t = performance.now();
        await contentGapsReport(database.db, reportContent, range, locale ?? 'nl', ['nl', 'en']);
        times.gaps.push(performance.now() - t);
      }
      all.summary.push(...times.summary);
      all.gaps.push(...times.gaps);
      lines.push(
        `| Summary, last ${name} | ${ms(percentile(times.summary, 0.5))} | ${ms(percentile(times.summary, 0.95))} | ${ms(Math.max(...times.summary))} |  |`,
      );
      lines.push(
        `| Content gaps, last ${name} | ${ms(percentile(times.gaps, 0.5))} | ${ms(percentile(times.gaps, 0.95))} | ${ms(Math.max(...times.gaps))} |  |`,
      );
    }
    const verdict = (values: number[]) => (percentile(values, 0.95) <= 500 ? '✅' : '❌');
    lines.push(
      `| **Summary, all ranges** | ${ms(percentile(all.summary, 0.5))} | ${ms(percentile(all.summary, 0.95))} | ${ms(Math.max(...all.summary))} | p95 ≤ 500 ms ${verdict(all.summary)} |`,
    );
    lines.push(
      `| **Content gaps, all ranges** | ${ms(percentile(all.gaps, 0.5))} | ${ms(percentile(all.gaps, 0.95))} | ${ms(Math.max(...all.gaps))} | p95 ≤ 500 ms ${verdict(all.gaps)} |`,
    );
    console.log(
      `PostgreSQL ${version}; ${Number(total).toLocaleString('en')} rows generated in ${generateSeconds.toFixed(1)} s; ${RUNS} runs per report and range (locales all/nl/en in turn; content gaps: nl for "all"); ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `Report rollup (first run, as the scheduler would at ${now.toISOString()}): ${rollupSeconds.toFixed(1)} s, ${Number(rollupRows).toLocaleString('en')} rollup rows; ${rollup}`,
    );
    console.log('| Report | p50 | p95 | max | Target |\n|---|---|---|---|---|');
    console.log(lines.join('\n'));
    console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await database.close();
    if (KEEP) console.log(`Kept the data for a closer look: ${url}`);
    else await runSql(server, [`drop database if exists ${DATABASE} with (force)`]);
  }
}

await main(serverUrl);
