import type { APIRoute } from 'astro';
import { phrasingsFileName } from '#core/assistant/asset.ts';
import { artifactsWrittenByBuild, localeArtifacts } from '../../build/artifacts.ts';
import { getContent } from '../../content/site-data.ts';

/** The assistant model asset of each locale (gzip bytes, read by the widget), under a content-hashed name, and its phrasings' file. */
export async function getStaticPaths() {
  // In `astro build` the build writes these files once the worker made them (site/build/artifacts.ts): waiting here would hold up every page.
  if (artifactsWrittenByBuild()) return [];
  const paths = await Promise.all(
    getContent().settings.locales.map(async (locale) => {
      const { model } = await localeArtifacts(locale);
      const name = (file: string) => file.replace(/\.bin$/, '');
      return [
        { params: { name: name(model.name) }, props: { bytes: model.bytes } },
        // Its phrasings, fetched by the widget for a hand-off's explanations.
        { params: { name: name(phrasingsFileName(model.name)) }, props: { bytes: model.phrasings } },
      ];
    }),
  );
  return paths.flat();
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
