/**
 * The search box: a plain GET form to the results page that works without
 * JavaScript, upgraded on first interaction to an ARIA 1.2 combobox with
 * results as you type (↑ ↓ Enter Escape) and a spoken result count.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Locale } from '#core/locale.ts';
import { type OpenSearchIndex, type SearchHit, prepareSearch, searchArticles } from './engine.ts';
import { loadSearchIndex, reportFailedSearch } from './client.ts';
import { Snippet } from './Snippet.tsx';
import { searchText } from './strings.ts';

interface Props {
  locale: Locale;
  /** URL of this locale's search index asset. */
  indexUrl: string;
  /** URL of the full results page. */
  searchPageUrl: string;
  /** The big box on the home page. */
  large?: boolean;
}

/** Results shown under the box; the rest is one Enter away on the results page. */
const MAX_SUGGESTIONS = 6;
/** A query that stays without results this long is reported as a failed search. */
const REPORT_AFTER_MS = 1500;

export default function SearchBox({ locale, indexUrl, searchPageUrl, large = false }: Props) {
  const t = searchText(locale);
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [index, setIndex] = useState<OpenSearchIndex | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  /** Hits of the current query; -1 while a large site's index shards for it are on their way. */
  const [total, setTotal] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');

  // Hydration happens on the first focus or key press: pick up what was typed before it.
  useEffect(() => {
    const typed = inputRef.current?.value ?? '';
    loadSearchIndex(indexUrl, locale).then(setIndex, () => setStatus(t.searchLoadFailed));
    if (typed) update(typed);
  }, []);

  useEffect(() => {
    if (index) update(inputRef.current?.value ?? query);
  }, [index]);

  useEffect(() => {
    if (!index || query.trim().length < 2 || total !== 0) return;
    const timer = setTimeout(() => reportFailedSearch(locale, query, 0), REPORT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [index, query, total]);

  function update(value: string) {
    setQuery(value);
    setActive(-1);
    if (!index || value.trim().length === 0) {
      setHits([]);
      setTotal(0);
      setOpen(false);
      setStatus(value.trim() && !index ? t.searchLoading : '');
      return;
    }
    // A large site's index arrives in shards: keep the last results up until this query's are in.
    const pending = prepareSearch(index, value, MAX_SUGGESTIONS);
    if (pending) {
      setTotal(-1);
      pending.then(
        () => (inputRef.current?.value ?? '') === value && update(value),
        () => setStatus(t.searchLoadFailed),
      );
      return;
    }
    const all = searchArticles(index, value);
    setHits(all.slice(0, MAX_SUGGESTIONS));
    setTotal(all.length);
    setOpen(true);
    setStatus(all.length > 0 ? t.resultCount(all.length) : t.searchNoResults);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const count = hits.length;
    if (event.key === 'ArrowDown' && open && count > 0) {
      event.preventDefault();
      setActive((a) => (a + 1) % count);
    } else if (event.key === 'ArrowUp' && open && count > 0) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? count - 1 : a - 1));
    } else if (event.key === 'Escape') {
      if (open) setOpen(false);
      else if (inputRef.current) {
        inputRef.current.value = '';
        update('');
      }
    } else if (event.key === 'Enter' && open && active >= 0) {
      const hit = hits[active];
      if (hit) {
        event.preventDefault();
        window.location.assign(hit.url);
      }
    }
  }

  const listId = `${id}-list`;
  const pageUrl = `${searchPageUrl}?q=${encodeURIComponent(query)}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <form> so the search works without script; role=search names the landmark.
    <form
      className={large ? 'search search-large' : 'search'}
      role="search"
      action={searchPageUrl}
      method="get"
      onSubmit={() => total === 0 && query.trim() && reportFailedSearch(locale, query, 0)}
    >
      <label htmlFor={`${id}-q`} className="sr-only">
        {t.searchLabel}
      </label>
      <input
        ref={inputRef}
        id={`${id}-q`}
        type="search"
        name="q"
        autoComplete="off"
        placeholder={t.searchPlaceholder}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${id}-o${active}` : undefined}
        onInput={(e) => update(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => query.trim() && setOpen(true)}
      />
      <button type="submit">{t.searchButton}</button>
      {/* The options hold no link and the list nothing but options (an audit of the open list failed on both: a link in an
          option is a control inside a control, and "all results" was no option); that link follows the list. */}
      <div className="suggest" hidden={!open || hits.length === 0}>
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the suggestion list is a <ul> with role=listbox per the ARIA combobox pattern. */}
        <ul id={listId} role="listbox" aria-label={t.searchResultsTitle}>
          {hits.map((hit, i) => (
            // ARIA combobox pattern: the options are chosen from the input's keyboard handler, a click is for the pointer.
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input (aria-activedescendant).
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox input.
            <li
              key={hit.id}
              id={`${id}-o${i}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: listbox options are <li> per the ARIA combobox pattern (beside the attribute: the formatter puts each on its own line).
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => window.location.assign(hit.url)}
            >
              <span className="suggest-title">{hit.title}</span>
              <small>
                {hit.category} · <Snippet text={hit.summary} terms={hit.terms} locale={locale} lexicon={index?.lexicon} />
              </small>
            </li>
          ))}
        </ul>
        {total > hits.length && (
          <a href={pageUrl}>
            {t.searchAllResults} “{query}” ({total})
          </a>
        )}
      </div>
      {/* Seen, not only heard: without it a sighted visitor's words led to nothing on screen at all. */}
      {open && index && total === 0 && query.trim() && <p className="suggest suggest-none">{t.searchNoResults}</p>}
      <div role="status" aria-live="polite" className="sr-only">
        {status}
      </div>
    </form>
  );
}
