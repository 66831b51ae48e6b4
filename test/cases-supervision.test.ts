import { asc, eq, sql } from 'drizzle-orm';
import { offsetToCursor } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { caseEvents, cases, notificationReads, notifications, supervisionOrders } from '../schema/db/cases.js';
import { tenants, users } from '../schema/db/tenancy.js';
import { rowsOf } from '../server/db/client.js';
import { parseCaseEvent, replay } from '../server/domain/cases/projection.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { decodeGlobalId, encodeGlobalId } from '../server/graphql/global-id.js';
import { closeQuietCases } from '../server/usecases/cases/close-quiet.js';
import { openCase as openCaseCommand } from '../server/usecases/cases/open-case.js';
import { issueSupervision } from '../server/usecases/cases/supervision.js';
import { runAs } from '../server/usecases/context.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * Supervision orders (督办, Art. 12, 15) end to end: a SUPERVISOR of a tenant strictly above the
 * handler issues an order, the handler answers, the issuer reminds (催办) or closes it, every step a
 * ledger event and a versioned order row; the two queues and their filters; law-firm
 * confidentiality (the firm's ancestors see state and deadlines, not content, unless an order is
 * open or answered on the case); notifications (a user's own and their tenant's, read per user).
 * The demo seed holds cases and notices of its own: every assertion is scoped to what this file
 * creates (subjects carry a unique token), and counts are compared with what was there before.
 */

let t: TestApp;
const tok: Record<string, string> = {};
/** slug → tenant uuid */
const tenantIds: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};

