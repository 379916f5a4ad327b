/**
 * The full results page: reads `?q=` from the address, searches the same
 * index as the search box and lists every hit with its snippet.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '#core/locale.ts';
import { type OpenSearchIndex, type SearchHit, prepareSearch, searchArticles } from './engine.ts';
import { loadSearchIndex, reportFailedSearch } from './client.ts';
import { Snippet } from './Snippet.tsx';
import { searchText } from './strings.ts';
import { openChat } from '../chat/open-chat.ts';

interface Props {
  locale: Locale;
  indexUrl: string;
}

/** Hits listed on the results page. */
const MAX_HITS = 50;

export default function SearchResults({ locale, indexUrl }: Props) {
  const t = searchText(locale);
  const [state, setState] = useState<{ query: string; index: OpenSearchIndex; hits: SearchHit[] } | 'loading' | 'failed'>('loading');

  useEffect(() => {
    const query = new URLSearchParams(window.location.search).get('q')?.trim() ?? '';
    // The header's search box is static HTML: put the query back in it, so a person sees what they
    // searched for and can refine it instead of typing it again (on a phone the heading scrolls away).
    const box = document.querySelector<HTMLInputElement>('header form[role="search"] input[name="q"]');
    if (box && !box.value) box.value = query;
    loadSearchIndex(indexUrl, locale)
      .then(async (index) => {
        // A large site's index arrives in shards: fetch what this query needs first.
        if (query) await prepareSearch(index, query, MAX_HITS);
        const hits = query ? searchArticles(index, query, MAX_HITS) : [];
        if (query && hits.length === 0) reportFailedSearch(locale, query, 0);
        setState({ query, index, hits });
      })
      .catch(() => setState('failed'));
  }, []);

  if (state === 'loading') return <p role="status">{t.searchLoading}</p>;
  if (state === 'failed') return <p role="alert">{t.searchLoadFailed}</p>;
  const { query, index, hits } = state;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" role="status">
        {query ? `${t.searchResultsFor} “${query}”: ${t.resultCount(hits.length)}` : t.searchLabel}
      </h2>
      {/* "Contact us" with nothing to press left the person where they were: the chat is the way, one press away. */}
      {query && hits.length === 0 && (
        <p>
          {t.searchNoResultsTry}{' '}
          <button type="button" className="link-button" onClick={openChat}>
            {t.searchAskInChat}
          </button>
          .
        </p>
      )}
      <ol className="hits">
        {hits.map((hit) => (
          <li key={hit.id} className="hit">
            <a href={hit.url}>{hit.title}</a>
            <small>{hit.category}</small>
            <p>
              <Snippet text={hit.summary} terms={hit.terms} locale={locale} lexicon={index.lexicon} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
