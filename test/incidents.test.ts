import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UserRole } from '../schema/db/tenancy.js';
import { rowsOf } from '../server/db/client.js';
import { withTenant } from '../server/db/with-tenant.js';
import { DomainError } from '../server/domain/shared/errors.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { decodeGlobalId, encodeGlobalId } from '../server/graphql/global-id.js';
import { sweep } from '../server/usecases/cases/sweep.js';
import { runAs } from '../server/usecases/context.js';
import { acknowledgeIncident, reportIncident, resolveIncident } from '../server/usecases/incidents/incidents.js';
import { backend, type GqlResult, ok, onlyError, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * Major-incident reporting (重大情况报告, Art. 19), before live delivery: a report goes up the
 * whole chain at once (every tenant above the reporting one sees it, nobody below or beside);
 * each level's SUPERVISOR or ADMIN acknowledges for that level within its minutes (default by
 * severity I 5, II 10, III 15, IV 30; a tenant may set its own in its case settings); a level
 * that has not acknowledged in time is escalated once by the sweeper (never the root: there is
 * no level above it); follow-ups and the resolution are kept as history, and every change is an
 * alert row (append-only) that a client reads from a cursor.
 *
 * The chain used throughout: 龙溪司法所 (yubei-longxi) → 渝北区司法局 (yubei, depth 1) → 重庆市
 * 司法局 (cq, depth 2). Two accounts are made here: a SUPERVISOR of the 司法所 itself (to show a
 * reporting tenant is not one of its own levels) and a STAFF of the mediation committee below it
 * (a tenant below never sees what was reported above it; and a three-level chain).
 */

let t: TestApp;
const tok: Record<string, string> = {};
const v: Record<string, Viewer> = {};
const ids: Record<string, string> = {};
const tenantGid = (slug: string) => encodeGlobalId('Tenant', ids[slug]!);
const rawId = (gid: string) => decodeGlobalId(gid)!.id;
const incidentGid = (uuid: string) => encodeGlobalId('Incident', uuid);
const RUN = randomBytes(3).toString('hex');
let seq = 0;
const token = (label: string) => `INC-${RUN}-${label}-${++seq}`;
const MINUTE = 60_000;
const sh = (s: string) => new Date(`${s}+08:00`);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE);
const PASSWORD = 'Incident-2026!';

const INCIDENT = `id category severity status occurredAt reportedAt place peopleCount description actionsTaken resolvedAt version
  tenant { slug } reporter { username }
  levels { tenant { slug } depth ackDueAt acknowledgedAt acknowledgedBy { username } escalatedAt overdue }
  history { kind text at by { username } }`;
const REPORT = `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { incident { ${INCIDENT} } } }`;
const UPDATE = `mutation($i: IncidentTextInput!) { addIncidentUpdate(input: $i) { incident { ${INCIDENT} } } }`;
const RESOLVE = `mutation($i: IncidentTextInput!) { resolveIncident(input: $i) { incident { ${INCIDENT} } } }`;
const ACK = `mutation($i: AcknowledgeIncidentInput!) { acknowledgeIncident(input: $i) { incident { ${INCIDENT} } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on Incident { ${INCIDENT} } } }`;
const LIST = `query($status: [IncidentStatus!], $severity: [IncidentSeverity!], $category: [IncidentCategory!], $tenantId: ID,
    $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  incidents(status: $status, severity: $severity, category: $category, tenantId: $tenantId, from: $from, to: $to, first: $first, after: $after) {
    totalCount edges { node { id place status severity category tenant { slug } } } pageInfo { hasNextPage endCursor } } }`;
const ALERTS = `query($after: String) { incidentAlertsSince(after: $after) { cursor kind at level { slug } incident { id place } } }`;
const SETTINGS = 'query($t: ID) { caseSettings(tenantId: $t) { version settings } }';
const SET_SETTINGS = 'mutation($i: SetCaseSettingsInput!) { setCaseSettings(input: $i) { version settings } }';

interface LevelView {
  tenant: { slug: string };
  depth: number;
  ackDueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { username: string } | null;
  escalatedAt: string | null;
  overdue: boolean;
}
interface IncidentView {
  id: string;
  category: string;
  severity: string;
  status: string;
  occurredAt: string;
  reportedAt: string;
  place: string;
  peopleCount: number;
  description: string;
  actionsTaken: string;
  resolvedAt: string | null;
  version: number;
  tenant: { slug: string };
  reporter: { username: string } | null;
  levels: LevelView[];
  history: { kind: string; text: string; at: string; by: { username: string } | null }[];
}
interface AlertView {
  cursor: string;
  kind: string;
  at: string;
  level: { slug: string } | null;
  incident: { id: string; place: string } | null;
}

async function owner<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(q));
}

function input(place: string, over: Record<string, unknown> = {}) {
  return {
    category: 'OFFICE_DISRUPTION',
    severity: 'II',
    occurredAt: new Date(Date.now() - 20 * MINUTE).toISOString(),
    place,
    peopleCount: 4,
    description: `${place}：数名来访人员情绪激动，冲击接待窗口`,
    actionsTaken: '值班人员劝离并报警',
    ...over,
  };
}

async function report(user: string, over: Record<string, unknown> = {}, label = 'report'): Promise<IncidentView> {
  const place = token(label);
  return ok(await t.gql(REPORT, { i: input(place, over) }, tok[user])).reportIncident.incident as IncidentView;
}

async function view(user: string, id: string): Promise<IncidentView | null> {
  return ok(await t.gql(NODE, { id }, tok[user])).node as IncidentView | null;
}

