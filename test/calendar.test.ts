import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { rowsOf } from '../server/db/client.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * The work calendar through GraphQL (DESIGN.md "Calendar", Art. 15): the holiday arrangements the
 * root maintains, deadline arithmetic on them (Asia/Shanghai, start day not counted, a deadline on
 * a day off moves to the end of the next working day), years not loaded refused rather than
 * guessed, and tenants' own closures. The tests run in order: 2027 is loaded part-way through.
 */

let t: TestApp;
const tok: Record<string, string> = {};
const tenantIds: Record<string, string> = {};

interface ArrangementJson {
  off: { name: string; from: string; to: string }[];
  makeupWorkdays: string[];
}
const PUBLISHED = JSON.parse(readFileSync(new URL('../seeds/data/cn-public-holidays.json', import.meta.url), 'utf8')) as {
  years: Record<string, ArrangementJson>;
};

const YEARS = `query { holidayYears { year off { name from to } makeupWorkdays source version } }`;
const MISSING = `query($count: Int) { missingHolidayYears(count: $count) }`;
const MISSING_DEFAULT = `query { missingHolidayYears }`;
const DUE = `query($start: DateTime!, $unit: LimitUnit!, $amount: Int!, $tenantId: ID) {
  dueAt(start: $start, unit: $unit, amount: $amount, tenantId: $tenantId)
}`;
const SET = `mutation($i: SetHolidayArrangementInput!) {
  setHolidayArrangement(input: $i) { year off { name from to } makeupWorkdays source version }
}`;
const ADD_CLOSURE = `mutation($i: AddTenantClosureInput!) { addTenantClosure(input: $i) { id date reason } }`;
const REMOVE_CLOSURE = `mutation($id: ID!) { removeTenantClosure(id: $id) { id date reason } }`;
const CLOSURES = `query($tenantId: ID) { tenantClosures(tenantId: $tenantId) { id date reason } }`;

/** The end of a civil date in Shanghai (23:59:59.999 +08:00), as the API writes instants. */
const endOf = (date: string) => `${date}T15:59:59.999Z`;

/** This year in Shanghai, by the clock the server also reads. */
const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
/** The years of [thisYear, thisYear + count) that are not loaded. */
function expectedMissing(loaded: number[], count: number): number[] {
  const from = thisYear();
  return Array.from({ length: count }, (_, i) => from + i).filter((y) => !loaded.includes(y));
}

const ARRANGEMENT_2027: ArrangementJson = {
  off: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  makeupWorkdays: ['2027-01-31', '2027-02-20', '2027-09-26', '2027-10-09'],
};

async function due(as: string, start: string, unit: string, amount: number, tenantId?: string): Promise<string> {
  return ok(await t.gql(DUE, { start, unit, amount, tenantId }, tok[as])).dueAt;
}

/** The calendar tables, read as the owner. */
async function snapshot(): Promise<string> {
  const years = rowsOf(await t.database.db.execute(sql`select * from holiday_years order by year`));
  const closures = rowsOf(await t.database.db.execute(sql`select * from tenant_closures order by id`));
  return JSON.stringify({ years, closures });
}

async function refusedUnchanged(run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await snapshot();
  const err = refused(await run(), code, fields);
  expect(await snapshot()).toBe(before);
  return err;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['city.admin', 'city.supervisor', 'yubei.admin', 'yubei.staff', 'yuzhong.admin', 'longxi.staff', 'mingli.lawyer']) {
    tok[u] = await t.login(u, DEMO_PASSWORD);
  }
  for (const slug of ['cq', 'yubei', 'yuzhong']) {
    tenantIds[slug] = ok(await t.gql('query($s: String!) { tenant(slug: $s) { id } }', { s: slug }, tok['city.admin'])).tenant.id;
  }
});
afterAll(() => t?.close());

