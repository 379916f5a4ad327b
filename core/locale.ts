/**
 * The locales Wegwijs writes content in, and the one type for them. The
 * database's check constraints, the content schema, the API's request schemas
 * and the widget all read this list, so a locale is added in one place (and a
 * migration).
 */

/** The locales Wegwijs writes content in. */
export const LOCALES = ['nl', 'en'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** Type guard for {@link Locale}. */
export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}
