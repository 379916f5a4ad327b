/** schema.org structured data for the pages' JSON-LD. */

/** One step of a breadcrumb trail. */
export interface Crumb {
  name: string;
  /** Path on this site. */
  path: string;
}

/** A schema.org BreadcrumbList for a trail of pages, with absolute URLs. */
export function breadcrumbList(crumbs: Crumb[], site: URL | undefined): object {
  const base = site ?? new URL('http://localhost:4321');
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.name, item: new URL(crumb.path, base).href })),
  };
}
