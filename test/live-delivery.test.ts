import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../server/app.js';
import { openDatabase, rowsOf } from '../server/db/client.js';
import { withQueryStats } from '../server/db/query-stats.js';
import { decodeGlobalId, encodeGlobalId } from '../server/graphql/global-id.js';
import { createLogger } from '../server/logger.js';
import { sweep } from '../server/usecases/cases/sweep.js';
import { backend, ok, startTestApp, type TestApp } from './helpers.js';
import { collect, type Subscription, wsClient } from './live-support.js';

/**
 * Live delivery over graphql-ws: what reaches whom. Incident alerts go to the reporting tenant and
 * every tenant above it (narrowed by `tenantId` to a subtree), each kind of change as its own
 * alert carrying the state it committed; a cursor replays what was missed and then goes live with
 * no gap and no duplicate (also across a disconnect in the middle of a burst); notices reach their
 * user or their whole tenant and nobody else. On PostgreSQL: a second instance delivers what the
 * first committed, and a row inserted first but committed late is numbered at its commit, after what
 * committed meanwhile, and delivered then (never skipped).
 * Subscribers with the same document in the same tenant form one group, executed once per alert.
 *
 * What must not arrive is proven by a later marker that must arrive (delivery to one subscriber is
 * in cursor order), never by sleeping.
 */

let t: TestApp;
let wsUrl: string;
const tok: Record<string, string> = {};
/** slug -> { gid, uuid, name } */
const tenants: Record<string, { gid: string; uuid: string; name: string }> = {};
/** username -> user gid */
const userGid: Record<string, string> = {};
const RUN = Date.now().toString(36).toUpperCase();
let uniq = 0;
const place = (label: string) => `LIVE-${RUN}-${label}-${++uniq}`;

const USERS = [
  'city.admin',
  'yubei.admin',
  'yubei.supervisor',
  'yubei.staff',
  'longxi.staff',
  'yuzhong.admin',
  'yuzhong.staff',
  'jiefangbei.staff',
] as const;
type User = (typeof USERS)[number];

const REPORT = `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { incident { id version reportedAt place } } }`;
interface Reported {
  id: string;
  version: number;
  reportedAt: string;
  place: string;
}
async function report(user: User, label: string, severity = 'IV'): Promise<Reported> {
  const r = await t.gql(
    REPORT,
    {
      i: {
        category: 'OFFICE_DISRUPTION',
        severity,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        place: place(label),
        peopleCount: 2,
        description: '测试：门口聚集',
        actionsTaken: '已劝离',
      },
    },
    tok[user],
  );
  return ok(r).reportIncident.incident as Reported;
}

/** The highest alert number so far (owner connection). */
async function alertHead(database = t.database): Promise<string> {
  const [row] = rowsOf<{ n: string }>(await database.db.execute(sql`select coalesce(max(seq), 0)::text as n from incident_alerts`));
  return row!.n;
}

/** incidentAlertsSince as `user` over HTTP, paging past 500. */
async function alertsSince(user: User, after: string): Promise<{ cursor: string; kind: string; incident: { id: string; place: string } | null }[]> {
  const all: { cursor: string; kind: string; incident: { id: string; place: string } | null }[] = [];
  let from = after;
  for (;;) {
    const page = ok(await t.gql('query($a: String) { incidentAlertsSince(after: $a) { cursor kind incident { id place } } }', { a: from }, tok[user]))
      .incidentAlertsSince as typeof all;
    all.push(...page);
    if (page.length < 500) return all;
    from = page.at(-1)!.cursor;
  }
}

// ---------------------------------------------------------------- sockets and waiting

const clients: ReturnType<typeof wsClient>[] = [];
function connect(user: User | string, url = wsUrl) {
  const c = wsClient(url, tok[user]!);
  clients.push(c);
  return c;
}

/** Polls `check` until it holds, or fails with `what` after `ms`. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function members(feed: string, app = t.app): Promise<number> {
  return (await app.hub.stats())[feed]?.members ?? 0;
}
/** Subscriptions are registered asynchronously: wait until the hub has them. */
const registered = (feed: string, n: number, app = t.app) => waitFor(`${n} ${feed} subscribers`, async () => (await members(feed, app)) === n);

type Alert = { cursor: string; kind: string; incident: { id: string; place?: string; tenant?: { name: string } } | null; level?: { slug: string; name: string } | null };
const ALERTS = `subscription($after: String, $tenantId: ID) { incidentAlerts(after: $after, tenantId: $tenantId) { cursor kind incident { id place } } }`;

