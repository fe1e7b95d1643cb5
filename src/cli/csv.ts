/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): starting with `=`, `+`,
 * `-` or `@` (after any leading spaces, which some spreadsheets skip), or with a tab or a
 * carriage return. The API's strings are not ours (a caller name, a queue), so such cells get
 * a leading `'`, which spreadsheets read as "this is text". That includes phone numbers such as
 * `+84912345678`, which come out as `'+84912345678`: a spreadsheet shows them as text (keeping
 * the +, where it would otherwise drop it and read a number); scripts strip one leading `'`.
 */
const FORMULA_START = /^(?:[\t\r]| *[=+\-@])/;

/**
 * RFC 4180 quoting: a field is quoted when it holds a comma, quote, CR or LF, or edge spaces;
 * string cells that could start a formula are prefixed with `'` first. Numbers are written as
 * they are: a number cannot hold a formula, and `-5` must stay a number.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  if (/[",\r\n]/.test(text) || text !== text.trim()) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
