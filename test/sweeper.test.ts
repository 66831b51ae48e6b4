import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UserRole } from '../schema/db/tenancy.js';
import { openDatabase, rowsOf } from '../server/db/client.js';
import { withJobLock } from '../server/db/job-lock.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { replyToRequester, resolveCase, startCase } from '../server/usecases/cases/lifecycle.js';
import { openCase } from '../server/usecases/cases/open-case.js';
import { rateCase, submitInquiry } from '../server/usecases/cases/public-self-service.js';
import { sweep, type SweepReport } from '../server/usecases/cases/sweep.js';
import { assignCase, postFeedback, transferCase } from '../server/usecases/cases/transfer.js';
import { runAs } from '../server/usecases/context.js';
import { backend, startTestApp, type TestApp } from './helpers.js';

/**
 * The deadline sweeper over a simulated fortnight around the 2026 Mid-Autumn and National Day
 * holidays (中秋 09-25..27, 国庆 10-01..07, make-up workday Saturday 10-10), time injected: exactly
 * the expected warnings, overdue notices, automatic orders, escalations and flags at each step, and
 * a second pass at the same time changes nothing (Art. 12, 15). The demo's cases live in late
 * November 2026, so a sweep in September/October touches only the cases made here.
 *
 * The cases (consultation defaults: committed 3 working days, statutory 5):
 * - A: opened by longxi.staff Mon 09-28 10:00, never answered. Committed due Thu 10-08 (09-29,
 *   09-30, 10-08). Its working time: 14 h + 24 h + 24 h + 24 h = 86 h; 80 % is reached on 10-08.
 * - B: the same, resolved on 09-29: nothing but its quiet-period close (5 working days: 10-12).
 * - C: opened by yubei.staff Mon 09-28 10:00, transferred at 11:00 to yubei-legal-aid, never
 *   decided: undecided after 09-30 (2 working days); its own clock runs on (due 10-08).
 * - D: a message to yubei answered, resolved and rated 不满意 on 09-28: its follow-up is due 10-08.
 */

let t: TestApp;
const v: Record<string, Viewer> = {};
const ids: Record<string, string> = {};
const sh = (s: string) => new Date(`${s}+08:00`);
const NOTHING: SweepReport = { warnings: 0, overdueNotices: 0, automaticOrders: 0, escalations: 0, undecidedTransfers: 0, overdueFollowUps: 0, closed: 0, recomputed: 0, incidentEscalations: 0, overdueReports: 0 };
const run = (at: string) => sweep(t.database, t.config, sh(at));
const as = <T>(user: string, at: string, fn: Parameters<typeof runAs<T>>[3]) => runAs(t.database, t.config, v[user]!, fn, sh(at));

