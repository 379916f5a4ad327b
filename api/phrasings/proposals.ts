/**
 * Proposals for new articles (phrasing suggestions without an article) go to
 * one review file per locale, `content/proposals/<locale>.md`: a heading per
 * proposed title with the customers' wordings under it, ready to become the
 * `questions` of the article a writer creates. The content loader and the
 * site build read only `content/articles/`, so this file never reaches the
 * site, the search index or the assistant.
 */
import { phrasingKey } from './text.ts';

/** One wording proposed for a new article. */
export interface Proposal {
  /** The title an agent proposed, if any. */
  title: string | null;
  /** The customer's wording (normalised, redacted). */
  text: string;
  /** Where it came from and when, shown after the wording, e.g. `ticket WW-1042, 2026-11-20`. */
  note: string;
}

/** Heading of the wordings an agent proposed no title for. */
export const UNTITLED = '(no title yet)';

/** Path of the proposals file of `locale`, relative to the content root. */
export function proposalsFile(locale: string): string {
  return `content/proposals/${locale}.md`;
}

function header(locale: string): string[] {
  return [
    `# Proposed articles (${locale})`,
    '',
    'Written by `npm run -s content -- pull`: wordings customers used that no',
    'article answers yet, under the title an agent proposed. Write the article in',
    `content/articles/${locale}/ (the wordings make good \`questions\`), then delete`,
    'what you handled from this file. The site build does not read it.',
    '',
  ];
}

/** A wording as a list line: JSON-quoted, so any text reads back unambiguously. */
function entry(proposal: Proposal): string {
  return `- ${JSON.stringify(proposal.text)} (${proposal.note})`;
}

/** The wordings already in a proposals file, by {@link phrasingKey}. */
export function proposedKeys(source: string): Set<string> {
  const keys = new Set<string>();
  for (const match of source.matchAll(/^- ("(?:[^"\\]|\\.)*")/gm)) {
    try {
      keys.add(phrasingKey(JSON.parse(match[1]!) as string));
    } catch {
      // A line a reviewer edited by hand; it simply does not count as a duplicate.
    }
  }
  return keys;
}

/**
 * The proposals file with `proposals` added: under the heading of their
 * title when the file has one (case ignored), else in a new section at the
 * end. Wordings already in the file are left out.
 *
 * @param source - the file as it is, or null when it does not exist yet
 * @returns the new text and the proposals actually added
 */
export function addProposals<P extends Proposal>(source: string | null, locale: string, proposals: readonly P[]): { text: string; added: P[] } {
  const eol = source?.includes('\r\n') ? '\r\n' : '\n';
  const lines = source === null ? header(locale) : source.split(eol);
  if (lines.at(-1) === '') lines.pop();
  const seen = proposedKeys(source ?? '');
  const added: P[] = [];
  for (const proposal of proposals) {
    const key = phrasingKey(proposal.text);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(proposal);
    const title = proposal.title ?? UNTITLED;
    const heading = lines.findIndex((line) => /^## /.test(line) && line.slice(3).trim().toLowerCase() === title.toLowerCase());
    if (heading < 0) {
      if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
      lines.push(`## ${title}`, '', entry(proposal));
      continue;
    }
    // After the section's last wording (or right under its heading).
    let at = heading + 1;
    for (let index = heading + 1; index < lines.length && !/^#{1,2} /.test(lines[index]!); index++) {
      if (lines[index]!.startsWith('- ')) at = index + 1;
    }
    if (at === heading + 1) {
      lines.splice(at, 0, '', entry(proposal));
    } else {
      lines.splice(at, 0, entry(proposal));
    }
  }
  return { text: `${lines.join(eol)}${eol}`, added };
}
