import ExcelJS from 'exceljs';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tenants, users } from '../schema/db/tenancy.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { withTenant } from '../server/db/with-tenant.js';
import { encodeGlobalId } from '../server/graphql/global-id.js';
import { reportRoutes } from '../server/pages/reports.js';
import { resolveCase, startCase } from '../server/usecases/cases/lifecycle.js';
import { openCase, type OpenCaseInput } from '../server/usecases/cases/open-case.js';
import { rateCase, submitInquiry } from '../server/usecases/cases/public-self-service.js';
import { runAs } from '../server/usecases/context.js';
import { authorizeLedgerReport, LEDGER_REPORT_COLUMNS, ledgerReportRows, ledgerReportSpec, type ReadRunner } from '../server/usecases/reports/ledger-report.js';
import { tableStream } from '../server/usecases/reports/table.js';
import { startTestApp, type TestApp } from './helpers.js';

/**
 * The work-ledger report (工作台账, Art. 18; issue 7 "Reports and exports"): GET
 * /reports/ledger.csv|xlsx lists exactly the cases received in a period (Asia/Shanghai days) whose
 * handler is the tenant asked (or, with subtree=1, any tenant under it), in order of receipt, with
 * the requester masked (Art. 26), sensitive cases (Art. 11) only for those who may see them, a law
 * firm's confidential content blanked, and refusals as JSON with 401/403/400. It streams batch by
 * batch: a small batch size still gives every row once, in order.
 *
 * The cases are opened at fixed times in March 2026 through the use cases (runAs with `now`): the
 * demo's cases all lie in the week before the seeding time, so these weeks hold only what is here.
 */

let t: TestApp;
const tok: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};
const tenantIds: Record<string, string> = {};

const SUFFIX = Math.random().toString(36).slice(2, 8);
/** Shanghai wall time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

// People whose details must never leave in full (Art. 26).
const ZHANG = { name: '张三丰', phone: '13812345678', residentId: '11010519491231002X' };
const LI = { name: '李四', phone: '13912345678' };
const WANG = { name: '王五', phone: '13700004321' };
const ZHAO = { name: '赵六', phone: '13600001111' };
const FULL = [ZHANG.name, ZHANG.phone, ZHANG.residentId, LI.name, LI.phone, WANG.name, WANG.phone, ZHAO.name, ZHAO.phone];

const as = (username: string) => viewers[username]!;
async function open(username: string, when: string, input: Partial<OpenCaseInput> & { subject: string }) {
  const loaded = await runAs(t.database, t.config, as(username), (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', ...input } as OpenCaseInput), at(when));
  return { id: loaded.row.id, number: loaded.row.number, version: loaded.row.version, receivedAt: at(when) };
}

/** One response: status, headers, the body bytes read chunk by chunk as a client would. */
async function fetchReport(path: string, params: Record<string, string>, token: string | null, viaRoutes?: { batchSize: number }) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const request = new Request(`http://127.0.0.1${path}?${new URLSearchParams(params)}`, { headers });
  const res = viaRoutes ? await reportRoutes(request, t.config, t.database, t.app.services.tokens, viaRoutes) : await t.app.fetch(request);
  const chunks: Uint8Array[] = [];
  const reader = res.body!.getReader();
  for (let n = 0; n < 100_000; n++) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** RFC 4180, enough for what the report writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const HEADERS = ['编号', '渠道', '受理时间', '来访人', '联系电话', '事项', '服务事项', '处理方式', '承办单位', '承办人', '法定时限', '承诺时限', '办理状态', '办结时间', '办理结果', '是否按时', '评价'];

/** The CSV's data rows, after checking the byte-order mark and the header. */
function csvRows(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(HEADERS);
  return rows;
}

/** The XLSX's sheet as text rows (dates as their wall time, as the CSV shows them): title, header, data. */
async function xlsxSheet(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(['工作台账']);
  const sheet = book.getWorksheet('工作台账')!;
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    // Written as Shanghai wall time (Excel dates have no zone): the UTC fields are the wall time.
    if (v instanceof Date) return `${v.toISOString().slice(0, 10)} ${v.toISOString().slice(11, 16)}`;
    return String(v);
  };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: HEADERS.length }, (_, i) => text(row.getCell(i + 1).value)));
  });
  return { sheet, rows };
}

