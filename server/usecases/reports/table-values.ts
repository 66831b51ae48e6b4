/**
 * The cells of a streamed table (table.ts): column types, and a value as CSV and as XLSX writes it.
 */
import { civilDateAt, isCivilDate, SHANGHAI_OFFSET_MS } from '../../domain/calendar/civil-date.js';

export type ColumnType = 'text' | 'integer' | 'decimal' | 'percent' | 'datetime' | 'date';
export type CellValue = string | number | boolean | Date | null | undefined;

export interface TableColumn {
  /** Stable English key: the row property read. */
  readonly key: string;
  /** The header shown (zh-CN). */
  readonly header: string;
  /** Default 'text'. */
  readonly type?: ColumnType;
  /** Decimal places of a decimal or percent column. */
  readonly decimals?: number;
  /** XLSX width in characters (a Chinese character counts two); default from the type and header. */
  readonly width?: number;
}

export interface TableSpec {
  readonly columns: readonly TableColumn[];
  /** XLSX sheet name: at most 31 characters, none of : \ / ? * [ ]. */
  readonly sheetName: string;
  /** XLSX only: a bold title row above the header (tenant, period). CSV stays one header row, then data. */
  readonly title?: string;
}

export type TableRow = Readonly<Record<string, CellValue>>;

const WALL = (d: Date) => new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();
/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai. */
export const shanghaiDateTime = (d: Date) => {
  const w = WALL(d);
  return `${w.slice(0, 10)} ${w.slice(11, 16)}`;
};

const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const decimalsOf = (c: TableColumn) => c.decimals ?? (c.type === 'decimal' ? 2 : c.type === 'percent' ? 1 : 0);
const rounded = (n: number, places: number) => Number(n.toFixed(places));

/** A value as a CSV field value (csvRow quotes and guards it). */
export function csvValue(c: TableColumn, v: CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  switch (c.type ?? 'text') {
    case 'integer':
    case 'decimal':
      return isNumber(v) ? rounded(v, decimalsOf(c)) : String(v);
    case 'percent':
      return isNumber(v) ? `${(v * 100).toFixed(decimalsOf(c))}%` : String(v);
    case 'date':
      return isDate(v) ? civilDateAt(v) : String(v);
    default:
      return isDate(v) ? shanghaiDateTime(v) : typeof v === 'number' ? (Number.isFinite(v) ? v : null) : v;
  }
}

const NUM_FMT: Partial<Record<ColumnType, (c: TableColumn) => string>> = {
  integer: () => '0',
  decimal: (c) => (decimalsOf(c) > 0 ? `0.${'0'.repeat(decimalsOf(c))}` : '0'),
  percent: (c) => (decimalsOf(c) > 0 ? `0.${'0'.repeat(decimalsOf(c))}%` : '0%'),
  datetime: () => 'yyyy-mm-dd hh:mm',
  date: () => 'yyyy-mm-dd',
};

/** A value as an XLSX cell value and its number format (none for text). */
export function xlsxValue(c: TableColumn, v: CellValue): { value: string | number | Date | null; numFmt?: string } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'boolean') return { value: v ? '是' : '否' };
  const type = c.type ?? 'text';
  const fmt = NUM_FMT[type]?.(c);
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return isNumber(v) ? { value: v, numFmt: fmt } : { value: String(v) };
    case 'datetime':
      // exceljs turns a Date into an Excel serial through UTC: hand it the wall time as UTC.
      return isDate(v) ? { value: new Date(v.getTime() + SHANGHAI_OFFSET_MS), numFmt: fmt } : { value: String(v) };
    case 'date':
      if (isDate(v)) return { value: new Date(`${civilDateAt(v)}T00:00:00Z`), numFmt: fmt };
      return typeof v === 'string' && isCivilDate(v) ? { value: new Date(`${v}T00:00:00Z`), numFmt: fmt } : { value: String(v) };
    default:
      if (isDate(v)) return { value: new Date(v.getTime() + SHANGHAI_OFFSET_MS), numFmt: NUM_FMT.datetime!(c) };
      return { value: isNumber(v) ? v : String(v) };
  }
}

export const cellOf = (row: TableRow, key: string): CellValue => (Object.hasOwn(row, key) ? row[key] : undefined);

/** Display width in Excel character units: CJK and full-width characters count two. */
const displayWidth = (s: string) => Array.from(s).reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
const TYPE_WIDTH: Record<ColumnType, number> = { text: 12, integer: 8, decimal: 10, percent: 9, datetime: 17, date: 11 };
export const widthOf = (c: TableColumn) => c.width ?? Math.max(TYPE_WIDTH[c.type ?? 'text'], displayWidth(c.header) + 2);

export function checkSpec(spec: TableSpec) {
  if (spec.columns.length === 0) throw new RangeError('table: no columns');
  const keys = new Set(spec.columns.map((c) => c.key));
  if (keys.size !== spec.columns.length) throw new RangeError('table: column keys must be unique');
  if (!spec.sheetName || spec.sheetName.length > 31 || /[:\\/?*[\]]/.test(spec.sheetName)) throw new RangeError(`table: bad sheet name ${JSON.stringify(spec.sheetName)}`);
}