describe('the holiday table', () => {
  test('holidayYears lists the seeded years exactly as published, for any signed-in user', async () => {
    const expected = Object.entries(PUBLISHED.years).map(([year, a]) => ({
      year: Number(year),
      off: a.off,
      makeupWorkdays: a.makeupWorkdays,
      source: '国务院办公厅关于部分节假日安排的通知',
      version: 1,
    }));
    expect(expected.map((y) => y.year)).toEqual([2025, 2026]);
    expect(ok(await t.gql(YEARS, {}, tok['city.admin'])).holidayYears).toEqual(expected);
    expect(ok(await t.gql(YEARS, {}, tok['yubei.staff'])).holidayYears).toEqual(expected);
    refused(await t.gql(YEARS, {}, null), 'UNAUTHENTICATED');
  });

  test('missingHolidayYears names the coming years without an arrangement, for admins only', async () => {
    const loaded = [2025, 2026];
    expect(ok(await t.gql(MISSING_DEFAULT, {}, tok['city.admin'])).missingHolidayYears).toEqual(expectedMissing(loaded, 2));
    expect(ok(await t.gql(MISSING, { count: 2 }, tok['city.admin'])).missingHolidayYears).toEqual(expectedMissing(loaded, 2));
    expect(ok(await t.gql(MISSING, { count: 1 }, tok['city.admin'])).missingHolidayYears).toEqual(expectedMissing(loaded, 1));
    expect(ok(await t.gql(MISSING, { count: 4 }, tok['city.admin'])).missingHolidayYears).toEqual(expectedMissing(loaded, 4));
    if (thisYear() === 2026) {
      // The example, spelled out for the year these tests were written in.
      expect(ok(await t.gql(MISSING_DEFAULT, {}, tok['city.admin'])).missingHolidayYears).toEqual([2027]);
    }
    // Any admin may ask; others may not.
    expect(ok(await t.gql(MISSING_DEFAULT, {}, tok['yubei.admin'])).missingHolidayYears).toEqual(expectedMissing(loaded, 2));
    for (const who of ['yubei.staff', 'longxi.staff', 'city.supervisor']) refused(await t.gql(MISSING_DEFAULT, {}, tok[who]), 'FORBIDDEN');
    refused(await t.gql(MISSING_DEFAULT, {}, null), 'UNAUTHENTICATED');
  });
});

