import type { APIRoute } from 'astro';
import { getContent, searchIndexFile } from '../../content/site-data.ts';

/** The search index of each locale, and on a large site its shards, under content-hashed names (cacheable forever). */
export function getStaticPaths() {
  return getContent().settings.locales.flatMap((locale) => {
    const file = searchIndexFile(locale);
    return [file, ...file.shards].map(({ name, json }) => ({ params: { name: name.replace(/\.json$/, '') }, props: { json } }));
  });
}

export const GET: APIRoute = ({ props }) => new Response(props.json as string, { headers: { 'content-type': 'application/json' } });
