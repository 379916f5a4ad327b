import type { APIRoute } from 'astro';
import { getContent } from '../../content/site-data.ts';
import { assistantModelFile } from '../../chat/model-asset.ts';

/** The assistant model asset of each locale (gzip bytes, read by the widget), under a content-hashed name. */
export function getStaticPaths() {
  return getContent().settings.locales.map((locale) => {
    const file = assistantModelFile(locale);
    return { params: { name: file.name.replace(/\.bin$/, '') }, props: { bytes: file.bytes } };
  });
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