/** Waits until `sub` received an alert about `incidentId` (of `kind`). */
function got(sub: Subscription<{ kind: string; incident: { id: string } | null }>, incidentId: string, kind = 'REPORTED') {
  return waitFor(`${kind} ${incidentId}`, () => {
    if (sub.errors.length) throw new Error(`subscription failed: ${JSON.stringify(sub.errors)}`);
    return sub.items.some((a) => a.incident?.id === incidentId && a.kind === kind);
  });
}
const pairs = (sub: Subscription<Alert>) => sub.items.map((a) => [a.kind, a.incident?.id]);
function increasing(cursors: string[]) {
  for (let i = 1; i < cursors.length; i++) expect(Number(cursors[i]), `cursor ${i}`).toBeGreaterThan(Number(cursors[i - 1]));
}

beforeAll(async () => {
  t = await startTestApp({ WS_MAX_SOCKETS_PER_USER: '50' });
  const started = await t.app.start(0, '127.0.0.1');
  wsUrl = started.url.replace('http', 'ws') + '/graphql';
  for (const u of USERS) {
    tok[u] = await t.login(u);
    userGid[u] = ok(await t.gql('{ viewer { id } }', {}, tok[u])).viewer.id;
  }
  const list = ok(await t.gql('{ tenants(first: 100) { edges { node { id slug name } } } }', {}, tok['city.admin'])).tenants.edges as { node: { id: string; slug: string; name: string } }[];
  for (const { node } of list) tenants[node.slug] = { gid: node.id, uuid: decodeGlobalId(node.id)!.id, name: node.name };
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  // Closing a socket ends its subscriptions: nobody is left in the hub.
  await registered('incidentAlerts', 0);
  await registered('notificationAdded', 0);
});

afterAll(() => t?.close());

// ---------------------------------------------------------------- alerts

