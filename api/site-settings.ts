/**
 * The little the server needs from `content/settings.yaml`: which locales the
 * site has and which one is the default. The full settings schema lives with
 * the content model (core/content/schema.ts); the server reads only these two
 * fields, so it does not load the content model and its language analysis.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '#core/locale.ts';
import { compileTargets, type ResponseTargets, responseTargetsSchema } from '#core/targets/settings.ts';

/** Locales of the site, from `content/settings.yaml`. */
export interface SiteLocales {
  /** Locales the site is built in, in settings order. */
  locales: Locale[];
  /** Locale for visitors whose language is not offered. */
  defaultLocale: Locale;
}

const siteLocalesSchema = z
  .object({
    locales: z.array(z.enum(LOCALES)).min(1),
    defaultLocale: z.enum(LOCALES),
  })
  .refine((settings) => settings.locales.includes(settings.defaultLocale), {
    message: 'must be one of `locales`',
    path: ['defaultLocale'],
  });

/**
 * Reads the locales from `<contentRoot>/content/settings.yaml`.
 *
 * @throws Error `Wegwijs: content/settings.yaml: <field>: <problem>` when the
 *   file is missing, is not YAML, or the two fields are wrong.
 */
export function readSiteLocales(contentRoot: string): SiteLocales {
  return readSettings(contentRoot, siteLocalesSchema);
}

/** `<contentRoot>/content/settings.yaml`, parsed and checked against `schema` (which reads only its own fields). */
function readSettings<T>(contentRoot: string, schema: z.ZodType<T>): T {
  const file = path.join(contentRoot, 'content', 'settings.yaml');
  const where = `Wegwijs: ${path.relative(process.cwd(), file) || file}`;
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${where}: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

const targetsPartSchema = z.object({ responseTargets: responseTargetsSchema.optional() });

/**
 * The response targets of `<contentRoot>/content/settings.yaml`
 * (`responseTargets`, core/targets/settings.ts), or null when it sets none.
 *
 * @throws Error `Wegwijs: content/settings.yaml: responseTargets.<field>: <problem>` for a wrong value.
 */
export function readResponseTargets(contentRoot: string): ResponseTargets | null {
  const { responseTargets } = readSettings(contentRoot, targetsPartSchema);
  return responseTargets ? compileTargets(responseTargets) : null;
}
