import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cases } from '../schema/db/cases.js';
import { rowsOf } from '../server/db/client.js';
import { ok, startTestApp, type TestApp } from './helpers.js';

/**
 * Measured commitments and published results on the disclosure pages and in the public GraphQL
 * (Art. 16, 17, 21), and the directory ranked by measured rates. Cases are written as rows whose
 * projections carry exactly the dates and ratings below; the database derives their facts (the
 * trigger under test too). Expected values are worked out by hand in the comments.
 */
let t: TestApp;
const ids: Record<string, string> = {};
const DAY = 86_400_000;
const now = Date.now();
const ago = (days: number, extraMs = 0) => new Date(now - days * DAY + extraMs);

async function owner<T>(q: ReturnType<typeof sql>) {
  return rowsOf<T>(await t.database.db.execute(q));
}

let n = 0;
/** A resolved case at `tenant`: resolved `days` ago, on time against the committed clock or not. */
async function resolvedCase(tenant: string, o: { days: number; onTime: boolean; outcome?: string; rating?: string; sensitive?: boolean }) {
  const resolvedAt = ago(o.days);
  const receivedAt = new Date(resolvedAt.getTime() - 3 * DAY);
  const due = new Date(resolvedAt.getTime() + (o.onTime ? 1 : -1) * DAY);
  const projection = {
    receivedAt: receivedAt.toISOString(),
    clocks: { statutory: { dueAt: due.toISOString(), extension: null }, committed: { dueAt: due.toISOString(), extension: null }, pausedWorkingDays: 0 },
    resolution: { outcome: o.outcome ?? 'HANDLED', resolvedAt: resolvedAt.toISOString() },
    rating: o.rating ? { score: o.rating, ratedAt: resolvedAt.toISOString(), appeal: null, comment: null } : null,
  };
  n += 1;
  await t.database.db.insert(cases).values({
    originTenantId: ids[tenant]!,
    handlerTenantId: ids[tenant]!,
    firstResponderTenantId: ids[tenant]!,
    number: `MEASURE-${n}`,
    year: 2026,
    status: 'RESOLVED',
    kind: 'MATTER',
    channel: 'ONSITE',
    subject: '测试事项',
    sensitive: o.sensitive ?? false,
    prioritySort: 40,
    openedAt: receivedAt,
    updatedAt: resolvedAt,
    projection,
    lastSeq: 0,
    lastHash: '',
  });
}

async function commitment(tenant: string, metric: string, target: number, title: string) {
  await owner(sql`insert into commitments (tenant_id, kind, title, body, metric, target, published, sort_order)
    values (${ids[tenant]}, 'QUALITY', ${title}, '测试承诺', ${metric}, ${target}, true, 100)`);
}

async function contact(tenant: string, i: number, answeredAfterMs: number | null, abandoned = false) {
  const arrived = ago(5, i * 60_000);
  const answered = answeredAfterMs === null ? null : new Date(arrived.getTime() + answeredAfterMs);
  await owner(sql`insert into contacts (tenant_id, channel, external_id, arrived_at, answered_at, abandoned)
    values (${ids[tenant]}, 'HOTLINE', ${`measure-${i}`}, ${arrived.toISOString()}::timestamptz, ${answered?.toISOString() ?? null}::timestamptz, ${abandoned})`);
}