/** Every incident the user's `incidents` query returns for these filters (bounded paging). */
async function listAll(user: string, vars: Record<string, unknown> = {}): Promise<{ id: string; place: string; status: string; severity: string; category: string; tenant: { slug: string } }[]> {
  const out: { id: string; place: string; status: string; severity: string; category: string; tenant: { slug: string } }[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const conn: { edges: { node: (typeof out)[number] }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } = ok(
      await t.gql(LIST, { ...vars, first: t.config.limits.maxPageSize, after }, tok[user]),
    ).incidents;
    out.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) {
      expect(out.length, `${user} totalCount`).toBe(conn.totalCount);
      return out;
    }
    after = conn.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

async function alertsSince(user: string, after: string | null): Promise<AlertView[]> {
  return ok(await t.gql(ALERTS, { after }, tok[user])).incidentAlertsSince as AlertView[];
}
const lastSeq = async () => String((await owner<{ n: string | number }>(sql`select coalesce(max(seq), 0) as n from incident_alerts`))[0]!.n);

/** The incident tables as the owner sees them: the "nothing changed" reference. */
async function snapshot(): Promise<string> {
  return JSON.stringify({
    incidents: await owner(sql`select * from incidents order by id`),
    levels: await owner(sql`select * from incident_levels order by incident_id, level_tenant_id`),
    updates: await owner(sql`select * from incident_updates order by id`),
    alerts: await owner(sql`select * from incident_alerts order by seq`),
  });
}

/** A refusal with this code (and fields) that leaves every incident table as it was. */
async function refusedUnchanged(run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await snapshot();
  const err = refused(await run(), code, fields);
  expect(await snapshot()).toBe(before);
  return err;
}

/** The DomainError a use case throws when run directly. */
async function domainError(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** The Postgres error behind a rejection (drizzle wraps it). */
async function pgError(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    let e = err as { code?: string; message: string; cause?: unknown };
    while (e.cause && !e.code) e = e.cause as typeof e;
    return e;
  }
  throw new Error('expected the statement to be refused');
}

const as = <T>(user: string, at: Date, fn: Parameters<typeof runAs<T>>[3]) => runAs(t.database, t.config, v[user]!, fn, at);
const slugsDepths = (i: IncidentView) => i.levels.map((l) => [l.tenant.slug, l.depth]);
const dueMinutes = (i: IncidentView) => i.levels.map((l) => (Date.parse(l.ackDueAt) - Date.parse(i.reportedAt)) / MINUTE);

async function setAckMinutes(admin: string, slug: string, minutes: Record<string, number> | undefined) {
  const current = ok(await t.gql(SETTINGS, { t: tenantGid(slug) }, tok[admin])).caseSettings as { version: number; settings: Record<string, unknown> };
  const settings = { ...current.settings };
  if (minutes) settings.incidentAckMinutes = minutes;
  else delete settings.incidentAckMinutes;
  return ok(await t.gql(SET_SETTINGS, { i: { tenantId: tenantGid(slug), version: current.version, settings } }, tok[admin])).setCaseSettings as {
    version: number;
    settings: Record<string, unknown>;
  };
}

const USERS = [
  'longxi.staff',
  'yubei.staff',
  'yubei.supervisor',
  'yubei.admin',
  'city.supervisor',
  'city.admin',
  'yuzhong.staff',
  'jiangbei.admin',
  'yubei.legalaid.staff',
  'mingli.lawyer',
];

beforeAll(async () => {
  t = await startTestApp();
  for (const r of await owner<{ id: string; slug: string }>(sql`select id, slug from tenants`)) ids[r.slug] = r.id;
  for (const u of USERS) tok[u] = await t.login(u);
  const CREATE = 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id username } } }';
  for (const [username, tenant, roles, displayName] of [
    ['longxi.chief', 'yubei-longxi', ['SUPERVISOR'], '龙溪司法所 所长'],
    ['longxi.mediator', 'yubei-longxi-mediation', ['STAFF'], '龙溪调委会 调解员'],
  ] as const) {
    ok(await t.gql(CREATE, { i: { tenantId: tenantGid(tenant), username, displayName, roles, password: PASSWORD } }, tok['city.admin']));
    tok[username] = await t.login(username, PASSWORD);
  }
  for (const u of await owner<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(sql`select id, tenant_id, username, roles from users`)) {
    v[u.username] = { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles };
  }
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------

