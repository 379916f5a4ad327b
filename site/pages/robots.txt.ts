import type { APIRoute } from 'astro';

/** robots.txt: everything but the agent inbox and the API may be crawled. */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nDisallow: /agent/\nDisallow: /api/\n\nSitemap: ${new URL('/sitemap.xml', site ?? 'http://localhost:4321').href}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
