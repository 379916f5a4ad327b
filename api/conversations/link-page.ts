/**
 * `GET /c/<link>`: the page the link in a customer e-mail opens. A good link
 * leads on (303) to the help home in the ticket's language with the link in
 * the fragment, where the widget opens the conversation
 * (`POST /api/conversations/links`); the fragment never reaches a server
 * log. A bad one gets a short page in the visitor's language that says what
 * is wrong and what to do, never an error of the server.
 */
import type { Context } from 'hono';
import type { Db } from '../db/database.ts';
import type { SiteLocales } from '../site-settings.ts';
import { pickLocale } from '../static/locale.ts';
import type { Locale } from '#core/locale.ts';
import { type LinkProblem, type LinkSigner, resolveLink } from './link.ts';

/** The fragment the widget looks for: `#gesprek=<link>`. */
export const LINK_FRAGMENT = 'gesprek';

const PAGE: Record<Locale, { home: string } & Record<LinkProblem, { title: string; text: string }>> = {
  nl: {
    invalid: {
      title: 'Deze link klopt niet',
      text: 'De link is veranderd of afgebroken. Open de hele link uit de e-mail, of kopieer hem in zijn geheel naar je browser.',
    },
    expired: {
      title: 'Deze link is verlopen',
      text: 'Links naar een gesprek werken een tijd na de e-mail. De nieuwste e-mail over je vraag heeft een verse link; je kunt ook op die e-mail antwoorden of een nieuwe vraag stellen.',
    },
    gone: { title: 'Dit gesprek bestaat niet meer', text: 'Het gesprek is op verzoek gewist of na de bewaartermijn verwijderd. Stel gerust een nieuwe vraag.' },
    home: 'Naar de helppagina’s',
  },
  en: {
    invalid: {
      title: 'This link is not right',
      text: 'The link was changed or cut off. Open the whole link from the e-mail, or copy all of it into your browser.',
    },
    expired: {
      title: 'This link has expired',
      text: 'Links to a conversation work for a while after the e-mail. The newest e-mail about your question has a fresh link; you can also reply to that e-mail or ask a new question.',
    },
    gone: {
      title: 'This conversation no longer exists',
      text: 'It was erased on request or deleted after the retention period. Feel free to ask a new question.',
    },
    home: 'To the help pages',
  },
};

const STATUS: Record<LinkProblem, 400 | 410> = { invalid: 400, expired: 410, gone: 410 };

/** The page of a link that does not work, in `locale`. Plain HTML: no script, no style (the CSP allows none here). */
export function linkProblemPage(locale: Locale, problem: LinkProblem): string {
  const text = PAGE[locale];
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${text[problem].title}</title></head>
<body>
<main>
<h1>${text[problem].title}</h1>
<p>${text[problem].text}</p>
<p><a href="/${locale}/">${text.home}</a></p>
</main>
</body>
</html>
`;
}

/** The handler of `GET /c/:link`. */
export function linkPage({ db, site, links }: { db: Db; site: SiteLocales; links: LinkSigner }) {
  return async function linkPage(c: Context): Promise<Response> {
    const link = c.req.param('link') ?? '';
    c.header('Cache-Control', 'no-store');
    // The link is a key to the conversation: not passed on to the sites linked from the page.
    c.header('Referrer-Policy', 'no-referrer');
    const resolved = await resolveLink(db, links, link);
    if ('problem' in resolved) {
      c.header('Vary', 'Accept-Language');
      const locale = pickLocale(c.req.header('Accept-Language'), site.locales, site.defaultLocale) as Locale;
      return c.html(linkProblemPage(locale, resolved.problem), STATUS[resolved.problem]);
    }
    return c.redirect(`/${resolved.locale}/#${LINK_FRAGMENT}=${link}`, 303);
  };
}