async function owner<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(q));
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of await owner<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(sql`select id, tenant_id, username, roles from users`)) {
    v[u.username] = { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles };
  }
  for (const r of await owner<{ id: string; slug: string }>(sql`select id, slug from tenants`)) ids[r.slug] = r.id;

  const a = await as('longxi.staff', '2026-09-28T10:00:00', (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: 'SWEEP-A 宅基地纠纷' }));
  ids.A = a.row.id;
  const b = await as('longxi.staff', '2026-09-28T10:00:00', (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: 'SWEEP-B 邻里纠纷', strategy: 'ANSWER' }));
  ids.B = b.row.id;
  await as('longxi.staff', '2026-09-29T10:00:00', (ctx) =>
    resolveCase(ctx, { id: b.row.id, version: b.row.version, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'POLICY', summary: '已答复办理流程' }),
  );
  const c = await as('yubei.staff', '2026-09-28T10:00:00', (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: 'SWEEP-C 法律援助', strategy: 'GUIDE' }));
  ids.C = c.row.id;
  await as('yubei.staff', '2026-09-28T11:00:00', (ctx) => transferCase(ctx, { id: c.row.id, version: c.row.version, toTenantId: ids['yubei-legal-aid']!, reason: '符合法律援助条件' }));

  const receipt = await runAs(t.database, t.config, null, (ctx) => submitInquiry(ctx, { tenantSlug: 'yubei', subject: 'SWEEP-D 咨询离婚', description: '咨询离婚财产分割' }), sh('2026-09-28T09:00:00'), { clientKey: 'sweeper-test' });
  ids.D = receipt.loaded.row.id;
  let d = await as('yubei.staff', '2026-09-28T10:00:00', (ctx) => startCase(ctx, { id: ids.D!, version: receipt.loaded.row.version, strategy: 'ANSWER' }));
  d = await as('yubei.staff', '2026-09-28T10:30:00', (ctx) => replyToRequester(ctx, { id: ids.D!, version: d.row.version, text: '您好，建议携带结婚证到窗口咨询。' }));
  await as('yubei.staff', '2026-09-28T11:00:00', (ctx) =>
    resolveCase(ctx, { id: ids.D!, version: d.row.version, outcome: 'GUIDED', strategy: 'GUIDE', category: 'LEGAL', summary: '已答复', legalBasis: '《中华人民共和国民法典》第一千零八十七条', riskNotice: '以法院判决为准' }),
  );
  await runAs(t.database, t.config, null, (ctx) => rateCase(ctx, { code: receipt.trackingCode, secret: receipt.secret, level: 'DISSATISFIED', comment: '太笼统' }), sh('2026-09-28T15:00:00'), { clientKey: 'sweeper-test' });
});
afterAll(() => t?.close());

const orders = () =>
  owner<{ case_id: string; issuer: string; status: string; automatic: boolean; respond_by: Date | string; escalated: boolean }>(sql`
    select o.case_id, t.slug as issuer, o.status, o.automatic, o.respond_by, o.escalated_from_id is not null as escalated
    from supervision_orders o join tenants t on t.id = o.issuer_tenant_id
    where o.case_id in (${ids.A}::uuid, ${ids.C}::uuid) order by o.issued_at, t.depth desc`);
const notices = (kind: string) =>
  owner<{ n: number }>(sql`select count(*)::int as n from notifications where kind = ${kind} and case_id in (${ids.A}::uuid, ${ids.B}::uuid, ${ids.C}::uuid, ${ids.D}::uuid)`).then((r) => r[0]!.n);
const flagsOf = (id: string) => owner<{ flags: string[] }>(sql`select flags from cases where id = ${id}::uuid`).then((r) => r[0]!.flags);
const statusOf = (id: string) => owner<{ status: string }>(sql`select status from cases where id = ${id}::uuid`).then((r) => r[0]!.status);
const iso = (d: Date | string) => new Date(d).toISOString();
const endOf = (day: string) => sh(`${day}T23:59:59.999`).toISOString();