const period = { from: '2026-03-09', to: '2026-03-13' };
const YUBEI = '重庆市渝北区司法局';
const WU = '渝北窗口 吴婷';
const CONFIDENTIAL = '（律师事务所保密事项）';

let A: { number: string }, B: { number: string }, C: { number: string }, D: { number: string }, E: { number: string }, F2: { number: string };
const subject = (s: string) => `${s} R${SUFFIX}`;

beforeAll(async () => {
  t = await startTestApp();
  const names = ['yubei.staff', 'yubei.supervisor', 'yubei.admin', 'longxi.staff', 'mingli.lawyer', 'city.supervisor', 'yuzhong.admin', 'yuzhong.staff'];
  for (const u of await t.database.db.select().from(users).where(inArray(users.username, names))) {
    viewers[u.username] = { userId: u.id, tenantId: u.tenantId, username: u.username, roles: u.roles as Viewer['roles'] };
  }
  for (const r of await t.database.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants)) tenantIds[r.slug] = encodeGlobalId('Tenant', r.id);
  for (const u of names) tok[u] = await t.login(u);

  // A: walk-in legal consultation, answered in half an hour.
  const a = await open('yubei.staff', '2026-03-09T09:30:00', { subject: subject('劳动合同解除咨询'), requester: ZHANG });
  const a1 = await runAs(t.database, t.config, as('yubei.staff'), (ctx) => startCase(ctx, { id: a.id, version: a.version, strategy: 'ANSWER' }), at('2026-03-09T09:35:00'));
  await runAs(t.database, t.config, as('yubei.staff'), (ctx) =>
    resolveCase(ctx, { id: a.id, version: a1.row.version, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'LEGAL', summary: '已告知解除劳动合同的法定条件与经济补偿', legalBasis: '《中华人民共和国劳动合同法》第四十六条', riskNotice: '请保留书面证据' }),
    at('2026-03-09T10:00:00'),
  );
  A = a;

  // B: a message left online (nobody assigned), guided after the committed limit, rated 满意.
  const receipt = await runAs(t.database, t.config, null, (ctx) => submitInquiry(ctx, { tenantSlug: 'yubei', subject: subject('邻里纠纷如何调解'), description: '楼上漏水多次协商未果', name: LI.name, phone: LI.phone }), at('2026-03-10T14:00:00'), { clientKey: `reports-${SUFFIX}` });
  const b1 = await runAs(t.database, t.config, as('yubei.staff'), (ctx) => startCase(ctx, { id: receipt.loaded.row.id, version: receipt.loaded.row.version, strategy: 'GUIDE' }), at('2026-03-11T09:00:00'));
  await runAs(t.database, t.config, as('yubei.staff'), (ctx) =>
    resolveCase(ctx, { id: b1.row.id, version: b1.row.version, outcome: 'GUIDED', strategy: 'GUIDE', category: 'POLICY', summary: '已告知向龙溪街道人民调解委员会申请调解' }),
    at('2026-03-16T10:00:00'),
  );
  await runAs(t.database, t.config, null, (ctx) => rateCase(ctx, { code: receipt.trackingCode, secret: receipt.secret, level: 'SATISFIED' }), at('2026-03-16T12:00:00'), { clientKey: `reports-${SUFFIX}` });
  B = { number: receipt.loaded.row.number };

  // C: a sensitive hotline call (Art. 11), still open.
  C = await open('yubei.staff', '2026-03-11T08:00:00', { channel: 'HOTLINE', subject: subject('信访相关敏感事项'), requester: WANG, sensitive: true });
  // D: below yubei (龙溪司法所); E: the law firm under yubei, its content confidential to it.
  D = await open('longxi.staff', '2026-03-12T10:00:00', { subject: subject('土地承包经营权咨询') });
  E = await open('mingli.lawyer', '2026-03-12T11:00:00', { subject: subject('股权转让纠纷委托'), requester: ZHAO });
  // The period's edges, in Shanghai days: 23:59 on the Sunday before and 00:00 on the Saturday after are out.
  await open('yubei.staff', '2026-03-08T23:59:00', { subject: subject('期前事项') });
  F2 = await open('yubei.staff', '2026-03-13T23:59:00', { subject: subject('期末事项') });
  await open('yubei.staff', '2026-03-14T00:00:00', { subject: subject('期后事项') });
  // Another district in the same week: never in yubei's report.
  await open('yuzhong.staff', '2026-03-10T10:00:00', { subject: subject('渝中同期事项') });
});
afterAll(() => t?.close());

