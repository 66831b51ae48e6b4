import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UserRole } from '../schema/db/tenancy.js';
import { rowsOf } from '../server/db/client.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { encodeGlobalId } from '../server/graphql/global-id.js';
import { setHolidayArrangement } from '../server/usecases/calendar/work-calendar.js';
import { receiveMaterials, requestMaterials } from '../server/usecases/cases/lifecycle.js';
import { openCase } from '../server/usecases/cases/open-case.js';
import { recomputeProvisionalClocks } from '../server/usecases/cases/recompute-clocks.js';
import { runAs } from '../server/usecases/context.js';
import { ok, startTestApp, type TestApp } from './helpers.js';

/**
 * Intake never waits for the holiday table (Art. 6): when a time limit reaches into a year whose
 * arrangement is not loaded, the due dates are computed on plain weeks for that year, marked
 * provisional, and computed again (CLOCKS_RECOMPUTED on the ledger) once the root loads the year.
 * The 2027 arrangement below is a test fixture, not the State Council's.
 */

let t: TestApp;
const viewers: Record<string, Viewer> = {};
const end = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();
const CASE = `query($id: ID!) { case(id: $id) { version status provisionalYears
  statutoryClock { dueAt provisional } committedClock { dueAt provisional } ledger { type payload } } }`;

beforeAll(async () => {
  t = await startTestApp();
  const users = rowsOf<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(
    await t.database.db.execute(sql`select id, tenant_id, username, roles from users where username in ('yubei.staff', 'city.admin')`),
  );
  for (const u of users) viewers[u.username] = { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles };
  const loaded = rowsOf<{ year: number }>(await t.database.db.execute(sql`select year from holiday_years where year = 2027`));
  expect(loaded, 'this suite assumes 2027 is not loaded in the seed').toEqual([]);
});
afterAll(() => t?.close());

const at = (s: string) => new Date(s);
const read = async (id: string) => ok(await t.gql(CASE, { id: encodeGlobalId('Case', id) }, await t.login('yubei.staff'))).case;

describe('due dates reaching into a year not loaded yet', () => {
  let first: string;
  let paused: string;

  test('a matter opened on 2026-12-21 is taken in at once, its due dates provisional for 2027', async () => {
    const c = await runAs(t.database, t.config, viewers['yubei.staff']!, (ctx) =>
      openCase(ctx, { channel: 'ONSITE', kind: 'MATTER', subject: '年底受理的事项' }), at('2026-12-21T10:00:00+08:00'));
    first = c.row.id;
    const view = await read(first);
    expect(view.provisionalYears).toEqual([2027]);
    expect(view.statutoryClock).toEqual({ dueAt: end('2027-01-11'), provisional: true }); // 15 WD, 2027-01-01 counted as in a plain week
    expect(view.committedClock).toEqual({ dueAt: end('2027-01-04'), provisional: true });
  });

  test('a resume that reaches into 2027 is provisional too', async () => {
    const staff = viewers['yubei.staff']!;
    const c = await runAs(t.database, t.config, staff, (ctx) =>
      openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: '补正期间跨年的咨询' }), at('2026-12-14T10:00:00+08:00'));
    paused = c.row.id;
    expect((await read(paused)).provisionalYears).toEqual([]); // 5 WD from 12-14: 12-21, inside 2026
    const asked = await runAs(t.database, t.config, staff, (ctx) =>
      requestMaterials(ctx, { id: paused, version: c.row.version, items: [{ key: 'other:contract', note: '请提供合同' }] }), at('2026-12-15T10:00:00+08:00'));
    await runAs(t.database, t.config, staff, (ctx) => receiveMaterials(ctx, { id: paused, version: asked.row.version }), at('2026-12-28T10:00:00+08:00'));
    const view = await read(paused);
    // Paused 12-16 .. 12-28: 9 working days; the statutory 12-21 moves to 2027-01-01 (a plain-week Friday).
    expect(view.statutoryClock).toEqual({ dueAt: end('2027-01-01'), provisional: true });
    expect(view.provisionalYears).toEqual([2027]);
  });

  test('nothing is recomputed while the year is still missing', async () => {
    expect(await recomputeProvisionalClocks(t.database, t.config, new Date())).toBe(0);
  });

  test('once the root loads 2027, the job computes them again and records it on the ledger, once', async () => {
    await runAs(t.database, t.config, viewers['city.admin']!, (ctx) =>
      setHolidayArrangement(ctx, { year: 2027, off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupWorkdays: [], source: 'test fixture' }),
    );
    const before = await read(first);
    expect(await recomputeProvisionalClocks(t.database, t.config, new Date())).toBe(2);
    const after = await read(first);
    expect(after.provisionalYears).toEqual([]);
    expect(after.statutoryClock).toEqual({ dueAt: end('2027-01-12'), provisional: false });
    expect(after.committedClock).toEqual({ dueAt: end('2027-01-05'), provisional: false });
    expect(after.version).toBe(before.version + 1);
    expect(after.ledger.at(-1)).toMatchObject({
      type: 'CLOCKS_RECOMPUTED',
      payload: { statutoryDueAt: end('2027-01-12'), committedDueAt: end('2027-01-05'), provisionalYears: [] },
    });
    // The resumed case: its statutory date (2027-01-01, now a holiday) moves to the next working day.
    const resumed = await read(paused);
    expect(resumed.statutoryClock).toEqual({ dueAt: end('2027-01-04'), provisional: false });
    expect(await recomputeProvisionalClocks(t.database, t.config, new Date())).toBe(0);
  });

  test('the ledger still verifies and replays to the row after the recompute', async () => {
    const admin = await t.login('yubei.admin');
    const v = ok(await t.gql('query($c: ID) { verifyLedger(caseId: $c) { ok } }', { c: encodeGlobalId('Case', first) }, admin));
    expect(v.verifyLedger.ok).toBe(true);
  });
});
