/**
 * CSV for the report exports (RFC 4180: comma-separated, CRLF line ends,
 * fields with a comma, quote or line break in double quotes), safe to open
 * in a spreadsheet: a cell that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be read as a formula (OWASP, "CSV Injection"), so it
 * gets a leading apostrophe. Report cells hold customer text (failed
 * searches, no-match questions, ticket subjects), so this matters.
 */

/** A value of one cell; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as text: formula starts neutralised, then quoted when needed.
 *
 * @example csvCell('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 * @example csvCell(2.5) // '2.5'
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document: the header line, then one line per row.
 *
 * @example toCsv(['wording', 'count'], [['retour', 3]]) // 'wording,count\r\nretour,3\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
