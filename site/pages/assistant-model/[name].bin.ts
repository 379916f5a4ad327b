import type { APIRoute } from 'astro';
import { artifactsWrittenByBuild, localeArtifacts } from '../../build/artifacts.ts';
import { getContent } from '../../content/site-data.ts';

/** The assistant model asset of each locale (gzip bytes, read by the widget), under a content-hashed name. */
export async function getStaticPaths() {
  // In `astro build` the build writes these files once the worker made them (site/build/artifacts.ts): waiting here would hold up every page.
  if (artifactsWrittenByBuild()) return [];
  return Promise.all(
    getContent().settings.locales.map(async (locale) => {
      const { model } = await localeArtifacts(locale);
      return { params: { name: model.name.replace(/\.bin$/, '') }, props: { bytes: model.bytes } };
    }),
  );
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
