/**
 * Writes a benchmark's figures into its section of docs/benchmarks.md one
 * block at a time, so a run that measures only part of what the benchmark
 * can (bench:site's `--demo-only`, or one size) replaces only its own table,
 * keeps everything else in the section (the other tables, the history
 * written by hand) and puts the figures it replaces beside the new ones as
 * "before".
 *
 * A block sits between `<!-- <name> -->` and `<!-- /<name> -->`. Its text is
 * a line starting "Measured", other lines, then a Markdown table whose first
 * column names the figure. When a block is written again:
 * - each cell gets the cell it replaces (same figure, same column) as
 *   ` (before: …)`; a cell's own earlier "before" is dropped, so only one
 *   run back is kept in the table;
 * - columns of the old table the new run did not measure stay, marked
 *   "(earlier run)", when `keepColumns` is set (a 1,000-only run keeps the
 *   5,000 column);
 * - the old "Measured …" (the first line that has it) stays as "Before: measured …".
 */

/** A Markdown table: header cells and rows of cells. */
interface Table {
  header: string[];
  rows: string[][];
}

const EARLIER = ' (earlier run)';
const BEFORE = ' (before: ';

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** The first Markdown table in `text` and the text before and after it. */
function splitTable(text: string): { before: string; table: Table | null; after: string } {
  const lines = text.split('\n');
  const start = lines.findIndex((line, i) => line.trim().startsWith('|') && /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? ''));
  if (start === -1) return { before: text, table: null, after: '' };
  let end = start + 2;
  while (end < lines.length && lines[end]!.trim().startsWith('|')) end++;
  return {
    before: lines.slice(0, start).join('\n'),
    table: { header: cells(lines[start]!), rows: lines.slice(start + 2, end).map(cells) },
    after: lines.slice(end).join('\n'),
  };
}

function tableText(table: Table): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [line(table.header), `|${table.header.map(() => '---|').join('')}`, ...table.rows.map(line)].join('\n');
}

/** A cell without its own "(before: …)" and without a ✅/❌: what goes into the next run's "before". */
export function withoutBefore(cell: string): string {
  const at = cell.indexOf(BEFORE);
  return (at === -1 ? cell : cell.slice(0, at)).replace(/\s*[✅❌]/gu, '').trim();
}

const column = (name: string) => name.replace(EARLIER, '').trim();

/**
 * The new table with the old one's figures beside its own. The first column
 * names the figure, the last is the target (never "before"); the columns in
 * between are measurements.
 */
export function mergeTables(old: Table | null, next: Table, keepColumns: boolean): Table {
  if (!old) return next;
  const oldColumn = new Map(old.header.map((name, i) => [column(name), i]));
  const oldRow = new Map(old.rows.map((row) => [row[0] ?? '', row]));
  const measured = next.header.slice(1, -1);
  const kept = keepColumns ? old.header.slice(1, -1).filter((name) => !measured.some((m) => column(m) === column(name))) : [];
  const order = (name: string) => Number(column(name).replace(/[^\d]/g, '')) || 0;
  const columns = [...measured.map((name) => ({ name, kept: false })), ...kept.map((name) => ({ name, kept: true }))].sort(
    (a, b) => order(a.name) - order(b.name),
  );
  const header = [next.header[0] ?? '', ...columns.map((c) => (c.kept ? `${column(c.name)}${EARLIER}` : c.name)), next.header.at(-1) ?? ''];
  const rows = next.rows.map((row) => {
    const previous = oldRow.get(row[0] ?? '');
    const value = (c: { name: string; kept: boolean }) => {
      const at = oldColumn.get(column(c.name));
      const before = previous && at !== undefined ? previous[at] : undefined;
      if (c.kept) return before ?? '—';
      const now = row[next.header.indexOf(c.name)] ?? '';
      const was = before === undefined ? '' : withoutBefore(before);
      return was && was !== '—' && !was.startsWith('— ') ? `${now}${BEFORE}${was})` : now;
    };
    return [row[0] ?? '', ...columns.map(value), row.at(-1) ?? ''];
  });
  return { header, rows };
}

/**
 * A block's new text: `text` (a "Measured" line, notes, a table), with the
 * figures of `old` (the block's previous text, if any) as "before".
 */
export function mergeBlock(old: string | undefined, text: string, keepColumns: boolean): string {
  const next = splitTable(text);
  if (!old || !next.table) return text;
  const previous = splitTable(old);
  const measuredLine = previous.before.split('\n').find((line) => line.includes('Measured ') && !line.startsWith('Before: '));
  const table = mergeTables(previous.table, next.table, keepColumns);
  const beforeLine = measuredLine ? `\nBefore: measured ${measuredLine.slice(measuredLine.indexOf('Measured ') + 'Measured '.length)}\n` : '';
  const carried = table.header.some((name) => name.endsWith(EARLIER))
    ? '\nColumns marked "(earlier run)" were not measured in this run: their figures are the earlier run\'s.\n'
    : '';
  return `${next.before.trimEnd()}\n${beforeLine}${carried}\n${tableText(table)}\n${next.after}`;
}

/**
 * `document` with the blocks written into the section under `heading`
 * (appended to the document when missing; a block missing from the section
 * goes after the blocks already there, or at the section's top).
 */
export function writeBlocks(document: string, heading: string, blocks: { name: string; text: string; keepColumns?: boolean }[]): string {
  let start = document.indexOf(heading);
  if (start === -1) {
    document = `${document.trimEnd()}\n\n${heading}\n`;
    start = document.indexOf(heading);
  }
  const bodyStart = start + heading.length;
  const nextHeading = document.slice(bodyStart).search(/^## /m);
  const bodyEnd = nextHeading === -1 ? document.length : bodyStart + nextHeading;
  let body = document.slice(bodyStart, bodyEnd);
  for (const { name, text, keepColumns = false } of blocks) {
    const open = `<!-- ${name} -->`;
    const close = `<!-- /${name} -->`;
    const from = body.indexOf(open);
    const to = body.indexOf(close);
    if (from !== -1 && to > from) {
      const old = body.slice(from + open.length, to);
      body = `${body.slice(0, from)}${open}\n${mergeBlock(old, text, keepColumns).trim()}\n${close}${body.slice(to + close.length)}`;
    } else {
      // After the last block of this section, or first in it.
      const lastClose = [...body.matchAll(/<!-- \/[^>]+ -->/g)].at(-1);
      const at = lastClose ? (lastClose.index ?? 0) + lastClose[0].length : 0;
      body = `${body.slice(0, at)}\n\n${open}\n${text.trim()}\n${close}${at === 0 ? '\n' : ''}${body.slice(at)}`;
    }
  }
  return `${document.slice(0, bodyStart)}${body.replace(/\n{3,}/g, '\n\n')}${document.slice(bodyEnd)}`;
}
