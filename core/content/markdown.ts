/**
 * Markdown as search and the assistant see it: plain text and headings, read
 * by a real CommonMark parser (mdast-util-from-markdown), so setext headings,
 * reference links, entities and escapes come out as the page shows them,
 * which regular expressions got wrong.
 *
 * No DOM and no Node APIs.
 */
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as textOf } from 'mdast-util-to-string';

// Nodes whose text stands apart from its neighbours: a space goes around them so words of two blocks never join.
const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell']);

/**
 * Markdown reduced to plain text for search and the assistant: no markers,
 * links and images as their text, code blocks, raw HTML and link definitions
 * left out, white space folded.
 *
 * @example
 * markdownToText('Open *My account*.\n\n## Steps\n[Sign in][login]\n\n[login]: /login') // 'Open My account. Steps Sign in'
 */
export function markdownToText(body: string): string {
  const parts: string[] = [];
  const visit = (node: Nodes): void => {
    switch (node.type) {
      // Code samples and raw HTML are not prose a customer searches for; definitions are link targets.
      case 'code':
      case 'html':
      case 'definition':
        return;
      case 'text':
      case 'inlineCode':
        parts.push(node.value);
        return;
      case 'image':
      case 'imageReference':
        parts.push(node.alt ?? '');
        return;
      case 'break':
      case 'thematicBreak':
        parts.push(' ');
        return;
    }
    if (!('children' in node)) return;
    const block = BLOCKS.has(node.type);
    if (block) parts.push(' ');
    for (const child of node.children) visit(child);
    if (block) parts.push(' ');
  };
  visit(fromMarkdown(body));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Headings of a Markdown body from `##` down (ATX or setext), as their text. */
export function markdownHeadings(body: string): string[] {
  return fromMarkdown(body)
    .children.filter((node) => node.type === 'heading' && node.depth >= 2)
    .map((heading) => textOf(heading).trim());
}