// Due dates by hand (defaults: consultation statutory 5, committed 3 working days; the start day not
// counted; a day's limit ends at 23:59:59.999; no holidays or closures in March 2026):
// A received Mon 03-09 → committed Thu 03-12, statutory Mon 03-16.
// B received Tue 03-10 → committed Fri 03-13, statutory Tue 03-17; resolved Mon 03-16 10:00: late
//   on the committed clock, so not on time.
// C received Wed 03-11 → committed Mon 03-16, statutory Wed 03-18.
// D, E received Thu 03-12 → committed Tue 03-17, statutory Thu 03-19.
// F2 received Fri 03-13 23:59 → committed Wed 03-18, statutory Fri 03-20.
const rowA = () => [A.number, '窗口', '2026-03-09 09:30', '张**', '138****5678', subject('劳动合同解除咨询'), '', '咨询解答', YUBEI, WU, '2026-03-16 23:59', '2026-03-12 23:59', '已办结', '2026-03-09 10:00', '已解答', '是', ''];
const rowB = () => [B.number, '网上留言', '2026-03-10 14:00', '李*', '139****5678', subject('邻里纠纷如何调解'), '', '引导办理', YUBEI, '', '2026-03-17 23:59', '2026-03-13 23:59', '已结案', '2026-03-16 10:00', '引导办理', '否', '满意'];
const rowC = () => [C.number, '12348热线', '2026-03-11 08:00', '王*', '137****4321', subject('信访相关敏感事项'), '', '', YUBEI, WU, '2026-03-18 23:59', '2026-03-16 23:59', '已受理', '', '', '—', ''];
const rowD = () => [D.number, '窗口', '2026-03-12 10:00', '', '', subject('土地承包经营权咨询'), '', '', '渝北区龙溪司法所', '龙溪司法所 郑强', '2026-03-19 23:59', '2026-03-17 23:59', '已受理', '', '', '—', ''];
const rowE = (visible: boolean) => [E.number, '窗口', '2026-03-12 11:00', visible ? '赵*' : '', visible ? '136****1111' : '', visible ? subject('股权转让纠纷委托') : CONFIDENTIAL, '', '', '重庆两江明理律师事务所', '明理律所 钱律师', '2026-03-19 23:59', '2026-03-17 23:59', '已受理', '', '', '—', ''];
const rowF2 = () => [F2.number, '窗口', '2026-03-13 23:59', '', '', subject('期末事项'), '', '', YUBEI, WU, '2026-03-20 23:59', '2026-03-18 23:59', '已受理', '', '', '—', ''];

function expectNoPersonalData(text: string) {
  for (const s of FULL) expect(text, `${s} must not appear in full`).not.toContain(s);
}

