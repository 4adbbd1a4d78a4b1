// CSV for downloads: RFC 4180 (comma-separated, CRLF line ends, fields quoted when they hold a quote, comma or
// line break, quotes doubled), with cells a spreadsheet would run as a formula defused.

/** Leading characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: a would-be formula gets a leading quote mark, then the field is quoted if it needs to be. */
export function toCsvField(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A whole document: the header line, one line per row, every line ended by CRLF. */
export function formatCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [header, ...rows].map((fields) => fields.map(toCsvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
