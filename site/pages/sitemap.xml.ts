import type { APIRoute } from 'astro';
import { articleUrl, articlesOf, categoriesOf, categoryUrl, getContent, homeUrl, translationsOf } from '../content/site-data.ts';
import { utcDay } from '#core/util/days.ts';

/** sitemap.xml with every page of every locale and its hreflang alternates. */
export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const { settings } = getContent();
  const abs = (path: string) => new URL(path, base).href;
  const alternates = (links: { locale: string; path: string }[]) =>
    links.map((l) => `<xhtml:link rel="alternate" hreflang="${l.locale}" href="${abs(l.path)}"/>`).join('');
  const urls: string[] = [];
  for (const locale of settings.locales) {
    urls.push(`<url><loc>${abs(homeUrl(locale))}</loc>${alternates(settings.locales.map((l) => ({ locale: l, path: homeUrl(l) })))}</url>`);
    for (const category of categoriesOf(locale)) {
      urls.push(
        `<url><loc>${abs(categoryUrl(category, locale))}</loc>${alternates(settings.locales.map((l) => ({ locale: l, path: categoryUrl(category, l) })))}</url>`,
      );
    }
    for (const article of articlesOf(locale)) {
      const links = [article, ...translationsOf(article)].map((a) => ({ locale: a.locale, path: articleUrl(a) }));
      urls.push(`<url><loc>${abs(articleUrl(article))}</loc><lastmod>${utcDay(article.updated)}</lastmod>${links.length > 1 ? alternates(links) : ''}</url>`);
    }
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
