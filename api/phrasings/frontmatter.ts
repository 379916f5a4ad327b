/**
 * Adds phrasings to an article's frontmatter `questions` without rewriting
 * the file: new `- …` lines go after the list's last entry, in the list's
 * own indentation, and every other byte (comments, key order, quoting, line
 * endings, the body) stays as the writer left it. A git diff of a pull then
 * shows exactly the lines it added.
 */
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify } from 'yaml';
import { splitFrontmatter } from '#core/content/load.node.ts';

/** Why phrasings could not be added to a file; the message names the file. */
export class FrontmatterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrontmatterError';
  }
}

/**
 * One entry of a block list as YAML: plain where YAML allows it, quoted where
 * a plain scalar would mean something else (`foo: bar`, `#tag`, `123`).
 */
function listEntry(text: string): string {
  return stringify(text, { lineWidth: 0 }).replace(/\r?\n$/, '');
}

/**
 * `source` with `questions` appended to its frontmatter's `questions` list.
 *
 * @param file - the file's path, for messages
 * @throws FrontmatterError when the file has no frontmatter, `questions` is
 *   not a block list (`- …` lines) the lines can be added to, or the result
 *   would not read back as the old list plus the new entries.
 * @example addQuestions('---\nquestions:\n  - a\n---\nBody', ['b'], 'x.md') // '---\nquestions:\n  - a\n  - b\n---\nBody'
 */
export function addQuestions(source: string, questions: readonly string[], file: string): string {
  if (questions.length === 0) return source;
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const lines = source.split(eol);
  if (lines[0]?.replace(/^\uFEFF/, '') !== '---') throw new FrontmatterError(`${file}: has no frontmatter (the file must start with ---)`);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new FrontmatterError(`${file}: the frontmatter is not closed with ---`);

  const key = lines.findIndex((line, index) => index > 0 && index < end && /^questions\s*:/.test(line));
  if (key < 0) throw new FrontmatterError(`${file}: the frontmatter has no questions`);
  if (!/^questions\s*:\s*(?:#.*)?$/.test(lines[key]!)) {
    throw new FrontmatterError(`${file}: questions is not written as a list of "- " lines (one per line); write it that way so content pull can add to it`);
  }

  let indent: string | undefined;
  let last = -1;
  for (let index = key + 1; index < end; index++) {
    const line = lines[index]!;
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const item = /^( *)- /.exec(line) ?? /^( *)-$/.exec(line);
    if (item && (indent === undefined || item[1] === indent)) {
      indent ??= item[1]!;
      last = index;
      continue;
    }
    // A continuation of the entry above (a long or quoted scalar): indented deeper than the dashes.
    if (indent !== undefined && /^ */.exec(line)![0].length > indent.length) {
      last = index;
      continue;
    }
    break;
  }
  if (indent === undefined)
    throw new FrontmatterError(`${file}: questions is not written as a list of "- " lines (one per line); write it that way so content pull can add to it`);

  const added = questions.map((question) => `${indent}- ${listEntry(question)}`);
  const result = [...lines.slice(0, last + 1), ...added, ...lines.slice(last + 1)].join(eol);
  checkOnlyAdded(source, result, questions, file);
  return result;
}

/** Reads both versions back: the new one must be the old one plus exactly the new entries at the end of `questions`. */
function checkOnlyAdded(before: string, after: string, questions: readonly string[], file: string): void {
  const read = (text: string) => parse(splitFrontmatter(text)?.frontmatter ?? '') as Record<string, unknown>;
  const old = read(before);
  const next = read(after);
  const oldQuestions = Array.isArray(old['questions']) ? old['questions'] : [];
  const same =
    isDeepStrictEqual(next['questions'], [...oldQuestions, ...questions]) &&
    isDeepStrictEqual({ ...next, questions: null }, { ...old, questions: null }) &&
    splitFrontmatter(after)?.body === splitFrontmatter(before)?.body;
  if (!same) throw new FrontmatterError(`${file}: adding to questions would change more than the list; add the phrasings by hand`);
}
