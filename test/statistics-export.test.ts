import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ok, startTestApp, type TestApp } from './helpers.js';

/**
 * The statistics export (/reports/statistics.csv|xlsx): the same figures as the `statistics` query,
 * this period beside the previous one, under the same rules; never any personal data.
 */
let t: TestApp;
let supervisor: string;
let staff: string;
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function get(path: string, token: string | null) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return t.app.fetch(new Request(`http://127.0.0.1${path}`, { headers }));
}

/** CSV rows as arrays of fields (the export quotes nothing here: no commas in its labels). */
function csvRows(body: string): string[][] {
  return body.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
}

beforeAll(async () => {
  t = await startTestApp();
  supervisor = await t.login('yubei.supervisor');
  staff = await t.login('longxi.staff');
});
afterAll(() => t?.close());

const STATS = `query($d: Date!) { statistics(subtree: true, period: { kind: MONTH, date: $d }) {
  received { total } resolved { total onTimeCommitted { rate } } ratings { total }
  previous { received { total } } byTenant { tenant { name } includesSubtree received } } }`;

describe('statistics export', () => {
  test('CSV: the month and the one before, figure by figure, equal to the statistics query', async () => {
    const res = await get(`/reports/statistics.csv?subtree=1&kind=MONTH&date=${today}`, supervisor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`statistics-yubei-subtree-${today.slice(0, 8)}01-`);
    const body = await res.text();
    const rows = csvRows(body);
    expect(rows[0]).toEqual(['类别', '项目', '单位', '本期', '上期', '增减']);
    const s = ok(await t.gql(STATS, { d: today }, supervisor)).statistics;
    const row = (item: string) => rows.find((r) => r[1] === item);
    expect(row('受理总数')).toEqual(['受理', '受理总数', '件', String(s.received.total), String(s.previous.received.total), String(s.received.total - s.previous.received.total)]);
    expect(row('办结总数')![3]).toBe(String(s.resolved.total));
    expect(row('评价总数')![3]).toBe(String(s.ratings.total));
    // Every child of 渝北 has its own rows, its subtree included; 渝北's own cases are a row too.
    for (const b of s.byTenant) {
      const name = `${b.tenant.name}${b.includesSubtree ? '（含下级）' : '（本级）'}：受理`;
      expect(row(name)?.[3]).toBe(String(b.received));
    }
    expect(body).toContain('渝北区龙溪司法所（含下级）：受理');
    // No personal data: no demo phone number, no name of a requester.
    expect(body).not.toMatch(/1[3-9]\d{9}/);
  });

  test('XLSX: one sheet with a title and the same rows', async () => {
    const csv = csvRows(await (await get(`/reports/statistics.csv?subtree=1&date=${today}`, supervisor)).text());
    const res = await get(`/reports/statistics.xlsx?subtree=1&date=${today}`, supervisor);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = book.getWorksheet('统计报表')!;
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (r) => rows.push([1, 2, 3, 4, 5, 6].map((i) => (r.getCell(i).value === null ? '' : String(r.getCell(i).value)))));
    expect(rows[0]![0]).toContain('统计报表');
    expect(rows[0]![0]).toContain('重庆市渝北区司法局（含下级单位）');
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual(csv.map((r) => r.slice(0, 4)));
  });

  test('the same rules as the query: a sign-in, staff only for their own tenant, periods checked', async () => {
    expect((await get(`/reports/statistics.csv`, null)).status).toBe(401);
    const sub = await get(`/reports/statistics.csv?subtree=1`, staff);
    expect(sub.status).toBe(403);
    expect((await get(`/reports/statistics.csv`, staff)).status).toBe(200);
    const kind = await get(`/reports/statistics.csv?kind=DECADE`, supervisor);
    expect(kind.status).toBe(400);
    expect(Object.keys(((await kind.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual(['kind']);
    const custom = await get(`/reports/statistics.csv?kind=CUSTOM&from=2026-05-01&to=2026-04-01`, supervisor);
    expect(custom.status).toBe(400);
    const text = await custom.text();
    expect(text).toContain('from');
    expect(text).not.toMatch(/select|stack|\.ts:/i);
  });
});

describe('contact compliance in the statistics (Art. 21)', () => {
  test('the same numbers as contactCompliance for the tenant and month; rolled up over the subtree for the root', async () => {
    const hotline = await t.login('hotline.supervisor');
    const s = ok(await t.gql(`query($d: Date!) { statistics(period: { kind: MONTH, date: $d }) { period { from to } contacts { channel total answered answeredInTime abandoned } } }`, { d: today }, hotline)).statistics;
    const c = ok(await t.gql(`query($f: Date!, $t: Date!) { contactCompliance(from: $f, to: $t) { channels { channel total answered answeredInTime abandoned } } }`, { f: s.period.from, t: s.period.to }, hotline)).contactCompliance;
    expect(s.contacts).toEqual(c.channels);
    expect(s.contacts.map((x: { channel: string }) => x.channel)).toEqual(['HOTLINE', 'CHAT', 'MESSAGE']);
    // The demo's 12348 centre has contacts over the last three weeks.
    expect(s.contacts.reduce((n: number, x: { total: number }) => n + x.total, 0)).toBeGreaterThan(0);
    const root = ok(await t.gql(`query($d: Date!) { statistics(subtree: true, period: { kind: MONTH, date: $d }) { contacts { channel total } } }`, { d: today }, await t.login('city.supervisor'))).statistics;
    const byChannel = (xs: { channel: string; total: number }[]) => Object.fromEntries(xs.map((x) => [x.channel, x.total]));
    for (const [channel, total] of Object.entries(byChannel(s.contacts))) expect(byChannel(root.contacts)[channel]).toBeGreaterThanOrEqual(total as number);
  });
});
