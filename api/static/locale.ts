/**
 * `GET /` sends the visitor to the home page in their language, chosen from
 * `Accept-Language` among the site's locales.
 */
import type { Context } from 'hono';
import type { SiteLocales } from '../site-settings.ts';

/**
 * Picks the locale for an `Accept-Language` header: the language range with
 * the highest q-value that matches a locale (`nl-BE` matches `nl`); ties keep
 * header order; `*` matches the default; q=0 excludes (RFC 9110, 12.5.4).
 * Without a match, `defaultLocale`.
 *
 * @example pickLocale('en-GB,en;q=0.9,nl;q=0.8', ['nl', 'en'], 'nl') // 'en'
 */
export function pickLocale<L extends string>(header: string | undefined, locales: readonly L[], defaultLocale: L): L {
  if (!header) return defaultLocale;
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [range = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      // A malformed q-value makes the range unusable rather than preferred.
      const weight = q === undefined ? 1 : /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(q.slice(2)) ? Number(q.slice(2)) : 0;
      return { range: range.trim(), weight, order };
    })
    .filter((r) => r.range !== '')
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  const matching = (range: string) => {
    const language = range.split('-')[0];
    return locales.filter((locale) => locale.toLowerCase() === range || locale.toLowerCase() === language);
  };
  const refused = new Set(ranges.filter((r) => r.weight === 0).flatMap((r) => matching(r.range)));
  for (const { range, weight } of ranges) {
    if (weight === 0) break;
    const candidates = range === '*' ? [defaultLocale, ...locales] : matching(range);
    const match = candidates.find((locale) => !refused.has(locale));
    if (match !== undefined) return match;
  }
  return defaultLocale;
}

/**
 * Handler for `GET /`: a 302 to `/<locale>/` (keeping the query string),
 * `Vary: Accept-Language` because the answer depends on it.
 */
export function redirectToLocale(site: SiteLocales): (c: Context) => Response {
  return function redirectToLocale(c) {
    const locale = pickLocale(c.req.header('Accept-Language'), site.locales, site.defaultLocale);
    c.header('Vary', 'Accept-Language');
    return c.redirect(`/${locale}/${new URL(c.req.url).search}`, 302);
  };
}
