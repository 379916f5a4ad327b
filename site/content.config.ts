import { defineCollection } from 'astro:content';
import { z } from 'zod';
import { articlesLoader } from './content/loader.ts';
import { articleFrontmatterSchema } from '#core/content/schema.ts';

/** An article as the site stores it: its frontmatter plus where it came from. */
const articleEntrySchema = articleFrontmatterSchema.extend({
  id: z.string(),
  slug: z.string(),
  file: z.string(),
  headings: z.array(z.string()),
});

export const collections = {
  articles: defineCollection({ loader: articlesLoader(), schema: articleEntrySchema }),
};
