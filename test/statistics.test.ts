import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UserRole } from '../schema/db/tenancy.js';
import { rowsOf } from '../server/db/client.js';
import { addDays, civilDateAt, isoWeekday } from '../server/domain/calendar/civil-date.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { decodeGlobalId, encodeGlobalId } from '../server/graphql/global-id.js';
import { receiveMaterials, requestMaterials, resolveCase } from '../server/usecases/cases/lifecycle.js';
import { openCase } from '../server/usecases/cases/open-case.js';
import { runAs } from '../server/usecases/context.js';
import { backend, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * Statistics (issue 7, Art. 12, 16, 17) against hand-computed numbers. The demo's cases lie around
 * the time the test database was seeded; the fixed data set here lies in February to April 2025,
 * where nothing else is. Its case_facts and case_activity rows are written directly as the owner
 * (on real cases opened for the purpose, which the facts rows reference), with the values below,
 * so every expected number follows from the table FACTS / ACTIVITY by the arithmetic in the comments.
 * One test takes real cases through the use cases and GraphQL and checks the facts row the
 * database derives (working days on the holiday calendar, pauses for materials left out).
 */

let t: TestApp;
const tok: Record<string, string> = {};
/** slug -> uuid */
const tenant: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};
/** Service items: A is yubei's published consultation item (readable), B and D ids of no item. */
const item = { A: '', B: randomUUID(), D: randomUUID() };

const owner = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(q));
/** Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
/** The end of a Shanghai civil day (a day-based due date). */
const endOf = (day: string) => sh(`${day}T23:59:59.999`);

interface Fact {
  tenant: string;
  channel: string;
  kind: 'CONSULTATION' | 'MATTER';
  category: string | null;
  item: keyof typeof item | null;
  status: string;
  /** Received at 10:00 on this day. */
  received: string;
  /** Resolved at 15:00 on this day. */
  resolved?: string;
  outcome?: string;
  statutoryDue: string;
  committedDue: string;
  workingDays?: number;
  extended?: boolean;
  rating?: number;
  rated?: string;
}

/**
 * The fixed data set. "late S/C": resolved after the statutory/committed due day. March 2025 is the
 * period the tests ask for, February 2025 the previous month.
 */
const FACTS: Record<string, Fact> = {
  // yubei (渝北区司法局) itself
  Y1: { tenant: 'yubei', channel: 'HOTLINE', kind: 'CONSULTATION', category: 'CONSULTATION', item: 'A', status: 'CLOSED', received: '2025-03-03', resolved: '2025-03-05', outcome: 'ANSWERED', statutoryDue: '2025-03-10', committedDue: '2025-03-04', workingDays: 2, rating: 5, rated: '2025-03-06' }, // late C
  Y2: { tenant: 'yubei', channel: 'ONSITE', kind: 'MATTER', category: 'LEGAL_AID', item: 'B', status: 'RESOLVED', received: '2025-03-10', resolved: '2025-03-20', outcome: 'HANDLED', statutoryDue: '2025-03-31', committedDue: '2025-03-25', workingDays: 8, extended: true, rating: 2, rated: '2025-03-21' },
  Y3: { tenant: 'yubei', channel: 'ONSITE', kind: 'CONSULTATION', category: null, item: null, status: 'IN_PROGRESS', received: '2025-03-12', statutoryDue: '2025-03-19', committedDue: '2025-03-14' }, // open past its committed due
  Y4: { tenant: 'yubei', channel: 'HOTLINE', kind: 'CONSULTATION', category: 'CONSULTATION', item: 'A', status: 'AWAITING_MATERIALS', received: '2025-03-31', statutoryDue: '2099-01-10', committedDue: '2099-01-05' }, // last day of March; due far ahead
  Y5: { tenant: 'yubei', channel: 'HOTLINE', kind: 'CONSULTATION', category: 'CONSULTATION', item: 'A', status: 'CLOSED', received: '2025-02-27', resolved: '2025-03-03', outcome: 'GUIDED', statutoryDue: '2025-03-01', committedDue: '2025-02-28', workingDays: 3, rating: 4, rated: '2025-04-01' }, // received in Feb, resolved in March, late S and C, rated in April
  Y6: { tenant: 'yubei', channel: 'WECHAT', kind: 'MATTER', category: null, item: null, status: 'REJECTED', received: '2025-03-01', statutoryDue: '2025-03-05', committedDue: '2025-03-03' }, // first day of March; rejected, so never overdue
  Y7: { tenant: 'yubei', channel: 'ONSITE', kind: 'MATTER', category: 'LEGAL_AID', item: 'B', status: 'OPEN', received: '2025-04-01', statutoryDue: '2025-04-20', committedDue: '2025-04-10' }, // April: outside March
  // 龙溪司法所 (under yubei) and its mediation committee (under 龙溪)
  L1: { tenant: 'yubei-longxi', channel: 'ONLINE', kind: 'CONSULTATION', category: 'CONSULTATION', item: 'A', status: 'CLOSED', received: '2025-03-05', resolved: '2025-03-06', outcome: 'ANSWERED', statutoryDue: '2025-03-20', committedDue: '2025-03-10', workingDays: 1, rating: 5, rated: '2025-03-07' },
  L2: { tenant: 'yubei-longxi', channel: 'ONSITE', kind: 'MATTER', category: 'MEDIATION', item: 'D', status: 'CLOSED', received: '2025-03-18', resolved: '2025-03-28', outcome: 'HANDLED', statutoryDue: '2025-03-25', committedDue: '2025-03-21', workingDays: 7, extended: true, rating: 1, rated: '2025-03-29' }, // late S and C
  M1: { tenant: 'yubei-longxi-mediation', channel: 'ONSITE', kind: 'MATTER', category: 'MEDIATION', item: 'D', status: 'CLOSED', received: '2025-03-20', resolved: '2025-03-27', outcome: 'HANDLED', statutoryDue: '2025-04-30', committedDue: '2025-04-30', workingDays: 5, rating: 3, rated: '2025-03-28' },
  // 渝北区法律援助中心 (under yubei): February only
  A1: { tenant: 'yubei-legal-aid', channel: 'ONSITE', kind: 'MATTER', category: 'LEGAL_AID', item: 'B', status: 'CLOSED', received: '2025-02-10', resolved: '2025-02-20', outcome: 'HANDLED', statutoryDue: '2025-03-10', committedDue: '2025-02-28', workingDays: 8, rating: 5, rated: '2025-02-21' },
  // 渝中 (another district) and 解放碑 (under 渝中): never counted for yubei
  Z1: { tenant: 'yuzhong', channel: 'HOTLINE', kind: 'CONSULTATION', category: 'CONSULTATION', item: null, status: 'CLOSED', received: '2025-03-04', resolved: '2025-03-10', outcome: 'REFERRED', statutoryDue: '2025-03-05', committedDue: '2025-03-05', workingDays: 4, rating: 1, rated: '2025-03-11' }, // late S and C
  J1: { tenant: 'yuzhong-jiefangbei', channel: 'ONLINE', kind: 'CONSULTATION', category: null, item: null, status: 'OPEN', received: '2025-03-06', statutoryDue: '2025-03-13', committedDue: '2025-03-07' }, // open past its committed due
};