describe('incident alerts: who receives what', () => {
  test('visibility: the reporting tenant and every tenant above it, once each; a sibling district nothing', async () => {
    const s = {
      root: collect<Alert>(connect('city.admin'), ALERTS),
      yubei: collect<Alert>(connect('yubei.admin'), ALERTS),
      yuzhong: collect<Alert>(connect('yuzhong.admin'), ALERTS),
      longxi: collect<Alert>(connect('longxi.staff'), ALERTS),
    };
    await registered('incidentAlerts', 4);

    const a = await report('longxi.staff', 'vis-a');
    await Promise.all([got(s.root, a.id), got(s.yubei, a.id), got(s.longxi, a.id)]);
    // 渝中's marker: had `a` gone to 渝中 it would have come before this one.
    const b = await report('jiefangbei.staff', 'vis-b');
    await Promise.all([got(s.yuzhong, b.id), got(s.root, b.id)]);
    // 渝北's and 龙溪's marker, after `b`.
    const c = await report('longxi.staff', 'vis-c');
    await Promise.all([got(s.yubei, c.id), got(s.longxi, c.id), got(s.root, c.id)]);

    expect(pairs(s.root)).toEqual([['REPORTED', a.id], ['REPORTED', b.id], ['REPORTED', c.id]]);
    expect(pairs(s.yubei)).toEqual([['REPORTED', a.id], ['REPORTED', c.id]]);
    expect(pairs(s.longxi)).toEqual([['REPORTED', a.id], ['REPORTED', c.id]]);
    expect(pairs(s.yuzhong)).toEqual([['REPORTED', b.id]]);
    for (const sub of Object.values(s)) {
      expect(sub.errors).toEqual([]);
      increasing(sub.items.map((x) => x.cursor));
    }
    // The same alert has the same cursor for everyone.
    expect(s.yubei.items[0]!.cursor).toBe(s.root.items[0]!.cursor);
    expect(s.yuzhong.items[0]!.cursor).toBe(s.root.items[1]!.cursor);
  });

  test('narrowing: `tenantId` of 龙溪 gives 龙溪 only, not 渝北 itself; outside the subtree is FORBIDDEN', async () => {
    const c = connect('yubei.admin');
    const narrow = collect<Alert>(c, ALERTS, { tenantId: tenants['yubei-longxi']!.gid });
    const whole = collect<Alert>(c, ALERTS, {});
    const refusedSub = collect<Alert>(connect('yubei.admin'), ALERTS, { tenantId: tenants['yuzhong']!.gid });
    await registered('incidentAlerts', 2);
    await waitFor('the refusal', () => refusedSub.errors.length > 0 || refusedSub.completed);
    expect(JSON.stringify(refusedSub.errors)).toContain('FORBIDDEN');
    expect(refusedSub.items).toEqual([]);

    const l1 = await report('longxi.staff', 'narrow-l1');
    const y1 = await report('yubei.staff', 'narrow-y1');
    const l2 = await report('longxi.staff', 'narrow-l2');
    await Promise.all([got(narrow, l2.id), got(whole, l2.id)]);
    expect(pairs(narrow)).toEqual([['REPORTED', l1.id], ['REPORTED', l2.id]]);
    expect(pairs(whole)).toEqual([['REPORTED', l1.id], ['REPORTED', y1.id], ['REPORTED', l2.id]]);
    expect(narrow.errors).toEqual([]);
    expect(whole.errors).toEqual([]);
  });

  test('update, acknowledgement and resolution arrive as UPDATED, ACKNOWLEDGED, RESOLVED with the committed state', async () => {
    const DOC = `subscription { incidentAlerts { cursor kind level { slug } incident { id status version levels { tenant { slug } acknowledgedAt } } } }`;
    type Full = { cursor: string; kind: string; level: { slug: string } | null; incident: { id: string; status: string; version: number; levels: { tenant: { slug: string }; acknowledgedAt: string | null }[] } };
    const root = collect<Full>(connect('city.admin'), DOC);
    const yubei = collect<Full>(connect('yubei.admin'), DOC);
    await registered('incidentAlerts', 2);
    const view = (a: Full) => [a.kind, a.level?.slug ?? null, a.incident.status, a.incident.version, a.incident.levels.map((l) => [l.tenant.slug, l.acknowledgedAt !== null])];
    const arrived = (n: number) =>
      waitFor(`${n} alerts`, () => {
        if (root.errors.length || yubei.errors.length) throw new Error(JSON.stringify([root.errors, yubei.errors]));
        return root.items.length >= n && yubei.items.length >= n;
      });

    const i = await report('longxi.staff', 'kinds');
    await arrived(1);
    ok(await t.gql('mutation($i: IncidentTextInput!) { addIncidentUpdate(input: $i) { incident { version } } }', { i: { id: i.id, version: i.version, text: '续报：人员已散去' } }, tok['longxi.staff']));
    await arrived(2);
    ok(await t.gql('mutation($i: AcknowledgeIncidentInput!) { acknowledgeIncident(input: $i) { incident { id } } }', { i: { id: i.id } }, tok['yubei.supervisor']));
    await arrived(3);
    ok(await t.gql('mutation($i: IncidentTextInput!) { resolveIncident(input: $i) { incident { version } } }', { i: { id: i.id, version: 2, text: '处置完毕' } }, tok['longxi.staff']));
    await arrived(4);

    const expected = [
      ['REPORTED', null, 'OPEN', 1, [['yubei', false], ['cq', false]]],
      ['UPDATED', null, 'OPEN', 2, [['yubei', false], ['cq', false]]],
      ['ACKNOWLEDGED', 'yubei', 'OPEN', 2, [['yubei', true], ['cq', false]]],
      ['RESOLVED', null, 'RESOLVED', 3, [['yubei', true], ['cq', false]]],
    ];
    expect(root.items.map(view)).toEqual(expected);
    expect(yubei.items.map(view)).toEqual(expected);
    expect(root.items.every((a) => a.incident.id === i.id)).toBe(true);
    increasing(root.items.map((a) => a.cursor));
  });

  test('escalation over a simulated clock: one ESCALATED alert naming the late level; a second sweep sends nothing', async () => {
    // Whatever else is due in the next ten minutes (the demo's incidents) is escalated now, before anyone listens.
    await sweep(t.database, t.config, new Date(Date.now() + 10 * 60_000));
    const after = await alertHead();
    const DOC = `subscription($after: String) { incidentAlerts(after: $after) { cursor kind level { slug name } incident { id } } }`;
    const root = collect<Alert>(connect('city.admin'), DOC, { after });
    const yubei = collect<Alert>(connect('yubei.admin'), DOC, { after });
    const yuzhong = collect<Alert>(connect('yuzhong.admin'), DOC, { after });
    await registered('incidentAlerts', 3);

    const i = await report('longxi.staff', 'escalate', 'I'); // 5 minutes to acknowledge, at each level
    const at = new Date(Date.parse(i.reportedAt) + 6 * 60_000);
    const first = await sweep(t.database, t.config, at);
    expect(first?.incidentEscalations).toBe(1); // 渝北; never the root (no level above it)
    await Promise.all([got(root, i.id, 'ESCALATED'), got(yubei, i.id, 'ESCALATED')]);

    expect((await sweep(t.database, t.config, at))?.incidentEscalations).toBe(0);
    expect((await sweep(t.database, t.config, new Date(at.getTime() + 2 * 60_000)))?.incidentEscalations).toBe(0);
    const marker = await report('longxi.staff', 'escalate-marker');
    const marker2 = await report('jiefangbei.staff', 'escalate-marker2');
    await Promise.all([got(root, marker2.id), got(yubei, marker.id), got(yuzhong, marker2.id)]);

    const escalated = { slug: 'yubei', name: tenants['yubei']!.name };
    const expected = [
      ['REPORTED', i.id, null],
      ['ESCALATED', i.id, escalated],
      ['REPORTED', marker.id, null],
    ];
    const view = (s: Subscription<Alert>) => s.items.map((a) => [a.kind, a.incident?.id, a.level ?? null]);
    expect(view(yubei)).toEqual(expected);
    expect(view(root)).toEqual([...expected, ['REPORTED', marker2.id, null]]);
    expect(view(yuzhong)).toEqual([['REPORTED', marker2.id, null]]);
  });

  test('replay then live: everything after the cursor the viewer may see, then live, no gap, no duplicate', async () => {
    const start = await alertHead();
    // Committed before the subscription: only in the replay.
    for (const u of ['longxi.staff', 'jiefangbei.staff', 'yubei.staff', 'longxi.staff', 'jiefangbei.staff'] as const) await report(u, 'replay-before');
    const sub = collect<Alert>(connect('yubei.admin'), ALERTS, { after: start });
    // Committed while it subscribes and replays: at the seam.
    const during = (async () => {
      for (let k = 0; k < 12; k++) await report(k % 3 === 2 ? 'jiefangbei.staff' : 'longxi.staff', 'replay-during');
    })();
    await registered('incidentAlerts', 1);
    await during;
    const last = await report('longxi.staff', 'replay-last');
    await got(sub, last.id);

    const expected = await alertsSince('yubei.admin', start);
    expect(expected.length).toBe(1 + 1 + 1 + 8 + 1); // 龙溪 ×2 and 渝北 before, 龙溪 ×8 during, the last
    expect(sub.items.map((a) => [a.cursor, a.kind, a.incident?.id])).toEqual(expected.map((a) => [a.cursor, a.kind, a.incident?.id]));
    increasing(sub.items.map((a) => a.cursor));
    expect(sub.errors).toEqual([]);
    expect(sub.items.some((a) => a.incident?.place?.includes('replay-before'))).toBe(true);
  });

  test('burst and reconnect: the union of two connections is exactly the 渝北 subtree after the start, in order', async () => {
    const start = await alertHead();
    const c1 = connect('yubei.admin');
    const s1 = collect<Alert>(c1, ALERTS, { after: start });
    await registered('incidentAlerts', 1);

    // 100 reports, 70 from 龙溪 (渝北) and 30 from 解放碑 (渝中), interleaved, in four parallel streams.
    const who: User[] = Array.from({ length: 100 }, (_, k) => (k % 10 < 7 ? 'longxi.staff' : 'jiefangbei.staff'));
    const streams = [0, 1, 2, 3].map(async (n) => {
      const out: Reported[] = [];
      for (let k = n; k < who.length; k += 4) out.push(await report(who[k]!, `burst-${who[k]!.split('.')[0]}`));
      return out;
    });
    const burst = Promise.all(streams);

    await waitFor('30 alerts on the first connection', () => s1.items.length >= 30 || s1.errors.length > 0);
    await c1.dispose();
    await c1.closed;
    const firstPart = [...s1.items];
    const c2 = connect('yubei.admin');
    const s2 = collect<Alert>(c2, ALERTS, { after: firstPart.at(-1)!.cursor });
    await registered('incidentAlerts', 1);
    const reported = (await burst).flat();
    // A few more after the reconnection: live on the second connection.
    const tail: Reported[] = [];
    for (const u of ['longxi.staff', 'jiefangbei.staff', 'longxi.staff', 'longxi.staff'] as const) tail.push(await report(u, `tail-${u.split('.')[0]}`));
    await got(s2, tail.at(-1)!.id);

    const expected = await alertsSince('yubei.admin', start);
    const fromLongxi = [...reported, ...tail].filter((r) => r.place.includes('-longxi-')).map((r) => r.id);
    expect(fromLongxi.length).toBe(70 + 3);
    expect(expected.every((a) => a.kind === 'REPORTED')).toBe(true);
    expect(expected.map((a) => a.incident!.id).sort()).toEqual(fromLongxi.sort());
    const union = [...firstPart, ...s2.items];
    expect(union.map((a) => a.cursor)).toEqual(expected.map((a) => a.cursor));
    expect(union.map((a) => a.incident?.id)).toEqual(expected.map((a) => a.incident?.id));
    increasing(union.map((a) => a.cursor));
    expect(new Set(union.map((a) => a.cursor)).size).toBe(union.length);
    expect(s1.errors).toEqual([]);
    expect(s2.errors).toEqual([]);
  });
});


