import type { APIRoute } from 'astro';
import { artifactsWrittenByBuild, localeArtifacts } from '../../build/artifacts.ts';
import { getContent } from '../../content/site-data.ts';

/** The search index of each locale, and on a large site its shards, under content-hashed names (cacheable forever). */
export async function getStaticPaths() {
  // In `astro build` the build writes these files once the worker made them (site/build/artifacts.ts): waiting here would hold up every page.
  if (artifactsWrittenByBuild()) return [];
  const files = await Promise.all(getContent().settings.locales.map(async (locale) => (await localeArtifacts(locale)).search));
  return files.flatMap((file) => [file, ...file.shards].map(({ name, json }) => ({ params: { name: name.replace(/\.json$/, '') }, props: { json } })));
}

export const GET: APIRoute = ({ props }) => new Response(props.json as string, { headers: { 'content-type': 'application/json' } });