const TOKEN = `SUP${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
let serial = 0;
/** A subject nobody else has: the file token, a serial, then words. */
const subject = (words: string) => `${TOKEN}-${++serial} ${words}`;
const CONFIDENTIAL_SUBJECT = '（律师事务所保密事项）';
const CREATED_USER_PASSWORD = 'longxi-second-password-2026';

/** Every case this file touched (global ids): their ledgers are checked at the end. */
const touched = new Set<string>();
const uuidOf = (globalId: string) => decodeGlobalId(globalId)!.id;
const tenantGid = (slug: string) => encodeGlobalId('Tenant', tenantIds[slug]!);

// ---------------------------------------------------------------------------------------------
// GraphQL documents and their shapes
// ---------------------------------------------------------------------------------------------

const ORDER = `id status version reminders overdue automatic reason response respondBy respondedAt closedAt issuedAt
  issuerTenant { slug } issuer { username } case { id number subject confidential }`;
const CASE = `id number status version subject confidential description closesAt
  requester { name phone residentId otherContact }
  committedClock { dueAt }
  supervision { orderId byTenant { slug } status respondBy automatic reminders }
  ledger { seq type payload }`;

interface Order {
  id: string;
  status: string;
  version: number;
  reminders: number;
  overdue: boolean;
  automatic: boolean;
  reason: string;
  response: string | null;
  respondBy: string;
  respondedAt: string | null;
  closedAt: string | null;
  issuedAt: string;
  issuerTenant: { slug: string } | null;
  issuer: { username: string } | null;
  case: { id: string; number: string; subject: string; confidential: boolean } | null;
}
interface CaseNode {
  id: string;
  number: string;
  status: string;
  version: number;
  subject: string;
  confidential: boolean;
  description: string | null;
  closesAt: string | null;
  requester: { name: string | null; phone: string | null; residentId: string | null; otherContact: string | null };
  committedClock: { dueAt: string };
  supervision: { orderId: string; byTenant: { slug: string } | null; status: string; respondBy: string; automatic: boolean; reminders: number }[];
  ledger: { seq: number; type: string; payload: Record<string, unknown> | null }[];
}
interface Notice {
  id: string;
  kind: string;
  title: string;
  read: boolean;
  createdAt: string;
  case: { id: string } | null;
}
interface NoticePage {
  totalCount: number;
  unreadCount: number;
  edges: { node: Notice }[];
}

const CASE_INPUT: Record<string, string> = {
  openCase: 'OpenCaseInput',
  startCase: 'StartCaseInput',
  resolveCase: 'ResolveCaseInput',
  transferCase: 'TransferCaseInput',
};
const ORDER_INPUT: Record<string, string> = {
  issueSupervision: 'IssueSupervisionInput',
  respondToSupervision: 'RespondToSupervisionInput',
  remindSupervision: 'SupervisionNoteInput',
  closeSupervision: 'SupervisionNoteInput',
};

function caseMutation(name: string, input: Record<string, unknown>, as: string): Promise<GqlResult> {
  return t.gql(`mutation($i: ${CASE_INPUT[name]}!) { ${name}(input: $i) { case { ${CASE} } } }`, { i: input }, tok[as]);
}
async function act(name: string, input: Record<string, unknown>, as: string): Promise<CaseNode> {
  const c = ok(await caseMutation(name, input, as))[name].case as CaseNode;
  touched.add(c.id);
  return c;
}
function orderMutation(name: string, input: Record<string, unknown>, as: string): Promise<GqlResult> {
  return t.gql(`mutation($i: ${ORDER_INPUT[name]}!) { ${name}(input: $i) { order { ${ORDER} } } }`, { i: input }, tok[as]);
}
async function step(name: string, input: Record<string, unknown>, as: string): Promise<Order> {
  return ok(await orderMutation(name, input, as))[name].order as Order;
}
const issue = (as: string, c: { id: string; version: number }, reason: string, respondWorkingDays?: number | null) =>
  orderMutation('issueSupervision', { caseId: c.id, version: c.version, reason, ...(respondWorkingDays === undefined ? {} : { respondWorkingDays }) }, as);

async function readCase(id: string, as: string): Promise<CaseNode | null> {
  return ok(await t.gql(`query($id: ID!) { case(id: $id) { ${CASE} } }`, { id }, tok[as])).case as CaseNode | null;
}
async function mustRead(id: string, as: string): Promise<CaseNode> {
  const c = await readCase(id, as);
  expect(c, `${as} sees the case`).not.toBeNull();
  return c!;
}
async function readOrder(id: string, as: string): Promise<Order | null> {
  return ok(await t.gql(`query($id: ID!) { node(id: $id) { ... on SupervisionOrder { ${ORDER} } } }`, { id }, tok[as])).node as Order | null;
}

/** Every order of a queue (all pages; bounded). */
async function queue(as: string, scope: string, filters: Record<string, unknown> = {}): Promise<{ totalCount: number; nodes: Order[] }> {
  const nodes: Order[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let page = 0; page < 50; page++) {
    const r = ok(
      await t.gql(
        `query($scope: SupervisionOrderScope!, $status: [SupervisionStatus!], $overdue: Boolean, $after: String) {
          supervisionOrders(scope: $scope, status: $status, overdue: $overdue, first: 100, after: $after) {
            totalCount edges { cursor node { ${ORDER} } } pageInfo { hasNextPage endCursor } } }`,
        { scope, after, ...filters },
        tok[as],
      ),
    ).supervisionOrders as { totalCount: number; edges: { node: Order }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    totalCount = r.totalCount;
    nodes.push(...r.edges.map((e) => e.node));
    if (!r.pageInfo.hasNextPage) return { totalCount, nodes };
    after = r.pageInfo.endCursor;
  }
  throw new Error('more than 50 pages of orders');
}
const idsIn = async (as: string, scope: string, filters: Record<string, unknown> = {}) => (await queue(as, scope, filters)).nodes.map((o) => o.id);

/** The viewer's notices (all pages; bounded) with the connection's counts. */
async function noticesOf(as: string, unreadOnly = false): Promise<NoticePage & { nodes: Notice[] }> {
  const nodes: Notice[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r = ok(
      await t.gql(
        `query($after: String, $unreadOnly: Boolean) { notifications(first: 100, after: $after, unreadOnly: $unreadOnly) {
          totalCount unreadCount edges { node { id kind title read createdAt case { id } } } pageInfo { hasNextPage endCursor } } }`,
        { after, unreadOnly },
        tok[as],
      ),
    ).notifications as NoticePage & { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    nodes.push(...r.edges.map((e) => e.node));
    if (!r.pageInfo.hasNextPage) return { ...r, nodes };
    after = r.pageInfo.endCursor;
  }
  throw new Error('more than 50 pages of notices');
}
async function unreadCountOf(as: string): Promise<number> {
  return ok(await t.gql('{ unreadNotificationCount }', {}, tok[as])).unreadNotificationCount as number;
}
async function markRead(as: string, input: Record<string, unknown>): Promise<number> {
  return ok(await t.gql('mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) { unreadCount } }', { i: input }, tok[as]))
    .markNotificationsRead.unreadCount as number;
}

// ---------------------------------------------------------------------------------------------
// The stored truth (owner connection, no row-level security)
// ---------------------------------------------------------------------------------------------

async function storedCase(caseGid: string) {
  const id = uuidOf(caseGid);
  const [row] = await t.database.db.select().from(cases).where(eq(cases.id, id));
  const events = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(asc(caseEvents.seq));
  const orders = await t.database.db.select().from(supervisionOrders).where(eq(supervisionOrders.caseId, id)).orderBy(asc(supervisionOrders.id));
  return { row: row!, events, orders };
}

/** What a refused command must leave as it was: the case row, its ledger, its orders and the notices about it. */
async function fingerprint(caseGid: string) {
  const { row, events, orders } = await storedCase(caseGid);
  const notices = await t.database.db.select().from(notifications).where(eq(notifications.caseId, row.id)).orderBy(asc(notifications.id));
  const reads = rowsOf(await t.database.db.execute(sql`select count(*)::int as n from notification_reads`));
  return JSON.stringify({
    version: row.version,
    status: row.status,
    lastSeq: row.lastSeq,
    lastHash: row.lastHash,
    projection: row.projection,
    events: events.map((e) => e.hash),
    orders,
    notices,
    reads,
  });
}

/** A refused command: its code (and fields), and nothing about the case changed. */
async function refusedUnchanged(caseGid: string, run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await fingerprint(caseGid);
  const err = refused(await run(), code, fields);
  expect(await fingerprint(caseGid)).toBe(before);
  return err;
}

async function createUser(username: string, slug: string, roles: string[]) {
  ok(
    await t.gql(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
      { i: { tenantId: tenantGid(slug), username, displayName: `测试 ${username}`, password: CREATED_USER_PASSWORD, roles } },
      tok['yubei.admin'],
    ),
  );
  tok[username] = await t.login(username, CREATED_USER_PASSWORD);
}

async function loadIds() {
  for (const r of await t.database.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants)) tenantIds[r.slug] = r.id;
  for (const u of await t.database.db.select().from(users)) {
    viewers[u.username] = { userId: u.id, tenantId: u.tenantId, username: u.username, roles: u.roles as Viewer['roles'] };
  }
}

const LEGAL_ANSWER = {
  outcome: 'ANSWERED',
  strategy: 'ANSWER',
  category: 'LEGAL',
  summary: '已告知劳动报酬争议的仲裁途径和时效',
  legalBasis: '《中华人民共和国劳动争议调解仲裁法》第二十七条',
  riskNotice: '仲裁时效为一年，请尽快申请',
};

/** A case longxi (a judicial office under yubei) handles, taken up (IN_PROGRESS). */
async function longxiCase(words: string, extra: Record<string, unknown> = {}): Promise<CaseNode> {
  const opened = await act('openCase', { channel: 'ONSITE', kind: 'CONSULTATION', subject: subject(words), ...extra }, 'longxi.staff');
  return act('startCase', { id: opened.id, version: opened.version, strategy: 'ANSWER' }, 'longxi.staff');
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of [
    'longxi.staff',
    'yubei.supervisor',
    'yubei.staff',
    'yubei.admin',
    'city.supervisor',
    'jiangbei.admin',
    'mingli.lawyer',
    'yuzhong.staff',
    'yuzhong.admin',
    'jiefangbei.staff',
  ]) {
    tok[u] = await t.login(u);
  }
  await loadIds();
  // A SUPERVISOR of the handler tenant itself (not strictly above it), and a second caseworker of it.
  await createUser('longxi.supervisor', 'yubei-longxi', ['SUPERVISOR', 'STAFF']);
  await createUser('longxi.staff2', 'yubei-longxi', ['STAFF']);
  await loadIds();
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------
// 1. Issuing
// ---------------------------------------------------------------------------------------------

/** The main case: handled by yubei-longxi, supervised by yubei (its parent) and cq (the root). */
let A: CaseNode;
/** yubei's order on A, and cq's. */
let byYubei: Order;
let byCity: Order;

describe('issuing a supervision order (督办, Art. 12, 15)', () => {
  test("the parent bureau's SUPERVISOR orders longxi to respond: the order is in both queues, on the case, in the ledger, and longxi is told", async () => {
    A = await longxiCase('龙溪劳务费纠纷 久拖未办');
    const noticesBefore = await noticesOf('longxi.staff');
    const before = Date.now();

    byYubei = ok(await issue('yubei.supervisor', A, '群众反映久拖未办，请说明办理进度')).issueSupervision.order as Order;
    expect(byYubei).toMatchObject({
      status: 'OPEN',
      version: 1,
      reminders: 0,
      overdue: false,
      automatic: false,
      reason: '群众反映久拖未办，请说明办理进度',
      response: null,
      respondedAt: null,
      closedAt: null,
      issuerTenant: { slug: 'yubei' },
      issuer: { username: 'yubei.supervisor' },
      case: { id: A.id, number: A.number },
    });
    // A working-day limit ends at 23:59:59.999 in Chongqing, after now.
    expect(byYubei.respondBy).toMatch(/T15:59:59\.999Z$/);
    expect(new Date(byYubei.respondBy).getTime()).toBeGreaterThan(before);

    // The case: one event more, the order on it OPEN.
    const c = await mustRead(A.id, 'longxi.staff');
    expect(c.version).toBe(A.version + 1);
    expect(c.status).toBe('IN_PROGRESS');
    expect(c.supervision).toEqual([
      { orderId: byYubei.id, byTenant: { slug: 'yubei' }, status: 'OPEN', respondBy: byYubei.respondBy, automatic: false, reminders: 0 },
    ]);
    const last = c.ledger.at(-1)!;
    expect(last.type).toBe('SUPERVISION_ISSUED');
    expect(last.payload).toMatchObject({ orderId: uuidOf(byYubei.id), byTenantId: tenantIds.yubei, reason: byYubei.reason, automatic: false });
    A = c;

    // The queues: the issuer's, and the handler's; nobody else's.
    expect(await idsIn('yubei.supervisor', 'ISSUED_BY_MY_TENANT')).toContain(byYubei.id);
    expect(await idsIn('longxi.staff', 'ON_MY_TENANTS_CASES')).toContain(byYubei.id);
    expect(await idsIn('longxi.staff', 'ISSUED_BY_MY_TENANT')).not.toContain(byYubei.id);
    expect(await idsIn('yubei.supervisor', 'ON_MY_TENANTS_CASES')).not.toContain(byYubei.id);
    expect(await idsIn('city.supervisor', 'ISSUED_BY_MY_TENANT')).not.toContain(byYubei.id);
    for (const other of ['yuzhong.staff', 'jiangbei.admin']) {
      expect(await idsIn(other, 'ISSUED_BY_MY_TENANT')).not.toContain(byYubei.id);
      expect(await idsIn(other, 'ON_MY_TENANTS_CASES')).not.toContain(byYubei.id);
      expect(await readOrder(byYubei.id, other), other).toBeNull();
    }

    // Longxi is told, tenant-wide: every caseworker of it sees the notice, unread.
    for (const u of ['longxi.staff', 'longxi.staff2']) {
      const after = await noticesOf(u);
      const notice = after.nodes.find((n) => n.kind === 'SUPERVISION_ISSUED' && n.case?.id === A.id);
      expect(notice, u).toBeDefined();
      expect(notice!.read).toBe(false);
      expect(notice!.title).toContain(A.number);
    }
    const after = await noticesOf('longxi.staff');
    expect(after.unreadCount).toBe(noticesBefore.unreadCount + 1);
    expect(after.totalCount).toBe(noticesBefore.totalCount + 1);
  });

  test("the municipal bureau's SUPERVISOR (the root) orders too, with its own respond-by (respondWorkingDays)", async () => {
    byCity = ok(await issue('city.supervisor', A, '市局督办：请于一个工作日内报告', 1)).issueSupervision.order as Order;
    expect(byCity).toMatchObject({ status: 'OPEN', version: 1, issuerTenant: { slug: 'cq' }, issuer: { username: 'city.supervisor' }, case: { id: A.id } });
    expect(byCity.respondBy).toMatch(/T15:59:59\.999Z$/);
    // One working day is never later than the default (at least one working day).
    expect(new Date(byCity.respondBy).getTime()).toBeLessThanOrEqual(new Date(byYubei.respondBy).getTime());

    const c = await mustRead(A.id, 'longxi.staff');
    expect(c.version).toBe(A.version + 1);
    expect(c.supervision.map((o) => [o.orderId, o.status])).toEqual([
      [byYubei.id, 'OPEN'],
      [byCity.id, 'OPEN'],
    ]);
    A = c;
    expect(await idsIn('city.supervisor', 'ISSUED_BY_MY_TENANT')).toContain(byCity.id);
    expect(await idsIn('yubei.supervisor', 'ISSUED_BY_MY_TENANT')).not.toContain(byCity.id);
    expect(await idsIn('longxi.staff', 'ON_MY_TENANTS_CASES')).toEqual(expect.arrayContaining([byYubei.id, byCity.id]));
  });

  test('the handler tenant does not supervise itself: its SUPERVISOR and its STAFF are FORBIDDEN', async () => {
    // longxi.supervisor: a SUPERVISOR, but of the handler tenant, not of one strictly above it.
    await refusedUnchanged(A.id, () => issue('longxi.supervisor', A, '自己督办自己'), 'FORBIDDEN');
    // longxi.staff: no SUPERVISOR role at all.
    await refusedUnchanged(A.id, () => issue('longxi.staff', A, '窗口人员督办'), 'FORBIDDEN');
  });

  test('STAFF of the parent bureau may not issue (no SUPERVISOR role): FORBIDDEN', async () => {
    await refusedUnchanged(A.id, () => issue('yubei.staff', A, '窗口人员督办'), 'FORBIDDEN');
    // An ADMIN of the parent is no supervisor either.
    await refusedUnchanged(A.id, () => issue('yubei.admin', A, '管理员督办'), 'FORBIDDEN');
  });

  test("a SUPERVISOR of an unrelated district cannot even see the case: NOT_FOUND", async () => {
    // jiangbei.admin is ADMIN+SUPERVISOR of jiangbei, outside yubei's tree.
    await refusedUnchanged(A.id, () => issue('jiangbei.admin', A, '跨区督办'), 'NOT_FOUND');
  });

  test('a stale case version is CONFLICT', async () => {
    await refusedUnchanged(A.id, () => issue('yubei.supervisor', { id: A.id, version: A.version - 1 }, '过期版本督办'), 'CONFLICT');
  });

  test('respondWorkingDays must be at least 1 (and at most 30): BAD_USER_INPUT naming it; an empty reason names reason', async () => {
    await refusedUnchanged(A.id, () => issue('yubei.supervisor', A, '零天督办', 0), 'BAD_USER_INPUT', ['respondWorkingDays']);
    await refusedUnchanged(A.id, () => issue('yubei.supervisor', A, '负数督办', -1), 'BAD_USER_INPUT', ['respondWorkingDays']);
    await refusedUnchanged(A.id, () => issue('yubei.supervisor', A, '超期督办', 31), 'BAD_USER_INPUT', ['respondWorkingDays']);
    await refusedUnchanged(A.id, () => issue('yubei.supervisor', A, '   '), 'BAD_USER_INPUT', ['reason']);
  });

  test('a resolved case, and a closed one, take no new order: CONFLICT', async () => {
    let resolved = await longxiCase('已办结的咨询 不再督办');
    resolved = await act('resolveCase', { id: resolved.id, version: resolved.version, ...LEGAL_ANSWER }, 'longxi.staff');
    expect(resolved.status).toBe('RESOLVED');
    await refusedUnchanged(resolved.id, () => issue('yubei.supervisor', resolved, '办结后督办'), 'CONFLICT');

    let closed = await longxiCase('已关闭的咨询 不再督办');
    closed = await act('resolveCase', { id: closed.id, version: closed.version, ...LEGAL_ANSWER }, 'longxi.staff');
    expect(closed.closesAt).not.toBeNull();
    await closeQuietCases(t.database, t.config, new Date(new Date(closed.closesAt!).getTime() + 1));
    closed = await mustRead(closed.id, 'longxi.staff');
    expect(closed.status).toBe('CLOSED');
    await refusedUnchanged(closed.id, () => issue('city.supervisor', closed, '关闭后督办'), 'CONFLICT');
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The steps of an order
// ---------------------------------------------------------------------------------------------

describe('answering, reminding (催办) and closing an order', () => {
  test('closing before the handler answered is CONFLICT', async () => {
    await refusedUnchanged(A.id, () => orderMutation('closeSupervision', { id: byYubei.id, version: byYubei.version }, 'yubei.supervisor'), 'CONFLICT');
  });

  test("only the handler tenant's caseworkers answer: the parent's STAFF, the issuer and the root are FORBIDDEN; an unrelated district sees no order", async () => {
    const respond = (as: string) => () => orderMutation('respondToSupervision', { id: byYubei.id, version: byYubei.version, response: '越权回复' }, as);
    for (const as of ['yubei.staff', 'yubei.supervisor', 'city.supervisor']) await refusedUnchanged(A.id, respond(as), 'FORBIDDEN');
    for (const as of ['yuzhong.staff', 'mingli.lawyer']) await refusedUnchanged(A.id, respond(as), 'NOT_FOUND');
  });

  test('a stale order version is CONFLICT', async () => {
    await refusedUnchanged(
      A.id,
      () => orderMutation('respondToSupervision', { id: byYubei.id, version: byYubei.version + 1, response: '版本不对' }, 'longxi.staff'),
      'CONFLICT',
    );
  });

  test('longxi answers: RESPONDED, and the issuing supervisor is told (personally)', async () => {
    const before = await noticesOf('yubei.supervisor');
    const answered = await step('respondToSupervision', { id: byYubei.id, version: byYubei.version, response: '已联系当事人，预计三日内办结' }, 'longxi.staff');
    expect(answered).toMatchObject({ status: 'RESPONDED', version: 2, reminders: 0, overdue: false, response: '已联系当事人，预计三日内办结', closedAt: null });
    expect(answered.respondedAt).not.toBeNull();
    byYubei = answered;

    const c = await mustRead(A.id, 'longxi.staff');
    expect(c.version).toBe(A.version + 1);
    expect(c.supervision.find((o) => o.orderId === byYubei.id)!.status).toBe('RESPONDED');
    expect(c.supervision.find((o) => o.orderId === byCity.id)!.status).toBe('OPEN');
    expect(c.ledger.at(-1)).toMatchObject({ type: 'SUPERVISION_RESPONDED', payload: { orderId: uuidOf(byYubei.id), response: byYubei.response } });
    A = c;

    const after = await noticesOf('yubei.supervisor');
    const notice = after.nodes.find((n) => n.kind === 'SUPERVISION_RESPONDED' && n.case?.id === A.id);
    expect(notice).toBeDefined();
    expect(notice!.read).toBe(false);
    expect(after.unreadCount).toBe(before.unreadCount + 1);
    // Addressed to the issuer, not to the whole of yubei.
    expect((await noticesOf('yubei.staff')).nodes.map((n) => n.id)).not.toContain(notice!.id);
  });

  test('answering an answered order again is CONFLICT', async () => {
    await refusedUnchanged(
      A.id,
      () => orderMutation('respondToSupervision', { id: byYubei.id, version: byYubei.version, response: '重复回复' }, 'longxi.staff'),
      'CONFLICT',
    );
  });

  test("only the issuing tenant's SUPERVISORs remind or close: the root's, the handler's own and another district's are refused", async () => {
    const input = { id: byYubei.id, version: byYubei.version, note: '越权' };
    for (const name of ['remindSupervision', 'closeSupervision']) {
      // The root sees the order (it is in its subtree) but did not issue it.
      await refusedUnchanged(A.id, () => orderMutation(name, input, 'city.supervisor'), 'FORBIDDEN');
      await refusedUnchanged(A.id, () => orderMutation(name, input, 'longxi.supervisor'), 'FORBIDDEN');
      // Not a supervisor at all (the scope check).
      await refusedUnchanged(A.id, () => orderMutation(name, input, 'yubei.staff'), 'FORBIDDEN');
      // jiangbei cannot see the order.
      await refusedUnchanged(A.id, () => orderMutation(name, input, 'jiangbei.admin'), 'NOT_FOUND');
    }
    // And yubei may not remind the root's order.
    await refusedUnchanged(A.id, () => orderMutation('remindSupervision', { id: byCity.id, version: byCity.version }, 'yubei.supervisor'), 'FORBIDDEN');
    // Stale versions.
    await refusedUnchanged(A.id, () => orderMutation('remindSupervision', { id: byYubei.id, version: 1 }, 'yubei.supervisor'), 'CONFLICT');
    await refusedUnchanged(A.id, () => orderMutation('closeSupervision', { id: byYubei.id, version: 1 }, 'yubei.supervisor'), 'CONFLICT');
  });

  test('催办: the issuer reminds; the order is OPEN again with one reminder, and longxi is told again', async () => {
    const before = await noticesOf('longxi.staff');
    const reminded = await step('remindSupervision', { id: byYubei.id, version: byYubei.version, note: '回复过于笼统，请说明具体措施' }, 'yubei.supervisor');
    expect(reminded).toMatchObject({ status: 'OPEN', version: 3, reminders: 1, response: '已联系当事人，预计三日内办结', closedAt: null });
    byYubei = reminded;

    const c = await mustRead(A.id, 'longxi.staff');
    expect(c.supervision.find((o) => o.orderId === byYubei.id)).toMatchObject({ status: 'OPEN', reminders: 1 });
    expect(c.ledger.at(-1)).toMatchObject({ type: 'SUPERVISION_REMINDED', payload: { orderId: uuidOf(byYubei.id), note: '回复过于笼统，请说明具体措施' } });
    A = c;

    const after = await noticesOf('longxi.staff');
    expect(after.unreadCount).toBe(before.unreadCount + 1);
    const fresh = after.nodes.filter((n) => !before.nodes.some((b) => b.id === n.id));
    expect(fresh.map((n) => [n.kind, n.case?.id])).toEqual([['SUPERVISION_ISSUED', A.id]]);
    expect(fresh[0]!.title).toMatch(/^催办/);

    // Closing needs an answer to the reminder first.
    await refusedUnchanged(A.id, () => orderMutation('closeSupervision', { id: byYubei.id, version: byYubei.version }, 'yubei.supervisor'), 'CONFLICT');
  });

  test("longxi's SUPERVISOR answers again; the issuer closes: CLOSED, and every step is in the ledger in order", async () => {
    byYubei = await step('respondToSupervision', { id: byYubei.id, version: byYubei.version, response: '已约定本周五调解，调解后报告结果' }, 'longxi.supervisor');
    expect(byYubei).toMatchObject({ status: 'RESPONDED', version: 4, reminders: 1 });
    byYubei = await step('closeSupervision', { id: byYubei.id, version: byYubei.version, note: '回复可以，督办办结' }, 'yubei.supervisor');
    expect(byYubei).toMatchObject({ status: 'CLOSED', version: 5, reminders: 1, overdue: false });
    expect(byYubei.closedAt).not.toBeNull();

    const c = await mustRead(A.id, 'longxi.staff');
    expect(c.supervision.find((o) => o.orderId === byYubei.id)).toMatchObject({ status: 'CLOSED', reminders: 1 });
    const supervisionSteps = c.ledger.filter((e) => e.type.startsWith('SUPERVISION_')).map((e) => [e.type, e.payload!.orderId]);
    const y = uuidOf(byYubei.id);
    expect(supervisionSteps).toEqual([
      ['SUPERVISION_ISSUED', y],
      ['SUPERVISION_ISSUED', uuidOf(byCity.id)],
      ['SUPERVISION_RESPONDED', y],
      ['SUPERVISION_REMINDED', y],
      ['SUPERVISION_RESPONDED', y],
      ['SUPERVISION_CLOSED', y],
    ]);
    expect(c.ledger.map((e) => e.seq)).toEqual(c.ledger.map((_e, i) => i + 1));
    expect(c.status).toBe('IN_PROGRESS');
    A = c;
  });

  test('a closed order takes no step: closing again, answering and reminding are CONFLICT', async () => {
    const v = byYubei.version;
    await refusedUnchanged(A.id, () => orderMutation('closeSupervision', { id: byYubei.id, version: v }, 'yubei.supervisor'), 'CONFLICT');
    await refusedUnchanged(A.id, () => orderMutation('respondToSupervision', { id: byYubei.id, version: v, response: '关闭后回复' }, 'longxi.staff'), 'CONFLICT');
    await refusedUnchanged(A.id, () => orderMutation('remindSupervision', { id: byYubei.id, version: v }, 'yubei.supervisor'), 'CONFLICT');
  });
});

describe('the supervision queues: status and overdue filters', () => {
  /** An order issued in the past (Mon 2025-09-29, before the National Day holiday): long overdue. */
  let late: Order;
  let lateCase: CaseNode;

  test('an order issued with a past `now` has its respond-by in working days (holidays skipped) and is overdue', async () => {
    const opened = await runAs(
      t.database,
      t.config,
      viewers['longxi.staff']!,
      (ctx) => openCaseCommand(ctx, { channel: 'HOTLINE', kind: 'CONSULTATION', subject: subject('国庆前受理 逾期未复') }),
      new Date('2025-09-26T02:00:00.000Z'),
    );
    const order = await runAs(
      t.database,
      t.config,
      viewers['yubei.supervisor']!,
      (ctx) => issueSupervision(ctx, { caseId: opened.row.id, version: opened.row.version, reason: '节前督办，请按期回复', respondWorkingDays: 3 }),
      new Date('2025-09-29T02:00:00.000Z'),
    );
    const gid = encodeGlobalId('SupervisionOrder', order.id);
    lateCase = await mustRead(encodeGlobalId('Case', opened.row.id), 'longxi.staff');
    touched.add(lateCase.id);

    late = (await readOrder(gid, 'yubei.supervisor'))!;
    // Mon 29 Sep + 3 working days: Tue 30 Sep, then 1-8 Oct off, Thu 9 Oct, Fri 10 Oct (23:59:59.999 Chongqing).
    expect(late).toMatchObject({ status: 'OPEN', overdue: true, respondBy: '2025-10-10T15:59:59.999Z', issuedAt: '2025-09-29T02:00:00.000Z' });
    expect(lateCase.supervision).toEqual([
      { orderId: gid, byTenant: { slug: 'yubei' }, status: 'OPEN', respondBy: '2025-10-10T15:59:59.999Z', automatic: false, reminders: 0 },
    ]);

    const issuerOverdue = await queue('yubei.supervisor', 'ISSUED_BY_MY_TENANT', { overdue: true });
    expect(issuerOverdue.nodes.map((o) => o.id)).toContain(late.id);
    expect(issuerOverdue.nodes.every((o) => o.overdue && o.status === 'OPEN')).toBe(true);
    expect(issuerOverdue.totalCount).toBe(issuerOverdue.nodes.length);
    const handlerOverdue = await queue('longxi.staff', 'ON_MY_TENANTS_CASES', { overdue: true });
    expect(handlerOverdue.nodes.map((o) => o.id)).toContain(late.id);
    expect(handlerOverdue.nodes.every((o) => o.overdue && o.status === 'OPEN')).toBe(true);
    // An order still within its time is not overdue.
    const cityOrder = (await readOrder(byCity.id, 'city.supervisor'))!;
    expect(cityOrder.overdue).toBe(false);
    expect(handlerOverdue.nodes.map((o) => o.id)).not.toContain(byCity.id);
    expect(await idsIn('city.supervisor', 'ISSUED_BY_MY_TENANT', { overdue: true })).not.toContain(byCity.id);
    // The queue's order: soonest respond-by first.
    const all = (await queue('longxi.staff', 'ON_MY_TENANTS_CASES')).nodes.map((o) => o.respondBy);
    expect(all).toEqual([...all].sort());
  });

  test('status filters: each status lists exactly its orders', async () => {
    const statusOf = async (as: string, scope: string, status: string[]) => {
      const q = await queue(as, scope, { status });
      expect(q.nodes.every((o) => status.includes(o.status)), `${as} ${status}`).toBe(true);
      expect(q.totalCount).toBe(q.nodes.length);
      return q.nodes.map((o) => o.id);
    };
    expect(await statusOf('yubei.supervisor', 'ISSUED_BY_MY_TENANT', ['CLOSED'])).toContain(byYubei.id);
    expect(await statusOf('yubei.supervisor', 'ISSUED_BY_MY_TENANT', ['OPEN'])).not.toContain(byYubei.id);
    expect(await statusOf('yubei.supervisor', 'ISSUED_BY_MY_TENANT', ['OPEN'])).toContain(late.id);
    expect(await statusOf('yubei.supervisor', 'ISSUED_BY_MY_TENANT', ['OPEN', 'RESPONDED'])).not.toContain(byYubei.id);
    expect(await statusOf('longxi.staff', 'ON_MY_TENANTS_CASES', ['OPEN'])).toEqual(expect.arrayContaining([byCity.id, late.id]));
    expect(await statusOf('longxi.staff', 'ON_MY_TENANTS_CASES', ['CLOSED'])).toContain(byYubei.id);
    expect(await statusOf('longxi.staff', 'ON_MY_TENANTS_CASES', ['RESPONDED'])).not.toContain(byYubei.id);
    // Status and overdue combine (AND).
    expect(await idsIn('yubei.supervisor', 'ISSUED_BY_MY_TENANT', { overdue: true, status: ['CLOSED'] })).toEqual([]);
  });

  test('an answered order is no longer overdue', async () => {
    late = await step('respondToSupervision', { id: late.id, version: late.version, response: '已补办' }, 'longxi.staff');
    expect(late).toMatchObject({ status: 'RESPONDED', overdue: false });
    expect(await idsIn('yubei.supervisor', 'ISSUED_BY_MY_TENANT', { overdue: true })).not.toContain(late.id);
    expect(await idsIn('longxi.staff', 'ON_MY_TENANTS_CASES', { overdue: true })).not.toContain(late.id);
    // A reminder reopens it with its old respond-by, long past: overdue again.
    late = await step('remindSupervision', { id: late.id, version: late.version }, 'yubei.supervisor');
    expect(late).toMatchObject({ status: 'OPEN', reminders: 1, overdue: true });
    expect(await idsIn('longxi.staff', 'ON_MY_TENANTS_CASES', { overdue: true })).toContain(late.id);
  });
});

describe('an order whose case leaves the issuer\'s subtree (transfer accepted by another district)', () => {
  test('yubei orders on a longxi case; longxi transfers it to yuzhong, which accepts: the order ends with the move (yubei no longer supervises the case), on the ledger and in the queues, and yubei is told', async () => {
    let X = await longxiCase('督办中转办渝中');
    let order = ok(await issue('yubei.supervisor', X, '请说明办理进度')).issueSupervision.order as Order;
    X = await mustRead(X.id, 'longxi.staff');
    X = await act('transferCase', { id: X.id, version: X.version, toTenantId: tenantGid('yuzhong'), reason: '当事人住所地在渝中' }, 'longxi.staff');
    const accepted = ok(
      await t.gql(`mutation($i: AcceptTransferInput!) { acceptTransfer(input: $i) { case { ${CASE} } } }`, { i: { id: X.id, version: X.version } }, tok['yuzhong.staff']),
    ).acceptTransfer.case as CaseNode;
    expect(accepted.status).toBe('IN_PROGRESS');
    expect(accepted.supervision.map((o) => [o.orderId, o.status])).toEqual([[order.id, 'CLOSED']]);
    expect(accepted.ledger.map((e) => e.type).slice(-2)).toEqual(['TRANSFER_ACCEPTED', 'SUPERVISION_CLOSED']);
    order = (await readOrder(order.id, 'yubei.supervisor'))!;
    expect(order.status).toBe('CLOSED');
    expect(await idsIn('yuzhong.staff', 'ON_MY_TENANTS_CASES', { status: ['OPEN', 'RESPONDED'] })).not.toContain(order.id);
    // Nothing is left to answer or to close.
    refused(await orderMutation('respondToSupervision', { id: order.id, version: order.version, response: '渝中答复' }, 'yuzhong.staff'), 'CONFLICT');
  });
});

describe('pages past the end of a queue keep their totals', () => {
  test('supervisionOrders keeps its totalCount on a page after the last one', async () => {
    const all = await queue('longxi.staff', 'ON_MY_TENANTS_CASES');
    expect(all.totalCount).toBeGreaterThan(0);
    const r = ok(
      await t.gql('query($a: String) { supervisionOrders(scope: ON_MY_TENANTS_CASES, first: 10, after: $a) { totalCount edges { cursor } } }', { a: offsetToCursor(all.totalCount - 1) }, tok['longxi.staff']),
    ).supervisionOrders as { totalCount: number; edges: unknown[] };
    expect(r.edges).toEqual([]);
    expect(r.totalCount).toBe(all.totalCount);
  });

  test('notifications keep their totalCount on a page after the last one', async () => {
    const all = await noticesOf('longxi.staff');
    expect(all.totalCount).toBeGreaterThan(0);
    const r = ok(
      await t.gql('query($a: String) { notifications(first: 10, after: $a) { totalCount unreadCount edges { cursor } } }', { a: offsetToCursor(all.totalCount - 1) }, tok['longxi.staff']),
    ).notifications as { totalCount: number; unreadCount: number; edges: unknown[] };
    expect(r.edges).toEqual([]);
    expect(r.unreadCount).toBe(all.unreadCount);
    expect(r.totalCount).toBe(all.totalCount);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Law-firm confidentiality
// ---------------------------------------------------------------------------------------------

describe("a law firm's cases are confidential to the firm unless an order is open on them", () => {
  const words = '股权代持纠纷委托';
  let M: CaseNode;
  let mTitle: string;
  let order: Order;
  const PERSON = { name: '欧阳娜娜', phone: '13912345678' };

  /** What an ancestor of the firm sees of M, by number (its subject is not searchable). */
  async function asAncestor(as: string): Promise<CaseNode> {
    const r = ok(await t.gql(`query($s: String!) { cases(search: $s, first: 10) { totalCount edges { node { ${CASE} } } } }`, { s: M.number }, tok[as]));
    const found = (r.cases.edges as { node: CaseNode }[]).filter((e) => e.node.id === M.id);
    expect(found, `${as} finds the case by number`).toHaveLength(1);
    const single = await mustRead(M.id, as);
    expect(single).toEqual(found[0]!.node);
    return single;
  }
  function expectHidden(c: CaseNode) {
    expect(c.subject).toBe(CONFIDENTIAL_SUBJECT);
    expect(c.confidential).toBe(true);
    expect(c.description).toBeNull();
    expect(c.requester).toEqual({ name: null, phone: null, residentId: null, otherContact: null });
    expect(c.ledger.length).toBeGreaterThan(0);
    for (const e of c.ledger) expect(e.payload, `${e.type} payload`).toBeNull();
    // Existence, state and deadlines stay visible.
    expect(c.number).toBe(M.number);
    expect(c.committedClock.dueAt).toBe(M.committedClock.dueAt);
  }
  function expectShown(c: CaseNode) {
    expect(c.subject).toBe(mTitle);
    expect(c.confidential).toBe(false);
    expect(c.description).toBe('委托人称其代持的股权被擅自转让，要求确认股东资格');
    expect(c.requester.name).not.toBeNull();
    expect(c.requester.name).not.toBe(PERSON.name); // masked (Art. 26)
    expect(c.requester.phone).not.toBeNull();
    expect(c.requester.phone).not.toBe(PERSON.phone);
    for (const e of c.ledger) expect(e.payload, `${e.type} payload`).not.toBeNull();
    const opened = c.ledger[0]!.payload!;
    expect(opened.subject).toBe(mTitle);
  }

  test('the firm sees everything of its own case', async () => {
    mTitle = subject(words);
    const opened = await act(
      'openCase',
      {
        channel: 'ONSITE',
        kind: 'CONSULTATION',
        subject: mTitle,
        description: '委托人称其代持的股权被擅自转让，要求确认股东资格',
        requester: PERSON,
      },
      'mingli.lawyer',
    );
    M = await act('startCase', { id: opened.id, version: opened.version, strategy: 'ANSWER' }, 'mingli.lawyer');
    expectShown(M);
    expect(M.status).toBe('IN_PROGRESS');
  });

  test("its ancestors (yubei, the root) see that it exists, its state and deadline, not its content; its subject is not searchable to them", async () => {
    for (const as of ['yubei.supervisor', 'city.supervisor']) {
      const c = await asAncestor(as);
      expectHidden(c);
      expect(c.status).toBe('IN_PROGRESS');
      const bySubject = ok(await t.gql('query($s: String!) { cases(search: $s, first: 100) { edges { node { id } } } }', { s: mTitle.split(' ')[0]! }, tok[as]));
      expect((bySubject.cases.edges as { node: { id: string } }[]).map((e) => e.node.id), as).not.toContain(M.id);
      const byWords = ok(await t.gql('query($s: String!) { cases(search: $s, first: 100) { edges { node { id } } } }', { s: words }, tok[as]));
      expect((byWords.cases.edges as { node: { id: string } }[]).map((e) => e.node.id), as).not.toContain(M.id);
    }
    // The firm itself finds it by subject.
    const own = ok(await t.gql('query($s: String!) { cases(search: $s, first: 100) { edges { node { id } } } }', { s: words }, tok['mingli.lawyer']));
    expect((own.cases.edges as { node: { id: string } }[]).map((e) => e.node.id)).toContain(M.id);
    // Another district sees nothing at all.
    expect(await readCase(M.id, 'yuzhong.staff')).toBeNull();
  });

  test('an order by yubei opens the content to the ancestors while it is OPEN or RESPONDED', async () => {
    const hidden = await asAncestor('yubei.supervisor');
    order = ok(await issue('yubei.supervisor', hidden, '律所案件投诉，请说明办理情况')).issueSupervision.order as Order;
    expect(order.status).toBe('OPEN');
    // The order's case, read by the issuer, shows the content now.
    expect(order.case).toMatchObject({ id: M.id, subject: mTitle, confidential: false });
    for (const as of ['yubei.supervisor', 'city.supervisor']) expectShown(await asAncestor(as));
    M = await mustRead(M.id, 'mingli.lawyer');
    expectShown(M);

    order = await step('respondToSupervision', { id: order.id, version: order.version, response: '已与委托人沟通，正在准备起诉材料' }, 'mingli.lawyer');
    expect(order.status).toBe('RESPONDED');
    for (const as of ['yubei.supervisor', 'city.supervisor']) expectShown(await asAncestor(as));
    expect(await readCase(M.id, 'yuzhong.staff')).toBeNull();
  });

  test('once the order is CLOSED the case is confidential again (the supervision steps too)', async () => {
    order = await step('closeSupervision', { id: order.id, version: order.version }, 'yubei.supervisor');
    expect(order.status).toBe('CLOSED');
    expect(order.case).toMatchObject({ id: M.id, subject: CONFIDENTIAL_SUBJECT, confidential: true });
    M = await mustRead(M.id, 'mingli.lawyer');
    expectShown(M);
    expect(M.ledger.map((e) => e.type)).toEqual(['OPENED', 'STARTED', 'SUPERVISION_ISSUED', 'SUPERVISION_RESPONDED', 'SUPERVISION_CLOSED']);
    for (const as of ['yubei.supervisor', 'city.supervisor']) {
      const c = await asAncestor(as);
      expectHidden(c);
      expect(c.ledger.map((e) => e.type)).toEqual(M.ledger.map((e) => e.type));
      expect(c.supervision.map((o) => o.status)).toEqual(['CLOSED']);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Notifications
// ---------------------------------------------------------------------------------------------

describe('notifications: a user’s own and their tenant’s, read per user', () => {
  let own: Notice; // SUPERVISION_RESPONDED to yubei.supervisor personally
  let tenantWide: Notice; // TRANSFER_RECEIVED to all of yubei
  let base: { supervisor: NoticePage & { nodes: Notice[] }; staff: NoticePage & { nodes: Notice[] } };

  test("a supervisor's list has the notices addressed to them and to their tenant, newest first, with the unread count", async () => {
    base = { supervisor: await noticesOf('yubei.supervisor'), staff: await noticesOf('yubei.staff') };

    // Own: the answer to an order yubei.supervisor issued.
    const n = await longxiCase('通知测试 督办回复');
    const o = ok(await issue('yubei.supervisor', n, '请回复')).issueSupervision.order as Order;
    await step('respondToSupervision', { id: o.id, version: o.version, response: '已回复' }, 'longxi.staff');
    // Tenant-wide: a transfer to yubei.
    const n2 = await longxiCase('通知测试 转办渝北');
    await act('transferCase', { id: n2.id, version: n2.version, toTenantId: tenantGid('yubei'), reason: '涉及区级协调' }, 'longxi.staff');

    const list = await noticesOf('yubei.supervisor');
    const fresh = list.nodes.filter((x) => !base.supervisor.nodes.some((b) => b.id === x.id));
    expect(fresh.map((x) => [x.kind, x.case?.id, x.read])).toEqual([
      ['TRANSFER_RECEIVED', n2.id, false],
      ['SUPERVISION_RESPONDED', n.id, false],
    ]);
    [tenantWide, own] = fresh as [Notice, Notice];
    expect(new Date(tenantWide.createdAt).getTime()).toBeGreaterThan(new Date(own.createdAt).getTime());
    expect(tenantWide.title).toContain(n2.number);
    // Newest first throughout.
    const times = list.nodes.map((x) => new Date(x.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(list.totalCount).toBe(base.supervisor.totalCount + 2);
    expect(list.totalCount).toBe(list.nodes.length);
    expect(list.unreadCount).toBe(base.supervisor.unreadCount + 2);
    expect(list.unreadCount).toBe(list.nodes.filter((x) => !x.read).length);
    expect(await unreadCountOf('yubei.supervisor')).toBe(list.unreadCount);

    const unread = await noticesOf('yubei.supervisor', true);
    expect(unread.nodes.every((x) => !x.read)).toBe(true);
    expect(unread.totalCount).toBe(list.unreadCount);
    expect(unread.nodes.map((x) => x.id)).toEqual(expect.arrayContaining([own.id, tenantWide.id]));

    // A colleague sees the tenant's notice, not the supervisor's own.
    const staff = await noticesOf('yubei.staff');
    expect(staff.nodes.map((x) => x.id)).toContain(tenantWide.id);
    expect(staff.nodes.map((x) => x.id)).not.toContain(own.id);
    expect(staff.unreadCount).toBe(base.staff.unreadCount + 1);
  });

  test('other tenants (children, parents, other districts) never see them', async () => {
    for (const as of ['longxi.staff', 'city.supervisor', 'yuzhong.staff', 'yuzhong.admin', 'jiefangbei.staff', 'mingli.lawyer', 'jiangbei.admin']) {
      const ids = (await noticesOf(as)).nodes.map((x) => x.id);
      expect(ids, as).not.toContain(own.id);
      expect(ids, as).not.toContain(tenantWide.id);
    }
    // And the reverse: longxi's tenant-wide notices are not yubei's.
    const longxi = (await noticesOf('longxi.staff')).nodes.filter((x) => x.kind === 'SUPERVISION_ISSUED').map((x) => x.id);
    expect(longxi.length).toBeGreaterThan(0);
    const yubei = (await noticesOf('yubei.supervisor')).nodes.map((x) => x.id);
    for (const id of longxi) expect(yubei).not.toContain(id);
  });

  test('markNotificationsRead({ids}) marks those of the viewer only and returns the unread count; reads are per user', async () => {
    const supervisorUnread = await unreadCountOf('yubei.supervisor');
    const staffUnread = await unreadCountOf('yubei.staff');

    // Not a notification id: BAD_USER_INPUT naming ids.
    refused(await t.gql('mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) { unreadCount } }', { i: { ids: [A.id] } }, tok['yubei.staff']), 'BAD_USER_INPUT', ['ids']);
    expect(await unreadCountOf('yubei.staff')).toBe(staffUnread);
    // Someone else's notice id: nothing happens (not theirs to read).
    expect(await markRead('yubei.staff', { ids: [own.id] })).toBe(staffUnread);
    expect(await markRead('yuzhong.staff', { ids: [own.id, tenantWide.id] })).toBe(await unreadCountOf('yuzhong.staff'));
    expect((await noticesOf('yubei.supervisor')).nodes.find((x) => x.id === own.id)!.read).toBe(false);

    expect(await markRead('yubei.supervisor', { ids: [own.id] })).toBe(supervisorUnread - 1);
    // Marking again changes nothing.
    expect(await markRead('yubei.supervisor', { ids: [own.id] })).toBe(supervisorUnread - 1);
    expect(await markRead('yubei.supervisor', { ids: [tenantWide.id] })).toBe(supervisorUnread - 2);
    const list = await noticesOf('yubei.supervisor');
    expect(list.nodes.filter((x) => x.id === own.id || x.id === tenantWide.id).map((x) => x.read)).toEqual([true, true]);
    expect(list.unreadCount).toBe(supervisorUnread - 2);

    // The tenant-wide notice is still unread for the colleague.
    const staff = await noticesOf('yubei.staff');
    expect(staff.nodes.find((x) => x.id === tenantWide.id)!.read).toBe(false);
    expect(staff.unreadCount).toBe(staffUnread);
  });

  test('markNotificationsRead({all: true}) reads everything of the viewer: 0 unread', async () => {
    expect(await unreadCountOf('yubei.staff')).toBeGreaterThan(0);
    const othersBefore = await unreadCountOf('yubei.admin');
    expect(await markRead('yubei.staff', { all: true })).toBe(0);
    expect(await unreadCountOf('yubei.staff')).toBe(0);
    const list = await noticesOf('yubei.staff');
    expect(list.unreadCount).toBe(0);
    expect(list.nodes.every((x) => x.read)).toBe(true);
    expect((await noticesOf('yubei.staff', true)).nodes).toEqual([]);
    // A colleague's unread notices are still unread.
    expect(await unreadCountOf('yubei.admin')).toBe(othersBefore);
    expect(othersBefore).toBeGreaterThan(0);
  });

  test('a rejected transfer: the rejecting tenant keeps its notice, but its case is null', async () => {
    const n3 = await longxiCase('通知测试 转办渝中后被退回');
    const pending = await act('transferCase', { id: n3.id, version: n3.version, toTenantId: tenantGid('yuzhong'), reason: '当事人住所地在渝中' }, 'longxi.staff');
    const received = (await noticesOf('yuzhong.staff')).nodes.find((x) => x.kind === 'TRANSFER_RECEIVED' && x.case?.id === n3.id);
    expect(received).toBeDefined();

    const r = ok(
      await t.gql('mutation($i: TransferDecisionInput!) { rejectTransfer(input: $i) { case { id } } }', { i: { id: n3.id, version: pending.version, reason: '不属于本区管辖' } }, tok['yuzhong.staff']),
    );
    expect(r.rejectTransfer.case).toBeNull();
    expect(await readCase(n3.id, 'yuzhong.staff')).toBeNull();

    for (const as of ['yuzhong.staff', 'yuzhong.admin']) {
      const still = (await noticesOf(as)).nodes.find((x) => x.id === received!.id);
      expect(still, as).toBeDefined();
      expect(still!.kind).toBe('TRANSFER_RECEIVED');
      expect(still!.case, as).toBeNull();
    }
    // The sender is told, and reads its case.
    const back = (await noticesOf('longxi.staff')).nodes.find((x) => x.kind === 'TRANSFER_DECIDED' && x.case?.id === n3.id);
    expect(back).toBeDefined();
    expect((await mustRead(n3.id, 'longxi.staff')).status).toBe('IN_PROGRESS');
  });
});

// ---------------------------------------------------------------------------------------------
// Sensitive cases (Art. 11) reached through an order or a notice
// ---------------------------------------------------------------------------------------------

describe('a sensitive case stays with those routed to it, also through orders and notices (Art. 11)', () => {
  let S: CaseNode;
  let order: Order;

  test('yubei.supervisor orders on a sensitive longxi case that longxi.staff2 may not see', async () => {
    S = await longxiCase('敏感案件 家暴求助', { sensitive: true });
    expect(await readCase(S.id, 'longxi.staff2')).toBeNull();
    order = ok(await issue('yubei.supervisor', S, '敏感案件督办')).issueSupervision.order as Order;
    expect(order.case?.id).toBe(S.id);
    expect(await readCase(S.id, 'longxi.staff2')).toBeNull();
  });

  test('the tenant-wide SUPERVISION_ISSUED notice never hands the sensitive case to a caseworker who may not see it', async () => {
    const notice = (await noticesOf('longxi.staff2')).nodes.find((x) => x.kind === 'SUPERVISION_ISSUED' && x.title.includes(S.number));
    expect(notice).toBeDefined();
    expect(notice!.case).toBeNull();
  });

  test("supervisionOrders(ON_MY_TENANTS_CASES) never hands the sensitive case to a caseworker who may not see it", async () => {
    const seen = (await queue('longxi.staff2', 'ON_MY_TENANTS_CASES')).nodes.find((o) => o.id === order.id);
    expect(seen).toBeDefined();
    expect(seen!.case).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// 5. The ledger of every case touched replays to its row
// ---------------------------------------------------------------------------------------------

describe('every case this file touched: its row is the replay of its ledger, its orders agree, its chain verifies (Art. 18)', () => {
  test('replay(parseCaseEvent(...)) equals the stored projection; supervision rows match; verifyLedger ok', async () => {
    expect(touched.size).toBe(10);
    for (const gid of touched) {
      const { row, events, orders } = await storedCase(gid);
      const parsed = events.map((e) => parseCaseEvent({ type: e.type, at: e.businessAt, payload: e.payload }));
      expect(JSON.parse(JSON.stringify(replay(parsed))), row.number).toEqual(row.projection);
      expect(events.length, row.number).toBe(row.version);
      expect({ seq: row.lastSeq, hash: row.lastHash }).toEqual({ seq: events.at(-1)!.seq, hash: events.at(-1)!.hash });

      // The order rows and the ledger's supervision records say the same.
      const records = (row.projection as { supervision?: { orderId: string; status: string; reminders: number; respondBy: string; byTenantId: string }[] }).supervision ?? [];
      expect(
        orders.map((o) => ({ orderId: o.id, status: o.status, reminders: o.reminders, respondBy: o.respondBy.toISOString(), byTenantId: o.issuerTenantId })),
        row.number,
      ).toEqual(
        [...records]
          .sort((a, b) => (a.orderId < b.orderId ? -1 : 1))
          .map((r) => ({ orderId: r.orderId, status: r.status, reminders: r.reminders, respondBy: r.respondBy, byTenantId: r.byTenantId })),
      );

      const v = ok(await t.gql('query($c: ID) { verifyLedger(caseId: $c) { ok casesChecked eventsChecked brokenAt { reason } } }', { c: gid }, tok['city.supervisor']));
      expect(v.verifyLedger, row.number).toEqual({ ok: true, casesChecked: 1, eventsChecked: events.length, brokenAt: null });
    }
  });

  test('no notification read rows belong to a user who could not read the notice', async () => {
    const stray = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`
        select count(*)::int as n from ${notificationReads} r join ${notifications} n on n.id = r.notification_id join users u on u.id = r.user_id
        where not (n.user_id = u.id or (n.user_id is null and n.tenant_id = u.tenant_id))`),
    );
    expect(stray[0]!.n).toBe(0);
  });
});
