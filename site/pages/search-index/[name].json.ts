import type { APIRoute } from 'astro';
import { getContent, searchIndexFile } from '../../content/site-data.ts';

/** The search index of each locale, under a content-hashed name (cacheable forever). */
export function getStaticPaths() {
  return getContent().settings.locales.map((locale) => {
    const file = searchIndexFile(locale);
    return { params: { name: file.name.replace(/\.json$/, '') }, props: { json: file.json } };
  });
}

export const GET: APIRoute = ({ props }) => new Response(props.json as string, { headers: { 'content-type': 'application/json' } });