/** [tenant, kind, day, onTime] */
const ACTIVITY: [string, string, string, boolean | null][] = [
  ['yubei', 'TRANSFER_OUT', '2025-03-02', null], // a1
  ['yubei-longxi', 'TRANSFER_IN', '2025-03-02', null], // a2
  ['yubei-longxi', 'TRANSFER_ACCEPTED', '2025-03-03', null], // a3
  ['yuzhong', 'TRANSFER_OUT', '2025-03-10', null], // a4
  ['yubei', 'TRANSFER_IN', '2025-03-10', null], // a5
  ['yubei', 'TRANSFER_REJECTED', '2025-03-11', null], // a6
  ['yubei', 'TRANSFER_OUT', '2025-04-01', null], // a7: April
  ['cq', 'ORDER_ISSUED', '2025-03-05', null], // a8: the root
  ['yubei', 'ORDER_ISSUED', '2025-03-06', null], // a9
  ['yubei-longxi', 'ORDER_RESPONDED', '2025-03-08', true], // a10
  ['yubei', 'ORDER_RESPONDED', '2025-03-12', false], // a11
  ['yubei-longxi-mediation', 'ORDER_ESCALATED', '2025-03-20', null], // a12
  ['yubei', 'FOLLOW_UP_ANSWERED', '2025-03-22', true], // a13
  ['yubei-longxi', 'FOLLOW_UP_ANSWERED', '2025-03-30', false], // a14
  ['yuzhong', 'FOLLOW_UP_ANSWERED', '2025-03-12', true], // a15
  ['yubei-longxi', 'TRANSFER_REJECTED', '2025-02-28', null], // a16: February
];

const ALL = `
  tenant { slug } subtree period { kind from to days }
  received {
    total byChannel { key label count } byKind { key count } byCategory { key count } byStatus { key count }
    byServiceItem { serviceItemId serviceItem { id } count }
  }
  resolved {
    total byOutcome { key count } onTimeStatutory { count rate } onTimeCommitted { count rate }
    averageWorkingDays p90WorkingDays
  }
  overdue extended
  transfers { out in accepted rejected acceptanceRate }
  supervision { issued responded respondedOnTime escalated }
  followUps { answered answeredOnTime }
  ratings { total distribution { key label count } satisfactionRate }
  byTenant { tenant { slug } includesSubtree received resolved onTimeCommittedRate satisfactionRate overdue }`;
const STATS = `query($tenantId: ID, $subtree: Boolean, $period: StatisticsPeriodInput!) {
  statistics(tenantId: $tenantId, subtree: $subtree, period: $period) { ${ALL} previous { ${ALL} } } }`;
const MARCH = { kind: 'MONTH', date: '2025-03-15' };

