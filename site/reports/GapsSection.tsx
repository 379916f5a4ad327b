/** Content gaps per locale, with "teach the assistant" on each row, and the translation gaps. */
import { useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { TeachForm } from '../inbox/Teach.tsx';
import { type ContentGapRow, type ContentGaps, csvUrl, gapReference, type ReportFilter, reportsApi } from './api.ts';
import { formatCount, formatShare } from './format.ts';
import { StatusAndAlert } from '../agent/StatusAndAlert.tsx';
import { Csv, ShowAllRows } from './parts.tsx';
import type { ReportText } from './strings.ts';
import { UnhelpfulList } from './UnhelpfulList.tsx';

const SIGNALS = ['failedSearches', 'noMatches', 'highEffort', 'handoffs'] as const;

export function GapsSection({
  t,
  locale,
  gaps,
  filter,
  canDelete,
}: {
  t: ReportText;
  locale: Locale;
  gaps: ContentGaps[];
  filter: ReportFilter;
  /** Whether the agent is an admin, who may delete customers' comments. */
  canDelete: boolean;
}) {
  // Each locale's answer lists the articles missing a translation; show each once.
  const seen = new Set<string>();
  const translationGaps = gaps
    .flatMap((g) => g.translationGaps)
    .filter((g) => {
      const key = `${g.entryId}>${g.missingLocale}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return (
    <section aria-labelledby="gaps-title">
      <h2 id="gaps-title">{t.gapsTitle}</h2>
      <p className="definition">{t.gapsDefinition}</p>
      {gaps.map((g) => (
        <div key={g.locale}>
          <GapList t={t} locale={locale} gaps={g} filter={filter} />
          <UnhelpfulList t={t} locale={locale} gaps={g} filter={filter} canDelete={canDelete} />
        </div>
      ))}
      <h3 id="translation-gaps">{t.translationGaps}</h3>
      <p className="definition">{t.translationGapsDefinition}</p>
      {translationGaps.length === 0 ? (
        <p>{t.noTranslationGaps}</p>
      ) : (
        <>
          <table aria-labelledby="translation-gaps">
            <thead>
              <tr>
                <th scope="col">{t.article}</th>
                <th scope="col">{t.language}</th>
                <th scope="col">{t.missingIn}</th>
              </tr>
            </thead>
            <tbody>
              {translationGaps.map((g) => (
                <tr key={`${g.entryId}>${g.missingLocale}`}>
                  <th scope="row">{g.title}</th>
                  <td>{t[`language_${g.locale}`]}</td>
                  <td>{t[`language_${g.missingLocale}`]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {gaps.map((g) => (
            <Csv
              key={g.locale}
              href={csvUrl('content-gaps', { ...filter, locale: g.locale })}
              what={`${t.translationGaps} (${g.locale.toUpperCase()})`}
              t={t}
            />
          ))}
        </>
      )}
    </section>
  );
}

const NOISE = ['personRequest', 'rule', 'gibberish', 'answered'] as const;

/** Rows shown before "show all": the most asked are what to write next, and a phone would scroll for minutes through hundreds. */
const FIRST_ROWS = 20;

function GapList({ t, locale, gaps, filter }: { t: ReportText; locale: Locale; gaps: ContentGaps; filter: ReportFilter }) {
  const [teaching, setTeaching] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState('');
  // Dismissing moves a row to the hidden ones (and back) without reloading the report.
  const [rows, setRows] = useState(gaps.rows);
  const [hidden, setHidden] = useState(gaps.hidden);
  const [busy, setBusy] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const headingId = `gaps-${gaps.locale}`;
  const language = t[`language_${gaps.locale}`];
  const done = (row: ContentGapRow, message: string | null) => {
    setTeaching(null);
    if (message) setConfirmation(message);
    // Back to where the agent was, so keyboard users do not lose their place.
    buttons.current.get(row.key)?.focus();
  };
  const dismiss = (row: ContentGapRow) => {
    if (busy) return;
    setBusy(row.key);
    setProblem('');
    reportsApi.dismiss({ locale: gaps.locale, key: row.key, wording: row.wording }).then(
      () => {
        setRows((all) => all.filter((r) => r.key !== row.key));
        setHidden((all) => [{ ...row, dismissed: true }, ...all]);
        setConfirmation(t.dismissed(row.wording));
        setBusy(null);
      },
      (e: unknown) => {
        setProblem(`${t.failed} ${e instanceof Error ? e.message : String(e)}`);
        setBusy(null);
      },
    );
  };
  const undismiss = (row: ContentGapRow) => {
    if (busy) return;
    setBusy(row.key);
    setProblem('');
    reportsApi.undismiss({ locale: gaps.locale, key: row.key }).then(
      () => {
        setHidden((all) => (row.noise ? all.map((r) => (r.key === row.key ? { ...r, dismissed: false } : r)) : all.filter((r) => r.key !== row.key)));
        if (!row.noise) setRows((all) => [...all, { ...row, dismissed: false }].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)));
        setConfirmation(t.undismissed(row.wording));
        setBusy(null);
      },
      (e: unknown) => {
        setProblem(`${t.failed} ${e instanceof Error ? e.message : String(e)}`);
        setBusy(null);
      },
    );
  };
  const hiddenCount = NOISE.reduce((sum, n) => sum + gaps.hiddenCounts[n], 0) + hidden.filter((r) => r.dismissed && !r.noise).length;
  return (
    <>
      <h3 id={headingId}>{t.gapsFor(language)}</h3>
      <p>{t.wouldNowAnswer(formatCount(gaps.wouldNowAnswer.answered, locale), formatCount(gaps.wouldNowAnswer.of, locale))}</p>
      <StatusAndAlert confirmation={confirmation} problem={problem} />
      {rows.length === 0 ? (
        <p>{t.noGaps}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls here, and keyboard users must be able to scroll it (axe: scrollable-region-focusable)
        <section className="table-scroll whole-words" tabIndex={0} aria-labelledby={headingId}>
          <table aria-labelledby={headingId} className="gaps">
            <thead>
              <tr>
                <th scope="col">{t.wording}</th>
                <th scope="col">{t.count}</th>
                <th scope="col">{t.signals}</th>
                <th scope="col">{t.nearest}</th>
                <th scope="col">
                  <span className="sr-only">{t.teach}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.flatMap((row) => {
                const cells = [
                  <tr key={row.key}>
                    <th scope="row">
                      <span lang={gaps.locale} className="customer-words">
                        {row.wording}
                      </span>
                      {row.wouldNowAnswer && <span className="badge answered"> {t.wouldNowAnswerYes}</span>}
                      {row.taught && <span className={`badge taught ${row.taught.status}`}> {t[`taught_${row.taught.status}`]}</span>}
                      {row.examples.length > 0 && (
                        <details>
                          <summary>
                            {t.examples} ({row.examples.length})
                          </summary>
                          <ul lang={gaps.locale} className="customer-words">
                            {row.examples.map((e, i) => (
                              <li key={i}>{e}</li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </th>
                    <td>{formatCount(row.count, locale)}</td>
                    <td>
                      <ul className="signals">
                        {SIGNALS.filter((s) => row.signals[s] > 0).map((s) => (
                          <li key={s}>
                            {formatCount(row.signals[s], locale)} × {t[`signal_${s}`]}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {row.nearest?.suggested ? (
                        <a href={row.nearest.url} lang={gaps.locale}>
                          {row.nearest.title}
                        </a>
                      ) : row.nearest ? (
                        <>
                          {t.newArticle}{' '}
                          <span className="muted small">
                            ({t.guess(formatShare(row.nearest.confidence, locale))}:{' '}
                            <a href={row.nearest.url} lang={gaps.locale}>
                              {row.nearest.title}
                            </a>
                            )
                          </span>
                        </>
                      ) : (
                        t.newArticle
                      )}
                    </td>
                    {/* The flex box sits inside the cell: a <td> made display: flex is no table cell, only as tall as its
                        buttons, and its line under them came halfway up a taller row. */}
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          ref={(el) => void (el ? buttons.current.set(row.key, el) : buttons.current.delete(row.key))}
                          aria-expanded={teaching === row.key}
                          aria-label={t.teachFor(row.wording)}
                          onClick={() => setTeaching(teaching === row.key ? null : row.key)}
                        >
                          {t.teach}
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t.dismissFor(row.wording)}
                          disabled={busy === row.key}
                          onClick={() => dismiss(row)}
                        >
                          {t.dismiss}
                        </button>
                      </div>
                    </td>
                  </tr>,
                ];
                if (teaching === row.key) {
                  cells.push(
                    <tr key={`${row.key}-teach`} className="teach-row">
                      <td colSpan={5}>
                        <TeachForm
                          locale={locale}
                          contentLocale={gaps.locale}
                          text={row.wording}
                          // Pre-selected only when the assistant itself would answer with it or offer it: a guess is no suggestion.
                          articleId={row.nearest?.suggested ? row.nearest.articleId : null}
                          source="gap"
                          sourceRef={gapReference(row.key)}
                          onDone={(message) => done(row, message)}
                        />
                      </td>
                    </tr>,
                  );
                }
                return cells;
              })}
            </tbody>
          </table>
        </section>
      )}
      {shown.length < rows.length && (
        <ShowAllRows
          shownText={t.shownGaps(formatCount(shown.length, locale), formatCount(rows.length, locale))}
          total={rows.length}
          locale={locale}
          t={t}
          onShowAll={() => {
            setShowAll(true);
            const next = rows[FIRST_ROWS];
            requestAnimationFrame(() => next && buttons.current.get(next.key)?.focus());
          }}
        />
      )}
      <Csv href={csvUrl('content-gaps', { ...filter, locale: gaps.locale })} what={t.gapsFor(language)} t={t} />
      {hidden.length > 0 && (
        <details className="hidden-rows">
          <summary>{t.hiddenRows(formatCount(hiddenCount, locale))}</summary>
          <p className="definition">{t.hiddenDefinition}</p>
          <div className="table-scroll">
            <table>
              <caption className="sr-only">{t.hiddenRows(formatCount(hiddenCount, locale))}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.wording}</th>
                  <th scope="col">{t.count}</th>
                  <th scope="col">{t.reason}</th>
                  <th scope="col">
                    <span className="sr-only">{t.undismiss}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {hidden.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" lang={gaps.locale} className="customer-words">
                      {row.wording}
                    </th>
                    <td>{formatCount(row.count, locale)}</td>
                    <td>{[row.noise ? t[`noise_${row.noise}`] : null, row.dismissed ? t.noise_dismissed : null].filter(Boolean).join(', ')}</td>
                    <td>
                      {row.dismissed && (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t.undismissFor(row.wording)}
                          disabled={busy === row.key}
                          onClick={() => undismiss(row)}
                        >
                          {t.undismiss}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </>
  );
}