describe('GET /reports/ledger.csv', () => {
  test("a supervisor gets exactly the tenant's cases received in the period, in order, masked", async () => {
    const { res, text } = await fetchReport('/reports/ledger.csv', { tenantId: tenantIds.yubei!, ...period }, tok['yubei.supervisor']!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('filename="ledger-yubei-2026-03-09-2026-03-13.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The sensitive C is there for the supervisor (Art. 11); D and E are below yubei; the edges are out.
    expect(csvRows(text)).toEqual([rowA(), rowB(), rowC(), rowF2()]);
    expectNoPersonalData(text);
  });

  test('a sensitive case is left out for a viewer who may not see it, and shown to its first responder', async () => {
    // yubei.admin is an ADMIN, not a SUPERVISOR: sensitive cases are not theirs to see (Art. 11).
    const admin = await fetchReport('/reports/ledger.csv', { tenantId: tenantIds.yubei!, ...period }, tok['yubei.admin']!);
    expect(csvRows(admin.text)).toEqual([rowA(), rowB(), rowF2()]);
    expect(admin.text).not.toContain(C.number);
    expect(admin.text).not.toContain('信访相关敏感事项');
    // STAFF report on their own tenant (the tenant defaults to the viewer's); C's first responder sees it.
    const staff = await fetchReport('/reports/ledger.csv', period, tok['yubei.staff']!);
    expect(csvRows(staff.text)).toEqual([rowA(), rowB(), rowC(), rowF2()]);
  });

  test('subtree=1 adds the tenants below, with a law firm’s confidential content blanked', async () => {
    const { res, text } = await fetchReport('/reports/ledger.csv', { tenantId: tenantIds.yubei!, ...period, subtree: '1' }, tok['yubei.supervisor']!);
    expect(res.status).toBe(200);
    expect(csvRows(text)).toEqual([rowA(), rowB(), rowC(), rowD(), rowE(false), rowF2()]);
    expect(text).not.toContain('股权转让纠纷委托');
    // The city supervisor over the whole city: the same rows for yubei's subtree.
    const city = await fetchReport('/reports/ledger.csv', { tenantId: tenantIds.yubei!, ...period, subtree: '1' }, tok['city.supervisor']!);
    expect(csvRows(city.text)).toEqual([rowA(), rowB(), rowC(), rowD(), rowE(false), rowF2()]);
    // The firm itself reads its own case, masked.
    const firm = await fetchReport('/reports/ledger.csv', period, tok['mingli.lawyer']!);
    expect(csvRows(firm.text)).toEqual([rowE(true)]);
    expectNoPersonalData(text + city.text + firm.text);
  });

  test('a period with nothing in it is the header alone', async () => {
    const { res, text } = await fetchReport('/reports/ledger.csv', { tenantId: tenantIds.yubei!, from: '2026-02-02', to: '2026-02-06' }, tok['yubei.admin']!);
    expect(res.status).toBe(200);
    expect(text).toBe(`\uFEFF${HEADERS.join(',')}\r\n`);
  });
});

describe('GET /reports/ledger.xlsx', () => {
  test('parses as a workbook with a title, a bold header and the same rows as the CSV', async () => {
    const params = { tenantId: tenantIds.yubei!, ...period, subtree: '1' };
    const { res, bytes } = await fetchReport('/reports/ledger.xlsx', params, tok['yubei.supervisor']!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip package
    const { sheet, rows } = await xlsxSheet(bytes);
    expect(rows[0]![0]).toBe(`工作台账　${YUBEI}（含下级单位）　2026-03-09 至 2026-03-13`);
    expect(rows[1]).toEqual(HEADERS);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    const csv = await fetchReport('/reports/ledger.csv', params, tok['yubei.supervisor']!);
    expect(rows.slice(2)).toEqual(csvRows(csv.text));
    expect(rows.slice(2)).toEqual([rowA(), rowB(), rowC(), rowD(), rowE(false), rowF2()]);
    // Dates are real dates (Asia/Shanghai wall time) with a date format, not text.
    const received = sheet.getRow(3).getCell(3);
    expect(received.value).toEqual(new Date('2026-03-09T09:30:00Z'));
    expect(received.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getColumn(6).width).toBe(36);
    expectNoPersonalData(JSON.stringify(rows));
  });
});

describe('refusals', () => {
  const get = (params: Record<string, string>, token: string | null, path = '/reports/ledger.csv') => fetchReport(path, params, token);
  async function expectProblem(r: Awaited<ReturnType<typeof get>>, status: number, code: string, fields?: string[]) {
    expect(r.res.status).toBe(status);
    expect(r.res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(r.text) as { error: { code: string; message: string; fields?: Record<string, string> } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    if (fields) expect(Object.keys(body.error.fields ?? {}).sort()).toEqual([...fields].sort());
    expect(r.text).not.toMatch(/select |from "|\bat .*\.ts|stack/i);
  }

  test('no token or a bad one: 401', async () => {
    await expectProblem(await get({ ...period }, null), 401, 'UNAUTHENTICATED');
    await expectProblem(await get({ ...period }, 'not-a-token'), 401, 'UNAUTHENTICATED');
    await expectProblem(await get({ ...period }, null, '/reports/ledger.xlsx'), 401, 'UNAUTHENTICATED');
  });

  test('a tenant outside the viewer’s subtree, existing or not: 403', async () => {
    await expectProblem(await get({ tenantId: tenantIds.yuzhong!, ...period }, tok['yubei.admin']!), 403, 'FORBIDDEN');
    await expectProblem(await get({ tenantId: tenantIds.cq!, ...period }, tok['yubei.supervisor']!), 403, 'FORBIDDEN'); // an ancestor
    await expectProblem(await get({ tenantId: encodeGlobalId('Tenant', '00000000-0000-4000-8000-000000000000'), ...period }, tok['yubei.admin']!), 403, 'FORBIDDEN');
    // STAFF: their own tenant only, never a subtree.
    await expectProblem(await get({ tenantId: tenantIds['yubei-longxi']!, ...period }, tok['yubei.staff']!), 403, 'FORBIDDEN');
    await expectProblem(await get({ ...period, subtree: '1' }, tok['yubei.staff']!), 403, 'FORBIDDEN');
    await expectProblem(await get({ tenantId: tenantIds.yubei!, ...period }, tok['yuzhong.admin']!, '/reports/ledger.xlsx'), 403, 'FORBIDDEN');
  });

  test('bad dates and parameters: 400 naming the parameter', async () => {
    const token = tok['yubei.admin']!;
    await expectProblem(await get({ from: '2026-03-13', to: '2026-03-09' }, token), 400, 'BAD_USER_INPUT', ['to']);
    await expectProblem(await get({ from: '2025-01-01', to: '2026-01-02' }, token), 400, 'BAD_USER_INPUT', ['to']); // 367 days
    await expectProblem(await get({ from: '2026-3-9', to: '2026-03-13' }, token), 400, 'BAD_USER_INPUT', ['from']);
    await expectProblem(await get({ from: '2026-02-30', to: '2026-03-13' }, token), 400, 'BAD_USER_INPUT', ['from']);
    await expectProblem(await get({ from: '2026-03-09' }, token), 400, 'BAD_USER_INPUT', ['to']);
    await expectProblem(await get({ ...period, subtree: 'yes' }, token), 400, 'BAD_USER_INPUT', ['subtree']);
    await expectProblem(await get({ ...period, tenantId: 'nonsense' }, token), 400, 'BAD_USER_INPUT', ['tenantId']);
    await expectProblem(await get({ ...period, tenantId: encodeGlobalId('User', viewers['yubei.admin']!.userId) }, token), 400, 'BAD_USER_INPUT', ['tenantId']);
    // A whole leap-year-long period (366 days, both ends counted) is fine.
    expect((await get({ from: '2025-01-01', to: '2026-01-01' }, token)).res.status).toBe(200);
  });

  test('other paths under /reports/ are 404', async () => {
    const r = await get({ ...period }, tok['yubei.admin']!, '/reports/ledger.pdf');
    expect(r.res.status).toBe(404);
  });
});

describe('streaming batch by batch', () => {
  // 2026-03-23 … 03-27: eleven cases, five of them received in the same instant, so that batches of
  // three cut through them and the order falls back on the case id.
  const week = { from: '2026-03-23', to: '2026-03-27' };
  let expected: string[] = [];

  beforeAll(async () => {
    const times = [
      '2026-03-23T09:00:00', '2026-03-23T15:00:00',
      '2026-03-24T09:00:00', '2026-03-24T09:00:00', '2026-03-24T09:00:00', '2026-03-24T09:00:00', '2026-03-24T09:00:00',
      '2026-03-25T10:00:00', '2026-03-26T10:00:00', '2026-03-27T16:00:00', '2026-03-27T23:59:59',
    ];
    const opened = [];
    // Opened out of order, so the insertion order is not the answer.
    for (const [i, when] of [...times.entries()].reverse()) opened.push(await open('yubei.staff', when, { subject: subject(`批量事项${i}`) }));
    opened.sort((x, y) => x.receivedAt.getTime() - y.receivedAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    expected = opened.map((c) => c.number);
  });

  test('batches of three give every row once, in order of receipt then id (CSV and XLSX)', async () => {
    const params = { tenantId: tenantIds.yubei!, ...week };
    const csv = await fetchReport('/reports/ledger.csv', params, tok['yubei.admin']!, { batchSize: 3 });
    expect(csvRows(csv.text).map((r) => r[0])).toEqual(expected);
    const xlsx = await fetchReport('/reports/ledger.xlsx', params, tok['yubei.admin']!, { batchSize: 3 });
    expect((await xlsxSheet(xlsx.bytes)).rows.slice(2).map((r) => r[0])).toEqual(expected);
    // The default batch size gives the same.
    const whole = await fetchReport('/reports/ledger.csv', params, tok['yubei.admin']!);
    expect(csvRows(whole.text).map((r) => r[0])).toEqual(expected);
  });

  test('each batch is its own read; the header goes out before the first', async () => {
    const viewer = as('yubei.admin');
    const q = await runAs(t.database, t.config, viewer, (ctx) => authorizeLedgerReport(ctx, { ...week }));
    let reads = 0;
    const run: ReadRunner = (read) => {
      reads++;
      return withTenant(t.database.db, viewer, { readOnly: true, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000 }, read);
    };
    const numbers = async (batchSize: number) => {
      reads = 0;
      const out: string[] = [];
      for await (const row of ledgerReportRows(run, viewer, q, { batchSize })) out.push(row.number as string);
      return out;
    };
    // 11 rows: 3 + 3 + 3 + 2, the short batch ends it; 11 in one batch needs an empty second read.
    expect(await numbers(3)).toEqual(expected);
    expect(reads).toBe(4);
    expect(await numbers(11)).toEqual(expected);
    expect(reads).toBe(2);
    expect(await numbers(1000)).toEqual(expected);
    expect(reads).toBe(1);
    await expect(numbers(0)).rejects.toThrow(RangeError);

    // The stream reads nothing until asked: the header is out before the first batch is read.
    reads = 0;
    const reader = tableStream('csv', ledgerReportSpec(q), ledgerReportRows(run, viewer, q, { batchSize: 3 })).getReader();
    const first = await reader.read();
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value)).toBe(`\uFEFF${HEADERS.join(',')}\r\n`);
    expect(reads).toBe(0);
    // A client that goes away: cancelling ends the reads.
    await reader.read();
    const readsSoFar = reads;
    await reader.cancel();
    expect(reads).toBe(readsSoFar);
  });
});

describe('over a real socket (loopback)', () => {
  test('the XLSX download arrives whole through the HTTP server, with its headers', async () => {
    const { url } = await t.app.start(0, '127.0.0.1');
    const res = await fetch(`${url}/reports/ledger.xlsx?${new URLSearchParams({ tenantId: tenantIds.yubei!, ...period })}`, {
      headers: { authorization: `Bearer ${tok['yubei.admin']!}` },
    });
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toContain('filename="ledger-yubei-2026-03-09-2026-03-13.xlsx"');
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`工作台账-${YUBEI}-2026-03-09至2026-03-13.xlsx`);
    const { rows } = await xlsxSheet(Buffer.from(await res.arrayBuffer()));
    expect(rows.slice(2)).toEqual([rowA(), rowB(), rowF2()]);
  });
});

describe('a source that fails halfway', () => {
  // A read that fails after the download started must end it as an error, never as a shorter file.
  async function* failing() {
    yield { number: 'X-1' };
    throw new Error('connection lost');
  }
  const spec = { columns: [{ key: 'number', header: '编号' }], sheetName: '表' };
  test.each(['csv', 'xlsx'] as const)('%s: the stream errors', async (format) => {
    const reader = tableStream(format, spec, failing()).getReader();
    await expect((async () => {
      for (let n = 0; n < 1000; n++) if ((await reader.read()).done) return 'closed';
    })()).rejects.toThrow('connection lost');
  });
});

test('the report’s column keys are stable and its channel and outcome labels are the public pages’', () => {
  expect(LEDGER_REPORT_COLUMNS.map((c) => c.key)).toEqual([
    'number', 'channel', 'receivedAt', 'requesterName', 'requesterPhone', 'subject', 'serviceItem', 'strategy', 'handler', 'assignee',
    'statutoryDueAt', 'committedDueAt', 'status', 'resolvedAt', 'outcome', 'onTime', 'rating',
  ]);
  expect(LEDGER_REPORT_COLUMNS.map((c) => c.header)).toEqual(HEADERS);
});