const gid = (slug: string) => encodeGlobalId('Tenant', tenant[slug]!);
async function stats(as: string, vars: { tenant?: string; subtree?: boolean; period?: Record<string, unknown> } = {}) {
  const r = await t.gql(STATS, { tenantId: vars.tenant ? gid(vars.tenant) : undefined, subtree: vars.subtree, period: vars.period ?? MARCH }, tok[as]);
  return ok(r).statistics;
}
/** A breakdown as { key: count } without the zeros. */
const nonZero = (list: { key: string; count: number }[]) => Object.fromEntries(list.filter((c) => c.count > 0).map((c) => [c.key, c.count]));
const keys = (list: { key: string }[]) => list.map((c) => c.key);

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['city.admin', 'city.supervisor', 'yubei.supervisor', 'yubei.admin', 'yubei.staff', 'longxi.staff', 'yuzhong.admin']) tok[u] = await t.login(u);
  for (const r of await owner<{ id: string; slug: string }>(sql`select id, slug from tenants`)) tenant[r.slug] = r.id;
  for (const u of await owner<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(sql`select id, tenant_id, username, roles from users`)) {
    viewers[u.username] = { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: [...u.roles] };
  }
  const items = ok(await t.gql('query($t: ID) { serviceItems(tenantId: $t, first: 100) { edges { node { id code status } } } }', { t: gid('yubei') }, tok['yubei.staff']))
    .serviceItems.edges as { node: { id: string; code: string; status: string } }[];
  item.A = decodeGlobalId(items.find((e) => e.node.code === 'TPL-CONSULT' && e.node.status === 'PUBLISHED')!.node.id)!.id;

  // One real case per facts row (case_facts references cases), then the row is set to the table's values.
  const hosts: string[] = [];
  for (let i = 0; i < Object.keys(FACTS).length; i++) {
    const c = await runAs(t.database, t.config, viewers['yubei.staff']!, (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: `统计测试 ${i}` }));
    hosts.push(c.row.id);
  }
  for (const [i, f] of Object.values(FACTS).entries()) {
    const resolvedAt = f.resolved ? sh(`${f.resolved}T15:00:00`) : null;
    await owner(sql`
      update case_facts set
        tenant_id = ${tenant[f.tenant]!}::uuid, channel = ${f.channel}, kind = ${f.kind}, category = ${f.category},
        service_item_id = ${f.item ? item[f.item] : null}::uuid, status = ${f.status}, outcome = ${f.outcome ?? null},
        received_at = ${sh(`${f.received}T10:00:00`).toISOString()}::timestamptz, received_day = ${f.received}::date,
        resolved_at = ${resolvedAt?.toISOString() ?? null}::timestamptz, resolved_day = ${f.resolved ?? null}::date,
        statutory_due_at = ${endOf(f.statutoryDue).toISOString()}::timestamptz, committed_due_at = ${endOf(f.committedDue).toISOString()}::timestamptz,
        on_time_statutory = ${resolvedAt ? resolvedAt <= endOf(f.statutoryDue) : null}::boolean,
        on_time_committed = ${resolvedAt ? resolvedAt <= endOf(f.committedDue) : null}::boolean,
        working_days = ${f.workingDays ?? null}::int, extended = ${f.extended ?? false}, rating = ${f.rating ?? null}::smallint, rated_day = ${f.rated ?? null}::date
      where case_id = ${hosts[i]!}::uuid`);
  }
  for (const [tn, kind, day, onTime] of ACTIVITY) {
    await owner(sql`insert into case_activity (tenant_id, case_id, kind, on_time, at, day)
      values (${tenant[tn]!}::uuid, ${hosts[0]!}::uuid, ${kind}, ${onTime}::boolean, ${sh(`${day}T12:00:00`).toISOString()}::timestamptz, ${day}::date)`);
  }
});
afterAll(() => t?.close());

