/**
 * The content model: one zod schema per concept. Astro's content collections,
 * the assistant compiler, the CLIs and the tests all validate with these, so a
 * file that passes here passes everywhere.
 */
import { z } from 'zod';
import { LOCALES } from '../locale.ts';
import { responseTargetsSchema } from '../targets/settings.ts';

/** A locale the help center is written in. */
export const localeSchema = z.enum(LOCALES);

/** Lower-case ASCII words joined by hyphens, safe in a URL. */
export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens (like "track-parcel")');

/** Frontmatter of one article: one help page in one locale. */
export const articleFrontmatterSchema = z.strictObject({
  /** The page title; also what search and the assistant show first. */
  title: z.string().trim().min(3).max(120),
  /** One or two sentences that answer the question on their own; the assistant replies with it. */
  summary: z.string().trim().min(10).max(300),
  /** Id of a category in content/categories.yaml. */
  category: slugSchema,
  /** Must match the folder the file is in (content/articles/<locale>/). */
  locale: localeSchema,
  /** Ties the locales of one article together; the same in every translation. */
  translationKey: slugSchema,
  /** Phrasings: how customers ask for this article. Search and the assistant match on them. */
  questions: z.array(z.string().trim().min(3).max(200)).min(3).max(100),
  /** Phrases that always lead to this article in the assistant, matched like rule patterns (`*` for any words), e.g. a product code. */
  patterns: z.array(z.string().trim().min(1).max(200)).optional(),
  /** Free keywords, lower case. */
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** Translation keys of related articles, shown under the article. */
  related: z.array(slugSchema).max(10).default([]),
  /** Date of the last real change, shown as "last updated". */
  updated: z.coerce.date(),
  /** Drafts are validated but never reach the site, the search index or the assistant. */
  draft: z.boolean().default(false),
});
/** Validated article frontmatter. */
export type ArticleFrontmatter = z.infer<typeof articleFrontmatterSchema>;

/** How one category reads in one locale. */
export const categoryLocaleSchema = z.strictObject({
  /** Display name. */
  name: z.string().trim().min(2).max(60),
  /** URL segment: /<locale>/<slug>/. */
  slug: slugSchema,
  /** One sentence under the name on the home and category pages. */
  description: z.string().trim().min(10).max(200),
  /** Position on the home page, lowest first. */
  order: z.number().int().min(0),
});

/** A category of articles, with its text per locale. */
export const categorySchema = z.strictObject({
  /** Stable id, referenced by articles' `category`. */
  id: slugSchema,
  /** Icon name from site/components/icons.ts. */
  icon: z.string().regex(/^[a-z-]+$/),
  nl: categoryLocaleSchema,
  en: categoryLocaleSchema,
});
/** A validated category. */
export type Category = z.infer<typeof categorySchema>;

/** The categories file: a list of categories. */
export const categoriesFileSchema = z.array(categorySchema).min(1);

/** Text that differs per locale. */
const perLocale = z.strictObject({ nl: z.string().trim().min(1), en: z.string().trim().min(1) });

/** content/settings.yaml: everything about the help center that is not an article. */
export const siteSettingsSchema = z
  .strictObject({
    /** Name of the help center, in the header and the page titles. */
    productName: z.string().trim().min(2).max(60),
    /** Name of the shop or company the help center belongs to. */
    shopName: z.string().trim().min(2).max(60),
    /** Brand colour (#rrggbb) for links, buttons and focus; needs 4.5:1 contrast on white. */
    brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#0b5d44"'),
    /** SVG logo, path relative to content/; inlined in the header. */
    logo: z.string().regex(/^[\w./-]+\.svg$/, 'must be the path of an .svg file inside content/'),
    /** Locales the site is built in. */
    locales: z.array(localeSchema).min(1),
    /** Locale for visitors whose language is not offered. */
    defaultLocale: localeSchema,
    /** How customers reach a person. */
    contact: z.strictObject({
      email: z.email(),
      phone: z.string().trim().min(3).max(40),
      hours: perLocale,
      /** The team's usual reply time in working hours, shown in the chat after a hand-off ("within N hours on working days"). Default 8. */
      replyWithinHours: z.number().int().min(1).max(168).default(8),
    }),
    /** Translation keys of the articles on each home page, in order. */
    popular: z.array(slugSchema).max(12).default([]),
    /** Business hours per locale and first/next-response targets per priority and team (core/targets/settings.ts); none: the queue shows no targets. */
    responseTargets: responseTargetsSchema.optional(),
  })
  .refine((settings) => settings.locales.includes(settings.defaultLocale), {
    message: 'must be one of `locales`',
    path: ['defaultLocale'],
  });
/** Validated site settings. */
export type SiteSettings = z.infer<typeof siteSettingsSchema>;