describe('reporting goes up the whole chain at once (Art. 19)', () => {
  let reported: IncidentView;
  let cursorBefore: string;

  test('a 司法所 reports: levels are its district (depth 1) and the root (depth 2), due by severity', async () => {
    cursorBefore = await lastSeq();
    const place = token('visible');
    const occurredAt = new Date(Date.now() - 30 * MINUTE).toISOString();
    const before = Date.now();
    reported = ok(
      await t.gql(
        REPORT,
        { i: { category: 'MASS_GATHERING', severity: 'II', occurredAt, place, peopleCount: 25, description: `${place} 约二十五人聚集`, actionsTaken: '已通知派出所' } },
        tok['longxi.staff'],
      ),
    ).reportIncident.incident;
    expect(reported).toMatchObject({
      category: 'MASS_GATHERING',
      severity: 'II',
      status: 'OPEN',
      place,
      peopleCount: 25,
      description: `${place} 约二十五人聚集`,
      actionsTaken: '已通知派出所',
      resolvedAt: null,
      version: 1,
      tenant: { slug: 'yubei-longxi' },
      reporter: { username: 'longxi.staff' },
      history: [],
    });
    expect(Date.parse(reported.occurredAt)).toBe(Date.parse(occurredAt));
    expect(Date.parse(reported.reportedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(reported.reportedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(slugsDepths(reported)).toEqual([
      ['yubei', 1],
      ['cq', 2],
    ]);
    // Severity II: 10 minutes for every level (defaults).
    expect(dueMinutes(reported)).toEqual([10, 10]);
    for (const l of reported.levels) expect(l).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null, overdue: false });
  });

  test('severity decides the minutes: I 5, III 15, IV 30', async () => {
    for (const [severity, minutes] of [
      ['I', 5],
      ['III', 15],
      ['IV', 30],
    ] as const) {
      const i = await report('longxi.staff', { severity }, `sev${severity}`);
      expect(i.severity).toBe(severity);
      expect(slugsDepths(i)).toEqual([
        ['yubei', 1],
        ['cq', 2],
      ]);
      expect(dueMinutes(i), severity).toEqual([minutes, minutes]);
    }
  });

  test('the reporting tenant, its district and the root see it (incidents, node, alerts)', async () => {
    for (const user of ['longxi.staff', 'longxi.chief', 'yubei.staff', 'yubei.supervisor', 'yubei.admin', 'city.supervisor', 'city.admin']) {
      const list = await listAll(user);
      expect(list.filter((i) => i.id === reported.id), user).toEqual([
        { id: reported.id, place: reported.place, status: 'OPEN', severity: 'II', category: 'MASS_GATHERING', tenant: { slug: 'yubei-longxi' } },
      ]);
      const seen = await view(user, reported.id);
      expect(seen?.place, user).toBe(reported.place);
      expect(seen && slugsDepths(seen), user).toEqual([
        ['yubei', 1],
        ['cq', 2],
      ]);
      const alerts = (await alertsSince(user, cursorBefore)).filter((a) => a.incident?.id === reported.id);
      expect(
        alerts.map((a) => a.kind),
        user,
      ).toEqual(['REPORTED']);
    }
  });

  test('nobody beside or below sees it: another district, a sibling, a law firm under 渝北, the committee under the 司法所', async () => {
    for (const user of ['yuzhong.staff', 'jiangbei.admin', 'yubei.legalaid.staff', 'mingli.lawyer', 'longxi.mediator']) {
      const list = await listAll(user);
      expect(
        list.filter((i) => i.id === reported.id || i.tenant.slug === 'yubei-longxi'),
        user,
      ).toEqual([]);
      // Filtering on the reporting tenant outright does not help either.
      expect(await listAll(user, { tenantId: tenantGid('yubei-longxi') }), user).toEqual([]);
      expect(await view(user, reported.id), user).toBeNull();
      const alerts = await alertsSince(user, cursorBefore);
      expect(
        alerts.filter((a) => a.incident?.id === reported.id),
        user,
      ).toEqual([]);
      // Not even a dangling alert whose incident the viewer cannot load.
      expect(
        alerts.filter((a) => a.incident === null),
        user,
      ).toEqual([]);
    }
  });

  test('the row-level security itself: a tenant below or beside reads no incident rows of it', async () => {
    const count = (tenant: string) =>
      withTenant(t.database.db, { tenantId: ids[tenant]!, userId: v['longxi.staff']!.userId }, { statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, readOnly: true }, async (tx) =>
        rowsOf<{ i: number; l: number; a: number }>(
          await tx.execute(sql`select
            (select count(*)::int from incidents where id = ${rawId(reported.id)}::uuid) as i,
            (select count(*)::int from incident_levels where incident_id = ${rawId(reported.id)}::uuid) as l,
            (select count(*)::int from incident_alerts where incident_id = ${rawId(reported.id)}::uuid) as a`),
        ),
      );
    expect(await count('yubei-longxi')).toEqual([{ i: 1, l: 2, a: 1 }]);
    expect(await count('yubei')).toEqual([{ i: 1, l: 2, a: 1 }]);
    expect(await count('cq')).toEqual([{ i: 1, l: 2, a: 1 }]);
    for (const tenant of ['yubei-longxi-mediation', 'yubei-legal-aid', 'yuzhong', 'cq-12348']) {
      expect(await count(tenant), tenant).toEqual([{ i: 0, l: 0, a: 0 }]);
    }
  });

  test('filters: status, severity, category, tenant, occurred from/to', async () => {
    const early = new Date(Date.now() - 3 * 60 * MINUTE);
    const a = await report('longxi.staff', { category: 'THREAT_OF_EXTREME_ACTION', severity: 'I', occurredAt: early.toISOString() }, 'filterA');
    const b = await report('yubei.staff', { category: 'OTHER', severity: 'IV' }, 'filterB');
    const mine = (list: { id: string }[]) => list.map((i) => i.id).filter((id) => id === a.id || id === b.id).sort();
    const both = [a.id, b.id].sort();
    expect(mine(await listAll('city.supervisor'))).toEqual(both);
    expect(mine(await listAll('city.supervisor', { category: ['THREAT_OF_EXTREME_ACTION'] }))).toEqual([a.id]);
    expect(mine(await listAll('city.supervisor', { category: ['OTHER', 'THREAT_OF_EXTREME_ACTION'] }))).toEqual(both);
    expect(mine(await listAll('city.supervisor', { severity: ['IV'] }))).toEqual([b.id]);
    expect(mine(await listAll('city.supervisor', { status: ['OPEN'] }))).toEqual(both);
    expect(mine(await listAll('city.supervisor', { status: ['RESOLVED'] }))).toEqual([]);
    expect(mine(await listAll('city.supervisor', { tenantId: tenantGid('yubei') }))).toEqual([b.id]);
    expect(mine(await listAll('city.supervisor', { tenantId: tenantGid('yubei-longxi') }))).toEqual([a.id]);
    expect(mine(await listAll('city.supervisor', { to: new Date(early.getTime() + MINUTE).toISOString() }))).toEqual([a.id]);
    expect(mine(await listAll('city.supervisor', { from: new Date(early.getTime() + MINUTE).toISOString() }))).toEqual([b.id]);
    // A STAFF of 渝北 sees its own and its subtree's; a 司法所 only its own.
    expect(mine(await listAll('yubei.staff'))).toEqual(both);
    expect(mine(await listAll('longxi.staff'))).toEqual([a.id]);
    // Newest first.
    const order = (await listAll('city.supervisor')).map((i) => i.id).filter((id) => id === a.id || id === b.id);
    expect(order).toEqual([b.id, a.id]);
    refused(await t.gql(LIST, { tenantId: reported.id }, tok['city.supervisor']), 'BAD_USER_INPUT', ['tenantId']);
  });

  test('a level tenant with its own incidentAckMinutes: that level is due by its own minutes, the others by theirs', async () => {
    // Bad settings name the field.
    const current = ok(await t.gql(SETTINGS, { t: tenantGid('cq') }, tok['city.admin'])).caseSettings as { version: number; settings: Record<string, unknown> };
    expect(current.settings.incidentAckMinutes).toEqual({ I: 5, II: 10, III: 15, IV: 30 });
    const settingsBefore = JSON.stringify(await owner(sql`select * from tenant_case_settings order by tenant_id`));
    refused(
      await t.gql(SET_SETTINGS, { i: { tenantId: tenantGid('cq'), version: current.version, settings: { ...current.settings, incidentAckMinutes: { I: 0, II: 10, III: 15, IV: 30 } } } }, tok['city.admin']),
      'BAD_USER_INPUT',
      ['incidentAckMinutes.I'],
    );
    refused(
      await t.gql(SET_SETTINGS, { i: { tenantId: tenantGid('cq'), version: current.version, settings: { ...current.settings, incidentAckMinutes: { I: 2, II: 3, III: 4 } } } }, tok['city.admin']),
      'BAD_USER_INPUT',
      ['incidentAckMinutes.IV'],
    );
    expect(JSON.stringify(await owner(sql`select * from tenant_case_settings order by tenant_id`))).toBe(settingsBefore);

    const saved = await setAckMinutes('city.admin', 'cq', { I: 2, II: 3, III: 4, IV: 6 });
    expect(saved.settings.incidentAckMinutes).toEqual({ I: 2, II: 3, III: 4, IV: 6 });
    try {
      const two = await report('longxi.staff', { severity: 'II' }, 'ownMinutesII');
      expect(slugsDepths(two)).toEqual([
        ['yubei', 1],
        ['cq', 2],
      ]);
      expect(dueMinutes(two)).toEqual([10, 3]);
      const one = await report('longxi.staff', { severity: 'I' }, 'ownMinutesI');
      expect(dueMinutes(one)).toEqual([5, 2]);
      // Reported by 渝北 itself: its only level is the root, with the root's minutes.
      const fromDistrict = await report('yubei.staff', { severity: 'IV' }, 'ownMinutesIV');
      expect(slugsDepths(fromDistrict)).toEqual([['cq', 1]]);
      expect(dueMinutes(fromDistrict)).toEqual([6]);
      // The minutes are read when the report is made: changing them later moves nothing.
      await setAckMinutes('city.admin', 'cq', { I: 5, II: 10, III: 15, IV: 30 });
      expect(dueMinutes((await view('city.admin', two.id))!)).toEqual([10, 3]);
    } finally {
      await setAckMinutes('city.admin', 'cq', { I: 5, II: 10, III: 15, IV: 30 });
    }
    expect(dueMinutes(await report('longxi.staff', { severity: 'II' }, 'backToDefault'))).toEqual([10, 10]);
  });

  test('a three-level chain: the committee under the 司法所 reports to the 司法所, 渝北 and the root', async () => {
    const i = await report('longxi.mediator', { severity: 'III' }, 'threeLevels');
    expect(slugsDepths(i)).toEqual([
      ['yubei-longxi', 1],
      ['yubei', 2],
      ['cq', 3],
    ]);
    expect(dueMinutes(i)).toEqual([15, 15, 15]);
    expect((await view('longxi.staff', i.id))?.id).toBe(i.id);
    expect(await view('yubei.legalaid.staff', i.id)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('refusals change nothing', () => {
  test('bad input names each field', async () => {
    const place = token('bad');
    const send = (over: Record<string, unknown>) => () => t.gql(REPORT, { i: input(place, over) }, tok['longxi.staff']);
    await refusedUnchanged(send({ place: '   ' }), 'BAD_USER_INPUT', ['place']);
    await refusedUnchanged(send({ peopleCount: -1 }), 'BAD_USER_INPUT', ['peopleCount']);
    await refusedUnchanged(send({ occurredAt: new Date(Date.now() + 60 * MINUTE).toISOString() }), 'BAD_USER_INPUT', ['occurredAt']);
    await refusedUnchanged(send({ description: ' \n ' }), 'BAD_USER_INPUT', ['description']);
    await refusedUnchanged(send({ actionsTaken: '' }), 'BAD_USER_INPUT', ['actionsTaken']);
    await refusedUnchanged(send({ place: 'x'.repeat(201) }), 'BAD_USER_INPUT', ['place']);
    await refusedUnchanged(send({ place: '', peopleCount: -3, description: '' }), 'BAD_USER_INPUT', ['place', 'peopleCount', 'description']);
    // Enums are checked by GraphQL itself before anything runs.
    for (const [field, over] of [
      ['category', { category: 'FIRE' }],
      ['severity', { severity: 'V' }],
    ] as const) {
      const before = await snapshot();
      const r = await send(over)();
      expect(r.data ?? null).toBeNull();
      const err = onlyError(r);
      expect(err.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(err.message).toContain(`i.${field}`);
      expect(await snapshot()).toBe(before);
    }
    // Signed out: nothing.
    await refusedUnchanged(() => t.gql(REPORT, { i: input(place) }, null), 'UNAUTHENTICATED');
    expect((await owner(sql`select id from incidents where place = ${place}`)).length).toBe(0);
  });

  test('bad category and severity are BAD_USER_INPUT naming the field in the use case too', async () => {
    const before = await snapshot();
    const now = new Date();
    type ReportRaw = Parameters<typeof reportIncident>[1];
    const base = { ...input(token('badEnum')), occurredAt: new Date(now.getTime() - MINUTE) } as ReportRaw;
    const e1 = await domainError(as('longxi.staff', now, (ctx) => reportIncident(ctx, { ...base, category: 'FIRE' as never })));
    expect([e1.code, Object.keys(e1.fields ?? {})]).toEqual(['BAD_USER_INPUT', ['category']]);
    const e2 = await domainError(as('longxi.staff', now, (ctx) => reportIncident(ctx, { ...base, severity: 'V' as never })));
    expect([e2.code, Object.keys(e2.fields ?? {})]).toEqual(['BAD_USER_INPUT', ['severity']]);
    // Within five minutes ahead is tolerated (clock skew); beyond is refused.
    const e3 = await domainError(as('longxi.staff', now, (ctx) => reportIncident(ctx, { ...base, occurredAt: plus(now, 6) })));
    expect([e3.code, Object.keys(e3.fields ?? {})]).toEqual(['BAD_USER_INPUT', ['occurredAt']]);
    expect(await snapshot()).toBe(before);
  });

  test('acknowledgement: STAFF, the reporting tenant itself, an unrelated tenant, twice', async () => {
    const i = await report('longxi.staff', {}, 'ackRefusals');
    const ack = (user: string, id = i.id) => () => t.gql(ACK, { i: { id } }, tok[user]);
    // STAFF of a level: FORBIDDEN (the role, whatever the tenant).
    await refusedUnchanged(ack('yubei.staff'), 'FORBIDDEN');
    // A SUPERVISOR of the reporting 司法所: it is not one of its own levels.
    await refusedUnchanged(ack('longxi.chief'), 'FORBIDDEN');
    // Unrelated tenants cannot see it: NOT_FOUND, not FORBIDDEN.
    await refusedUnchanged(ack('jiangbei.admin'), 'NOT_FOUND');
    await refusedUnchanged(ack('mingli.lawyer'), 'NOT_FOUND');
    // Not an incident id.
    await refusedUnchanged(ack('yubei.supervisor', tenantGid('yubei')), 'BAD_USER_INPUT', ['id']);
    await refusedUnchanged(ack('yubei.supervisor', encodeGlobalId('Incident', '00000000-0000-4000-8000-000000000000')), 'NOT_FOUND');

    const acked = ok(await ack('yubei.supervisor')()).acknowledgeIncident.incident as IncidentView;
    expect(acked.levels.map((l) => [l.tenant.slug, l.acknowledgedBy?.username ?? null, l.acknowledgedAt !== null, l.overdue])).toEqual([
      ['yubei', 'yubei.supervisor', true, false],
      ['cq', null, false, false],
    ]);
    // Once per level: another ADMIN of the same level is CONFLICT; the root still may.
    await refusedUnchanged(ack('yubei.admin'), 'CONFLICT');
    await refusedUnchanged(ack('yubei.supervisor'), 'CONFLICT');
    const root = ok(await ack('city.admin')()).acknowledgeIncident.incident as IncidentView;
    expect(root.levels.map((l) => [l.tenant.slug, l.acknowledgedBy?.username ?? null])).toEqual([
      ['yubei', 'yubei.supervisor'],
      ['cq', 'city.admin'],
    ]);
    await refusedUnchanged(ack('city.supervisor'), 'CONFLICT');
    // An acknowledgement does not bump the incident's version (it is the level's, not the report's).
    expect(root.version).toBe(1);
  });

  // PostgreSQL only (PGlite has one connection and runs requests one after another): two
  // acknowledgements for one level at once both read it unacknowledged; the update is guarded by
  // `acknowledged_at is null`, so the second, after waiting for the first's row lock, finds it taken
  // and is CONFLICT. Made deterministic by holding the first transaction open until the second waits.
  (backend === 'postgres' ? test : test.skip)('two acknowledgements for one level at the same time: one wins, the other is CONFLICT', async () => {
    const i = await report('longxi.staff', {}, 'ackRace');
    const id = rawId(i.id);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = as('yubei.supervisor', new Date(), async (ctx) => {
      const row = await acknowledgeIncident(ctx, { id });
      await gate;
      return row;
    });
    // Wait (bounded) until the first has acknowledged inside its open transaction.
    for (let k = 0; k < 200; k++) {
      const [row] = await owner<{ n: number }>(sql`select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
        where c.relname = 'incident_levels' and l.mode = 'RowExclusiveLock'`);
      if (row!.n > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const second = as('yubei.admin', new Date(), (ctx) => acknowledgeIncident(ctx, { id })).then(
      () => 'ACKNOWLEDGED',
      (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
    );
    // Wait (bounded) until the second is blocked on the first's row lock, then let the first commit.
    for (let k = 0; k < 200; k++) {
      const [row] = await owner<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`);
      if (row!.n > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    release();
    await first;
    expect(await second).toBe('CONFLICT');
    const acks = await owner<{ n: number }>(sql`select count(*)::int as n from incident_alerts where incident_id = ${id}::uuid and kind = 'ACKNOWLEDGED'`);
    expect(acks).toEqual([{ n: 1 }]);
    const [level] = await owner<{ username: string }>(sql`select u.username from incident_levels l join users u on u.id = l.acknowledged_by
      where l.incident_id = ${id}::uuid and l.level_tenant_id = ${ids.yubei}::uuid`);
    expect(level!.username).toBe('yubei.supervisor');
  });

  test('follow-ups: not by a level above, not by an outsider, not with a stale version, not after resolution', async () => {
    const i = await report('longxi.staff', {}, 'followRefusals');
    const send = (m: string, user: string, over: Record<string, unknown> = {}) => () => t.gql(m, { i: { id: i.id, version: i.version, text: '续报：现场已控制', ...over } }, tok[user]);
    for (const m of [UPDATE, RESOLVE]) {
      await refusedUnchanged(send(m, 'yubei.supervisor'), 'FORBIDDEN');
      await refusedUnchanged(send(m, 'city.admin'), 'FORBIDDEN');
      await refusedUnchanged(send(m, 'yuzhong.staff'), 'NOT_FOUND');
      await refusedUnchanged(send(m, 'longxi.mediator'), 'NOT_FOUND');
      await refusedUnchanged(send(m, 'longxi.staff', { version: i.version + 1 }), 'CONFLICT');
      await refusedUnchanged(send(m, 'longxi.staff', { text: '   ' }), 'BAD_USER_INPUT', ['text']);
      await refusedUnchanged(send(m, 'longxi.staff', { id: tenantGid('yubei') }), 'BAD_USER_INPUT', ['id']);
    }
    const updated = ok(await send(UPDATE, 'longxi.staff')()).addIncidentUpdate.incident as IncidentView;
    expect(updated.version).toBe(i.version + 1);
    // The version read before the update is stale now.
    await refusedUnchanged(send(UPDATE, 'longxi.staff'), 'CONFLICT');
    await refusedUnchanged(send(RESOLVE, 'longxi.staff'), 'CONFLICT');
    const resolved = ok(await send(RESOLVE, 'longxi.staff', { version: updated.version, text: '处置完毕' })()).resolveIncident.incident as IncidentView;
    expect(resolved).toMatchObject({ status: 'RESOLVED', version: updated.version + 1 });
    // RESOLVED takes nothing more, even with the current version.
    await refusedUnchanged(send(UPDATE, 'longxi.staff', { version: resolved.version }), 'CONFLICT');
    await refusedUnchanged(send(RESOLVE, 'longxi.staff', { version: resolved.version }), 'CONFLICT');
    await refusedUnchanged(send(UPDATE, 'longxi.chief', { version: resolved.version }), 'CONFLICT');
  });
});

// ---------------------------------------------------------------------------------------------

describe('history and alerts', () => {
  test('updates and the resolution in order with their authors; alerts in order; the cursor resumes', async () => {
    const start = await lastSeq();
    const i = await report('longxi.staff', { severity: 'III' }, 'history');
    let cur = ok(await t.gql(UPDATE, { i: { id: i.id, version: i.version, text: '续报一：人员已疏散' } }, tok['longxi.chief'])).addIncidentUpdate.incident as IncidentView;
    cur = ok(await t.gql(UPDATE, { i: { id: i.id, version: cur.version, text: '续报二：民警到场' } }, tok['longxi.staff'])).addIncidentUpdate.incident as IncidentView;
    ok(await t.gql(ACK, { i: { id: i.id } }, tok['yubei.supervisor']));
    cur = ok(await t.gql(RESOLVE, { i: { id: i.id, version: cur.version, text: '处置完毕：秩序恢复' } }, tok['longxi.staff'])).resolveIncident.incident as IncidentView;
    expect(cur).toMatchObject({ status: 'RESOLVED', version: 4 });
    expect(cur.resolvedAt).not.toBeNull();

    for (const user of ['longxi.staff', 'yubei.admin', 'city.supervisor']) {
      const seen = (await view(user, i.id))!;
      expect(
        seen.history.map((h) => [h.kind, h.text, h.by?.username]),
        user,
      ).toEqual([
        ['UPDATE', '续报一：人员已疏散', 'longxi.chief'],
        ['UPDATE', '续报二：民警到场', 'longxi.staff'],
        ['RESOLUTION', '处置完毕：秩序恢复', 'longxi.staff'],
      ]);
      const times = seen.history.map((h) => Date.parse(h.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times[2]).toBe(Date.parse(seen.resolvedAt!));
      expect(seen.status).toBe('RESOLVED');
    }

    const mine = (list: AlertView[]) => list.filter((a) => a.incident?.id === i.id);
    for (const user of ['longxi.staff', 'yubei.supervisor', 'city.supervisor', 'city.admin']) {
      const alerts = mine(await alertsSince(user, start));
      expect(
        alerts.map((a) => [a.kind, a.level?.slug ?? null]),
        user,
      ).toEqual([
        ['REPORTED', null],
        ['UPDATED', null],
        ['UPDATED', null],
        ['ACKNOWLEDGED', 'yubei'],
        ['RESOLVED', null],
      ]);
      // Cursors are sequence numbers, strictly increasing.
      const cursors = alerts.map((a) => Number(a.cursor));
      for (const [k, c] of cursors.entries()) {
        expect(Number.isInteger(c)).toBe(true);
        if (k > 0) expect(c).toBeGreaterThan(cursors[k - 1]!);
      }
      // Everything returned is after the cursor, oldest first.
      const all = await alertsSince(user, start);
      const seqs = all.map((a) => Number(a.cursor));
      expect(seqs.every((s) => s > Number(start))).toBe(true);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    }
    // Resuming after the second alert gives only the later ones.
    const alerts = mine(await alertsSince('city.supervisor', start));
    const resumed = await alertsSince('city.supervisor', alerts[1]!.cursor);
    expect(resumed.every((a) => Number(a.cursor) > Number(alerts[1]!.cursor))).toBe(true);
    expect(mine(resumed).map((a) => a.kind)).toEqual(['UPDATED', 'ACKNOWLEDGED', 'RESOLVED']);
    // After the last one: nothing of it.
    expect(mine(await alertsSince('city.supervisor', alerts[4]!.cursor))).toEqual([]);
    // No cursor (or an empty one) starts from the beginning.
    expect(mine(await alertsSince('city.supervisor', null)).map((a) => a.kind)).toEqual(['REPORTED', 'UPDATED', 'UPDATED', 'ACKNOWLEDGED', 'RESOLVED']);
    // Outside the chain: none of them.
    expect(mine(await alertsSince('yuzhong.staff', start))).toEqual([]);
    expect(mine(await alertsSince('yubei.legalaid.staff', null))).toEqual([]);
  });

  test('incidentAlertsHead: the newest alert each viewer can see, a cursor that replays nothing and misses nothing later', async () => {
    const HEAD = '{ incidentAlertsHead }';
    const head = async (user: string) => ok(await t.gql(HEAD, {}, tok[user])).incidentAlertsHead as string;
    const before = { root: await head('city.supervisor'), yuzhong: await head('yuzhong.staff') };
    expect(await alertsSince('city.supervisor', before.root)).toEqual([]);
    const inc = await report('longxi.staff', {}, 'head');
    // The root's head moves to the report's alert; 渝中 sees none of it, so its head stays.
    const rootHead = await head('city.supervisor');
    expect(Number(rootHead)).toBeGreaterThan(Number(before.root || 0));
    expect((await alertsSince('city.supervisor', before.root)).filter((a) => a.incident?.id === inc.id).map((a) => a.cursor)).toEqual([rootHead]);
    expect(await alertsSince('city.supervisor', rootHead)).toEqual([]);
    expect(await head('yuzhong.staff')).toBe(before.yuzhong);
    refused(await t.gql(HEAD, {}, null), 'UNAUTHENTICATED');
  });

  test('a bad cursor is BAD_USER_INPUT `after`', async () => {
    for (const after of ['abc', '-1', '1.5', ' 1', '1e3', '9'.repeat(16)]) {
      refused(await t.gql(ALERTS, { after }, tok['city.supervisor']), 'BAD_USER_INPUT', ['after']);
    }
    refused(await t.gql(ALERTS, { after: '0' }, null), 'UNAUTHENTICATED');
  });
});

// ---------------------------------------------------------------------------------------------

describe('escalation over a simulated clock (the sweeper)', () => {
  const T0 = sh('2026-03-02T10:00:00');
  const escalations = async (at: Date) => {
    const r = await sweep(t.database, t.config, at);
    expect(r).not.toBeNull();
    return r!.incidentEscalations;
  };
  const report$ = (user: string, at: Date, over: Record<string, unknown> = {}, label = 'sweep') =>
    as(user, at, (ctx) => reportIncident(ctx, { ...input(token(label)), occurredAt: plus(at, -3), ...over } as Parameters<typeof reportIncident>[1]));
  const levelsOf = (id: string) =>
    owner<{ slug: string; depth: number; ack_due_at: Date | string; acknowledged_at: Date | string | null; escalated_at: Date | string | null }>(sql`
      select t.slug, l.depth, l.ack_due_at, l.acknowledged_at, l.escalated_at
      from incident_levels l join tenants t on t.id = l.level_tenant_id where l.incident_id = ${id}::uuid order by l.depth`);
  const escalatedAt = async (id: string) => (await levelsOf(id)).map((l) => [l.slug, l.escalated_at === null ? null : new Date(l.escalated_at).toISOString()]);
  const escalatedAlerts = (id: string) =>
    owner<{ slug: string; at: Date | string }>(sql`
      select t.slug, a.at from incident_alerts a join tenants t on t.id = a.level_tenant_id
      where a.incident_id = ${id}::uuid and a.kind = 'ESCALATED' order by a.seq`).then((r) => r.map((a) => [a.slug, new Date(a.at).toISOString()]));

  test('nothing else is due in March 2026 (the demo and the other tests report later)', async () => {
    const [row] = await owner<{ n: number }>(sql`
      select count(*)::int as n from incident_levels l join incidents i on i.id = l.incident_id
      where i.status = 'OPEN' and l.acknowledged_at is null and l.escalated_at is null and l.ack_due_at < '2026-04-01T00:00:00+08:00'`);
    expect(row!.n).toBe(0);
  });

  test('severity II from the 司法所: not at +9 min; 渝北 escalated once at +11; the root never', async () => {
    const i = await report$('longxi.staff', T0, { severity: 'II' }, 'escalate');
    expect((await levelsOf(i.id)).map((l) => [l.slug, l.depth, new Date(l.ack_due_at).toISOString()])).toEqual([
      ['yubei', 1, plus(T0, 10).toISOString()],
      ['cq', 2, plus(T0, 10).toISOString()],
    ]);
    const cursor = await lastSeq();
    expect(await escalations(plus(T0, 9))).toBe(0);
    expect(await escalatedAt(i.id)).toEqual([
      ['yubei', null],
      ['cq', null],
    ]);
    expect(await escalations(plus(T0, 11))).toBe(1);
    expect(await escalatedAt(i.id)).toEqual([
      ['yubei', plus(T0, 11).toISOString()],
      ['cq', null],
    ]);
    expect(await escalatedAlerts(i.id)).toEqual([['yubei', plus(T0, 11).toISOString()]]);
    // Once: the same time again, and much later, change nothing (the root is late too, but has no level above it).
    expect(await escalations(plus(T0, 11))).toBe(0);
    expect(await escalations(plus(T0, 24 * 60))).toBe(0);
    expect(await escalatedAt(i.id)).toEqual([
      ['yubei', plus(T0, 11).toISOString()],
      ['cq', null],
    ]);
    expect(await escalatedAlerts(i.id)).toEqual([['yubei', plus(T0, 11).toISOString()]]);

    // Through GraphQL: the ESCALATED alert names the late level, for everyone in the chain; both levels show overdue.
    for (const user of ['longxi.staff', 'yubei.supervisor', 'city.supervisor']) {
      const alerts = (await alertsSince(user, cursor)).filter((a) => a.incident?.id === incidentGid(i.id));
      expect(
        alerts.map((a) => [a.kind, a.level?.slug ?? null, Date.parse(a.at)]),
        user,
      ).toEqual([['ESCALATED', 'yubei', plus(T0, 11).getTime()]]);
    }
    expect((await alertsSince('yuzhong.staff', cursor)).filter((a) => a.incident?.id === incidentGid(i.id))).toEqual([]);
    const seen = (await view('city.supervisor', incidentGid(i.id)))!;
    expect(seen.levels.map((l) => [l.tenant.slug, l.overdue, l.escalatedAt && Date.parse(l.escalatedAt)])).toEqual([
      ['yubei', true, plus(T0, 11).getTime()],
      ['cq', true, null],
    ]);

    // A late acknowledgement is still taken, and ends the level's overdue state; nothing is escalated again.
    await as('yubei.supervisor', plus(T0, 30), (ctx) => acknowledgeIncident(ctx, { id: i.id }));
    expect(await escalations(plus(T0, 31))).toBe(0);
    const after = (await view('city.supervisor', incidentGid(i.id)))!;
    expect(after.levels.map((l) => [l.tenant.slug, l.overdue])).toEqual([
      ['yubei', false],
      ['cq', true],
    ]);
  });

  test('an acknowledged level is never escalated, even acknowledged after its time but before the sweep', async () => {
    const T1 = sh('2026-03-03T10:00:00');
    const i = await report$('longxi.staff', T1, { severity: 'II' }, 'acked');
    await as('yubei.admin', plus(T1, 12), (ctx) => acknowledgeIncident(ctx, { id: i.id }));
    expect(await escalations(plus(T1, 30))).toBe(0);
    expect(await escalatedAt(i.id)).toEqual([
      ['yubei', null],
      ['cq', null],
    ]);
    expect(await escalatedAlerts(i.id)).toEqual([]);
  });

  test('a resolved incident is not escalated', async () => {
    const T2 = sh('2026-03-04T10:00:00');
    const i = await report$('longxi.staff', T2, { severity: 'I' }, 'resolved');
    await as('longxi.staff', plus(T2, 3), (ctx) => resolveIncident(ctx, { id: i.id, version: i.version, text: '误报，已核实无异常' }));
    expect(await escalations(plus(T2, 60))).toBe(0);
    expect(await escalatedAt(i.id)).toEqual([
      ['yubei', null],
      ['cq', null],
    ]);
    expect(await escalatedAlerts(i.id)).toEqual([]);
  });

  test('reported by a district: its only level is the root, which is never escalated', async () => {
    const T3 = sh('2026-03-05T10:00:00');
    const i = await report$('yubei.staff', T3, { severity: 'I' }, 'rootOnly');
    expect((await levelsOf(i.id)).map((l) => [l.slug, l.depth])).toEqual([['cq', 1]]);
    expect(await escalations(plus(T3, 6))).toBe(0);
    expect(await escalations(plus(T3, 3 * 24 * 60))).toBe(0);
    expect(await escalatedAt(i.id)).toEqual([['cq', null]]);
    expect(await escalatedAlerts(i.id)).toEqual([]);
  });

  test('a three-level chain: every late level with a level above is escalated, an acknowledged one is not', async () => {
    const T4 = sh('2026-03-06T10:00:00');
    const a = await report$('longxi.mediator', T4, { severity: 'I' }, 'chainA');
    const b = await report$('longxi.mediator', T4, { severity: 'I' }, 'chainB');
    await as('longxi.chief', plus(T4, 2), (ctx) => acknowledgeIncident(ctx, { id: b.id }));
    // a: 司法所 and 渝北 late (2); b: the 司法所 acknowledged, 渝北 late (1); the root of neither.
    expect(await escalations(plus(T4, 6))).toBe(3);
    expect(await escalatedAt(a.id)).toEqual([
      ['yubei-longxi', plus(T4, 6).toISOString()],
      ['yubei', plus(T4, 6).toISOString()],
      ['cq', null],
    ]);
    expect(await escalatedAt(b.id)).toEqual([
      ['yubei-longxi', null],
      ['yubei', plus(T4, 6).toISOString()],
      ['cq', null],
    ]);
    expect((await escalatedAlerts(a.id)).map(([slug]) => slug)).toEqual(['yubei-longxi', 'yubei']);
    expect((await escalatedAlerts(b.id)).map(([slug]) => slug)).toEqual(['yubei']);
    expect(await escalations(plus(T4, 7))).toBe(0);
  });

  test("the escalating level's own minutes: 渝北 with 20 minutes for II is not late at +11, is at +21", async () => {
    const T5 = sh('2026-03-09T10:00:00');
    await setAckMinutes('yubei.admin', 'yubei', { I: 5, II: 20, III: 25, IV: 40 });
    try {
      const i = await report$('longxi.staff', T5, { severity: 'II' }, 'ownMinutes');
      expect((await levelsOf(i.id)).map((l) => [l.slug, new Date(l.ack_due_at).toISOString()])).toEqual([
        ['yubei', plus(T5, 20).toISOString()],
        ['cq', plus(T5, 10).toISOString()],
      ]);
      expect(await escalations(plus(T5, 11))).toBe(0);
      expect(await escalations(plus(T5, 21))).toBe(1);
      expect(await escalatedAt(i.id)).toEqual([
        ['yubei', plus(T5, 21).toISOString()],
        ['cq', null],
      ]);
    } finally {
      await setAckMinutes('yubei.admin', 'yubei', { I: 5, II: 10, III: 15, IV: 30 });
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('append-only history and alerts', () => {
  const opts = { statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000 };
  let incidentId: string;

  beforeAll(async () => {
    const i = await report('longxi.staff', {}, 'appendOnly');
    incidentId = rawId(i.id);
    ok(await t.gql(UPDATE, { i: { id: i.id, version: i.version, text: '续报：已控制' } }, tok['longxi.staff']));
  });

  const counts = () =>
    owner<{ u: number; a: number }>(sql`select
      (select count(*)::int from incident_updates where incident_id = ${incidentId}::uuid) as u,
      (select count(*)::int from incident_alerts where incident_id = ${incidentId}::uuid) as a`);

  test('the application role can neither update nor delete (nor truncate) updates or alerts', async () => {
    const before = await snapshot();
    for (const tenant of ['yubei-longxi', 'yubei', 'cq']) {
      const viewer = { tenantId: ids[tenant]!, userId: v['longxi.staff']!.userId };
      for (const stmt of [
        sql`update incident_updates set text = '篡改' where incident_id = ${incidentId}::uuid`,
        sql`delete from incident_updates where incident_id = ${incidentId}::uuid`,
        sql`update incident_alerts set kind = 'RESOLVED' where incident_id = ${incidentId}::uuid`,
        sql`delete from incident_alerts where incident_id = ${incidentId}::uuid`,
        sql`truncate incident_updates`,
        sql`truncate incident_alerts`,
      ]) {
        const err = await pgError(withTenant(t.database.db, viewer, opts, (tx) => tx.execute(stmt)));
        expect(err.code, `${tenant}: ${stmt.queryChunks.map(String).join('')}`).toBe('42501');
      }
    }
    expect(await counts()).toEqual([{ u: 1, a: 2 }]);
    expect(await snapshot()).toBe(before);
  });

  test('the owner is refused too, by trigger', async () => {
    const before = await snapshot();
    for (const stmt of [
      sql`update incident_updates set text = '篡改' where incident_id = ${incidentId}::uuid`,
      sql`delete from incident_updates where incident_id = ${incidentId}::uuid`,
      sql`update incident_alerts set kind = 'RESOLVED' where incident_id = ${incidentId}::uuid`,
      sql`delete from incident_alerts where incident_id = ${incidentId}::uuid`,
      sql`truncate incident_alerts`,
    ]) {
      const err = await pgError(t.database.db.execute(stmt));
      expect(err.code).toBe('42501');
      expect(err.message).toMatch(/append-only/);
    }
    expect(await counts()).toEqual([{ u: 1, a: 2 }]);
    expect(await snapshot()).toBe(before);
  });

  // incident_updates refuses TRUNCATE for the owner too, like incident_alerts and case_events.
  // Run in a transaction that is rolled back either way.
  test('the owner cannot truncate the incident history either', async () => {
    const ROLLBACK = new Error('rollback');
    const err = await pgError(
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`truncate incident_updates`);
        throw ROLLBACK;
      }),
    );
    expect(await counts()).toEqual([{ u: 1, a: 2 }]);
    expect(err).not.toBe(ROLLBACK);
    expect(err.code).toBe('42501');
  });

  // Each level writes only its own row: the reporting 司法所 cannot set acknowledged_at on its levels'
  // rows, at the database either. Rolled back either way.
  test('at the database, the reporting tenant cannot write its levels\' acknowledgements', async () => {
    const ROLLBACK = new Error('rollback');
    let changed = -1;
    const err = await pgError(
      withTenant(t.database.db, { tenantId: ids['yubei-longxi']!, userId: v['longxi.staff']!.userId }, opts, async (tx) => {
        const rows = rowsOf(await tx.execute(sql`update incident_levels set acknowledged_at = now() where incident_id = ${incidentId}::uuid returning level_tenant_id`));
        changed = rows.length;
        throw ROLLBACK;
      }),
    );
    if (err === ROLLBACK) expect(changed).toBe(0);
    else expect(err.code).toBe('42501');
  });
});