describe('a group is only for answers that are necessarily the same', () => {
  // Two STAFF of 渝北, same tenant and roles: User.phone is full for the user themself, masked for a
  // colleague. Alerts are built as nobody in particular of the tenant and roles (one execution per
  // group), so both get the masked phone — live and replayed alike; the reporter reads their own
  // phone in full through ordinary queries.
  const DOC = 'subscription($after: String) { incidentAlerts(after: $after) { cursor kind incident { id reporter { username phone } } } }';
  type PhoneAlert = { cursor: string; kind: string; incident: { id: string; reporter: { username: string; phone: string | null } } };
  const OWN = { username: 'yubei.staff', phone: '13800000113' };
  const MASKED = { username: 'yubei.staff', phone: '138****0113' };
  beforeAll(async () => {
    const password = 'live-colleague-2026!';
    ok(
      await t.gql(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
        { i: { tenantId: tenants['yubei']!.gid, username: 'yubei.live2', displayName: '渝北窗口 二号', password, roles: ['STAFF'] } },
        tok['yubei.admin'],
      ),
    );
    tok['yubei.live2'] = await t.login('yubei.live2', password);
  });

  test('replayed: built as for any colleague — the reporter too gets the masked phone', async () => {
    const after = await alertHead();
    const i = await report('yubei.staff', 'phone-replay');
    const own = collect<PhoneAlert>(connect('yubei.staff'), DOC, { after });
    const colleague = collect<PhoneAlert>(connect('yubei.live2'), DOC, { after });
    await Promise.all([got(own, i.id), got(colleague, i.id)]);
    expect(own.items.map((a) => a.incident.reporter)).toEqual([MASKED]);
    expect(colleague.items.map((a) => a.incident.reporter)).toEqual([MASKED]);
    // Over HTTP the reporter still reads their own phone in full.
    expect(ok(await t.gql('{ viewer { phone } }', {}, tok['yubei.staff'])).viewer.phone).toBe(OWN.phone);
  });

  test('live: a colleague in the same group never gets the reporter\'s own (unmasked) answer', async () => {
    const own = collect<PhoneAlert>(connect('yubei.staff'), DOC);
    await registered('incidentAlerts', 1);
    const colleague = collect<PhoneAlert>(connect('yubei.live2'), DOC);
    await registered('incidentAlerts', 2);
    const i = await report('yubei.staff', 'phone-live');
    await Promise.all([got(own, i.id), got(colleague, i.id)]);
    expect(colleague.items.map((a) => a.incident.reporter)).toEqual([MASKED]);
    expect(own.items.map((a) => a.incident.reporter)).toEqual([MASKED]);
  });
});

