import type { APIRoute } from 'astro';
import { getContent } from '../../content/site-data.ts';
import { assistantModelFile } from '../../chat/model-asset.ts';

/** The assistant model of each locale, under a content-hashed name. */
export function getStaticPaths() {
  return getContent().settings.locales.map((locale) => {
    const file = assistantModelFile(locale);
    return { params: { name: file.name.replace(/\.json$/, '') }, props: { json: file.json } };
  });
}

export const GET: APIRoute = ({ props }) => new Response(props.json as string, { headers: { 'content-type': 'application/json' } });