describe('one tenant, one month', () => {
  test("yubei's own cases in March 2025, and February before it", async () => {
    const s = await stats('yubei.supervisor');
    expect(s).toMatchObject({ tenant: { slug: 'yubei' }, subtree: false, period: { kind: 'MONTH', from: '2025-03-01', to: '2025-03-31', days: 31 }, byTenant: null });

    // Received in March: Y6 (03-01), Y1, Y2, Y3, Y4 (03-31); not Y5 (Feb), Y7 (Apr), nor other tenants.
    expect(s.received.total).toBe(5);
    // Every value listed, zeros included, in vocabulary order.
    expect(keys(s.received.byChannel)).toEqual(['ONSITE', 'HOTLINE', 'ONLINE', 'MESSAGE', 'APP', 'WECHAT']);
    expect(nonZero(s.received.byChannel)).toEqual({ HOTLINE: 2, ONSITE: 2, WECHAT: 1 }); // Y1 Y4 | Y2 Y3 | Y6
    expect(s.received.byKind).toEqual([{ key: 'CONSULTATION', count: 3 }, { key: 'MATTER', count: 2 }]); // Y1 Y3 Y4 | Y2 Y6
    // Category: Y1 Y4 | Y2 | NONE (no service item): Y3 Y6, listed after the categories.
    expect(nonZero(s.received.byCategory)).toEqual({ CONSULTATION: 2, LEGAL_AID: 1, NONE: 2 });
    expect(keys(s.received.byCategory).at(-1)).toBe('NONE');
    expect(nonZero(s.received.byStatus)).toEqual({ CLOSED: 1, RESOLVED: 1, IN_PROGRESS: 1, AWAITING_MATERIALS: 1, REJECTED: 1 });
    expect(keys(s.received.byStatus)).toEqual(['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING', 'RESOLVED', 'CLOSED', 'REJECTED']);
    // Items: A (Y1, Y4) = 2, B (Y2) = 1, most first; cases without an item are not listed. A is a
    // readable item; B is an id no item has (the name is null, the count stays).
    expect(s.received.byServiceItem).toEqual([
      { serviceItemId: encodeGlobalId('ServiceItem', item.A), serviceItem: { id: encodeGlobalId('ServiceItem', item.A) }, count: 2 },
      { serviceItemId: encodeGlobalId('ServiceItem', item.B), serviceItem: null, count: 1 },
    ]);
    // Overdue: Y1 (resolved after its committed due 03-04), Y3 (open, due 03-14 passed). Not Y4
    // (due 2099), not Y6 (rejected), not Y2 (on time). Extended: Y2.
    expect(s.overdue).toBe(2);
    expect(s.extended).toBe(1);

    // Resolved in March: Y5 (03-03), Y1 (03-05), Y2 (03-20).
    expect(s.resolved.total).toBe(3);
    expect(nonZero(s.resolved.byOutcome)).toEqual({ ANSWERED: 1, HANDLED: 1, GUIDED: 1 });
    expect(keys(s.resolved.byOutcome)).toEqual(['ANSWERED', 'GUIDED', 'HANDLED', 'REFERRED', 'OUT_OF_SCOPE', 'WITHDRAWN']);
    // Statutory: Y1 (03-05 <= 03-10) and Y2 (03-20 <= 03-31) on time, Y5 (03-03 > 03-01) late: 2/3.
    expect(s.resolved.onTimeStatutory).toEqual({ count: 2, rate: 2 / 3 });
    // Committed: only Y2 (03-20 <= 03-25); Y1 (03-05 > 03-04), Y5 (03-03 > 02-28) late: 1/3.
    expect(s.resolved.onTimeCommitted).toEqual({ count: 1, rate: 1 / 3 });
    // Working days 2, 8, 3: average 13/3 = 4.33 -> 4.3; p90 of [2, 3, 8]: position 0.9 * 2 = 1.8,
    // 3 + 0.8 * (8 - 3) = 7.0.
    expect(s.resolved.averageWorkingDays).toBe(4.3);
    expect(s.resolved.p90WorkingDays).toBe(7);

    // Activity in March for yubei itself: out a1 (a7 is April), in a5, rejected a6: acceptance 0 / 1.
    expect(s.transfers).toEqual({ out: 1, in: 1, accepted: 0, rejected: 1, acceptanceRate: 0 });
    // Issued a9; responded a11 (late); nothing escalated at yubei itself (a12 is the committee's).
    expect(s.supervision).toEqual({ issued: 1, responded: 1, respondedOnTime: 0, escalated: 0 });
    expect(s.followUps).toEqual({ answered: 1, answeredOnTime: 1 }); // a13

    // Rated in March: Y1 5 (非常满意), Y2 2 (不满意); Y5 was rated in April. Satisfied: 1 of 2.
    expect(s.ratings).toEqual({
      total: 2,
      distribution: [
        { key: 'VERY_SATISFIED', label: '非常满意', count: 1 },
        { key: 'SATISFIED', label: '满意', count: 0 },
        { key: 'BASICALLY_SATISFIED', label: '基本满意', count: 0 },
        { key: 'DISSATISFIED', label: '不满意', count: 1 },
        { key: 'VERY_DISSATISFIED', label: '非常不满意', count: 0 },
      ],
      satisfactionRate: 0.5,
    });

    // February for yubei itself: received Y5 (02-27) only, overdue (resolved 03-03 after 02-28);
    // nothing resolved or rated in February at yubei itself (A1 is the legal-aid centre's).
    const p = s.previous;
    expect(p.period).toEqual({ kind: 'MONTH', from: '2025-02-01', to: '2025-02-28', days: 28 });
    expect(p.received.total).toBe(1);
    expect(p.overdue).toBe(1);
    expect(p.resolved).toMatchObject({ total: 0, onTimeStatutory: { count: 0, rate: null }, onTimeCommitted: { count: 0, rate: null }, averageWorkingDays: null, p90WorkingDays: null });
    expect(p.ratings.total).toBe(0);
    expect(p.ratings.satisfactionRate).toBeNull();
    expect(p.ratings.distribution.map((d: { count: number }) => d.count)).toEqual([0, 0, 0, 0, 0]);
    expect(p.transfers).toEqual({ out: 0, in: 0, accepted: 0, rejected: 0, acceptanceRate: null });
  });
});

