import { canonicalJson } from './canonical.js';

/**
 * CSV for ledger exports by tenant and period (Art. 18), written a line at a time so the server can
 * stream a response straight from a database cursor without holding the export in memory.
 *
 * RFC 4180: CRLF line ends; a field holding a comma, a double quote, CR or LF is quoted, its quotes
 * doubled. Spreadsheet formula injection (OWASP "CSV Injection"): a text field starting with `=`,
 * `+`, `-`, `@`, tab or CR gets a leading `'`, so Excel and WPS show it as text instead of running
 * it; JS numbers and bigints are written as they are (`-5` is a number, not a formula), while the
 * text `"-5"` is guarded like any other.
 *
 * Values: null and undefined are empty; booleans `true`/`false`; numbers in JS form (NaN and
 * ±Infinity refused); Dates as `toISOString()`; plain objects and arrays as canonical JSON (a
 * payload column); functions and symbols refused.
 *
 * Excel in China: Excel for Windows opens a CSV without a byte-order mark in the system code page
 * (GBK, CP936 on zh-CN systems), so UTF-8 Chinese turns into mojibake; a UTF-8 BOM (U+FEFF) first
 * makes it read UTF-8. WPS copes either way. The BOM is off by default because other consumers
 * (scripts, `csv` parsers without BOM handling) then see it as part of the first header: turn it on
 * for downloads meant to be opened in a spreadsheet.
 */

export const CSV_EOL = '\r\n';
export const UTF8_BOM = '\uFEFF';

/** A column: its key in each row, and the header shown (the key itself when given as a string). */
export type CsvColumn = string | { readonly key: string; readonly header: string };

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, for Excel on Chinese Windows (see above). Default false. */
  readonly bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function text(value: unknown): { s: string; guard: boolean } {
  switch (typeof value) {
    case 'undefined':
      return { s: '', guard: false };
    case 'string':
      return { s: value, guard: true };
    case 'boolean':
      return { s: value ? 'true' : 'false', guard: false };
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`CSV field: ${value} is not a finite number`);
      return { s: String(value), guard: false };
    case 'bigint':
      return { s: String(value), guard: false };
    case 'object':
      if (value === null) return { s: '', guard: false };
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new RangeError('CSV field: invalid Date');
        return { s: value.toISOString(), guard: true };
      }
      return { s: canonicalJson(value), guard: true };
    default:
      throw new TypeError(`CSV field: a ${typeof value} has no CSV form`);
  }
}

/** One field, guarded against formula injection and quoted when it must be. */
export function csvField(value: unknown): string {
  const { s, guard } = text(value);
  const safe = guard && FORMULA_START.test(s) ? `'${s}` : s;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF included. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + CSV_EOL;
}

/** The header record, CRLF included. */
export function csvHeader(columns: readonly CsvColumn[]): string {
  return csvRow(columns.map((c) => (typeof c === 'string' ? c : c.header)));
}

/**
 * The header, then one line per row, pulling the next row only when the next line is asked for.
 * Stopping early (a client that disconnects) returns the source iterator, which closes its cursor.
 * A missing key, or one inherited rather than the row's own, is an empty field.
 */
export async function* csvLines(
  rows: AsyncIterable<Readonly<Record<string, unknown>>> | Iterable<Readonly<Record<string, unknown>>>,
  columns: readonly CsvColumn[],
  options: CsvOptions = {},
): AsyncGenerator<string, void, undefined> {
  if (columns.length === 0) throw new RangeError('csvLines: no columns');
  const keys = columns.map((c) => (typeof c === 'string' ? c : c.key));
  yield (options.bom ? UTF8_BOM : '') + csvHeader(columns);
  for await (const row of rows) yield csvRow(keys.map((k) => (Object.hasOwn(row, k) ? row[k] : undefined)));
}