beforeAll(async () => {
  t = await startTestApp();
  for (const r of await owner<{ id: string; slug: string }>(sql`select id, slug from tenants`)) ids[r.slug] = r.id;
  // 龙山司法所: 25 resolved in the window, 22 on time (88.0 %), plus 5 late ones 100 days ago that
  // fall outside it. 21 rated: 19 satisfied (非常满意 10, 满意 6, 基本满意 3), 2 not: 19/21 = 90.476 → 90.5 %.
  const ratings = [...Array(10).fill('VERY_SATISFIED'), ...Array(6).fill('SATISFIED'), ...Array(3).fill('BASICALLY_SATISFIED'), 'DISSATISFIED', 'VERY_DISSATISFIED'];
  for (let i = 0; i < 25; i++) {
    await resolvedCase('yubei-longshan', { days: 1 + (i % 80), onTime: i >= 3, outcome: i < 20 ? 'HANDLED' : 'GUIDED', rating: ratings[i] });
  }
  for (let i = 0; i < 5; i++) await resolvedCase('yubei-longshan', { days: 100 + i, onTime: false });
  // A sensitive case: counted in the rates, never in the published results.
  await resolvedCase('yubei-shuanglonghu', { days: 2, onTime: true, outcome: 'REFERRED', sensitive: true });
  // 双龙湖司法所: 20 resolved, all on time (100 %): ranks above 龙山.
  for (let i = 0; i < 19; i++) await resolvedCase('yubei-shuanglonghu', { days: 3 + i, onTime: true });
  await commitment('yubei-longshan', 'ON_TIME_RATE', 90, '按时办结率不低于90%');
  await commitment('yubei-longshan', 'SATISFACTION_RATE', 95, '满意率不低于95%');
  await commitment('yubei-longshan', 'HOTLINE_ANSWER_SECONDS', 3, '来电3秒内接听');
  await commitment('yubei-longshan', 'CHAT_ANSWER_SECONDS', 3, '在线咨询3秒内应答');
  // Hotline: 30 calls. 27 answered within 3 s (the 27th at exactly 3.000 s), one at 3.001 s, one
  // abandoned, one never answered: 27/30 = 90.0 %.
  for (let i = 0; i < 26; i++) await contact('yubei-longshan', i, 1_000 + i * 50);
  await contact('yubei-longshan', 26, 3_000);
  await contact('yubei-longshan', 27, 3_001);
  await contact('yubei-longshan', 28, null, true);
  await contact('yubei-longshan', 29, null);
});
afterAll(() => t?.close());

const DISCLOSURE = `query($s: String!) { publicTenant(slug: $s) {
  commitments { title metric target measured { value sample enoughData met windowDays } }
  results { serviceItemName outcome outcomeLabel cases } } }`;

describe('measured commitments (Art. 16, 21)', () => {
  test('each bound commitment shows its measured value over 90 days, with its sample and whether it meets the target', async () => {
    const d = ok(await t.gql(DISCLOSURE, { s: 'yubei-longshan' }, null)).publicTenant;
    const byTitle = Object.fromEntries(d.commitments.map((c: { title: string; measured: unknown }) => [c.title, c.measured]));
    expect(byTitle['按时办结率不低于90%']).toEqual({ value: 88, sample: 25, enoughData: true, met: false, windowDays: 90 });
    expect(byTitle['满意率不低于95%']).toEqual({ value: 90.5, sample: 21, enoughData: true, met: false, windowDays: 90 });
    expect(byTitle['来电3秒内接听']).toEqual({ value: 90, sample: 30, enoughData: true, met: null, windowDays: 90 });
    expect(byTitle['在线咨询3秒内应答']).toEqual({ value: null, sample: 0, enoughData: false, met: null, windowDays: 90 });
  });

  test('a commitment that binds no metric has no measured value; few cases say "not enough data"', async () => {
    const d = ok(await t.gql(DISCLOSURE, { s: 'cq' }, null)).publicTenant;
    const text = d.commitments.find((c: { metric: string | null }) => c.metric === null);
    if (text) expect(text.measured).toBeNull();
    const onTime = d.commitments.find((c: { metric: string | null }) => c.metric === 'ON_TIME_RATE');
    // The demo's root resolved a handful of cases: below the minimum of 20.
    expect(onTime.measured.enoughData).toBe(false);
    expect(onTime.measured.value).toBeNull();
  });

  test('the disclosure page prints the same values beside the promises', async () => {
    const res = await t.app.fetch(new Request('http://127.0.0.1/public/yubei-longshan'));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('近90天实测按时办结率 88%（基于25件，未达到承诺）');
    expect(page).toContain('近90天实测满意率 90.5%（基于21件，未达到承诺）');
    expect(page).toContain('近90天实测3秒内接听率 90%（基于30次）');
    expect(page).toContain('近90天数据不足（0次，少于20次）');
  });
});

