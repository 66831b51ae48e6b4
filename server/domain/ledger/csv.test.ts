import { describe, expect, test } from 'vitest';
import { CanonicalJsonError } from './canonical.js';
import { CSV_EOL, csvField, csvHeader, csvLines, csvRow, UTF8_BOM, type CsvColumn } from './csv.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('csvField', () => {
  test.each<[string, unknown, string]>([
    ['plain text', 'abc', 'abc'],
    ['Chinese and emoji', '张三 😀', '张三 😀'],
    ['empty text', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['a comma', 'a,b', '"a,b"'],
    ['quotes, doubled', 'say "hi"', '"say ""hi"""'],
    ['LF', 'line1\nline2', '"line1\nline2"'],
    ['CR LF', 'line1\r\nline2', '"line1\r\nline2"'],
    ['a Chinese comma (not a separator)', '甲，乙', '甲，乙'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['an integer', 42, '42'],
    ['-0', -0, '0'],
    ['a decimal', 0.1, '0.1'],
    ['a bigint', 12345678901234567890n, '12345678901234567890'],
    ['a Date', new Date(Date.UTC(2026, 2, 2, 2, 0, 0, 123)), '2026-03-02T02:00:00.123Z'],
    ['an object, as canonical JSON', { b: 1, a: '张' }, '"{""a"":""张"",""b"":1}"'],
    ['an array, as canonical JSON', [1, 2], '"[1,2]"'],
  ])('%s', (_, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  test.each<[string, string]>([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example","点我")', `"'=HYPERLINK(""http://evil.example"",""点我"")"`],
    ['+86 138 0013 8000', "'+86 138 0013 8000"],
    ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['-5', "'-5"],
  ])('a text field starting a formula is guarded: %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  test('only the first character counts; numbers are never guarded', () => {
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField(' =1')).toBe(' =1');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-1n)).toBe('-1');
  });

  test('refuses values with no CSV form', () => {
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => csvField(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => csvField(() => 1)).toThrow(TypeError);
    expect(() => csvField(Symbol('s'))).toThrow(TypeError);
    expect(() => csvField({ at: new Date(0) })).toThrow(CanonicalJsonError);
  });
});

describe('csvRow and csvHeader', () => {
  test('RFC 4180 records end with CRLF', () => {
    expect(CSV_EOL).toBe('\r\n');
    expect(csvRow(['a', 1, null, 'x,y', '=bad'])).toBe(`a,1,,"x,y",'=bad\r\n`);
    expect(csvRow([])).toBe('\r\n');
  });

  test('headers are keys or given labels, guarded and quoted alike', () => {
    const columns: CsvColumn[] = ['caseId', { key: 'type', header: '事件类型' }, { key: 'x', header: '=x' }];
    expect(csvHeader(columns)).toBe(`caseId,事件类型,'=x\r\n`);
  });

  test('a field with an embedded newline stays one record for a parser', () => {
    const line = csvRow(['备注\n第二行', 'b']);
    expect(line).toBe('"备注\n第二行",b\r\n');
  });
});

describe('csvLines', () => {
  const columns: CsvColumn[] = [
    { key: 'seq', header: '序号' },
    { key: 'type', header: '类型' },
    { key: 'payload', header: '内容' },
  ];

  test('header then one line per row; missing and inherited keys are empty', async () => {
    const rows: Record<string, unknown>[] = [
      { seq: 1, type: 'CASE_OPENED', payload: { 事由: '纠纷' } },
      { seq: 2, type: 'NOTE_ADDED' },
      { seq: 3, constructor: undefined, payload: null },
    ];
    expect(await collect(csvLines(rows, [...columns, 'constructor']))).toEqual([
      '序号,类型,内容,constructor\r\n',
      '1,CASE_OPENED,"{""事由"":""纠纷""}",\r\n',
      '2,NOTE_ADDED,,\r\n',
      '3,,,\r\n',
    ]);
    expect(await collect(csvLines([{}], ['toString']))).toEqual(['toString\r\n', '\r\n']);
  });

  test('the BOM option starts the first line with U+FEFF, and only the first', async () => {
    const lines = await collect(csvLines([{ seq: 1, type: 'x', payload: null }], columns, { bom: true }));
    expect(UTF8_BOM).toBe('\uFEFF');
    expect(lines[0]).toBe('\uFEFF序号,类型,内容\r\n');
    expect(lines[1]).toBe('1,x,\r\n');
    expect(Buffer.from(lines.join(''), 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect((await collect(csvLines([], columns)))[0]?.startsWith('\uFEFF')).toBe(false);
  });

  test('refuses an export with no columns', async () => {
    await expect(collect(csvLines([], []))).rejects.toThrow(RangeError);
  });

  test('10,000 rows stream through lazily: never more than one row ahead of the consumer', async () => {
    const total = 10_000;
    let produced = 0;
    async function* rows() {
      for (let i = 1; i <= total; i++) {
        produced++;
        yield { seq: i, type: i % 2 ? 'NOTE_ADDED' : 'REPLIED', payload: { i, note: `第${i}条` } };
      }
    }
    const lines = csvLines(rows(), columns)[Symbol.asyncIterator]();

    const header = await lines.next();
    expect(header.value).toBe('序号,类型,内容\r\n');
    expect(produced).toBe(0);

    let consumed = 0;
    let maxAhead = 0;
    let last = '';
    for (let r = await lines.next(); !r.done; r = await lines.next()) {
      consumed++;
      maxAhead = Math.max(maxAhead, produced - consumed);
      last = r.value;
    }
    expect(consumed).toBe(total);
    expect(produced).toBe(total);
    expect(maxAhead).toBe(0);
    expect(last).toBe('10000,REPLIED,"{""i"":10000,""note"":""第10000条""}"\r\n');
  });

  test('stopping early closes the source (a client that disconnects releases the cursor)', async () => {
    let produced = 0;
    let closed = false;
    async function* rows() {
      try {
        for (let i = 1; ; i++) {
          produced++;
          yield { seq: i, type: 'NOTE_ADDED', payload: null };
        }
      } finally {
        closed = true;
      }
    }
    let seen = 0;
    for await (const _line of csvLines(rows(), columns)) if (++seen === 5) break;
    expect(produced).toBe(4);
    expect(closed).toBe(true);
  });

  test('an error in a row surfaces from the stream at that row', async () => {
    const rows = [{ seq: 1, type: 'x', payload: null }, { seq: Number.NaN, type: 'x', payload: null }];
    const lines = csvLines(rows, columns);
    expect((await lines.next()).value).toBe('序号,类型,内容\r\n');
    expect((await lines.next()).value).toBe('1,x,\r\n');
    await expect(lines.next()).rejects.toThrow(RangeError);
  });
});