// ---------------------------------------------------------------- notices

describe('notices: their own and their tenant-wide ones, nobody else\'s', () => {
  const CASE = 'id number version status handlerTenant { slug }';
  const TYPES = { openCase: 'OpenCaseInput', reassignCase: 'ReassignCaseInput', transferCase: 'TransferCaseInput', rejectTransfer: 'TransferDecisionInput' } as const;
  type Case = { id: string; number: string; version: number; status: string; handlerTenant: { slug: string } };
  async function act(m: keyof typeof TYPES, input: Record<string, unknown>, as: User): Promise<Case | null> {
    return ok(await t.gql(`mutation($i: ${TYPES[m]}!) { ${m}(input: $i) { case { ${CASE} } } }`, { i: input }, tok[as]))[m].case as Case | null;
  }
  const open = async (label: string) => (await act('openCase', { channel: 'ONSITE', kind: 'CONSULTATION', subject: `LIVE-${RUN} ${label} 咨询`, strategy: 'ANSWER' }, 'yubei.staff'))!;
  const read = async (id: string, as: User) => ok(await t.gql(`query($id: ID!) { case(id: $id) { ${CASE} } }`, { id }, tok[as])).case as Case;
  const transfer = (c: Case, to: string) => act('transferCase', { id: c.id, version: c.version, toTenantId: tenants[to]!.gid, reason: '不属于本单位受理范围' }, 'yubei.staff');
  const reject = (c: Case, as: User) => act('rejectTransfer', { id: c.id, version: c.version, reason: '不属于本单位受理范围，退回' }, as);
  const reassign = (c: Case, to: User, as: User) => act('reassignCase', { id: c.id, version: c.version, assigneeId: userGid[to] }, as);

  type Notice = { cursor: string; kind: string; title: string };
  const DOC = 'subscription($after: String) { notificationAdded(after: $after) { cursor kind title } }';
  const numbers: Record<string, string> = {};
  /** [kind, which of this test's cases] — a notice names its case by number. */
  const view = (ns: Notice[]) => ns.map((n) => [n.kind, Object.keys(numbers).find((k) => n.title.endsWith(numbers[k]!)) ?? n.title]);
  const has = (s: Subscription<Notice>, kind: string, label: string) =>
    waitFor(`${kind} ${label}`, () => {
      if (s.errors.length) throw new Error(JSON.stringify(s.errors));
      return s.items.some((n) => n.kind === kind && n.title.endsWith(numbers[label]!));
    });

  test('a user-addressed notice reaches that user only; a tenant-wide one every user of the tenant; replay from a notice cursor', async () => {
    // From the current head (notices the earlier sweep wrote are not part of this).
    const [head] = rowsOf<{ n: string }>(await t.database.db.execute(sql`select coalesce(max(seq), 0)::text as n from notifications`));
    const vars = { after: head!.n };
    const s = {
      staff: collect<Notice>(connect('yubei.staff'), DOC, vars),
      sup: collect<Notice>(connect('yubei.supervisor'), DOC, vars),
      yz: collect<Notice>(connect('yuzhong.staff'), DOC, vars),
      lx: collect<Notice>(connect('longxi.staff'), DOC, vars),
    };
    await registered('notificationAdded', 4);

    let a = await open('A');
    numbers.A = a.number;
    a = (await reassign(a, 'yubei.supervisor', 'yubei.staff'))!; // to 渝北督办 only
    a = (await transfer(a, 'yuzhong'))!; // to all of 渝中
    await reject(a, 'yuzhong.staff'); // back to all of 渝北
    let b = await open('B');
    numbers.B = b.number;
    b = (await transfer(b, 'yubei-longxi'))!; // to all of 龙溪
    a = await read(a.id, 'yubei.staff');
    a = (await reassign(a, 'yubei.staff', 'yubei.supervisor'))!; // to 渝北窗口 only
    // Markers, after everything above: each subscriber must receive one.
    let c = await open('C');
    numbers.C = c.number;
    c = (await transfer(c, 'yuzhong'))!;
    let d = await open('D');
    numbers.D = d.number;
    d = (await transfer(d, 'yubei-longxi'))!;
    await reject(b, 'longxi.staff'); // back to all of 渝北
    await Promise.all([
      has(s.staff, 'TRANSFER_DECIDED', 'B'),
      has(s.sup, 'TRANSFER_DECIDED', 'B'),
      has(s.yz, 'TRANSFER_RECEIVED', 'C'),
      has(s.lx, 'TRANSFER_RECEIVED', 'D'),
    ]);

    expect(view(s.sup.items)).toEqual([['CASE_ASSIGNED', 'A'], ['TRANSFER_DECIDED', 'A'], ['TRANSFER_DECIDED', 'B']]);
    expect(view(s.staff.items)).toEqual([['TRANSFER_DECIDED', 'A'], ['CASE_ASSIGNED', 'A'], ['TRANSFER_DECIDED', 'B']]);
    expect(view(s.yz.items)).toEqual([['TRANSFER_RECEIVED', 'A'], ['TRANSFER_RECEIVED', 'C']]);
    expect(view(s.lx.items)).toEqual([['TRANSFER_RECEIVED', 'B'], ['TRANSFER_RECEIVED', 'D']]);
    for (const sub of Object.values(s)) {
      expect(sub.errors).toEqual([]);
      increasing(sub.items.map((n) => n.cursor));
    }
    // A tenant-wide notice is one row: the same cursor for everyone of the tenant.
    expect(s.staff.items[0]!.cursor).toBe(s.sup.items[1]!.cursor);

    // Replay from a notice's cursor as the `notifications` query gives it, then live.
    const listed = (ok(await t.gql('{ notifications(first: 100) { edges { node { cursor kind title } } } }', {}, tok['yubei.staff'])).notifications.edges as { node: Notice }[]).map(
      (e) => e.node,
    );
    const from = listed.find((n) => n.kind === 'TRANSFER_DECIDED' && n.title.endsWith(numbers.A!))!;
    expect(from.cursor).toBe(s.staff.items[0]!.cursor);
    const replay = collect<Notice>(connect('yubei.staff'), DOC, { after: from.cursor });
    const expected = listed.filter((n) => Number(n.cursor) > Number(from.cursor)).sort((x, y) => Number(x.cursor) - Number(y.cursor));
    expect(view(expected)).toEqual([['CASE_ASSIGNED', 'A'], ['TRANSFER_DECIDED', 'B']]);
    b = await read(b.id, 'yubei.staff');
    await reassign(b, 'yubei.staff', 'yubei.supervisor'); // live, to 渝北窗口
    await has(replay, 'CASE_ASSIGNED', 'B');
    expect(replay.items.map((n) => [n.cursor, n.kind, n.title])).toEqual(
      [...expected, replay.items.at(-1)!].map((n) => [n.cursor, n.kind, n.title]),
    );
    expect(view(replay.items)).toEqual([['CASE_ASSIGNED', 'A'], ['TRANSFER_DECIDED', 'B'], ['CASE_ASSIGNED', 'B']]);
    increasing(replay.items.map((n) => n.cursor));
    // The live one reached 渝北窗口's first subscription too, and not 渝北督办's.
    await has(s.staff, 'CASE_ASSIGNED', 'B');
    expect(view(s.staff.items).at(-1)).toEqual(['CASE_ASSIGNED', 'B']);
    expect(view(s.sup.items)).toEqual([['CASE_ASSIGNED', 'A'], ['TRANSFER_DECIDED', 'A'], ['TRANSFER_DECIDED', 'B']]);
  });
});

