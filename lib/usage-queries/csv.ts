// RFC 4180 CSV: fields holding a comma, a double quote or a line break are quoted, quotes inside doubled,
// records end with CRLF.

/** Text a spreadsheet would run as a formula; model names come from API clients, so they are not trusted. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsvRecord(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(toCsvField).join(',')}\r\n`;
}
