import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UserRole } from '../schema/db/tenancy.js';
import { rowsOf } from '../server/db/client.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { encodeGlobalId } from '../server/graphql/global-id.js';
import { openCase as openCaseCommand } from '../server/usecases/cases/open-case.js';
import { runAs } from '../server/usecases/context.js';
import { caseFixture } from './cases-support.js';
import { ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * The work queues (Art. 6, 12, 15): the `cases` connection's filters, orderings and pages, tenant
 * isolation and sensitive routing in lists, and the pinned SQL cost of a queue page (the hot path,
 * STYLE.md habit 9). The demo seed holds cases of its own: every assertion is scoped to the cases
 * this file opens (subjects carry QTOK / SQLTOK) or computed from what the viewer sees.
 */

let t: TestApp;
const tok: Record<string, string> = {};
const ids: Record<string, string> = {};

const NODE = `id number subject status kind channel sensitive flags openedAt
  priority { level } committedClock { dueAt overdue }
  serviceItem { id } assignee { id username } firstResponder { username } handlerTenant { slug } firstResponderTenant { slug }`;
const CASES = `query($first: Int, $after: String, $search: String, $status: [CaseStatus!], $channel: [Channel!], $kind: CaseKind,
    $serviceItemId: ID, $assigneeId: ID, $mine: Boolean, $overdue: Boolean, $dueBefore: DateTime, $flagged: Boolean,
    $scope: CaseScope, $orderBy: CaseOrder) {
  cases(first: $first, after: $after, search: $search, status: $status, channel: $channel, kind: $kind, serviceItemId: $serviceItemId,
      assigneeId: $assigneeId, mine: $mine, overdue: $overdue, dueBefore: $dueBefore, flagged: $flagged, scope: $scope, orderBy: $orderBy) {
    totalCount
    edges { cursor node { ${NODE} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const OPEN = `mutation($i: OpenCaseInput!) { openCase(input: $i) { case { ${NODE} version } } }`;

interface Row {
  id: string;
  number: string;
  subject: string;
  status: string;
  kind: string;
  channel: string;
  sensitive: boolean;
  flags: string[];
  openedAt: string;
  priority: { level: string };
  committedClock: { dueAt: string; overdue: boolean };
  serviceItem: { id: string } | null;
  assignee: { id: string; username: string } | null;
  firstResponder: { username: string } | null;
  handlerTenant: { slug: string } | null;
  firstResponderTenant: { slug: string } | null;
  version?: number;
}
interface Page {
  totalCount: number;
  edges: { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function queue(as: string, args: Record<string, unknown> = {}): Promise<Page> {
  return ok(await t.gql(CASES, { first: 100, ...args }, tok[as])).cases as Page;
}
/** The subjects of this file's cases in a queue, in queue order. */
async function ours(as: string, args: Record<string, unknown> = {}): Promise<string[]> {
  const page = await queue(as, { search: 'QTOK', ...args });
  expect(page.totalCount).toBe(page.edges.length);
  return page.edges.map((e) => e.node.subject);
}
const tokensOf = (subjects: string[]) => subjects.map((s) => s.split(' ')[0]!);
const sortedTokens = (subjects: string[]) => tokensOf(subjects).sort();

async function openCase(as: string, input: Record<string, unknown>): Promise<Row> {
  return ok(await t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'CONSULTATION', ...input } }, tok[as])).openCase.case as Row;
}
async function version(id: string, as = 'yubei.staff'): Promise<number> {
  return ok(await t.gql('query($id: ID!) { case(id: $id) { version } }', { id }, tok[as])).case.version;
}
async function viewerOf(username: string): Promise<Viewer> {
  const [u] = rowsOf<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(
    await t.database.db.execute(sql`select id::text, tenant_id::text, username, roles from users where username = ${username}`),
  );
  return { userId: u!.id, tenantId: u!.tenant_id, username: u!.username, roles: u!.roles };
}

const CONSULT_FORM = { consult_type: 'labor', question: '试用期被辞退能否要求补偿？' };

beforeAll(async () => {
  t = await startTestApp();
  const fixture = await caseFixture(t, ['yubei.staff',
    'yubei.supervisor',
    'yubei.admin',
    'longxi.staff',
    'yubei.legalaid.staff',
    'yuzhong.staff',
    'city.supervisor',
    'city.admin']);
  Object.assign(tok, fixture.tok);
  Object.assign(ids, fixture.ids);
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------
// The cases this file queues
// ---------------------------------------------------------------------------------------------

const c: Record<string, Row> = {};

describe('the cases of the queue', () => {
  test('opened across channels, kinds, items, handlers and priorities', async () => {
    c.A = await openCase('yubei.staff', { subject: 'QTOK-A 劳动争议咨询' });
    c.B = await openCase('yubei.staff', { channel: 'HOTLINE', kind: 'MATTER', subject: 'QTOK-B 法律援助申请' });
    c.C = await openCase('yubei.staff', { subject: 'QTOK-C 咨询试用期辞退', serviceItemId: ids['item:consult'], formData: CONSULT_FORM });
    c.D = await openCase('yubei.staff2', { subject: 'QTOK-D 紧急求助', urgency: 'EMERGENCY' });
    c.E = await openCase('yubei.staff', { subject: 'QTOK-E 老年人赡养纠纷', protectedGroups: ['ELDERLY'] });
    c.L = await openCase('longxi.staff', { subject: 'QTOK-L 龙溪邻里纠纷' });
    // A case resolved, then reopened: flagged REOPENED (Art. 22).
    c.F = await openCase('yubei.staff', { subject: 'QTOK-F 已答复又重办', strategy: 'ANSWER' });
    const resolved = ok(
      await t.gql(
        'mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { version status } } }',
        { i: { id: c.F.id, version: await version(c.F.id), outcome: 'ANSWERED', strategy: 'ANSWER', category: 'POLICY', summary: '已告知办理流程。' } },
        tok['yubei.staff'],
      ),
    ).resolveCase.case;
    ok(await t.gql('mutation($i: CaseReasonInput!) { reopenCase(input: $i) { case { status } } }', { i: { id: c.F.id, version: resolved.version, reason: '当事人反映问题未解决' } }, tok['yubei.staff']));
    // A case resolved and left resolved.
    c.R = await openCase('yubei.staff', { channel: 'HOTLINE', subject: 'QTOK-R 已办结咨询', strategy: 'ANSWER' });
    ok(
      await t.gql(
        'mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { status } } }',
        { i: { id: c.R.id, version: await version(c.R.id), outcome: 'ANSWERED', strategy: 'ANSWER', category: 'INSTITUTION', summary: '已告知窗口办公时间。' } },
        tok['yubei.staff'],
      ),
    );
    // A sensitive case (Art. 11): in the queues of its first responder and the supervisors only.
    c.S = await openCase('yubei.staff', { subject: 'QTOK-S 敏感事项', sensitive: true });
    expect(c.D.priority.level).toBe('EMERGENCY');
    expect(c.E.priority.level).toBe('PRIORITY');
  });

  test('an overdue case: taken in on 2026-03-02 under a 1-working-day commitment (Art. 15)', async () => {
    const SETTINGS = 'mutation($i: SetCaseSettingsInput!) { setCaseSettings(input: $i) { version settings } }';
    const current = ok(await t.gql('{ caseSettings { version settings } }', {}, tok['yubei.admin'])).caseSettings;
    const tight = {
      ...current.settings,
      defaultLimits: {
        ...current.settings.defaultLimits,
        CONSULTATION: { statutory: { unit: 'WORKING_DAYS', amount: 2 }, committed: { unit: 'WORKING_DAYS', amount: 1 } },
      },
    };
    const set = ok(await t.gql(SETTINGS, { i: { version: current.version, settings: tight } }, tok['yubei.admin'])).setCaseSettings;
    // Run the intake at a chosen "now" (a Monday), as a call taken then would have been.
    const now = new Date('2026-03-02T02:00:00Z');
    const loaded = await runAs(t.database, t.config, await viewerOf('yubei.staff'), (ctx) =>
      openCaseCommand(ctx, { channel: 'HOTLINE', kind: 'CONSULTATION', subject: 'QTOK-O 逾期未办咨询', receivedAt: new Date('2026-03-01T23:00:00Z') }), now);
    ok(await t.gql(SETTINGS, { i: { version: set.version, settings: current.settings } }, tok['yubei.admin']));

    const id = encodeGlobalId('Case', loaded.row.id);
    c.O = ok(await t.gql(`query($id: ID!) { case(id: $id) { ${NODE} } }`, { id }, tok['yubei.staff'])).case as Row;
    // Received Monday 07:00 in Chongqing; one working day: the end of Tuesday.
    expect(c.O.committedClock).toEqual({ dueAt: '2026-03-03T15:59:59.999Z', overdue: true });
    expect(c.O.status).toBe('OPEN');
  });
});

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------

describe('cases(...) filters (AND)', () => {
  test('everything this file opened, as the handler tenant staff sees it', async () => {
    expect(sortedTokens(await ours('yubei.staff'))).toEqual(['QTOK-A', 'QTOK-B', 'QTOK-C', 'QTOK-D', 'QTOK-E', 'QTOK-F', 'QTOK-L', 'QTOK-O', 'QTOK-R', 'QTOK-S']);
    // Another STAFF of yubei: the same, but the sensitive case.
    expect(sortedTokens(await ours('yubei.staff2'))).toEqual(['QTOK-A', 'QTOK-B', 'QTOK-C', 'QTOK-D', 'QTOK-E', 'QTOK-F', 'QTOK-L', 'QTOK-O', 'QTOK-R']);
    expect(sortedTokens(await ours('yubei.admin'))).toEqual(['QTOK-A', 'QTOK-B', 'QTOK-C', 'QTOK-D', 'QTOK-E', 'QTOK-F', 'QTOK-L', 'QTOK-O', 'QTOK-R']);
  });

  test('status, channel, kind, serviceItemId', async () => {
    expect(sortedTokens(await ours('yubei.staff', { status: ['OPEN'] }))).toEqual(['QTOK-A', 'QTOK-B', 'QTOK-C', 'QTOK-D', 'QTOK-E', 'QTOK-L', 'QTOK-O', 'QTOK-S']);
    expect(sortedTokens(await ours('yubei.staff', { status: ['IN_PROGRESS', 'RESOLVED'] }))).toEqual(['QTOK-F', 'QTOK-R']);
    expect(await ours('yubei.staff', { status: ['CLOSED'] })).toEqual([]);
    expect(sortedTokens(await ours('yubei.staff', { channel: ['HOTLINE'] }))).toEqual(['QTOK-B', 'QTOK-O', 'QTOK-R']);
    expect(sortedTokens(await ours('yubei.staff', { channel: ['HOTLINE', 'MESSAGE'], status: ['OPEN'] }))).toEqual(['QTOK-B', 'QTOK-O']);
    expect(sortedTokens(await ours('yubei.staff', { kind: 'MATTER' }))).toEqual(['QTOK-B']);
    expect(sortedTokens(await ours('yubei.staff', { serviceItemId: ids['item:consult'] }))).toEqual(['QTOK-C']);
    // A malformed id is refused, naming the argument.
    refused(await t.gql(CASES, { serviceItemId: c.A!.id }, tok['yubei.staff']), 'BAD_USER_INPUT', ['serviceItemId']);
  });

  test('assigneeId and mine', async () => {
    expect(sortedTokens(await ours('yubei.supervisor', { assigneeId: ids['user:yubei.staff2'] }))).toEqual(['QTOK-D']);
    expect(sortedTokens(await ours('yubei.staff2', { mine: true }))).toEqual(['QTOK-D']);
    // Reassigned to staff2, the case moves into staff2's own queue and out of yubei.staff's.
    ok(await t.gql('mutation($i: ReassignCaseInput!) { reassignCase(input: $i) { case { id } } }', { i: { id: c.A!.id, version: await version(c.A!.id), assigneeId: ids['user:yubei.staff2'] } }, tok['yubei.staff']));
    expect(sortedTokens(await ours('yubei.staff2', { mine: true }))).toEqual(['QTOK-A', 'QTOK-D']);
    expect(sortedTokens(await ours('yubei.staff', { mine: true }))).toEqual(['QTOK-B', 'QTOK-C', 'QTOK-E', 'QTOK-F', 'QTOK-O', 'QTOK-R', 'QTOK-S']);
    // mine: false is no filter.
    expect((await ours('yubei.staff', { mine: false })).length).toBe(10);
  });

  test('overdue and dueBefore look at the committed clock of active cases', async () => {
    expect(tokensOf(await ours('yubei.staff', { overdue: true }))).toEqual(['QTOK-O']);
    expect(sortedTokens(await ours('yubei.staff', { overdue: false }))).toEqual(['QTOK-A', 'QTOK-B', 'QTOK-C', 'QTOK-D', 'QTOK-E', 'QTOK-F', 'QTOK-L', 'QTOK-R', 'QTOK-S']);
    // dueBefore: active cases due strictly before the instant.
    const all = (await queue('yubei.staff', { search: 'QTOK' })).edges.map((e) => e.node);
    const cut = c.A!.committedClock.dueAt;
    const active = ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING'];
    const expected = all.filter((n) => active.includes(n.status) && n.committedClock.dueAt < cut).map((n) => n.subject);
    expect(expected).toContain('QTOK-O 逾期未办咨询');
    expect(expected).toContain('QTOK-C 咨询试用期辞退'); // 8 hours: before 3 working days
    expect(expected).not.toContain('QTOK-A 劳动争议咨询');
    expect(sortedTokens(await ours('yubei.staff', { dueBefore: cut }))).toEqual(sortedTokens(expected));
    expect(tokensOf(await ours('yubei.staff', { dueBefore: '2026-03-04T00:00:00Z' }))).toEqual(['QTOK-O']);
    // A resolved case is never due, whatever its clock said.
    expect(tokensOf(await ours('yubei.staff', { dueBefore: '2099-01-01T00:00:00Z' }))).not.toContain('QTOK-R');
  });

  test('flagged and search', async () => {
    expect(tokensOf(await ours('yubei.staff', { flagged: true }))).toEqual(['QTOK-F']);
    expect((await ours('yubei.staff', { flagged: false })).length).toBe(10);
    // Search: a case number (any case) or a subject substring, case-insensitive.
    expect(tokensOf((await queue('yubei.staff', { search: c.B!.number.toLowerCase() })).edges.map((e) => e.node.subject))).toEqual(['QTOK-B']);
    expect(tokensOf((await queue('yubei.staff', { search: `  ${c.B!.number}  ` })).edges.map((e) => e.node.subject))).toEqual(['QTOK-B']);
    expect(tokensOf((await queue('yubei.staff', { search: 'qtok-e' })).edges.map((e) => e.node.subject))).toEqual(['QTOK-E']);
    expect(tokensOf((await queue('yubei.staff', { search: '赡养' })).edges.map((e) => e.node.subject))).toEqual(['QTOK-E']);
    // LIKE wildcards are taken literally.
    expect((await queue('yubei.staff', { search: 'QTOK_%' })).totalCount).toBe(0);
  });

  test('scope: VISIBLE, HANDLED_HERE, FIRST_RECEIVED_HERE', async () => {
    const visible = sortedTokens(await ours('yubei.supervisor', { scope: 'VISIBLE' }));
    expect(visible).toEqual(['QTOK-A', 'QTOK-B', 'QTOK-C', 'QTOK-D', 'QTOK-E', 'QTOK-F', 'QTOK-L', 'QTOK-O', 'QTOK-R', 'QTOK-S']);
    expect(sortedTokens(await ours('yubei.supervisor'))).toEqual(visible);
    const yubeiOnly = visible.filter((x) => x !== 'QTOK-L');
    expect(sortedTokens(await ours('yubei.supervisor', { scope: 'HANDLED_HERE' }))).toEqual(yubeiOnly);
    expect(sortedTokens(await ours('yubei.supervisor', { scope: 'FIRST_RECEIVED_HERE' }))).toEqual(yubeiOnly);
    expect(tokensOf(await ours('longxi.staff', { scope: 'HANDLED_HERE' }))).toEqual(['QTOK-L']);
    expect(tokensOf(await ours('longxi.staff', { scope: 'FIRST_RECEIVED_HERE' }))).toEqual(['QTOK-L']);
    // The municipal supervisor handles none of them itself.
    expect(await ours('city.supervisor', { scope: 'HANDLED_HERE' })).toEqual([]);
    expect(sortedTokens(await ours('city.supervisor'))).toEqual(visible);
  });
});

// ---------------------------------------------------------------------------------------------
// Orderings and pages
// ---------------------------------------------------------------------------------------------

describe('orderings and pagination', () => {
  test('DUE_SOONEST (the default): committed due date ascending', async () => {
    const rows = (await queue('yubei.staff', { search: 'QTOK', orderBy: 'DUE_SOONEST' })).edges.map((e) => e.node);
    const dues = rows.map((r) => r.committedClock.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(rows[0]!.subject).toBe('QTOK-O 逾期未办咨询');
    const byDefault = (await queue('yubei.staff', { search: 'QTOK' })).edges.map((e) => e.node.id);
    expect(byDefault).toEqual(rows.map((r) => r.id));
  });

  test('NEWEST: opening time descending', async () => {
    const rows = (await queue('yubei.staff', { search: 'QTOK', orderBy: 'NEWEST' })).edges.map((e) => e.node);
    const opened = rows.map((r) => r.openedAt);
    expect(opened).toEqual([...opened].sort().reverse());
    expect(rows.at(-1)!.subject).toBe('QTOK-O 逾期未办咨询');
  });

  test('PRIORITY: level first (emergency, then protected groups), then due date', async () => {
    const rows = (await queue('yubei.staff', { search: 'QTOK', orderBy: 'PRIORITY' })).edges.map((e) => e.node);
    expect(tokensOf(rows.slice(0, 2).map((r) => r.subject))).toEqual(['QTOK-D', 'QTOK-E']);
    const routine = rows.slice(2);
    expect(routine.every((r) => r.priority.level === 'ROUTINE')).toBe(true);
    const dues = routine.map((r) => r.committedClock.dueAt);
    expect(dues).toEqual([...dues].sort());
  });

  test('first/after walk the whole queue once, in order, with totalCount and hasNextPage', async () => {
    const all = (await queue('yubei.staff', { search: 'QTOK', orderBy: 'NEWEST' })).edges.map((e) => e.node.id);
    expect(all).toHaveLength(10);
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page = await queue('yubei.staff', { search: 'QTOK', orderBy: 'NEWEST', first: 3, after });
      expect(page.totalCount).toBe(10);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      walked.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.hasNextPage).toBe(walked.length < 10);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
    // Past the end: no rows, the total still told.
    const last = (await queue('yubei.staff', { search: 'QTOK', orderBy: 'NEWEST', first: 10 })).pageInfo.endCursor;
    const beyond = await queue('yubei.staff', { search: 'QTOK', orderBy: 'NEWEST', first: 3, after: last });
    expect(beyond.edges).toEqual([]);
    expect(beyond.totalCount).toBe(10);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
  });

  test('page sizes and cursors are checked', async () => {
    refused(await t.gql(CASES, { first: 0 }, tok['yubei.staff']), 'BAD_USER_INPUT', ['first']);
    refused(await t.gql(CASES, { first: t.config.limits.maxPageSize + 1 }, tok['yubei.staff']), 'BAD_USER_INPUT', ['first']);
    refused(await t.gql(CASES, { first: 5, after: 'not-a-cursor' }, tok['yubei.staff']), 'BAD_USER_INPUT', ['after']);
    refused(await t.gql(CASES, { first: 5 }, null), 'UNAUTHENTICATED');
  });
});

// ---------------------------------------------------------------------------------------------
// Tenant isolation in the queue
// ---------------------------------------------------------------------------------------------

describe('tenant isolation', () => {
  /** Every case of a viewer's whole queue (bounded walk). */
  async function wholeQueue(as: string): Promise<Row[]> {
    const rows: Row[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: Page = await queue(as, { first: 100, after });
      rows.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return rows;
      after = page.pageInfo.endCursor;
    }
    throw new Error('queue longer than expected');
  }

  test("another district's staff sees none of yubei's cases", async () => {
    expect(await ours('yuzhong.staff')).toEqual([]);
    const rows = await wholeQueue('yuzhong.staff');
    expect(rows.length).toBeGreaterThanOrEqual(0);
    for (const r of rows) expect(r.handlerTenant?.slug.startsWith('yuzhong'), r.number).toBe(true);
    expect(rows.some((r) => r.number.startsWith('YUBEI'))).toBe(false);
  });

  test("a case of longxi (a child of yubei): yubei's and the city's supervisors see it, yubei's legal-aid centre does not", async () => {
    for (const as of ['yubei.supervisor', 'city.supervisor', 'yubei.staff', 'longxi.staff']) {
      expect(tokensOf(await ours(as, { search: 'QTOK-L' })), as).toEqual(['QTOK-L']);
    }
    for (const as of ['yubei.legalaid.staff', 'yuzhong.staff']) expect(await ours(as, { search: 'QTOK-L' }), as).toEqual([]);
    // The child sees nothing of its parent's cases.
    expect(tokensOf(await ours('longxi.staff'))).toEqual(['QTOK-L']);
    const longxi = await wholeQueue('longxi.staff');
    for (const r of longxi) expect(['yubei-longxi', 'yubei-longxi-mediation'], r.number).toContain(r.handlerTenant?.slug);
    // The sibling legal-aid centre only its own subtree.
    for (const r of await wholeQueue('yubei.legalaid.staff')) expect(r.handlerTenant?.slug, r.number).toBe('yubei-legal-aid');
  });

  test('the sensitive case is in the queues of its first responder and the supervisors only (Art. 11)', async () => {
    for (const as of ['yubei.staff', 'yubei.supervisor', 'city.supervisor']) expect(tokensOf(await ours(as, { search: 'QTOK-S' })), as).toEqual(['QTOK-S']);
    for (const as of ['yubei.staff2', 'yubei.admin', 'city.admin', 'longxi.staff']) expect(await ours(as, { search: 'QTOK-S' }), as).toEqual([]);
    // No filter lets it through for them.
    expect(await ours('yubei.staff2', { flagged: false, overdue: false, status: ['OPEN'] })).not.toContain('QTOK-S 敏感事项');
  });
});

// ---------------------------------------------------------------------------------------------
// The hot path: statements per queue page (STYLE.md habit 9)
// ---------------------------------------------------------------------------------------------

describe('SQL statements of a queue page', () => {
  const PAGE = `query($n: Int!) {
    cases(first: $n, search: "SQLTOK", orderBy: DUE_SOONEST) {
      totalCount
      edges { cursor node { id number subject status committedClock { dueAt overdue } priority { level }
        serviceItem { name } assignee { displayName } firstResponder { displayName } handlerTenant { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  // viewer, the transaction's set_config, the page (with its total), then one batch each for the
  // service items, the users (assignees and first responders together) and the tenants.
  const QUEUE_STATEMENTS = 6;

  test('a page of 50 costs what a page of 5 or 1 costs', async () => {
    // 54 cases from three staff members, some under a service item, two tenants handling them.
    for (let i = 0; i < 54; i++) {
      const as = ['yubei.staff', 'yubei.staff2', 'longxi.staff'][i % 3]!;
      const withItem = i % 2 === 0 && as !== 'longxi.staff';
      const r = await t.gql(
        OPEN,
        {
          i: {
            channel: i % 4 === 0 ? 'HOTLINE' : 'ONSITE',
            kind: 'CONSULTATION',
            subject: `SQLTOK-${i} 批量咨询`,
            ...(withItem ? { serviceItemId: ids['item:consult'], formData: CONSULT_FORM } : {}),
          },
        },
        tok[as],
      );
      expect(r.errors).toBeUndefined();
    }
    const counts: number[] = [];
    for (const n of [1, 5, 50]) {
      const { result, statements } = await t.countStatements(PAGE, { n }, tok['yubei.supervisor']!);
      expect(result.errors).toBeUndefined();
      const page = result.data!.cases;
      expect(page.totalCount).toBe(54);
      expect(page.edges).toHaveLength(n);
      expect(page.pageInfo.hasNextPage).toBe(true);
      if (n === 50) {
        const nodes = page.edges.map((e: { node: any }) => e.node);
        expect(nodes.every((x: any) => x.assignee?.displayName && x.firstResponder?.displayName && x.handlerTenant?.name)).toBe(true);
        expect(nodes.some((x: any) => x.serviceItem?.name)).toBe(true);
        expect(new Set(nodes.map((x: any) => x.handlerTenant.name)).size).toBe(2);
      }
      counts.push(statements);
    }
    expect(counts).toEqual([QUEUE_STATEMENTS, QUEUE_STATEMENTS, QUEUE_STATEMENTS]);
  });
});