describe('rolled up over the tree', () => {
  test("yubei's subtree: 龙溪 and its committee count, 渝中 does not; a row per child", async () => {
    const s = await stats('yubei.supervisor', { subtree: true });
    expect(s.subtree).toBe(true);
    // Received in March: yubei's 5 + L1, L2, M1 = 8 (Z1, J1 are 渝中's).
    expect(s.received.total).toBe(8);
    expect(nonZero(s.received.byChannel)).toEqual({ HOTLINE: 2, ONSITE: 4, ONLINE: 1, WECHAT: 1 }); // + L2 M1 onsite, L1 online
    expect(nonZero(s.received.byKind)).toEqual({ CONSULTATION: 4, MATTER: 4 }); // + L1 | + L2 M1
    expect(nonZero(s.received.byCategory)).toEqual({ CONSULTATION: 3, LEGAL_AID: 1, MEDIATION: 2, NONE: 2 });
    expect(nonZero(s.received.byStatus)).toEqual({ CLOSED: 4, RESOLVED: 1, IN_PROGRESS: 1, AWAITING_MATERIALS: 1, REJECTED: 1 });
    // A: Y1 Y4 L1 = 3; D: L2 M1 = 2; B: Y2 = 1.
    expect(s.received.byServiceItem.map((r: { serviceItemId: string; count: number }) => [r.serviceItemId, r.count])).toEqual([
      [encodeGlobalId('ServiceItem', item.A), 3],
      [encodeGlobalId('ServiceItem', item.D), 2],
      [encodeGlobalId('ServiceItem', item.B), 1],
    ]);
    expect(s.overdue).toBe(3); // Y1, Y3, L2 (03-28 > 03-21)
    expect(s.extended).toBe(2); // Y2, L2

    // Resolved in March: Y5, Y1, Y2, L1, L2, M1 = 6.
    expect(s.resolved.total).toBe(6);
    expect(nonZero(s.resolved.byOutcome)).toEqual({ ANSWERED: 2, GUIDED: 1, HANDLED: 3 });
    // Statutory late: Y5, L2 -> 4/6. Committed late: Y1, Y5, L2 -> 3/6.
    expect(s.resolved.onTimeStatutory).toEqual({ count: 4, rate: 4 / 6 });
    expect(s.resolved.onTimeCommitted).toEqual({ count: 3, rate: 0.5 });
    // Working days 2, 8, 3, 1, 7, 5: average 26/6 = 4.33 -> 4.3; p90 of [1, 2, 3, 5, 7, 8]: position
    // 0.9 * 5 = 4.5, 7 + 0.5 * (8 - 7) = 7.5.
    expect(s.resolved.averageWorkingDays).toBe(4.3);
    expect(s.resolved.p90WorkingDays).toBe(7.5);

    // Transfers: out a1; in a2 a5; accepted a3; rejected a6 (a16 is February): 1 / 2.
    expect(s.transfers).toEqual({ out: 1, in: 2, accepted: 1, rejected: 1, acceptanceRate: 0.5 });
    // Orders: issued a9 (a8 is the root's); responded a10 (on time) a11; escalated a12 (the committee).
    expect(s.supervision).toEqual({ issued: 1, responded: 2, respondedOnTime: 1, escalated: 1 });
    expect(s.followUps).toEqual({ answered: 2, answeredOnTime: 1 }); // a13, a14 (a15 is 渝中's)

    // Ratings: Y1 5, Y2 2, L1 5, L2 1, M1 3: satisfied (5, 5, 3) 3 of 5.
    expect(s.ratings.total).toBe(5);
    expect(s.ratings.distribution.map((d: { count: number }) => d.count)).toEqual([2, 0, 1, 1, 1]);
    expect(s.ratings.satisfactionRate).toBe(0.6);

    // The rows: yubei's own first, then every direct child, each over its own subtree.
    const rows = s.byTenant as { tenant: { slug: string }; includesSubtree: boolean }[];
    expect(rows[0]).toEqual({ tenant: { slug: 'yubei' }, includesSubtree: false, received: 5, resolved: 3, onTimeCommittedRate: 1 / 3, satisfactionRate: 0.5, overdue: 2 });
    const children = rows.slice(1);
    expect(children.map((r) => r.tenant.slug).sort()).toEqual(['mingli-law', 'yubei-legal-aid', 'yubei-longshan', 'yubei-longxi', 'yubei-notary', 'yubei-shuanglonghu']);
    expect(children.every((r) => r.includesSubtree)).toBe(true);
    const bySlug = Object.fromEntries(children.map((r) => [r.tenant.slug, r]));
    // 龙溪 with its committee: received L1 L2 M1; resolved L1 L2 M1, committed on time L1 M1 (2/3);
    // ratings 5, 1, 3: satisfied 2/3; overdue L2.
    expect(bySlug['yubei-longxi']).toMatchObject({ received: 3, resolved: 3, onTimeCommittedRate: 2 / 3, satisfactionRate: 2 / 3, overdue: 1 });
    // The legal-aid centre's only case (A1) is February's: zeros, no rates.
    expect(bySlug['yubei-legal-aid']).toMatchObject({ received: 0, resolved: 0, onTimeCommittedRate: null, satisfactionRate: null, overdue: 0 });
    // The rows add up to the subtree's totals.
    expect(rows.reduce((n, r) => n + (r as unknown as { received: number }).received, 0)).toBe(8);

    // February over the subtree: received Y5, A1; resolved A1 (on time both, 8 days); rated A1 (5);
    // overdue Y5; transfers: a16 rejected.
    const p = s.previous;
    expect(p.received.total).toBe(2);
    expect(p.overdue).toBe(1);
    expect(p.resolved).toMatchObject({ total: 1, onTimeStatutory: { count: 1, rate: 1 }, onTimeCommitted: { count: 1, rate: 1 }, averageWorkingDays: 8, p90WorkingDays: 8 });
    expect(p.ratings).toMatchObject({ total: 1, satisfactionRate: 1 });
    expect(p.transfers).toEqual({ out: 0, in: 0, accepted: 0, rejected: 1, acceptanceRate: 0 });
    expect(p.byTenant.find((r: { tenant: { slug: string } }) => r.tenant.slug === 'yubei-legal-aid')).toMatchObject({ received: 1, resolved: 1, onTimeCommittedRate: 1, satisfactionRate: 1 });
  });

  test('the root sees both districts; each district rolled up', async () => {
    const s = await stats('city.supervisor', { subtree: true });
    expect(s.tenant.slug).toBe('cq');
    // March: yubei's subtree 8 + Z1, J1 = 10 received; 6 + Z1 = 7 resolved.
    expect(s.received.total).toBe(10);
    expect(s.resolved.total).toBe(7);
    // Committed on time: 3 (yubei's subtree) + 0 (Z1 late) = 3/7.
    expect(s.resolved.onTimeCommitted).toEqual({ count: 3, rate: 3 / 7 });
    expect(s.overdue).toBe(5); // Y1, Y3, L2, Z1 (late), J1 (open past 03-07)
    expect(s.transfers).toEqual({ out: 2, in: 2, accepted: 1, rejected: 1, acceptanceRate: 0.5 }); // + a4
    expect(s.supervision).toEqual({ issued: 2, responded: 2, respondedOnTime: 1, escalated: 1 }); // + a8
    expect(s.followUps).toEqual({ answered: 3, answeredOnTime: 2 }); // + a15
    // Ratings: 5, 2, 5, 1, 3 and Z1's 1: satisfied 3 of 6.
    expect(s.ratings).toMatchObject({ total: 6, satisfactionRate: 0.5 });

    const rows = Object.fromEntries((s.byTenant as { tenant: { slug: string } }[]).map((r) => [r.tenant.slug, r]));
    expect(s.byTenant[0]).toMatchObject({ tenant: { slug: 'cq' }, includesSubtree: false, received: 0, resolved: 0, overdue: 0 });
    expect(rows.yubei).toMatchObject({ includesSubtree: true, received: 8, resolved: 6, onTimeCommittedRate: 0.5, satisfactionRate: 0.6, overdue: 3 });
    // 渝中 with 解放碑: received Z1, J1; resolved Z1 (late): 0/1; rated Z1 (1): 0/1; overdue Z1, J1.
    expect(rows.yuzhong).toMatchObject({ includesSubtree: true, received: 2, resolved: 1, onTimeCommittedRate: 0, satisfactionRate: 0, overdue: 2 });
    expect(rows['yubei-longxi']).toBeUndefined(); // a grandchild is inside its district's row
  });

  test('other periods: a week, a quarter, a year, a custom range and the days before it', async () => {
    const count = async (period: Record<string, unknown>) => (await stats('yubei.supervisor', { subtree: true, period })).received.total;
    // ISO week of 2025-03-05 (Wed): 03-03 .. 03-09: Y1 (03-03), L1 (03-05).
    expect(await count({ kind: 'WEEK', date: '2025-03-05' })).toBe(2);
    // The day 2025-03-31: Y4.
    expect(await count({ kind: 'DAY', date: '2025-03-31' })).toBe(1);
    // Q1 2025: March's 8 + February's Y5, A1 = 10; the year adds Y7 (April): 11.
    expect(await count({ kind: 'QUARTER', date: '2025-02-14' })).toBe(10);
    expect(await count({ kind: 'YEAR', date: '2025-06-30' })).toBe(11);
    // 03-01 .. 03-05 (5 days): Y6, Y1, L1; the 5 days before (02-24 .. 02-28): Y5.
    const s = await stats('yubei.supervisor', { subtree: true, period: { kind: 'CUSTOM', from: '2025-03-01', to: '2025-03-05' } });
    expect(s.period).toEqual({ kind: 'CUSTOM', from: '2025-03-01', to: '2025-03-05', days: 5 });
    expect(s.received.total).toBe(3);
    expect(s.previous.period).toEqual({ kind: 'CUSTOM', from: '2025-02-24', to: '2025-02-28', days: 5 });
    expect(s.previous.received.total).toBe(1);
  });
});