describe('the sweeper over a fortnight with holidays', () => {
  test('Wed 09-30 noon: nothing is due yet (58 % of the time used)', async () => {
    expect(await run('2026-09-30T12:00:00')).toEqual(NOTHING);
  });

  test('Thu 10-01 (holiday): the transfer decided by 09-30 is flagged undecided; the holiday uses no time', async () => {
    expect(await run('2026-10-01T09:00:00')).toEqual({ ...NOTHING, undecidedTransfers: 1 });
    expect(await flagsOf(ids.C!)).toContain('TRANSFER_UNDECIDED');
    // The receiver and the sender (also the receiver's parent: yubei) are told, once each.
    expect(await notices('SUPERVISION_ESCALATED')).toBe(2);
    expect(await run('2026-10-01T09:00:00')).toEqual(NOTHING);
    expect(await run('2026-10-07T18:00:00')).toEqual(NOTHING); // still 72 %: seven days off
  });

  test('Thu 10-08 09:00: 83 % used on A and C: one warning each, once', async () => {
    expect(await run('2026-10-08T09:00:00')).toEqual({ ...NOTHING, warnings: 2 });
    expect(await run('2026-10-08T09:00:00')).toEqual(NOTHING);
    expect(await run('2026-10-08T20:00:00')).toEqual(NOTHING);
    expect(await notices('DEADLINE_WARNING')).toBe(2);
  });

  test('Fri 10-09: A and C are overdue: a notice each and an automatic order from each handler\'s parent; D\'s follow-up is overdue', async () => {
    expect(await run('2026-10-09T09:00:00')).toEqual({ ...NOTHING, overdueNotices: 2, automaticOrders: 2, overdueFollowUps: 1 });
    expect(await run('2026-10-09T09:00:00')).toEqual(NOTHING);
    const o = await orders();
    // A is handled by longxi: yubei supervises; C by yubei: the municipal bureau does. Both answer by
    // Tue 10-13 (10-10 is a make-up Saturday, then 10-12 and 10-13).
    expect(o.map((x) => [x.case_id, x.issuer, x.status, x.automatic, iso(x.respond_by)])).toEqual([
      [ids.A, 'yubei', 'OPEN', true, endOf('2026-10-13')],
      [ids.C, 'cq', 'OPEN', true, endOf('2026-10-13')],
    ]);
    expect(await flagsOf(ids.D!)).toContain('FOLLOW_UP_OVERDUE');
    expect(await notices('OVERDUE')).toBe(3);
  });

  test('Mon 10-12: B closes after its quiet period; nothing else', async () => {
    expect(await statusOf(ids.B!)).toBe('RESOLVED');
    expect(await run('2026-10-13T09:00:00')).toEqual({ ...NOTHING, closed: 1 });
    expect(await statusOf(ids.B!)).toBe('CLOSED');
    expect(await run('2026-10-13T09:00:00')).toEqual(NOTHING);
  });

  test('Wed 10-14: the unanswered orders escalate one level up — yubei\'s to the municipal bureau; the bureau\'s has nowhere to go', async () => {
    expect(await run('2026-10-14T09:00:00')).toEqual({ ...NOTHING, escalations: 1 });
    expect(await run('2026-10-14T09:00:00')).toEqual(NOTHING);
    const o = await orders();
    expect(o.map((x) => [x.case_id, x.issuer, x.status, x.escalated])).toEqual([
      [ids.A, 'yubei', 'ESCALATED', false],
      [ids.C, 'cq', 'OPEN', false],
      [ids.A, 'cq', 'OPEN', true],
    ]);
    // 3 working days from 10-14: 10-15, 10-16, 10-19.
    expect(iso(o[2]!.respond_by)).toBe(endOf('2026-10-19'));
    expect(await notices('SUPERVISION_ESCALATED')).toBe(3);
  });

  test('Tue 10-20: the root\'s orders stay open and overdue in its queue; a later pass changes nothing', async () => {
    expect(await run('2026-10-20T09:00:00')).toEqual(NOTHING);
    expect(await run('2026-10-26T09:00:00')).toEqual(NOTHING);
  });

  test('every step is on the ledger, which verifies and replays', async () => {
    const events = await owner<{ type: string }>(sql`select type from case_events where case_id = ${ids.A}::uuid order by seq`);
    expect(events.map((e) => e.type)).toEqual(['OPENED', 'SUPERVISION_ISSUED', 'SUPERVISION_ESCALATED']);
    const admin = await t.login('city.admin');
    const r = await t.gql('{ verifyLedger(subtree: true) { ok } }', {}, admin);
    expect(r.data?.verifyLedger).toEqual({ ok: true });
  });

  test('one runner at a time: a pass started while another runs does nothing', async () => {
    const [first, second] = await Promise.all([run('2026-10-27T09:00:00'), run('2026-10-27T09:00:00')]);
    expect([first, second].filter((x) => x === null)).toHaveLength(1);
  });
});

