import type { Cell, StatTable } from './stat-table';

export type CsvSeparator = 'comma' | 'semicolon';

/** Excel reads UTF-8 only when the file starts with a byte-order mark. */
const BOM = '\uFEFF';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula; names typed by users must never become one (OWASP "CSV injection").
 */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

function cellText(value: Cell, decimalComma: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    const text = String(value);
    return decimalComma ? text.replace('.', ',') : text;
  }
  return defuse(value);
}

/**
 * RFC 4180 CSV with a header row of the column keys (the same keys as the JSON). The
 * semicolon variant writes decimal commas, which is what a Finnish- or Swedish-language
 * Excel expects when it opens a file by double-click.
 */
export function toCsv(table: StatTable, separator: CsvSeparator = 'comma'): string {
  const sep = separator === 'comma' ? ',' : ';';
  const decimalComma = separator === 'semicolon';
  const lines = [table.columns.map((column) => quote(column.key, sep)).join(sep)];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((column) => quote(cellText(row[column.key] ?? null, decimalComma), sep))
        .join(sep),
    );
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