describe('dueAt on the national calendar', () => {
  test('working days skip the National Day holiday and count the make-up Saturday', async () => {
    // 2026-09-30 (Wed) 10:00 Shanghai; 10-01..07 off; 10-08 Thu 1, 10-09 Fri 2, 10-10 Sat (make-up) 3,
    // 10-11 Sun off, 10-12 Mon 4, 10-13 Tue 5.
    expect(await due('yubei.staff', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-13'));
    // 01:00 on 09-30 in Shanghai is still 09-29 in UTC: the Shanghai date is what counts.
    expect(await due('yubei.staff', '2026-09-29T17:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-13'));
    // 23:59:59 on 09-29 in Shanghai: 09-30 is day 1, then 10-08, 10-09, 10-10, 10-12.
    expect(await due('yubei.staff', '2026-09-29T15:59:59Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-12'));
    // An ordinary week: Wed 11-25 + 3 → Mon 11-30.
    expect(await due('yubei.staff', '2026-11-25T02:00:00Z', 'WORKING_DAYS', 3)).toBe(endOf('2026-11-30'));
    // Zero days started on a holiday: the end of the next working day.
    expect(await due('yubei.staff', '2026-10-03T02:00:00Z', 'WORKING_DAYS', 0)).toBe(endOf('2026-10-08'));
    // Zero days on a working day: that day.
    expect(await due('yubei.staff', '2026-11-25T02:00:00Z', 'WORKING_DAYS', 0)).toBe(endOf('2026-11-25'));
    // Spring Festival 2026: Sat 02-14 is a make-up workday, 02-15..23 are off.
    // From Fri 02-13: 02-14 (make-up) 1, 02-24 Tue 2.
    expect(await due('yubei.staff', '2026-02-13T02:00:00Z', 'WORKING_DAYS', 2)).toBe(endOf('2026-02-24'));
  });

  test('calendar days and hours landing on a day off move to the end of the next working day', async () => {
    // Mon 09-28 + 3 calendar days = 10-01 (holiday) → Thu 10-08.
    expect(await due('yubei.staff', '2026-09-28T02:00:00Z', 'CALENDAR_DAYS', 3)).toBe(endOf('2026-10-08'));
    // Thu 10-08 + 2 = Sat 10-10, a make-up workday: it stays.
    expect(await due('yubei.staff', '2026-10-08T02:00:00Z', 'CALENDAR_DAYS', 2)).toBe(endOf('2026-10-10'));
    // Wed 11-25 + 3 = Sat 11-28 → Mon 11-30; + 1 = Thu 11-26 stays.
    expect(await due('yubei.staff', '2026-11-25T02:00:00Z', 'CALENDAR_DAYS', 3)).toBe(endOf('2026-11-30'));
    expect(await due('yubei.staff', '2026-11-25T02:00:00Z', 'CALENDAR_DAYS', 1)).toBe(endOf('2026-11-26'));
    // Hours run round the clock: 09-30 16:00 + 24 h = 10-01 16:00, a holiday → end of 10-08.
    expect(await due('yubei.staff', '2026-09-30T08:00:00Z', 'HOURS', 24)).toBe(endOf('2026-10-08'));
    // … and land exactly on a working day otherwise.
    expect(await due('yubei.staff', '2026-11-25T02:00:00Z', 'HOURS', 8)).toBe('2026-11-25T10:00:00.000Z');
    expect(await due('yubei.staff', '2026-11-25T02:00:00Z', 'HOURS', 30)).toBe('2026-11-26T08:00:00.000Z');
  });

  test('amounts out of range name the amount; anonymous callers are refused', async () => {
    refused(await t.gql(DUE, { start: '2026-11-25T02:00:00Z', unit: 'WORKING_DAYS', amount: -1 }, tok['yubei.staff']), 'BAD_USER_INPUT', [
      'amount',
    ]);
    refused(await t.gql(DUE, { start: '2026-11-25T02:00:00Z', unit: 'HOURS', amount: 721 }, tok['yubei.staff']), 'BAD_USER_INPUT', ['amount']);
    refused(await t.gql(DUE, { start: '2026-11-25T02:00:00Z', unit: 'WORKING_DAYS', amount: 1 }, null), 'UNAUTHENTICATED');
  });

  test('a deadline reaching into a year with no arrangement is refused, naming the year, never guessed', async () => {
    // Mon 12-28: 12-29 1, 12-30 2, 12-31 3, then 2027, which is not loaded.
    for (const [start, unit, amount] of [
      ['2026-12-28T02:00:00Z', 'WORKING_DAYS', 5],
      ['2026-12-28T02:00:00Z', 'CALENDAR_DAYS', 10],
      ['2026-12-30T02:00:00Z', 'HOURS', 96],
    ] as const) {
      const err = refused(await t.gql(DUE, { start, unit, amount }, tok['yubei.staff']), 'CONFLICT');
      expect(err.message, `${unit} ${amount}`).toContain('2027');
      expect(err.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    // Within 2026 it still works: 3 working days from 12-28 is 12-31.
    expect(await due('yubei.staff', '2026-12-28T02:00:00Z', 'WORKING_DAYS', 3)).toBe(endOf('2026-12-31'));
    // A start in a year before the table is refused the same way.
    const before = refused(await t.gql(DUE, { start: '2024-12-30T02:00:00Z', unit: 'WORKING_DAYS', amount: 1 }, tok['yubei.staff']), 'CONFLICT');
    expect(before.message).toContain('2024');
  });
});

describe('setHolidayArrangement', () => {
  test('only municipal bureau admins maintain the table', async () => {
    for (const who of ['yubei.admin', 'yubei.staff', 'city.supervisor', 'mingli.lawyer']) {
      await refusedUnchanged(() => t.gql(SET, { i: { year: 2027, ...ARRANGEMENT_2027 } }, tok[who]), 'FORBIDDEN');
    }
    await refusedUnchanged(() => t.gql(SET, { i: { year: 2027, ...ARRANGEMENT_2027 } }, null), 'UNAUTHENTICATED');
  });

  const invalid: [string, Partial<ArrangementJson> & { year?: number }, string[]][] = [
    ['a make-up workday on a weekday', { makeupWorkdays: ['2027-01-31', '2027-02-01'] }, ['makeupWorkdays.1']],
    [
      'a range that ends before it starts',
      { off: [ARRANGEMENT_2027.off[0]!, { name: '春节', from: '2027-02-13', to: '2027-02-05' }] },
      ['off.1.to'],
    ],
    ['a day off outside the year', { off: [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }] }, ['off.0.from']],
    ['a make-up workday outside the year', { makeupWorkdays: ['2026-12-27'] }, ['makeupWorkdays.0']],
    ['a make-up workday that is also a day off', { makeupWorkdays: ['2027-02-06'] }, ['makeupWorkdays.0']],
    ['a date that does not exist', { off: [{ name: '春节', from: '2027-02-30', to: '2027-03-01' }] }, ['off.0.from']],
    ['a range without a name', { off: [{ name: '  ', from: '2027-01-01', to: '2027-01-03' }] }, ['off.0.name']],
    ['no days off at all', { off: [] }, ['off']],
    ['a year out of range', { year: 1999, off: [{ name: '元旦', from: '1999-01-01', to: '1999-01-03' }], makeupWorkdays: [] }, ['year']],
  ];
  test.each(invalid)('%s is refused naming the field, and nothing is saved', async (_what, overrides, fields) => {
    await refusedUnchanged(
      () => t.gql(SET, { i: { year: 2027, ...ARRANGEMENT_2027, ...overrides } }, tok['city.admin']),
      'BAD_USER_INPUT',
      fields,
    );
  });

  test('loading 2027 makes deadlines into 2027 work and drops it from the missing years', async () => {
    const loaded = ok(await t.gql(SET, { i: { year: 2027, ...ARRANGEMENT_2027, source: '（测试）2027年节假日安排' } }, tok['city.admin']))
      .setHolidayArrangement;
    expect(loaded).toEqual({ year: 2027, ...ARRANGEMENT_2027, source: '（测试）2027年节假日安排', version: 1 });
    expect(ok(await t.gql(YEARS, {}, tok['yubei.staff'])).holidayYears.map((y: { year: number }) => y.year)).toEqual([2025, 2026, 2027]);
    expect(ok(await t.gql(MISSING, { count: 4 }, tok['city.admin'])).missingHolidayYears).toEqual(expectedMissing([2025, 2026, 2027], 4));
    expect(ok(await t.gql(MISSING_DEFAULT, {}, tok['city.admin'])).missingHolidayYears).toEqual(expectedMissing([2025, 2026, 2027], 2));

    // Mon 12-28: 12-29 1, 12-30 2, 12-31 3, 01-01..03 off, Mon 01-04 4, Tue 01-05 5.
    expect(await due('yubei.staff', '2026-12-28T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2027-01-05'));
    expect(await due('yubei.staff', '2026-12-28T02:00:00Z', 'CALENDAR_DAYS', 5)).toBe(endOf('2027-01-04'));
    // The make-up Sunday 2027-01-31 counts: from Fri 01-29, 01-31 is day 1.
    expect(await due('yubei.staff', '2027-01-29T02:00:00Z', 'WORKING_DAYS', 1)).toBe(endOf('2027-01-31'));
    // 2028 is the next wall: Tue 2027-12-28 + 5 working days reaches it.
    const err = refused(await t.gql(DUE, { start: '2027-12-28T02:00:00Z', unit: 'WORKING_DAYS', amount: 5 }, tok['yubei.staff']), 'CONFLICT');
    expect(err.message).toContain('2028');
  });

  test('replacing a loaded year needs its current version', async () => {
    const corrected = {
      year: 2027,
      off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }, ...ARRANGEMENT_2027.off.slice(1)],
      makeupWorkdays: ['2027-01-09', ...ARRANGEMENT_2027.makeupWorkdays],
    };
    // No version, or a stale one: refused, nothing changes.
    await refusedUnchanged(() => t.gql(SET, { i: corrected }, tok['city.admin']), 'CONFLICT');
    await refusedUnchanged(() => t.gql(SET, { i: { ...corrected, version: 2 } }, tok['city.admin']), 'CONFLICT');
    // The seeded 2026 is protected the same way.
    await refusedUnchanged(() => t.gql(SET, { i: { year: 2026, ...PUBLISHED.years['2026']! } }, tok['city.admin']), 'CONFLICT');
    expect(await due('yubei.staff', '2026-12-28T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2027-01-05'));

    // With the current version it replaces the year (the source is kept when not given).
    const replaced = ok(await t.gql(SET, { i: { ...corrected, version: 1 } }, tok['city.admin'])).setHolidayArrangement;
    expect(replaced).toEqual({ ...corrected, source: '（测试）2027年节假日安排', version: 2 });
    // Mon 01-04 is now off: 12-29 1, 12-30 2, 12-31 3, Tue 01-05 4, Wed 01-06 5.
    expect(await due('yubei.staff', '2026-12-28T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2027-01-06'));
    // The old version number is now stale.
    await refusedUnchanged(() => t.gql(SET, { i: { ...corrected, version: 1 } }, tok['city.admin']), 'CONFLICT');
  });
});

describe('tenant closures', () => {
  let closureId: string;

  test('a closure on a working day moves that tenant\'s deadlines and no one else\'s', async () => {
    const added = ok(await t.gql(ADD_CLOSURE, { i: { date: '2026-10-12', reason: '办公场所搬迁' } }, tok['yubei.admin'])).addTenantClosure;
    expect(added).toMatchObject({ date: '2026-10-12', reason: '办公场所搬迁' });
    closureId = added.id;
    expect(ok(await t.gql(CLOSURES, {}, tok['yubei.admin'])).tenantClosures).toEqual([added]);
    expect(ok(await t.gql(CLOSURES, { tenantId: tenantIds.yubei }, tok['city.admin'])).tenantClosures).toEqual([added]);

    // yubei: 10-08 1, 10-09 2, 10-10 3, (10-12 closed), 10-13 4, 10-14 5.
    expect(await due('yubei.admin', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-14'));
    expect(await due('yubei.staff', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-14'));
    expect(await due('city.admin', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5, tenantIds.yubei)).toBe(endOf('2026-10-14'));
    // A calendar-day deadline on the closed day moves to the next working day.
    expect(await due('yubei.staff', '2026-10-09T02:00:00Z', 'CALENDAR_DAYS', 3)).toBe(endOf('2026-10-13'));
    // yuzhong and the root are not affected.
    expect(await due('yuzhong.admin', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-13'));
    expect(await due('city.admin', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5, tenantIds.yuzhong)).toBe(endOf('2026-10-13'));
    expect(await due('city.admin', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-13'));
    expect(await due('yuzhong.admin', '2026-10-09T02:00:00Z', 'CALENDAR_DAYS', 3, tenantIds.yuzhong)).toBe(endOf('2026-10-12'));
  });

  test('a closure wins over a make-up workday', async () => {
    const added = ok(await t.gql(ADD_CLOSURE, { i: { date: '2026-10-10', reason: '停电检修' } }, tok['yubei.admin'])).addTenantClosure;
    // 10-08 1, 10-09 2, (10-10 closed, 10-12 closed), 10-13 3, 10-14 4, 10-15 5.
    expect(await due('yubei.staff', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-15'));
    expect(ok(await t.gql(REMOVE_CLOSURE, { id: added.id }, tok['yubei.admin'])).removeTenantClosure).toEqual(added);
    expect(await due('yubei.staff', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-14'));
  });

  test('refusals: duplicates and bad input name the field; staff and outsiders are refused', async () => {
    await refusedUnchanged(
      () => t.gql(ADD_CLOSURE, { i: { date: '2026-10-12', reason: '再次登记' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['date'],
    );
    // The same date by an admin above, for yubei, is the same duplicate.
    await refusedUnchanged(
      () => t.gql(ADD_CLOSURE, { i: { tenantId: tenantIds.yubei, date: '2026-10-12', reason: '再次登记' } }, tok['city.admin']),
      'BAD_USER_INPUT',
      ['date'],
    );
    await refusedUnchanged(() => t.gql(ADD_CLOSURE, { i: { date: '2026-02-30', reason: '搬迁' } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['date']);
    await refusedUnchanged(() => t.gql(ADD_CLOSURE, { i: { date: '2026-11-30', reason: '  ' } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['reason']);
    await refusedUnchanged(() => t.gql(ADD_CLOSURE, { i: { date: '2026-11-30', reason: '搬迁' } }, tok['yubei.staff']), 'FORBIDDEN');
    await refusedUnchanged(() => t.gql(REMOVE_CLOSURE, { id: closureId }, tok['yubei.staff']), 'FORBIDDEN');
    // yuzhong's admin cannot see yubei's closure, nor close yubei.
    await refusedUnchanged(() => t.gql(REMOVE_CLOSURE, { id: closureId }, tok['yuzhong.admin']), 'NOT_FOUND');
    await refusedUnchanged(
      () => t.gql(ADD_CLOSURE, { i: { tenantId: tenantIds.yubei, date: '2026-11-30', reason: '搬迁' } }, tok['yuzhong.admin']),
      'NOT_FOUND',
    );
    // The admin of an office under yubei sees the closure but may not remove it.
    await refusedUnchanged(() => t.gql(REMOVE_CLOSURE, { id: closureId }, tok['mingli.lawyer']), 'FORBIDDEN');
    await refusedUnchanged(() => t.gql(REMOVE_CLOSURE, { id: 'garbage' }, tok['yubei.admin']), 'BAD_USER_INPUT', ['id']);
    expect(await due('yubei.staff', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-14'));
  });

  test("a tenant's deadlines are asked only by those who can see that tenant", async () => {
    const yz = ok(await t.gql(ADD_CLOSURE, { i: { date: '2026-11-30', reason: '区政务中心停电' } }, tok['yuzhong.admin'])).addTenantClosure;
    // Wed 11-25: 11-26 1, 11-27 2, (Sat, Sun, Mon 11-30 closed), 12-01 3.
    expect(await due('yuzhong.admin', '2026-11-25T02:00:00Z', 'WORKING_DAYS', 3)).toBe(endOf('2026-12-01'));
    expect(await due('city.admin', '2026-11-25T02:00:00Z', 'WORKING_DAYS', 3, tenantIds.yuzhong)).toBe(endOf('2026-12-01'));
    // yubei cannot see yuzhong (nor its closures): answering would give a wrong date (11-30), so it is refused.
    const r = await t.gql(DUE, { start: '2026-11-25T02:00:00Z', unit: 'WORKING_DAYS', amount: 3, tenantId: tenantIds.yuzhong }, tok['yubei.admin']);
    ok(await t.gql(REMOVE_CLOSURE, { id: yz.id }, tok['yuzhong.admin']));
    const outcome = r.errors ? r.errors[0]!.extensions?.code : `answered ${r.data?.dueAt}`;
    expect(outcome).toBe('NOT_FOUND');
  });

  test('removing the closure restores the national calendar', async () => {
    const removed = ok(await t.gql(REMOVE_CLOSURE, { id: closureId }, tok['yubei.admin'])).removeTenantClosure;
    expect(removed).toEqual({ id: closureId, date: '2026-10-12', reason: '办公场所搬迁' });
    expect(ok(await t.gql(CLOSURES, {}, tok['yubei.admin'])).tenantClosures).toEqual([]);
    expect(await due('yubei.admin', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5)).toBe(endOf('2026-10-13'));
    expect(await due('city.admin', '2026-09-30T02:00:00Z', 'WORKING_DAYS', 5, tenantIds.yubei)).toBe(endOf('2026-10-13'));
    // Removing it again: it is gone.
    await refusedUnchanged(() => t.gql(REMOVE_CLOSURE, { id: closureId }, tok['yubei.admin']), 'NOT_FOUND');
    // And the date may be closed again.
    const again = ok(await t.gql(ADD_CLOSURE, { i: { date: '2026-10-12', reason: '办公场所搬迁' } }, tok['yubei.admin'])).addTenantClosure;
    expect(again.id).not.toBe(closureId);
  });
});