describe('published results (Art. 17)', () => {
  test('resolved cases this year by service item and outcome; sensitive ones left out', async () => {
    const longshan = ok(await t.gql(DISCLOSURE, { s: 'yubei-longshan' }, null)).publicTenant.results;
    // This year only: the 5 resolved 100+ days ago count too when they fall in this calendar year.
    const thisYear = new Date(now).getUTCFullYear();
    const old = [100, 101, 102, 103, 104].filter((d) => ago(d).getUTCFullYear() === thisYear).length;
    expect(longshan).toEqual([
      { serviceItemName: null, outcome: 'HANDLED', outcomeLabel: '已办结', cases: 20 + old },
      { serviceItemName: null, outcome: 'GUIDED', outcomeLabel: '引导办理', cases: 5 },
    ]);
    const shuanglonghu = ok(await t.gql(DISCLOSURE, { s: 'yubei-shuanglonghu' }, null)).publicTenant.results;
    expect(shuanglonghu).toEqual([{ serviceItemName: null, outcome: 'HANDLED', outcomeLabel: '已办结', cases: 19 }]);
    const page = await (await t.app.fetch(new Request('http://127.0.0.1/public/yubei-shuanglonghu'))).text();
    expect(page).toContain('办理结果公开');
    expect(page).not.toContain('指引转介');
  });

  test('a bad period names the field', async () => {
    const r = await t.gql('{ publicTenant(slug: "yubei-longshan") { results(from: "2026-05-01", to: "2026-04-01") { cases } } }', {}, null);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.fields).toEqual({ from: 'is after to' });
  });
});

describe('the directory ranked by measured rates', () => {
  test('ON_TIME: 双龙湖 (100 %, 20 cases) before 龙山 (88 %), then everyone without enough data', async () => {
    const dir = ok(await t.gql('{ publicDirectory(sort: ON_TIME) { slug rates { onTimeRate resolved } } }', {}, null)).publicDirectory;
    expect(dir.slice(0, 2)).toEqual([
      { slug: 'yubei-shuanglonghu', rates: { onTimeRate: 100, resolved: 20 } },
      { slug: 'yubei-longshan', rates: { onTimeRate: 88, resolved: 25 } },
    ]);
    expect(dir.slice(2).every((e: { rates: { onTimeRate: number | null } }) => e.rates.onTimeRate === null)).toBe(true);
  });

  test('SATISFACTION: only 龙山 has 20 ratings; the page ranks it first and says "数据不足" for the rest', async () => {
    const dir = ok(await t.gql('{ publicDirectory(sort: SATISFACTION) { slug rates { satisfactionRate rated } } }', {}, null)).publicDirectory;
    expect(dir[0]).toEqual({ slug: 'yubei-longshan', rates: { satisfactionRate: 90.5, rated: 21 } });
    const page = await (await t.app.fetch(new Request('http://127.0.0.1/public?sort=satisfaction'))).text();
    expect(page.indexOf('渝北区龙山司法所')).toBeGreaterThan(0);
    expect(page.indexOf('渝北区龙山司法所')).toBeLessThan(page.indexOf('<td>数据不足</td>'));
    expect(page).toContain('90.5%');
  });

  test('the default order is unchanged, and the sort links are there', async () => {
    const page = await (await t.app.fetch(new Request('http://127.0.0.1/public'))).text();
    expect(page).toContain('<strong>按地区</strong>');
    expect(page).toContain('href="/public?sort=on-time"');
  });
});