describe('who may see what, and bad periods', () => {
  test('a tenant outside the subtree, subtree reports for staff, other tenants for staff: FORBIDDEN', async () => {
    const q = (as: string, vars: Record<string, unknown>) => t.gql(`query($tenantId: ID, $subtree: Boolean, $period: StatisticsPeriodInput!) {
      statistics(tenantId: $tenantId, subtree: $subtree, period: $period) { received { total } } }`, { period: MARCH, ...vars }, tok[as]);
    refused(await q('yuzhong.admin', { tenantId: gid('yubei') }), 'FORBIDDEN');
    refused(await q('yuzhong.admin', { tenantId: gid('yubei'), subtree: true }), 'FORBIDDEN');
    refused(await q('yubei.staff', { subtree: true }), 'FORBIDDEN');
    refused(await q('yubei.staff', { tenantId: gid('yubei-longxi') }), 'FORBIDDEN');
    refused(await q('longxi.staff', { tenantId: gid('yubei') }), 'FORBIDDEN'); // an ancestor is not in the subtree
    refused(await q('yubei.supervisor', { tenantId: gid('cq') }), 'FORBIDDEN');
    const anon = await t.gql('query($p: StatisticsPeriodInput!) { statistics(period: $p) { received { total } } }', { p: MARCH }, null);
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Staff see their own tenant; a supervisor a tenant below it; an admin of the district too.
    expect(ok(await q('yubei.staff', {})).statistics.received.total).toBe(5);
    expect(ok(await q('longxi.staff', {})).statistics.received.total).toBe(2); // L1, L2 (M1 is the committee's)
    expect(ok(await q('yubei.supervisor', { tenantId: gid('yubei-longxi'), subtree: true })).statistics.received.total).toBe(3);
    expect(ok(await q('yubei.admin', { tenantId: gid('yubei-longxi') })).statistics.received.total).toBe(2);
  });

  test('bad periods and ids are BAD_USER_INPUT naming the field', async () => {
    const q = (period: Record<string, unknown>, tenantId?: string) =>
      t.gql('query($p: StatisticsPeriodInput!, $t: ID) { statistics(period: $p, tenantId: $t) { received { total } } }', { p: period, t: tenantId }, tok['yubei.supervisor']);
    refused(await q({ kind: 'CUSTOM', from: '2025-03-10', to: '2025-03-09' }), 'BAD_USER_INPUT', ['period.to']);
    refused(await q({ kind: 'CUSTOM', from: '2024-01-01', to: '2025-01-01' }), 'BAD_USER_INPUT', ['period.to']); // 367 days
    refused(await q({ kind: 'CUSTOM', to: '2025-01-01' }), 'BAD_USER_INPUT', ['period.from']);
    // Not a day at all: the Date scalar refuses it before the resolver runs, naming the field.
    const notADay = await q({ kind: 'CUSTOM', from: '2025-02-30', to: '2025-03-01' });
    expect(notADay.data ?? null).toBeNull();
    expect(notADay.errors).toHaveLength(1);
    expect(notADay.errors![0]!.message).toMatch(/^Variable "\$p" got invalid value "2025-02-30" at "p.from"/);
    expect(notADay.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    refused(await q({ kind: 'MONTH' }), 'BAD_USER_INPUT', ['period.date']);
    refused(await q({ kind: 'MONTH', date: '2025-03-01', from: '2025-03-01' }), 'BAD_USER_INPUT', ['period.from']);
    refused(await q(MARCH, encodeGlobalId('User', tenant.yubei!)), 'BAD_USER_INPUT', ['tenantId']);
    // 366 days (a leap year) is allowed.
    expect(ok(await q({ kind: 'CUSTOM', from: '2024-01-01', to: '2024-12-31' })).statistics.received.total).toBe(0);
  });
});

describe('no N+1', () => {
  // The numbers of both periods, the tenant and service item objects of the asked one.
  const NUMBERS = ALL.replace('tenant { slug } subtree', 'subtree').replace('serviceItemId serviceItem { id } count', 'serviceItemId count').replace('byTenant { tenant { slug }', 'byTenant {');
  const PINNED = `query($subtree: Boolean, $period: StatisticsPeriodInput!) {
    statistics(subtree: $subtree, period: $period) { ${ALL} previous { ${NUMBERS} } } }`;
  // viewer lookup and the transaction's set_config; for the period and for the previous one:
  // received, resolved, activity, ratings, by tenant (5 each); then the loaders' batches: on
  // PostgreSQL the asked tenant (loaded at once), the byTenant rows' tenants (once those rows are
  // in) and the service items; PGlite answers every statement before the loaders dispatch, so the
  // two tenant batches are one. BEGIN and COMMIT are not counted.
  const STATEMENTS = 2 + 2 * 5 + (backend === 'pglite' ? 2 : 3);

  test('the statements of a full report do not depend on the number of tenants or items', async () => {
    const root = await t.countStatements(PINNED, { subtree: true, period: MARCH }, tok['city.admin']!);
    const district = await t.countStatements(PINNED, { subtree: true, period: MARCH }, tok['yubei.supervisor']!);
    expect(root.result.errors).toBeUndefined();
    expect(district.result.errors).toBeUndefined();
    expect(root.statements).toBe(STATEMENTS);
    expect(district.statements).toBe(STATEMENTS);

    // Three more offices under yubei, each with a case in March (and a service item of its own):
    // three more rows, tenants and items, the same statements.
    const hosts = await owner<{ case_id: string }>(sql`select case_id from case_facts where tenant_id = ${tenant.yubei!}::uuid and received_day > '2026-01-01' order by case_id limit 3`);
    expect(hosts).toHaveLength(3);
    for (const [i, h] of hosts.entries()) {
      const office = ok(
        await t.gql('mutation($i: CreateTenantInput!) { createTenant(input: $i) { tenant { id } } }', { i: { parentId: gid('yubei'), kind: 'JUDICIAL_OFFICE', slug: `yubei-stats-${i}`, name: `渝北区统计测试${i}司法所` } }, tok['yubei.admin']),
      ).createTenant.tenant;
      await owner(sql`update case_facts set tenant_id = ${decodeGlobalId(office.id)!.id}::uuid, received_day = '2025-03-20', service_item_id = ${randomUUID()}::uuid where case_id = ${h.case_id}::uuid`);
    }
    const more = await t.countStatements(PINNED, { subtree: true, period: MARCH }, tok['yubei.supervisor']!);
    expect(more.result.errors).toBeUndefined();
    expect(more.result.data!.statistics.byTenant).toHaveLength(district.result.data!.statistics.byTenant.length + 3);
    expect(more.result.data!.statistics.received.byServiceItem).toHaveLength(district.result.data!.statistics.received.byServiceItem.length + 3);
    expect(more.statements).toBe(STATEMENTS);

    // With the objects of the previous period too, its service items may need one more batch
    // (whether its rows come back before the asked period's items are loaded is up to the driver),
    // its tenants none (the same children, already loaded).
    const full = await t.countStatements(STATS, { subtree: true, period: MARCH }, tok['city.admin']!);
    expect(full.result.errors).toBeUndefined();
    expect(full.statements).toBeGreaterThanOrEqual(STATEMENTS);
    expect(full.statements).toBeLessThanOrEqual(STATEMENTS + 1);
  });

  test('only what is selected is computed', async () => {
    const r = await t.countStatements('query($p: StatisticsPeriodInput!) { statistics(period: $p) { overdue extended received { total } } }', { p: MARCH }, tok['yubei.supervisor']!);
    expect(r.result.data).toEqual({ statistics: { overdue: 2, extended: 1, received: { total: 5 } } });
    expect(r.statements).toBe(3); // viewer, set_config, received (once for three fields)
  });
});

describe('the facts of real cases', () => {
  /** Working days after `from` up to and including `to`, from the published arrangement (Art. 15). */
  const holidays = JSON.parse(readFileSync(new URL('../seeds/data/cn-public-holidays.json', import.meta.url), 'utf8')) as {
    years: Record<string, { off: { from: string; to: string }[]; makeupWorkdays: string[] }>;
  };
  function workingDaysAfter(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
      // A year with no arrangement loaded counts as plain weeks (as the database function does).
      const year = holidays.years[d.slice(0, 4)] ?? { off: [], makeupWorkdays: [] };
      const off = year.off.some((r) => r.from <= d && d <= r.to);
      if (year.makeupWorkdays.includes(d) || (isoWeekday(d) < 6 && !off)) n++;
    }
    return n;
  }

  test('over 国庆节 with a pause for materials: working days without the holiday and without the pause', async () => {
    const as = <T>(now: string, fn: Parameters<typeof runAs<T>>[3]) => runAs(t.database, t.config, viewers['yubei.staff']!, fn, sh(now));
    // Tuesday 2026-09-29, a consultation (default limits: statutory 5, committed 3 working days).
    // Working days after 09-29: 09-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13 ...
    // committed due 10-09, statutory due 10-12.
    let c = await as('2026-09-29T10:00:00', (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: '统计测试 国庆', strategy: 'ANSWER' }));
    const id = c.row.id;
    // Waiting for materials from Wednesday 09-30 to Friday 10-09: 10-08 and 10-09 are the paused
    // working days (the holiday is none), so both due dates move by 2: committed 10-12, statutory 10-14.
    c = await as('2026-09-30T10:00:00', (ctx) => requestMaterials(ctx, { id, version: c.row.version, items: [{ key: 'other:contract', note: '请提供合同' }] }));
    c = await as('2026-10-09T10:00:00', (ctx) => receiveMaterials(ctx, { id, version: c.row.version }));
    // Resolved Tuesday 10-13: after the committed due (10-12), before the statutory one (10-14).
    c = await as('2026-10-13T15:00:00', (ctx) =>
      resolveCase(ctx, { id, version: c.row.version, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'POLICY', summary: '已告知相关政策' }),
    );
    const [f] = await owner<Record<string, unknown>>(sql`select tenant_id, received_day::text as received_day, resolved_day::text as resolved_day,
      status, outcome, on_time_statutory, on_time_committed, working_days, statutory_due_at, committed_due_at from case_facts where case_id = ${id}::uuid`);
    // Working days 09-30, 10-08, 10-09, 10-10, 10-12, 10-13 = 6, minus the 2 paused = 4.
    expect(f).toMatchObject({ tenant_id: tenant.yubei, received_day: '2026-09-29', resolved_day: '2026-10-13', status: 'RESOLVED', outcome: 'ANSWERED', on_time_statutory: true, on_time_committed: false, working_days: 4 });
    expect(new Date(f!.committed_due_at as string).toISOString()).toBe(endOf('2026-10-12').toISOString());
    expect(new Date(f!.statutory_due_at as string).toISOString()).toBe(endOf('2026-10-14').toISOString());

    // And in the statistics of that day: the one case, 4 working days, late on the committed clock.
    const s = await stats('yubei.supervisor', { period: { kind: 'DAY', date: '2026-10-13' } });
    expect(s.resolved).toMatchObject({ total: 1, onTimeStatutory: { count: 1, rate: 1 }, onTimeCommitted: { count: 0, rate: 0 }, averageWorkingDays: 4, p90WorkingDays: 4 });
  });

  test('a case opened back-dated and resolved today through GraphQL: its facts row', async () => {
    // Received six days ago (the most a case may be back-dated is seven): the six days after it
    // always hold a weekend day.
    const receivedAt = new Date(Date.now() - 6 * 86_400_000);
    const open = ok(
      await t.gql('mutation($i: OpenCaseInput!) { openCase(input: $i) { case { id version status } } }', { i: { channel: 'HOTLINE', kind: 'CONSULTATION', subject: '统计测试 补录', receivedAt: receivedAt.toISOString(), strategy: 'ANSWER' } }, tok['yubei.staff']),
    ).openCase.case;
    let c = ok(
      await t.gql('mutation($i: RequestMaterialsInput!) { requestMaterials(input: $i) { case { id version } } }', { i: { id: open.id, version: open.version, items: [{ key: 'other:id', note: '请提供身份证明' }] } }, tok['yubei.staff']),
    ).requestMaterials.case;
    c = ok(await t.gql('mutation($i: ReceiveMaterialsInput!) { receiveMaterials(input: $i) { case { id version pausedWorkingDays } } }', { i: { id: c.id, version: c.version } }, tok['yubei.staff'])).receiveMaterials.case;
    expect(c.pausedWorkingDays).toBe(0); // asked and received within the same minute
    c = ok(
      await t.gql('mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { id version status resolution { resolvedAt } } } }', { i: { id: c.id, version: c.version, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'LEGAL', summary: '已解答', legalBasis: '《中华人民共和国民法典》第五百七十七条', riskNotice: '请注意诉讼时效' } }, tok['yubei.staff']),
    ).resolveCase.case;
    const [f] = await owner<Record<string, unknown>>(sql`select received_day::text as received_day, resolved_day::text as resolved_day, working_days, kind, channel
      from case_facts where case_id = ${decodeGlobalId(c.id)!.id}::uuid`);
    const receivedDay = civilDateAt(receivedAt);
    const resolvedDay = civilDateAt(new Date(c.resolution.resolvedAt));
    expect(f).toMatchObject({ received_day: receivedDay, resolved_day: resolvedDay, kind: 'CONSULTATION', channel: 'HOTLINE' });
    expect(f!.working_days).toBe(workingDaysAfter(receivedDay, resolvedDay));
    // At most 6 of those days are working days, and a weekend is among them unless make-up days fill it.
    expect(f!.working_days as number).toBeLessThanOrEqual(6);
  });
});