describe.skipIf(backend === 'pglite')('one runner across server instances (PostgreSQL advisory lock)', () => {
  test('a second instance finds the lock taken and does nothing; once released it may run', async () => {
    const other = await openDatabase(t.config);
    try {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered = () => {};
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = withJobLock(t.database, 'case-sweeper', async () => {
        entered();
        await held;
      });
      await inside;
      expect(await withJobLock(other, 'case-sweeper', async () => {})).toBe(false);
      release();
      expect(await first).toBe(true);
      expect(await withJobLock(other, 'case-sweeper', async () => {})).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('a case sent down (交办) must be reported on by its report-by date (Art. 12)', () => {
  let app: TestApp;
  let caseId: string;
  const NONE: SweepReport = { warnings: 0, overdueNotices: 0, automaticOrders: 0, escalations: 0, undecidedTransfers: 0, overdueFollowUps: 0, closed: 0, recomputed: 0, incidentEscalations: 0, overdueReports: 0 };
  const at = (s: string) => new Date(`${s}+08:00`);
  const runAt = (s: string) => sweep(app.database, app.config, at(s));

  beforeAll(async () => {
    app = await startTestApp();
    const users = rowsOf<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(
      await app.database.db.execute(sql`select id, tenant_id, username, roles from users where username in ('yubei.staff', 'longxi.staff')`),
    );
    const who = Object.fromEntries(users.map((u) => [u.username, { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles }]));
    const [longxi] = rowsOf<{ id: string }>(await app.database.db.execute(sql`select id from tenants where slug = 'yubei-longxi'`));
    // A matter (15/10 working days) opened and sent down on Tue 2026-03-03, to report within 2 working days (by Thu 03-05).
    const c = await runAs(app.database, app.config, who['yubei.staff']!, (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'MATTER', subject: 'SWEEP-E 交办', strategy: 'GUIDE' }), at('2026-03-03T10:00:00'));
    caseId = c.row.id;
    await runAs(app.database, app.config, who['yubei.staff']!, (ctx) => assignCase(ctx, { id: c.row.id, version: c.row.version, toTenantId: longxi!.id, reportWorkingDays: 2 }), at('2026-03-03T11:00:00'));
  });
  afterAll(() => app?.close());

  test('before the date nothing; after it the sending tenant is told, once', async () => {
    expect(await runAt('2026-03-05T18:00:00')).toEqual(NONE);
    expect(await runAt('2026-03-06T09:00:00')).toEqual({ ...NONE, overdueReports: 1 });
    expect(await runAt('2026-03-06T09:00:00')).toEqual(NONE);
    const [n] = rowsOf<{ n: number }>(await app.database.db.execute(sql`select count(*)::int as n from notifications where case_id = ${caseId}::uuid and kind = 'OVERDUE'`));
    expect(n!.n).toBe(1);
  });

  test('a case whose handler reported back in time is left alone', async () => {
    const users = rowsOf<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(
      await app.database.db.execute(sql`select id, tenant_id, username, roles from users where username in ('yubei.staff', 'longxi.staff')`),
    );
    const who = Object.fromEntries(users.map((u) => [u.username, { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles }]));
    const [longxi] = rowsOf<{ id: string }>(await app.database.db.execute(sql`select id from tenants where slug = 'yubei-longxi'`));
    let c = await runAs(app.database, app.config, who['yubei.staff']!, (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'MATTER', subject: 'SWEEP-F 交办', strategy: 'GUIDE' }), at('2026-03-09T10:00:00'));
    c = await runAs(app.database, app.config, who['yubei.staff']!, (ctx) => assignCase(ctx, { id: c.row.id, version: c.row.version, toTenantId: longxi!.id, reportWorkingDays: 2 }), at('2026-03-09T11:00:00'));
    await runAs(app.database, app.config, who['longxi.staff']!, (ctx) => postFeedback(ctx, { id: c.row.id, version: c.row.version, text: '已联系当事人，正在调解。' }), at('2026-03-10T15:00:00'));
    expect(await runAt('2026-03-12T09:00:00')).toEqual(NONE);
  });
});
