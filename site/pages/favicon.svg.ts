import type { APIRoute } from 'astro';
import { getContent } from '../content/site-data.ts';

/** The favicon is the logo from content/, in the brand colour. */
export const GET: APIRoute = () => {
  const { logoSvg, settings } = getContent();
  return new Response(logoSvg.replace(/currentColor/g, settings.brandColor), { headers: { 'content-type': 'image/svg+xml' } });
};