// ---------------------------------------------------------------- PostgreSQL: instances and commit order

describe.skipIf(backend === 'pglite')('PostgreSQL: several instances, late commits', () => {
  test('a subscriber on instance B receives what was reported through instance A', async () => {
    const database = await openDatabase(t.config);
    const appB = buildApp(t.config, database, { logger: createLogger('error', () => {}) });
    try {
      const { url } = await appB.start(0, '127.0.0.1');
      const after = await alertHead();
      const sub = collect<Alert>(connect('yubei.admin', url.replace('http', 'ws') + '/graphql'), ALERTS, { after });
      await registered('incidentAlerts', 1, appB);
      expect(await members('incidentAlerts')).toBe(0); // not on A
      const a = await report('longxi.staff', 'instance-a'); // HTTP to A
      await report('jiefangbei.staff', 'instance-a-yuzhong'); // not 渝北's
      const c = await report('longxi.staff', 'instance-a-2');
      await got(sub, c.id);
      expect(pairs(sub)).toEqual([['REPORTED', a.id], ['REPORTED', c.id]]);
      expect(sub.errors).toEqual([]);
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
      await appB.stop();
      await database.close();
    }
  });

  // Alerts are numbered at COMMIT (migration live_delivery_order: a deferred trigger renumbers the
  // row under the stream's advisory lock), so a row inserted first and committed late takes a number
  // after the one committed in between: a reader that has passed the later number never skips it.
  test('a row inserted first but committed late is numbered and delivered after the one committed meanwhile', async () => {
    const raw = postgres((t.config.database as { url: string }).url, { max: 2, onnotice: () => {} });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let late: Promise<unknown> = Promise.resolve();
    try {
      const [incident] = await raw<{ id: string }[]>`select id from incidents where tenant_id = ${tenants['yubei-longxi']!.uuid} order by reported_at limit 1`;
      const lateGid = encodeGlobalId('Incident', incident!.id);
      const after = await alertHead();
      const sub = collect<Alert>(connect('yubei.admin'), ALERTS, { after });
      await registered('incidentAlerts', 1);

      // As the owner, on a connection of its own: an alert for an incident of 龙溪, left uncommitted.
      let provisional = 0;
      const inserted = new Promise<void>((resolve, reject) => {
        late = raw
          .begin(async (tx) => {
            const [row] = await tx<{ seq: string }[]>`insert into incident_alerts (tenant_id, incident_id, kind, payload, at)
              values (${tenants['yubei-longxi']!.uuid}, ${incident!.id}, 'UPDATED', ${tx.json({ note: 'late commit' })}, now()) returning seq`;
            provisional = Number(row!.seq);
            resolve();
            await gate;
          })
          .catch(reject);
      });
      await inserted;

      // Reported meanwhile through the app (not awaited: had writers to wait on each other, it would wait here).
      const reporting = report('longxi.staff', 'beside-late');
      const r = await Promise.race([reporting, new Promise<null>((res) => setTimeout(() => res(null), 5_000))]);
      expect(r, 'a report does not wait for another uncommitted alert').not.toBeNull();
      await got(sub, r!.id);
      expect(pairs(sub)).toEqual([['REPORTED', r!.id]]);
      expect(Number(sub.items[0]!.cursor)).toBeGreaterThan(provisional);

      await new Promise((res) => setTimeout(res, 300));
      release();
      await late;
      await got(sub, lateGid, 'UPDATED');
      expect(pairs(sub)).toEqual([['REPORTED', r!.id], ['UPDATED', lateGid]]);
      increasing(sub.items.map((x) => x.cursor));
      expect(sub.errors).toEqual([]);
      // Exactly what a reconnecting client reads from the same cursor.
      const since = await alertsSince('yubei.admin', after);
      expect(since.map((x) => [x.cursor, x.kind, x.incident?.id])).toEqual(sub.items.map((x) => [x.cursor, x.kind, x.incident?.id]));
    } finally {
      release();
      await late.catch(() => {});
      await raw.end({ timeout: 5 });
    }
  });
});

