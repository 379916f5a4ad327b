/**
 * CSV for the report exports (RFC 4180: comma-separated, CRLF line ends),
 * safe to open in a spreadsheet however it splits the file. A cell that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
 * formula (OWASP, "CSV Injection"), and report cells hold customer text
 * (failed searches, no-match questions, ticket subjects). So every text cell
 * is quoted, and an apostrophe goes before a formula character at its start
 * and after every `;` or `,` inside it (spaces, quotes between): Dutch and
 * German Excel split at `;`, other readers at `,`, and some ignore quotes —
 * no way of splitting `zzq;=1+1;` then yields a formula cell.
 */

import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errorResponse, json } from '../http/validation.ts';

/** A value of one cell; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * A formula character at the start of a cell or right after a separator
 * (`;` or `,`); spaces and double quotes between allowed, since a reader may
 * strip those from a cell it split out.
 */
const FORMULA_AT_CELL_START = /(^|[;,])([ "]*)([=+\-@\t\r])/g;

/**
 * One cell as text: a string is neutralised and always quoted; numbers and
 * booleans are written plainly (they cannot hold a formula).
 *
 * @example csvCell('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 * @example csvCell('zzq;=1+1;') // `"zzq;'=1+1;"`
 * @example csvCell(2.5) // '2.5'
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = value.replace(FORMULA_AT_CELL_START, "$1$2'$3");
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A whole CSV document: the header line, then one line per row.
 *
 * @example toCsv(['wording', 'count'], [['retour', 3]]) // 'wording,count\r\nretour,3\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A report's CSV as a download named `<name>.csv`. */
export function csvDownload(c: Context, name: string, text: string): Response {
  return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` });
}

/** The OpenAPI responses of a report that answers as JSON or (`format=csv`) as CSV, its filters in the query. */
export function reportResponses(schema: z.ZodType, description: string) {
  return {
    200: { description, content: { ...json(schema), 'text/csv': { schema: z.string() } } },
    400: errorResponse('A query parameter is wrong; `field` names it.'),
  };
}
