/**
 * Text for a terminal from strings AntBuddy sent: C0 controls, DEL and C1 controls removed
 * (line breaks and tabs become spaces), so a name like `\u001b[2J` or an OSC title sequence is
 * printed, not obeyed. Only for output meant for people: ndjson and --json keep the values
 * as sent (JSON escapes control characters anyway).
 */
export function forTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\t\n\v\f\r]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** Aligned columns for people; widths from the widest cell, so all rows must be known. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cleanHeaders = headers.map(forTerminal);
  const cleanRows = rows.map((row) => row.map(forTerminal));
  const widths = cleanHeaders.map((header, i) =>
    Math.max(header.length, ...cleanRows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(cleanHeaders), line(widths.map((w) => '-'.repeat(w))), ...cleanRows.map(line)]
    .map((l) => `${l}\n`)
    .join('');
}

/** Fits `text` into `width` characters (for streamed tables, whose widths are fixed up front). */
export function fit(text: string, width: number): string {
  const clean = forTerminal(text);
  if (clean.length <= width) return clean.padEnd(width);
  return `${clean.slice(0, Math.max(0, width - 1))}…`;
}