// ---------------------------------------------------------------- grouping

describe('grouping: one execution per (tenant, document), whatever the number of subscribers', () => {
  let g: TestApp;
  let gUrl: string;
  const gTok: Record<string, string> = {};
  beforeAll(async () => {
    // No poll: every drain is a wake-up from a commit, so the statements counted are those of the alert.
    g = await startTestApp({ WS_MAX_SOCKETS_PER_USER: '30', LIVE_POLL_SECONDS: '0' });
    gUrl = (await g.app.start(0, '127.0.0.1')).url.replace('http', 'ws') + '/graphql';
    for (const u of ['city.admin', 'yubei.admin', 'longxi.staff']) gTok[u] = await g.login(u);
  });
  afterAll(() => g?.close());

  const DOC = 'subscription { incidentAlerts { cursor kind incident { id place tenant { name } } } }';
  const delivered = async () => ((await g.app.metrics.liveMessages.get()).values.find((v) => v.labels.feed === 'incidentAlerts')?.value ?? 0) as number;

  /** Counts the statements of every drain the hub runs (its private reader, wrapped). */
  function countHubStatements() {
    const hub = g.app.hub as unknown as { drain: (s: unknown) => Promise<void> };
    const original = hub.drain;
    const stats = { statements: 0 };
    hub.drain = (s) => withQueryStats(stats, () => original.call(g.app.hub, s));
    return { stats, restore: () => void (hub.drain = original) };
  }

  /** `n` sockets each of city.admin (root) and yubei.admin; one report from 龙溪; what it cost. */
  async function round(n: number) {
    const mine: ReturnType<typeof wsClient>[] = [];
    try {
      const subs: Subscription<Alert>[] = [];
      for (const u of ['city.admin', 'yubei.admin']) {
        for (let k = 0; k < n; k++) {
          const c = wsClient(gUrl, gTok[u]!);
          mine.push(c);
          subs.push(collect<Alert>(c, DOC));
        }
      }
      await registered('incidentAlerts', 2 * n, g.app);
      const stats = (await g.app.hub.stats()).incidentAlerts!;
      const before = await delivered();
      const counter = countHubStatements();
      let id: string;
      try {
        const r = await g.gql(REPORT, { i: { category: 'OFFICE_DISRUPTION', severity: 'IV', occurredAt: new Date(Date.now() - 60_000).toISOString(), place: place(`group-${n}`), peopleCount: 1, description: 'x', actionsTaken: 'y' } }, gTok['longxi.staff']);
        id = ok(r).reportIncident.incident.id;
        await waitFor(`all ${2 * n} subscribers`, () => subs.every((s) => s.items.some((a) => a.incident?.id === id)));
        await waitFor('the delivery count', async () => (await delivered()) - before >= 2 * n);
      } finally {
        counter.restore();
      }
      for (const s of subs) {
        expect(s.errors).toEqual([]);
        expect(s.items.map((a) => [a.kind, a.incident?.id, a.incident?.tenant?.name])).toEqual([['REPORTED', id!, tenants['yubei-longxi']!.name]]);
      }
      const cursors = new Set(subs.map((s) => s.items[0]!.cursor));
      expect(cursors.size).toBe(1);
      return { groups: stats.groups, members: stats.members, messages: (await delivered()) - before, statements: counter.stats.statements };
    } finally {
      await Promise.all(mine.map((c) => c.dispose()));
      await registered('incidentAlerts', 0, g.app);
    }
  }

  test('20 + 20 sockets: two groups, 40 messages, and the same SQL as 1 + 1', async () => {
    const one = await round(1);
    const twenty = await round(20);
    expect(one).toMatchObject({ groups: 2, members: 2, messages: 2 });
    expect(twenty).toMatchObject({ groups: 2, members: 40, messages: 40 });
    expect(one.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(one.statements);
  });
});
