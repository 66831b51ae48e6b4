/**
 * A table written as a byte stream (reports and exports, Art. 18): columns plus an async iterable
 * of rows become CSV or XLSX, produced only as fast as the client reads, so a long period never
 * sits in memory. Rows are pulled from the iterable when the stream wants more; cancelling the
 * stream (a client that goes away) returns the iterable, which ends its reads.
 *
 * Values by column type (the same meaning in both formats):
 * - text: strings as they are (a Date is written as a date-time, a number as a number);
 * - integer, decimal: numbers (`decimals` places, default 0 and 2); percent: a fraction (0.975),
 *   shown with `decimals` places (default 1) as 97.5%;
 * - datetime: a Date, shown as Asia/Shanghai wall time 'YYYY-MM-DD HH:mm';
 * - date: a civil date 'YYYY-MM-DD' (or a Date, taken in Asia/Shanghai).
 * null and undefined are empty cells; a value that does not fit its column's type (a '—' in a
 * percent column) is written as text rather than refused halfway through a download.
 *
 * CSV: RFC 4180 with formula-injection guards (server/domain/ledger/csv.ts), one header row of the
 * zh-CN headers, a UTF-8 byte-order mark by default so Excel on Chinese Windows reads UTF-8.
 * Numbers are plain (97.5% is written "97.5%", which spreadsheets read as a percentage).
 *
 * XLSX: exceljs's streaming WorkbookWriter onto the response, inline strings (no shared-string
 * table to hold), one sheet: an optional bold title row merged across the columns, a bold header
 * row, frozen panes below it, column widths; numbers as numbers and dates as real Excel dates.
 * Excel dates carry no zone: a datetime is written as its Asia/Shanghai wall time (what a bureau
 * reads), so a reader of the file gets back a Date whose UTC fields are that wall time.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvRow, UTF8_BOM } from '../../domain/ledger/csv.js';
import { cellOf, checkSpec, csvValue, type TableRow, type TableSpec, widthOf, xlsxValue } from './table-values.js';

export type { CellValue, ColumnType, TableColumn, TableRow, TableSpec } from './table-values.js';
export { shanghaiDateTime } from './table-values.js';

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export const TABLE_MEDIA_TYPE: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface TableStreamOptions {
  /** CSV: start with a UTF-8 byte-order mark (for Excel). Default true. */
  readonly bom?: boolean;
}

/** The table as a byte stream in `format`. Checks the spec at once (a bad spec is a bug, not a half-sent file). */
export function tableStream(format: TableFormat, spec: TableSpec, rows: AsyncIterable<TableRow>, options: TableStreamOptions = {}): ReadableStream<Uint8Array> {
  checkSpec(spec);
  return format === 'csv' ? csvStream(spec, rows, options.bom ?? true) : xlsxStream(spec, rows);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** About this many characters per chunk handed to the client. */
const CSV_CHUNK_CHARS = 32 * 1024;

function csvStream(spec: TableSpec, rows: AsyncIterable<TableRow>, bom: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // The header goes out before the first row is read: the download starts at once.
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode((bom ? UTF8_BOM : '') + csvRow(spec.columns.map((c) => c.header))));
        return;
      }
      let text = '';
      while (text.length < CSV_CHUNK_CHARS) {
        const next = await iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += csvRow(spec.columns.map((c) => csvValue(c, cellOf(next.value, c.key))));
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Rows written per pull. */
const XLSX_ROWS_PER_PULL = 500;
/** The stream asks for more while less than this many bytes wait for the client. */
const XLSX_QUEUE_BYTES = 256 * 1024;
/** Sheet XML allowed to wait for the compressor before writing pauses. */
const XLSX_INTAKE_BYTES = 1024 * 1024;

type Intake = { _writableState?: { length?: number }; once(event: string, fn: () => void): unknown; off(event: string, fn: () => void): unknown };

/**
 * Where exceljs puts the sheet's XML on its way into the zip. exceljs (4.4.0, pinned) writes into
 * it without heeding backpressure, and compression runs behind on the thread pool, so XML would
 * pile up there as fast as rows are written. Null if a later exceljs is shaped differently (then
 * only the client's pace holds writing back; test/reports.test.ts would not notice, the memory would).
 */
function sheetIntake(sheet: ExcelJS.Worksheet): Intake | null {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const intake = pipes?.[0] as Intake | undefined;
  return intake && typeof intake._writableState?.length === 'number' && typeof intake.once === 'function' ? intake : null;
}

/**
 * Writing is paced twice: rows are written only when the stream asks for more (less than
 * XLSX_QUEUE_BYTES wait for the client), and a pull waits while more than XLSX_INTAKE_BYTES of XML
 * wait for the compressor. What is held at any moment is about one pull of rows, the intake
 * allowance and the bytes the client has not read yet, whatever the period.
 */
function xlsxStream(spec: TableSpec, rows: AsyncIterable<TableRow>): ReadableStream<Uint8Array> {
  const iterator = rows[Symbol.asyncIterator]();
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let state: 'writing' | 'committing' | 'ended' = 'writing';
  let stopWaiting = () => {};
  const abort = () => {
    state = 'ended';
    stopWaiting();
    (workbook as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
    out.destroy();
  };

  const headerRowNumber = spec.title ? 2 : 1;
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: headerRowNumber }] });
  sheet.columns = spec.columns.map((c) => ({ key: c.key, width: widthOf(c) }));
  if (spec.title) {
    const title = sheet.addRow([spec.title]);
    title.getCell(1).font = { bold: true, size: 14 };
    title.height = 24;
    if (spec.columns.length > 1) sheet.mergeCells(1, 1, 1, spec.columns.length);
    title.commit();
  }
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.commit();
  const intake = sheetIntake(sheet);

  /** Until the compressor has taken the XML waiting for it (the intake empties: `drain`), or the stream ends. */
  const compressorCaughtUp = async () => {
    while (intake && state === 'writing' && (intake._writableState?.length ?? 0) > XLSX_INTAKE_BYTES) {
      await new Promise<void>((resolve) => {
        const done = () => {
          intake.off('drain', done);
          intake.off('close', done);
          intake.off('error', done);
          resolve();
        };
        stopWaiting = done;
        intake.once('drain', done);
        intake.once('close', done);
        intake.once('error', done);
      });
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        out.on('data', (chunk: Buffer) => {
          if (state !== 'ended') controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        });
        out.on('end', () => {
          if (state === 'committing') {
            state = 'ended';
            controller.close();
          }
        });
        out.on('error', (err) => {
          if (state !== 'ended') {
            state = 'ended';
            controller.error(err);
          }
        });
      },
      async pull() {
        if (state !== 'writing') return;
        try {
          for (let n = 0; n < XLSX_ROWS_PER_PULL; n++) {
            const next = await iterator.next();
            if (next.done) {
              state = 'committing';
              sheet.commit();
              await workbook.commit(); // the rest of the package; `end` on `out` closes the stream
              return;
            }
            const row = sheet.addRow(spec.columns.map(() => null));
            spec.columns.forEach((c, i) => {
              const { value, numFmt } = xlsxValue(c, cellOf(next.value, c.key));
              const cell = row.getCell(i + 1);
              cell.value = value;
              if (numFmt) cell.numFmt = numFmt;
            });
            row.commit();
          }
          await compressorCaughtUp();
        } catch (err) {
          abort();
          throw err;
        }
      },
      async cancel() {
        abort();
        await iterator.return?.();
      },
    },
    { highWaterMark: XLSX_QUEUE_BYTES, size: (chunk) => chunk.byteLength },
  );
}
