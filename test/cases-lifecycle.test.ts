import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../server/db/client.js';
import { DomainError } from '../server/domain/shared/errors.js';
import { TRANSITIONS } from '../server/domain/cases/states.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { decodeGlobalId, encodeGlobalId } from '../server/graphql/global-id.js';
import { closeQuietCases } from '../server/usecases/cases/close-quiet.js';
import { extendDeadline, receiveMaterials, requestMaterials, resolveCase } from '../server/usecases/cases/lifecycle.js';
import { openCase } from '../server/usecases/cases/open-case.js';
import { runAs } from '../server/usecases/context.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * The case lifecycle end to end (issue 4, "Intake" and "Lifecycle"): intake from every channel
 * (Art. 6-10, 13), readable numbers, idempotent retries, the state machine as data, optimistic
 * versions, both clocks on the working calendar with pauses for materials (Art. 14-15), the
 * one-time notification (Art. 14), extensions (Art. 15), resolutions (Art. 9, 11, 22), the quiet
 * period, notes and replies (Art. 6, 23), and who may see and handle a case. Everything goes through
 * GraphQL except what depends on the date: those steps run the same use cases through `runAs` with
 * a chosen `now`. The demo may hold cases of its own, so every assertion is scoped to the cases
 * made here (by id or by a unique subject token).
 */

let t: TestApp;
const tok: Record<string, string> = {};
const tenantGid: Record<string, string> = {}; // slug -> global id
const userGid: Record<string, string> = {}; // username -> global id
const viewers: Record<string, Viewer> = {};
let forbiddenPhrase = '';
let staff2 = '';

/** A published yubei item with working-day limits (statutory 5, committed 3), a checklist and a form. */
let wdItem: { id: string; version: number; publishedVersionNo: number };

const CLOCK = `limit { unit amount } originalDueAt dueAt overdue
  extension { at by { unit amount } reason approvedBy { username } noticeMethod noticeAt previousDueAt dueAt }`;
const CASE = `id number status kind channel subject description version sensitive
  serviceItem { id } serviceItemVersion formData
  requester { name phone residentId otherContact }
  priority { level urgency protectedGroups }
  originTenant { slug } handlerTenant { slug } firstResponder { username } firstResponderTenant { slug } assignee { username }
  strategy handlingMode appointmentAt receivedAt firstResponseAt
  statutoryClock { ${CLOCK} } committedClock { ${CLOCK} } pausedSince pausedWorkingDays
  materialsRequests { at items { key note } reason flagged }
  resolution { outcome strategy summary category legalBasis riskNotice referredTo resolvedAt }
  rejectionReasons reopenCount flags allowedEvents closesAt closedAt
  ledger { seq type at payload actor { username } actorTenant { slug } prevHash hash }`;

const READ = `query($id: ID!) { case(id: $id) { ${CASE} } }`;
const OPEN = `mutation($i: OpenCaseInput!) { openCase(input: $i) { case { ${CASE} } } }`;

/** mutation name -> its input type */
const INPUTS = {
  startCase: 'StartCaseInput',
  reassignCase: 'ReassignCaseInput',
  requestMaterials: 'RequestMaterialsInput',
  receiveMaterials: 'ReceiveMaterialsInput',
  extendDeadline: 'ExtendDeadlineInput',
  resolveCase: 'ResolveCaseInput',
  reopenCase: 'CaseReasonInput',
  rejectCase: 'RejectCaseInput',
  addCaseNote: 'CaseTextInput',
  replyToRequester: 'ReplyToRequesterInput',
} as const;
type Mutation = keyof typeof INPUTS;
const MUTATIONS = Object.keys(INPUTS) as Mutation[];
const mutationText = (m: Mutation) => `mutation($i: ${INPUTS[m]}!) { ${m}(input: $i) { case { ${CASE} } } }`;

/** The event each mutation appends. */
const EVENT_OF: Record<Mutation, keyof typeof TRANSITIONS> = {
  startCase: 'STARTED',
  reassignCase: 'ASSIGNED',
  requestMaterials: 'MATERIALS_REQUESTED',
  receiveMaterials: 'MATERIALS_RECEIVED',
  extendDeadline: 'EXTENDED',
  resolveCase: 'RESOLVED',
  reopenCase: 'REOPENED',
  rejectCase: 'REJECTED',
  addCaseNote: 'NOTE_ADDED',
  replyToRequester: 'REPLIED',
};

/** A case as the API returns it (the fields of CASE). */
type CaseView = { id: string; version: number } & Record<string, any>;

const owner = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(q));
const uuidOf = (gid: string) => decodeGlobalId(gid)!.id;
const caseGid = (uuid: string) => encodeGlobalId('Case', uuid);
/** Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
/** The end of a Shanghai civil day (a day-based due date), as the API prints it. */
const endOf = (day: string) => sh(`${day}T23:59:59.999`).toISOString();
const iso = (d: Date | string) => new Date(d).toISOString();
let uniq = 0;
/** A subject token no other case has. */
const token = (label: string) => `${label}-${Date.now().toString(36)}-${++uniq}`;

/** A valid resident ID number (MOD 11-2 check character) for a 17-digit body. */
function residentId(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function read(id: string, as = 'yubei.staff'): Promise<CaseView | null> {
  return ok(await t.gql(READ, { id }, tok[as])).case;
}
async function open(input: Record<string, unknown>, as = 'yubei.staff'): Promise<CaseView> {
  return ok(await t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'CONSULTATION', subject: token('case'), ...input } }, tok[as])).openCase.case;
}
function call(m: Mutation, c: { id: string; version: number }, input: Record<string, unknown>, as = 'yubei.staff') {
  return t.gql(mutationText(m), { i: { id: c.id, version: c.version, ...input } }, tok[as]);
}
async function run(m: Mutation, c: { id: string; version: number }, input: Record<string, unknown>, as = 'yubei.staff'): Promise<CaseView> {
  const r = await call(m, c, input, as);
  return ok(r)[m].case;
}

/** The case row and its ledger as the owner sees them: the "nothing changed" reference. */
async function snapshot(caseId: string): Promise<string> {
  const id = uuidOf(caseId);
  const rows = await owner(sql`select * from cases where id = ${id}`);
  const events = await owner(sql`select seq, type, hash from case_events where case_id = ${id} order by seq`);
  expect(rows).toHaveLength(1);
  return JSON.stringify({ rows, events });
}

/** A refusal of a request on one case that leaves the case and its ledger exactly as they were. */
async function refusedUnchanged(caseId: string, send: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await snapshot(caseId);
  const err = refused(await send(), code, fields);
  expect(await snapshot(caseId)).toBe(before);
  return err;
}

/** Everything intake writes: cases, their ledgers and the number counters. */
async function intakeTables(): Promise<string> {
  const [counts] = await owner(
    sql`select (select count(*) from cases)::int as cases, (select count(*) from case_events)::int as events,
          (select coalesce(sum(last_seq), 0)::int from case_number_counters) as numbers`,
  );
  return JSON.stringify(counts);
}
async function refusedIntake(send: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await intakeTables();
  const err = refused(await send(), code, fields);
  expect(await intakeTables()).toBe(before);
  return err;
}

/** A use case run directly (with a chosen `now`) that must throw `code` and change nothing. */
async function rejectsUnchanged(caseId: string, p: () => Promise<unknown>, code: string, fields?: string[]) {
  const before = await snapshot(caseId);
  const err = await p().then(
    () => {
      throw new Error(`expected ${code}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  if (fields) expect(Object.keys((err as DomainError).fields ?? {}).sort()).toEqual([...fields].sort());
  expect(await snapshot(caseId)).toBe(before);
  return err as DomainError;
}

const asUser = <T>(username: string, now: Date, fn: Parameters<typeof runAs<T>>[3]) => runAs(t.database, t.config, viewers[username]!, fn, now);

const seqOf = (number: string) => Number(number.split('-').pop());
const events = (c: CaseView) => (c.ledger as { type: string }[]).map((e) => e.type);

/** An ISO instant `ms` from now. */
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

// Inputs that are valid for a case opened without a service item (a CONSULTATION): a refusal of
// one of these can only come from the state, the version or the viewer.
const validInput = (): Record<Mutation, Record<string, unknown>> => ({
  startCase: { strategy: 'ANSWER' },
  reassignCase: { assigneeId: staff2 },
  requestMaterials: { items: [{ key: 'other:id-copy', note: '请提供身份证复印件一份' }] },
  receiveMaterials: { note: '材料已收齐' },
  extendDeadline: { clock: 'COMMITTED', by: { unit: 'WORKING_DAYS', amount: 1 }, reason: '需要向有关单位调取材料', noticeMethod: 'PHONE', noticeAt: new Date().toISOString() },
  resolveCase: { outcome: 'ANSWERED', strategy: 'ANSWER', category: 'POLICY', summary: '已告知相关政策及办理渠道' },
  reopenCase: { reason: '当事人反映问题并未解决' },
  rejectCase: { reasons: ['不属于本中心受理范围，已告知向有权单位反映'] },
  addCaseNote: { text: '内部备注：已电话联系当事人' },
  replyToRequester: { text: '您好，您的咨询已收到，我们将尽快答复。' },
});
/** Extensions are approved by a supervisor; everything else is done by the handling staff member. */
const actorOf = (m: Mutation) => (m === 'extendDeadline' ? 'yubei.supervisor' : 'yubei.staff');

const STATES = ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'RESOLVED', 'CLOSED', 'REJECTED'] as const;
type State = (typeof STATES)[number];

/**
 * The state machine as DESIGN.md and the regulation state it, written out here independently of
 * the product's table: the mutations each reachable state allows, and where they lead.
 */
const EXPECTED: Record<State, Partial<Record<Mutation, State | 'SAME'>>> = {
  OPEN: { startCase: 'IN_PROGRESS', reassignCase: 'SAME', requestMaterials: 'AWAITING_MATERIALS', extendDeadline: 'SAME', rejectCase: 'REJECTED', addCaseNote: 'SAME', replyToRequester: 'SAME' },
  IN_PROGRESS: { reassignCase: 'SAME', requestMaterials: 'AWAITING_MATERIALS', extendDeadline: 'SAME', resolveCase: 'RESOLVED', rejectCase: 'REJECTED', addCaseNote: 'SAME', replyToRequester: 'SAME' },
  AWAITING_MATERIALS: { reassignCase: 'SAME', receiveMaterials: 'IN_PROGRESS', rejectCase: 'REJECTED', addCaseNote: 'SAME', replyToRequester: 'SAME' },
  RESOLVED: { reopenCase: 'IN_PROGRESS', addCaseNote: 'SAME', replyToRequester: 'SAME' },
  CLOSED: { addCaseNote: 'SAME', replyToRequester: 'SAME' },
  REJECTED: { addCaseNote: 'SAME', replyToRequester: 'SAME' },
};

/** A fresh yubei consultation in `state`, reached through the API only. */
async function caseIn(state: State): Promise<CaseView> {
  let c = await open({ subject: token(`sm-${state}`) });
  if (state === 'OPEN') return c;
  if (state === 'REJECTED') return run('rejectCase', c, validInput().rejectCase);
  c = await run('startCase', c, validInput().startCase);
  if (state === 'IN_PROGRESS') return c;
  if (state === 'AWAITING_MATERIALS') return run('requestMaterials', c, validInput().requestMaterials);
  c = await run('resolveCase', c, validInput().resolveCase);
  if (state === 'RESOLVED') return c;
  // CLOSED: the quiet-period job, run at an instant just past the case's closing time.
  expect(c.closesAt).not.toBeNull();
  await closeQuietCases(t.database, t.config, new Date(new Date(c.closesAt).getTime() + 1));
  return (await read(c.id))!;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['yubei.staff', 'yubei.supervisor', 'yubei.admin', 'yuzhong.staff', 'city.supervisor', 'city.admin', 'longxi.staff']) {
    tok[u] = await t.login(u);
  }
  for (const slug of ['yubei', 'yubei-longxi', 'yuzhong']) {
    tenantGid[slug] = ok(await t.gql('query($s: String!) { tenant(slug: $s) { id } }', { s: slug }, tok['city.admin'])).tenant.id;
  }
  const users = await owner<{ id: string; tenant_id: string; username: string; roles: Viewer['roles'] }>(
    sql`select id, tenant_id, username, roles from users`,
  );
  for (const u of users) {
    userGid[u.username] = encodeGlobalId('User', u.id);
    viewers[u.username] = { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: [...u.roles] };
  }
  // A second handler at yubei's window (Art. 10: routing inside the unit).
  staff2 = ok(
    await t.gql(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
      { i: { tenantId: tenantGid.yubei, username: 'yubei.staff.lc2', displayName: '渝北窗口 测试二', password: 'lifecycle-2026!', roles: ['STAFF'] } },
      tok['yubei.admin'],
    ),
  ).createUser.user.id;
  tok['yubei.staff.lc2'] = await t.login('yubei.staff.lc2', 'lifecycle-2026!');
  const [lc2] = await owner<{ id: string; tenant_id: string; roles: Viewer['roles'] }>(sql`select id, tenant_id, roles from users where username = 'yubei.staff.lc2'`);
  viewers['yubei.staff.lc2'] = { userId: lc2!.id, tenantId: lc2!.tenant_id, username: 'yubei.staff.lc2', roles: [...lc2!.roles] };

  const phrases = ok(await t.gql('query { phrases(effective: true, kind: FORBIDDEN) { text active } }', {}, tok['yubei.staff'])).phrases as { text: string; active: boolean }[];
  forbiddenPhrase = phrases.find((p) => p.active)!.text;
  expect(forbiddenPhrase.length).toBeGreaterThan(0);

  wdItem = await createItem('TST-LC-WD', { publish: true });
});
afterAll(() => t?.close());

const ITEM = 'id code status version publishedVersionNo';
/** A yubei service item (Art. 17 fields) with working-day limits; published unless told otherwise. */
async function createItem(
  code: string,
  opts: { publish?: boolean; channels?: string[]; statutory?: number; committed?: number } = {},
): Promise<{ id: string; version: number; publishedVersionNo: number; status: string }> {
  const content = itemContent(code, opts);
  let item = ok(await t.gql(`mutation($i: CreateServiceItemInput!) { createServiceItem(input: $i) { serviceItem { ${ITEM} } } }`, { i: { content } }, tok['yubei.admin']))
    .createServiceItem.serviceItem;
  if (opts.publish !== false) item = await publishItem(item);
  return item;
}
function itemContent(code: string, opts: { channels?: string[]; statutory?: number; committed?: number; name?: string } = {}) {
  return {
    code,
    name: opts.name ?? '劳动争议调解申请（测试）',
    category: 'MEDIATION',
    legalBasis: '《中华人民共和国人民调解法》第十七条、第十八条',
    conditions: '当事人自愿申请调解',
    procedure: [
      { title: '申请', description: '当事人口头或书面提出申请' },
      { title: '受理', description: '三个工作日内决定是否受理' },
    ],
    rightsAndObligations: '当事人有权选择或者接受调解员；应当如实陈述纠纷事实',
    fee: '不收费',
    results: '达成协议的，制作人民调解协议书',
    statutoryLimit: { unit: 'WORKING_DAYS', amount: opts.statutory ?? 5 },
    committedLimit: { unit: 'WORKING_DAYS', amount: opts.committed ?? 3 },
    channels: opts.channels ?? ['ONSITE', 'HOTLINE', 'ONLINE'],
    materials: [
      { key: 'id_card', name: '居民身份证', required: true, note: '原件' },
      { key: 'contract', name: '劳动合同', required: true },
      { key: 'payslips', name: '工资条或银行流水', required: false },
    ],
    formFields: [
      { key: 'summary', label: '纠纷简述', type: 'LONG_TEXT', required: true, config: {} },
      { key: 'employer', label: '用人单位', type: 'TEXT', required: false, config: { maxLength: 100 } },
    ],
  };
}
async function publishItem(item: { id: string; version: number }) {
  return ok(await t.gql(`mutation($i: ServiceItemVersionInput!) { publishServiceItem(input: $i) { serviceItem { ${ITEM} } } }`, { i: { id: item.id, version: item.version } }, tok['yubei.admin']))
    .publishServiceItem.serviceItem;
}

// ---------------------------------------------------------------------------------------------

describe('intake (Art. 6-10, 13)', () => {
  test('every channel takes a case in; walk-in, hotline and online chat are answered at intake (Art. 21)', async () => {
    for (const channel of ['ONSITE', 'HOTLINE', 'ONLINE', 'MESSAGE', 'APP', 'WECHAT']) {
      for (const kind of ['CONSULTATION', 'MATTER']) {
        const subject = token(`ch-${channel}-${kind}`);
        const c = await open({ channel, kind, subject, description: '当事人来访咨询劳动报酬问题' });
        expect(c).toMatchObject({
          status: 'OPEN',
          channel,
          kind,
          subject,
          description: '当事人来访咨询劳动报酬问题',
          version: 1,
          serviceItem: null,
          serviceItemVersion: null,
          formData: {},
          originTenant: { slug: 'yubei' },
          handlerTenant: { slug: 'yubei' },
          // Art. 13: the creator is the first responder (user and tenant) and the first assignee.
          firstResponder: { username: 'yubei.staff' },
          firstResponderTenant: { slug: 'yubei' },
          assignee: { username: 'yubei.staff' },
          strategy: null,
          handlingMode: null,
          priority: { level: 'ROUTINE', urgency: 'NORMAL', protectedGroups: [] },
          flags: [],
          reopenCount: 0,
          resolution: null,
          closesAt: null,
        });
        expect(c.number).toMatch(/^YUBEI-\d{4}-\d{6}$/);
        const answeredAtIntake = ['ONSITE', 'HOTLINE', 'ONLINE'].includes(channel);
        expect(c.firstResponseAt, channel).toBe(answeredAtIntake ? c.receivedAt : null);
        expect(events(c)).toEqual(['OPENED']);
        expect(c.ledger[0]).toMatchObject({ seq: 1, prevHash: null, actor: { username: 'yubei.staff' }, actorTenant: { slug: 'yubei' } });
        // Opened without a service item: the tenant's default limits (working days) for the kind.
        expect(c.statutoryClock.limit).toEqual({ unit: 'WORKING_DAYS', amount: kind === 'CONSULTATION' ? 5 : 15 });
        expect(c.committedClock.limit).toEqual({ unit: 'WORKING_DAYS', amount: kind === 'CONSULTATION' ? 3 : 10 });
        expect(c.statutoryClock.originalDueAt).toBe(c.statutoryClock.dueAt);
        expect(new Date(c.committedClock.dueAt) <= new Date(c.statutoryClock.dueAt)).toBe(true);
      }
    }
  });

  test('the readable number is YUBEI-<year>-NNNNNN, increasing per tenant; a child tenant counts its own', async () => {
    const a = await open({});
    const b = await open({});
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(a.receivedAt));
    expect(a.number.startsWith(`YUBEI-${year}-`)).toBe(true);
    expect(seqOf(b.number)).toBe(seqOf(a.number) + 1);
    const longxi = await open({}, 'longxi.staff');
    expect(longxi.number).toMatch(/^YUBEI-LONGXI-\d{4}-\d{6}$/);
    expect(longxi).toMatchObject({ originTenant: { slug: 'yubei-longxi' }, firstResponder: { username: 'longxi.staff' } });
    // longxi's intake did not use one of yubei's numbers.
    const c = await open({});
    expect(seqOf(c.number)).toBe(seqOf(b.number) + 1);
  });

  test('a service item: its current published version is recorded; the form is validated and kept', async () => {
    const c = await open({
      kind: 'MATTER',
      channel: 'HOTLINE',
      serviceItemId: wdItem.id,
      formData: { summary: '公司拖欠三个月工资', employer: '某建筑公司' },
    });
    expect(c).toMatchObject({
      serviceItem: { id: wdItem.id },
      serviceItemVersion: wdItem.publishedVersionNo,
      formData: { summary: '公司拖欠三个月工资', employer: '某建筑公司' },
      statutoryClock: { limit: { unit: 'WORKING_DAYS', amount: 5 } },
      committedClock: { limit: { unit: 'WORKING_DAYS', amount: 3 } },
    });
    expect(wdItem.publishedVersionNo).toBe(1);

    // A second published version: new cases record it, the earlier case keeps its own (Art. 17).
    const item = await createItem('TST-LC-V2');
    const draft = ok(
      await t.gql(
        `mutation($i: UpdateServiceItemInput!) { updateServiceItem(input: $i) { serviceItem { ${ITEM} } } }`,
        { i: { id: item.id, version: item.version, content: itemContent('TST-LC-V2', { statutory: 8, committed: 4 }) } },
        tok['yubei.admin'],
      ),
    ).updateServiceItem.serviceItem;
    const before = await open({ kind: 'MATTER', serviceItemId: item.id, formData: { summary: '第一版' } });
    const v2 = await publishItem(draft);
    expect(v2.publishedVersionNo).toBe(2);
    const after = await open({ kind: 'MATTER', serviceItemId: item.id, formData: { summary: '第二版' } });
    expect(before.serviceItemVersion).toBe(1);
    expect(before.statutoryClock.limit.amount).toBe(5);
    expect(after.serviceItemVersion).toBe(2);
    expect(after.statutoryClock.limit).toEqual({ unit: 'WORKING_DAYS', amount: 8 });
    expect((await read(before.id))!.serviceItemVersion).toBe(1);
  });

  test('an unpublished, archived or other tenant’s item is refused (serviceItemId); so is a channel it does not offer', async () => {
    const draft = await createItem('TST-LC-DRAFT', { publish: false });
    expect(draft.status).toBe('DRAFT');
    const published = await createItem('TST-LC-ARCH');
    const archived = ok(
      await t.gql(`mutation($i: ServiceItemVersionInput!) { archiveServiceItem(input: $i) { serviceItem { ${ITEM} } } }`, { i: { id: published.id, version: published.version } }, tok['yubei.admin']),
    ).archiveServiceItem.serviceItem;
    expect(archived.status).toBe('ARCHIVED');
    const itemsOf = async (slug: string) =>
      ok(
        await t.gql('query($t: ID) { serviceItems(first: 50, tenantId: $t, status: [PUBLISHED]) { edges { node { id tenant { slug } } } } }', { t: tenantGid[slug] }, tok['city.admin']),
      ).serviceItems.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    const [longxiItem] = await itemsOf('yubei-longxi');
    const [yuzhongItem] = await itemsOf('yuzhong');
    expect(longxiItem && yuzhongItem).toBeTruthy();

    for (const serviceItemId of [draft.id, archived.id, longxiItem, yuzhongItem]) {
      await refusedIntake(
        () => t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'MATTER', subject: token('item'), serviceItemId, formData: { summary: 'x' } } }, tok['yubei.staff']),
        'BAD_USER_INPUT',
        ['serviceItemId'],
      );
    }
    // The item is offered on ONSITE, HOTLINE and ONLINE only.
    const err = await refusedIntake(
      () => t.gql(OPEN, { i: { channel: 'WECHAT', kind: 'MATTER', subject: token('item'), serviceItemId: wdItem.id, formData: { summary: 'x' } } }, tok['yubei.staff']),
      'BAD_USER_INPUT',
      ['channel'],
    );
    expect(err.extensions?.fields?.channel).toContain('WECHAT');
  });

  test('intake form data is validated against the item’s form; a case without an item has no form', async () => {
    await refusedIntake(
      () => t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'MATTER', subject: token('form'), serviceItemId: wdItem.id, formData: { employer: '某公司' } } }, tok['yubei.staff']),
      'BAD_USER_INPUT',
      ['formData.summary'],
    );
    await refusedIntake(
      () => t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'MATTER', subject: token('form'), serviceItemId: wdItem.id } }, tok['yubei.staff']),
      'BAD_USER_INPUT',
      ['formData.summary'],
    );
    await refusedIntake(
      () => t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'MATTER', subject: token('form'), formData: { summary: '无事项' } } }, tok['yubei.staff']),
      'BAD_USER_INPUT',
      ['formData'],
    );
  });

  test('the requester’s phone and resident ID are validated (Art. 26) and every personal field is masked', async () => {
    const id = residentId('50011219850315123');
    const c = await open({ requester: { name: '张三丰', phone: '+86 139 1234 5678', residentId: id, otherContact: 'wx_zhang' } });
    expect(c.requester).toEqual({ name: '张**', phone: '139****5678', residentId: `500112********${id.slice(-4)}`, otherContact: 'w***' });
    // Nothing personal in the ledger's payload either.
    expect(JSON.stringify(c.ledger)).not.toContain('13912345678');
    expect(JSON.stringify(c.ledger)).not.toContain(id);
    expect(JSON.stringify(c.ledger)).not.toContain('张三丰');

    const bad = (requester: Record<string, string>) => () =>
      t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'CONSULTATION', subject: token('req'), requester } }, tok['yubei.staff']);
    await refusedIntake(bad({ phone: '12345' }), 'BAD_USER_INPUT', ['requester.phone']);
    await refusedIntake(bad({ residentId: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` }), 'BAD_USER_INPUT', ['requester.residentId']);
    const both = await refusedIntake(bad({ phone: '0231234567', residentId: '500112198503151' }), 'BAD_USER_INPUT', ['requester.phone', 'requester.residentId']);
    // The error never echoes the personal data it refused.
    expect(JSON.stringify(both)).not.toContain('0231234567');
    expect(JSON.stringify(both)).not.toContain('500112198503151');
  });

  test('priority comes from legal urgency and protected groups only', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ urgency: 'EMERGENCY' }, 'EMERGENCY'],
      [{ urgency: 'EMERGENCY', protectedGroups: ['ELDERLY'] }, 'EMERGENCY'],
      [{ urgency: 'URGENT' }, 'URGENT'],
      [{ urgency: 'URGENT', protectedGroups: ['MINOR'] }, 'URGENT'],
      [{ protectedGroups: ['ELDERLY', 'DISABLED'] }, 'PRIORITY'],
      [{ urgency: 'NORMAL', protectedGroups: ['MIGRANT_WAGE'] }, 'PRIORITY'],
      [{}, 'ROUTINE'],
    ];
    for (const [input, level] of cases) {
      const c = await open(input);
      expect(c.priority, JSON.stringify(input)).toEqual({
        level,
        urgency: (input.urgency as string) ?? 'NORMAL',
        protectedGroups: (input.protectedGroups as string[]) ?? [],
      });
    }
  });

  test('a strategy or handling mode at intake takes the case up at once (IN_PROGRESS); an appointment needs its time', async () => {
    const a = await open({ strategy: 'GUIDE' });
    expect(a).toMatchObject({ status: 'IN_PROGRESS', strategy: 'GUIDE', handlingMode: null, version: 2 });
    expect(events(a)).toEqual(['OPENED', 'STARTED']);
    const b = await open({ handlingMode: 'ON_THE_SPOT' });
    expect(b).toMatchObject({ status: 'IN_PROGRESS', strategy: null, handlingMode: 'ON_THE_SPOT' });
    const when = fromNow(2 * 86_400_000);
    const c = await open({ strategy: 'ANSWER', handlingMode: 'BY_APPOINTMENT', appointmentAt: when });
    expect(c).toMatchObject({ status: 'IN_PROGRESS', handlingMode: 'BY_APPOINTMENT', appointmentAt: when });
    await refusedIntake(
      () => t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'MATTER', subject: token('appt'), handlingMode: 'BY_APPOINTMENT' } }, tok['yubei.staff']),
      'BAD_USER_INPUT',
      ['appointmentAt'],
    );
  });

  // startCase names the input field, as openCase does for the same rule.
  test('taking a case up BY_APPOINTMENT without its time names the input field appointmentAt', async () => {
    const c = await open({});
    await refusedUnchanged(c.id, () => call('startCase', c, { handlingMode: 'BY_APPOINTMENT' }), 'BAD_USER_INPUT', ['appointmentAt']);
  });

  test('taking a case up later records strategy, handling mode and appointment', async () => {
    const c = await open({});
    const when = fromNow(3 * 86_400_000);
    const after = await run('startCase', c, { strategy: 'GUIDE', handlingMode: 'BY_APPOINTMENT', appointmentAt: when });
    expect(after).toMatchObject({ status: 'IN_PROGRESS', strategy: 'GUIDE', handlingMode: 'BY_APPOINTMENT', appointmentAt: when, version: 2 });
    expect(after.ledger.at(-1)).toMatchObject({ type: 'STARTED', actor: { username: 'yubei.staff' } });
  });

  test('receivedAt may be back-dated up to 7 days, never into the future', async () => {
    const twoDaysAgo = fromNow(-2 * 86_400_000);
    const c = await open({ receivedAt: twoDaysAgo });
    expect(c.receivedAt).toBe(twoDaysAgo);
    expect(c.ledger[0].at).toBe(twoDaysAgo);
    for (const receivedAt of [fromNow(3_600_000), fromNow(-8 * 86_400_000)]) {
      await refusedIntake(
        () => t.gql(OPEN, { i: { channel: 'HOTLINE', kind: 'CONSULTATION', subject: token('recv'), receivedAt } }, tok['yubei.staff']),
        'BAD_USER_INPUT',
        ['receivedAt'],
      );
    }
  });

  test('an ADMIN-only user cannot take cases in (FORBIDDEN); anonymous is UNAUTHENTICATED', async () => {
    const input = { channel: 'ONSITE', kind: 'CONSULTATION', subject: token('who') };
    await refusedIntake(() => t.gql(OPEN, { i: input }, tok['yubei.admin']), 'FORBIDDEN');
    await refusedIntake(() => t.gql(OPEN, { i: input }, tok['city.admin']), 'FORBIDDEN');
    await refusedIntake(() => t.gql(OPEN, { i: input }, null), 'UNAUTHENTICATED');
  });

  test('20 concurrent intakes on one tenant get 20 distinct, consecutive numbers', async () => {
    const label = token('burst');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.gql(OPEN, { i: { channel: 'HOTLINE', kind: 'CONSULTATION', subject: `${label}-${i}` } }, tok['yubei.staff'])),
    );
    const numbers = results.map((r) => ok(r).openCase.case.number as string);
    expect(new Set(numbers).size).toBe(20);
    const seqs = numbers.map(seqOf).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => seqs[0]! + i));
    const [row] = await owner<{ n: number }>(sql`select count(*)::int as n from cases where subject like ${`${label}-%`}`);
    expect(row!.n).toBe(20);
  });
});

describe('idempotent intake', () => {
  const countByKey = async (key: string) => {
    const [row] = await owner<{ cases: number; events: number }>(
      sql`select count(distinct c.id)::int as cases, count(e.id)::int as events
          from cases c join case_events e on e.case_id = c.id where c.idempotency_key = ${key}`,
    );
    return row!;
  };

  test('the same key with the same request returns the same case; with another request it is CONFLICT', async () => {
    const key = `lc-${token('idem')}`;
    const input = { channel: 'HOTLINE', kind: 'CONSULTATION', subject: token('idem'), strategy: 'ANSWER', idempotencyKey: key };
    const first = ok(await t.gql(OPEN, { i: input }, tok['yubei.staff'])).openCase.case;
    const again = ok(await t.gql(OPEN, { i: input }, tok['yubei.staff'])).openCase.case;
    expect(again.id).toBe(first.id);
    expect(again.number).toBe(first.number);
    expect(again.version).toBe(first.version);
    expect(await countByKey(key)).toEqual({ cases: 1, events: 2 });

    await refusedIntake(() => t.gql(OPEN, { i: { ...input, subject: `${input.subject}-changed` } }, tok['yubei.staff']), 'CONFLICT');
    await refusedIntake(() => t.gql(OPEN, { i: { ...input, strategy: 'GUIDE' } }, tok['yubei.staff']), 'CONFLICT');
    expect(await countByKey(key)).toEqual({ cases: 1, events: 2 });
  });

  // Keys are scoped to the tenant; a colleague replaying another user's key and request is refused
  // rather than handed a sensitive case (Art. 11) that `case(id)` hides from them.
  test('a replayed key never hands a user a case they may not see', async () => {
    const key = `lc-${token('idem-sensitive')}`;
    const input = { channel: 'HOTLINE', kind: 'CONSULTATION', subject: token('idem-sensitive'), sensitive: true, idempotencyKey: key };
    const first = ok(await t.gql(OPEN, { i: input }, tok['yubei.staff'])).openCase.case;
    expect(await read(first.id, 'yubei.staff.lc2')).toBeNull();
    refused(await t.gql(OPEN, { i: input }, tok['yubei.staff.lc2']), 'CONFLICT');
  });

  test('10 concurrent intakes with the same key make one case', async () => {
    const key = `lc-${token('idem-burst')}`;
    const input = { channel: 'ONLINE', kind: 'MATTER', subject: token('idem-burst'), idempotencyKey: key };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.gql(OPEN, { i: input }, tok['yubei.staff'])));
    const ids = results.map((r) => ok(r).openCase.case.id as string);
    expect(new Set(ids).size).toBe(1);
    expect(await countByKey(key)).toEqual({ cases: 1, events: 1 });
    // No number was spent on the retries: the next intake follows on.
    const number = ok(results[0]!).openCase.case.number as string;
    const next = await open({});
    expect(seqOf(next.number)).toBe(seqOf(number) + 1);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the state machine (DESIGN.md "Case")', () => {
  test('caseTransitions is the table: one row per event with its states and basis', async () => {
    const rows = ok(await t.gql('query { caseTransitions { event from to basis } }')).caseTransitions as { event: string; from: string[]; to: string | null; basis: string }[];
    expect(rows.map((r) => r.event)).toEqual(Object.keys(TRANSITIONS));
    for (const r of rows) {
      const row = TRANSITIONS[r.event as keyof typeof TRANSITIONS];
      expect(r.from).toEqual([...row.from]);
      expect(r.to).toBe(row.to === 'SAME' ? null : row.to);
      expect(r.basis).toMatch(/^Art\. \d/);
    }
    // The table agrees with the rules written out in this file.
    for (const state of STATES) {
      for (const m of MUTATIONS) {
        const row = rows.find((r) => r.event === EVENT_OF[m])!;
        const expected = EXPECTED[state][m];
        expect(row.from.includes(state), `${m} in ${state}`).toBe(expected !== undefined);
        if (expected !== undefined) expect(row.to ?? 'SAME', `${m} in ${state}`).toBe(expected);
      }
    }
  });

  for (const state of STATES) {
    test(`${state}: every illegal mutation is CONFLICT and changes nothing; the ones that keep the state succeed`, async () => {
      let c = await caseIn(state);
      expect(c.status).toBe(state);
      const table = ok(await t.gql('query { caseTransitions { event from } }')).caseTransitions as { event: string; from: string[] }[];
      expect(c.allowedEvents).toEqual(table.filter((r) => r.from.includes(state)).map((r) => r.event));

      const inputs = validInput();
      for (const m of MUTATIONS) {
        if (EXPECTED[state][m] !== undefined) continue;
        const err = await refusedUnchanged(c.id, () => call(m, c, inputs[m], actorOf(m)), 'CONFLICT');
        expect(err.message, m).toContain(state);
      }
      for (const m of MUTATIONS) {
        if (EXPECTED[state][m] !== 'SAME') continue;
        const after = await run(m, c, inputs[m], actorOf(m));
        expect(after.status, m).toBe(state);
        expect(after.version, m).toBe(c.version + 1);
        expect(events(after).at(-1), m).toBe(EVENT_OF[m]);
        c = after;
      }
    });

    const moves = MUTATIONS.filter((m) => EXPECTED[state][m] !== undefined && EXPECTED[state][m] !== 'SAME');
    if (moves.length > 0) {
      test(`${state}: ${moves.join(', ')} move the case as the table says`, async () => {
        for (const m of moves) {
          const c = await caseIn(state);
          const after = await run(m, c, validInput()[m], actorOf(m));
          expect(after.status, m).toBe(EXPECTED[state][m]);
          expect(after.version, m).toBe(c.version + 1);
          expect(events(after), m).toEqual([...events(c), EVENT_OF[m]]);
          const table = ok(await t.gql('query { caseTransitions { event from } }')).caseTransitions as { event: string; from: string[] }[];
          expect(after.allowedEvents).toEqual(table.filter((r) => r.from.includes(after.status)).map((r) => r.event));
        }
      });
    }
  }

  test('a stale version is CONFLICT and changes nothing, whatever the mutation', async () => {
    let c = await open({ subject: token('stale') });
    c = await run('addCaseNote', c, { text: '第一条备注' }); // version 2
    const stale = { id: c.id, version: c.version - 1 };
    const inputs = validInput();
    for (const m of ['startCase', 'reassignCase', 'requestMaterials', 'extendDeadline', 'rejectCase', 'addCaseNote', 'replyToRequester'] as const) {
      await refusedUnchanged(c.id, () => call(m, stale, inputs[m], actorOf(m)), 'CONFLICT');
    }
    c = await run('startCase', c, inputs.startCase);
    await refusedUnchanged(c.id, () => call('resolveCase', { id: c.id, version: c.version - 1 }, inputs.resolveCase), 'CONFLICT');
    c = await run('requestMaterials', c, inputs.requestMaterials);
    await refusedUnchanged(c.id, () => call('receiveMaterials', { id: c.id, version: c.version - 1 }, inputs.receiveMaterials), 'CONFLICT');
    // A version from the future is just as stale.
    await refusedUnchanged(c.id, () => call('addCaseNote', { id: c.id, version: c.version + 1 }, inputs.addCaseNote), 'CONFLICT');
  });
});

// ---------------------------------------------------------------------------------------------

describe('clocks on the working calendar (Art. 14-15)', () => {
  test('both due dates are computed at intake on the calendar, holidays skipped and make-up workdays counted', async () => {
    // 2026-09-29 is a Tuesday; 10-01..10-07 are off (国庆节) and Saturday 10-10 is a make-up workday.
    // Working days after 09-29: 09-30, 10-08, 10-09, 10-10 (make-up), 10-12.
    const c = await asUser('yubei.staff', sh('2026-09-29T10:00:00'), (ctx) =>
      openCase(ctx, { channel: 'ONSITE', kind: 'MATTER', subject: token('clock-oct'), serviceItemId: uuidOf(wdItem.id), formData: { summary: '国庆前受理' } }),
    );
    const v = (await read(caseGid(c.row.id)))!;
    expect(v.receivedAt).toBe(iso(sh('2026-09-29T10:00:00')));
    expect(v.number).toMatch(/^YUBEI-2026-\d{6}$/);
    expect(v.committedClock).toMatchObject({ limit: { unit: 'WORKING_DAYS', amount: 3 }, dueAt: endOf('2026-10-09'), originalDueAt: endOf('2026-10-09') });
    expect(v.statutoryClock).toMatchObject({ limit: { unit: 'WORKING_DAYS', amount: 5 }, dueAt: endOf('2026-10-12'), originalDueAt: endOf('2026-10-12') });

    // 2026-04-30 is a Thursday; 05-01..05-05 are off (劳动节) and Saturday 05-09 is a make-up workday.
    // Working days after 04-30: 05-06, 05-07, 05-08, 05-09 (make-up), 05-11.
    const may = await asUser('yubei.staff', sh('2026-04-30T16:30:00'), (ctx) =>
      openCase(ctx, { channel: 'HOTLINE', kind: 'MATTER', subject: token('clock-may'), serviceItemId: uuidOf(wdItem.id), formData: { summary: '劳动节前受理' } }),
    );
    expect(may.projection.clocks.committed.dueAt.toISOString()).toBe(endOf('2026-05-08'));
    expect(may.projection.clocks.statutory.dueAt.toISOString()).toBe(endOf('2026-05-11'));
  });

  test('the clocks start when the contact came in (back-dated intake), and the number takes that year', async () => {
    // Received Friday 10-09, entered Monday 10-12: working days after 10-09 are 10-10 (make-up), 10-12, 10-13, 10-14, 10-15.
    const late = await asUser('yubei.staff', sh('2026-10-12T10:00:00'), (ctx) =>
      openCase(ctx, { channel: 'HOTLINE', kind: 'MATTER', subject: token('backdated'), serviceItemId: uuidOf(wdItem.id), formData: { summary: '补录' }, receivedAt: sh('2026-10-09T15:00:00') }),
    );
    expect(late.projection.clocks.committed.dueAt.toISOString()).toBe(endOf('2026-10-13'));
    expect(late.projection.clocks.statutory.dueAt.toISOString()).toBe(endOf('2026-10-15'));

    // A call on New Year's Eve entered on Sunday 2026-01-04, itself a make-up workday: 01-01..01-03 are
    // off, so the working days after 12-31 are 01-04, 01-05, 01-06, 01-07, 01-08. The number is 2025's.
    const nye = await asUser('yubei.staff', sh('2026-01-04T09:00:00'), (ctx) =>
      openCase(ctx, { channel: 'HOTLINE', kind: 'MATTER', subject: token('nye'), serviceItemId: uuidOf(wdItem.id), formData: { summary: '跨年' }, receivedAt: sh('2025-12-31T23:30:00') }),
    );
    expect(nye.projection.number).toMatch(/^YUBEI-2025-\d{6}$/);
    expect(nye.projection.clocks.committed.dueAt.toISOString()).toBe(endOf('2026-01-06'));
    expect(nye.projection.clocks.statutory.dueAt.toISOString()).toBe(endOf('2026-01-08'));
  });

  test('waiting for materials pauses both clocks; both due dates move by the paused working days; a same-day pause moves nothing', async () => {
    const staff = 'yubei.staff';
    let c = await asUser(staff, sh('2026-09-29T10:00:00'), (ctx) =>
      openCase(ctx, { channel: 'ONSITE', kind: 'MATTER', subject: token('pause'), serviceItemId: uuidOf(wdItem.id), formData: { summary: '补正测试' }, strategy: 'GUIDE' }),
    );
    const id = c.row.id;
    // Wednesday 09-30: one notification of everything missing (Art. 14).
    c = await asUser(staff, sh('2026-09-30T10:00:00'), (ctx) =>
      requestMaterials(ctx, { id, version: c.row.version, items: [{ key: 'contract', note: '请提供劳动合同原件' }, { key: 'payslips', note: '请提供近三个月工资条' }] }),
    );
    let v = (await read(caseGid(id)))!;
    expect(v).toMatchObject({ status: 'AWAITING_MATERIALS', pausedSince: iso(sh('2026-09-30T10:00:00')), pausedWorkingDays: 0 });
    expect(v.committedClock.dueAt).toBe(endOf('2026-10-09'));
    // Paused: the due date is not final, so no extension yet (Art. 15).
    await rejectsUnchanged(
      caseGid(id),
      () =>
        asUser('yubei.supervisor', sh('2026-10-08T10:00:00'), (ctx) =>
          extendDeadline(ctx, { id, version: c.row.version, clock: 'COMMITTED', by: { unit: 'WORKING_DAYS', amount: 1 }, reason: '调取证据', noticeMethod: 'PHONE', noticeAt: sh('2026-10-08T09:00:00') }),
        ),
      'CONFLICT',
    );

    // Friday 10-09 the materials come: the pause lasted 10-08 and 10-09 (the holiday is no working day).
    c = await asUser(staff, sh('2026-10-09T10:00:00'), (ctx) => receiveMaterials(ctx, { id, version: c.row.version, note: '材料已补齐' }));
    v = (await read(caseGid(id)))!;
    expect(v).toMatchObject({ status: 'IN_PROGRESS', pausedSince: null, pausedWorkingDays: 2 });
    // committed 10-09 + 2 working days = 10-10 (make-up Saturday), 10-12; statutory 10-12 + 2 = 10-14.
    expect(v.committedClock).toMatchObject({ dueAt: endOf('2026-10-12'), originalDueAt: endOf('2026-10-09') });
    expect(v.statutoryClock).toMatchObject({ dueAt: endOf('2026-10-14'), originalDueAt: endOf('2026-10-12') });
    expect(v.ledger.at(-1)).toMatchObject({
      type: 'MATERIALS_RECEIVED',
      payload: { pausedWorkingDays: 2, committedDueAt: endOf('2026-10-12'), statutoryDueAt: endOf('2026-10-14') },
    });

    // Monday 10-12: a second request repeating only what the first named, answered the same day.
    c = await asUser(staff, sh('2026-10-12T09:00:00'), (ctx) =>
      requestMaterials(ctx, { id, version: c.row.version, items: [{ key: 'payslips', note: '工资条缺少九月份' }] }),
    );
    c = await asUser(staff, sh('2026-10-12T16:00:00'), (ctx) => receiveMaterials(ctx, { id, version: c.row.version }));
    v = (await read(caseGid(id)))!;
    expect(v).toMatchObject({ status: 'IN_PROGRESS', pausedWorkingDays: 2, flags: [] });
    expect(v.committedClock.dueAt).toBe(endOf('2026-10-12'));
    expect(v.statutoryClock.dueAt).toBe(endOf('2026-10-14'));
    expect(v.ledger.at(-1).payload.pausedWorkingDays).toBe(0);
    expect(v.materialsRequests.map((r: { flagged: boolean }) => r.flagged)).toEqual([false, false]);

    // A pause over a weekend only (Friday 10-16 to Sunday 10-18) moves nothing either.
    c = await asUser(staff, sh('2026-10-16T17:00:00'), (ctx) =>
      requestMaterials(ctx, { id, version: c.row.version, items: [{ key: 'contract', note: '合同缺少签字页' }] }),
    );
    c = await asUser(staff, sh('2026-10-18T11:00:00'), (ctx) => receiveMaterials(ctx, { id, version: c.row.version }));
    expect(c.projection.clocks.pausedWorkingDays).toBe(2);
    expect(c.projection.clocks.statutory.dueAt.toISOString()).toBe(endOf('2026-10-14'));
  });
});

// ---------------------------------------------------------------------------------------------

describe('one-time notification (Art. 14)', () => {
  test('a request lists checklist items or other:<slug>, each with a note; unknown keys and empty lists are refused', async () => {
    let c = await open({ kind: 'MATTER', serviceItemId: wdItem.id, formData: { summary: '一次性告知' } });
    const send = (items: unknown[], reason?: string) => () => call('requestMaterials', c, { items, ...(reason ? { reason } : {}) });
    await refusedUnchanged(c.id, send([]), 'BAD_USER_INPUT', ['items']);
    await refusedUnchanged(c.id, send([{ key: 'passport', note: '护照' }]), 'BAD_USER_INPUT', ['items.0.key']);
    await refusedUnchanged(c.id, send([{ key: 'id_card', note: '身份证' }, { key: 'other:Bad Slug', note: '其他' }]), 'BAD_USER_INPUT', ['items.1.key']);
    await refusedUnchanged(c.id, send([{ key: 'id_card', note: '  ' }]), 'BAD_USER_INPUT', ['items.0.note']);
    await refusedUnchanged(c.id, send([{ key: 'id_card', note: '身份证' }, { key: 'id_card', note: '复印件' }]), 'BAD_USER_INPUT', ['items.1.key']);
    // The notes are what the person is told: forbidden phrases are refused there too.
    await refusedUnchanged(c.id, send([{ key: 'id_card', note: `${forbiddenPhrase}` }]), 'BAD_USER_INPUT', ['items.0.note']);

    c = await run('requestMaterials', c, {
      items: [
        { key: 'id_card', note: '请提供身份证原件' },
        { key: 'contract', note: '劳动合同需加盖公章' },
        { key: 'other:power-of-attorney', note: '代理人来办的，请提供授权委托书' },
      ],
    });
    expect(c.status).toBe('AWAITING_MATERIALS');
    expect(c.materialsRequests).toEqual([
      {
        at: c.pausedSince,
        items: [
          { key: 'id_card', note: '请提供身份证原件' },
          { key: 'contract', note: '劳动合同需加盖公章' },
          { key: 'other:power-of-attorney', note: '代理人来办的，请提供授权委托书' },
        ],
        reason: null,
        flagged: false,
      },
    ]);
    expect(c.flags).toEqual([]);
    c = await run('receiveMaterials', c, {});

    // A later request naming an item the first did not: refused without a reason ...
    const later = [{ key: 'contract', note: '合同缺页' }, { key: 'payslips', note: '请补充工资条' }];
    const err = await refusedUnchanged(c.id, () => call('requestMaterials', c, { items: later }), 'BAD_USER_INPUT', ['reason']);
    expect(err.extensions?.fields?.reason).toContain('payslips');
    // ... and with one it goes through, flagged for supervisors.
    c = await run('requestMaterials', c, { items: later, reason: '当事人补充陈述了新的欠薪事实' });
    expect(c.flags).toEqual(['LATE_MATERIALS_REQUEST']);
    expect(c.materialsRequests.at(-1)).toMatchObject({ reason: '当事人补充陈述了新的欠薪事实', flagged: true });
    const flagged = ok(await t.gql('query($s: String) { cases(first: 5, search: $s, flagged: true) { edges { node { id } } } }', { s: c.subject }, tok['yubei.supervisor'])).cases.edges;
    expect(flagged.map((e: { node: { id: string } }) => e.node.id)).toEqual([c.id]);
    c = await run('receiveMaterials', c, {});

    // Repeating only what the first request named is not flagged (the case keeps its earlier flag).
    c = await run('requestMaterials', c, { items: [{ key: 'id_card', note: '身份证复印件不清晰' }, { key: 'other:power-of-attorney', note: '委托书需本人签字' }] });
    expect(c.materialsRequests.map((r: { flagged: boolean }) => r.flagged)).toEqual([false, true, false]);
    expect(c.flags).toEqual(['LATE_MATERIALS_REQUEST']);
  });

  test('a case without a service item has no checklist: only other:<slug> items', async () => {
    const c = await open({});
    await refusedUnchanged(c.id, () => call('requestMaterials', c, { items: [{ key: 'id_card', note: '身份证' }] }), 'BAD_USER_INPUT', ['items.0.key']);
    const after = await run('requestMaterials', c, { items: [{ key: 'other:id_card', note: '身份证' }] });
    expect(after.status).toBe('AWAITING_MATERIALS');
  });
});

// ---------------------------------------------------------------------------------------------

describe('extensions (Art. 15)', () => {
  const EXTEND = (over: Record<string, unknown> = {}) => ({
    clock: 'COMMITTED',
    by: { unit: 'WORKING_DAYS', amount: 2 },
    reason: '需要向用人单位调取考勤记录',
    noticeMethod: 'WRITTEN',
    noticeAt: new Date().toISOString(),
    ...over,
  });

  test('only a SUPERVISOR or ADMIN of the handler tenant extends, once per clock, at most by the original limit in its unit', async () => {
    let c = await open({ kind: 'MATTER', serviceItemId: wdItem.id, formData: { summary: '延期测试' }, strategy: 'ANSWER' });
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND(), 'yubei.staff'), 'FORBIDDEN');
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND(), 'city.supervisor'), 'FORBIDDEN');
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ by: { unit: 'WORKING_DAYS', amount: 4 } }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['by.amount']);
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ by: { unit: 'WORKING_DAYS', amount: 0 } }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['by.amount']);
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ by: { unit: 'CALENDAR_DAYS', amount: 2 } }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['by.unit']);
    // The notice is recorded once given, and within the limit.
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ noticeAt: fromNow(3_600_000) }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['noticeAt']);
    const late = new Date(new Date(c.committedClock.dueAt).getTime() + 86_400_000).toISOString();
    const err = await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ noticeAt: late }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['noticeAt']);
    expect(err.extensions?.fields?.noticeAt).toContain('within the time limit');
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ noticeAt: new Date(new Date(c.receivedAt).getTime() - 60_000).toISOString() }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['noticeAt']);
    const phrase = await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ reason: `理由：${forbiddenPhrase}` }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['reason']);
    expect(phrase.extensions?.fields?.reason).toContain(forbiddenPhrase);
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ reason: '  ' }), 'yubei.supervisor'), 'BAD_USER_INPUT', ['reason']);

    const noticeAt = new Date().toISOString();
    const previous = c.committedClock.dueAt;
    c = await run('extendDeadline', c, EXTEND({ noticeAt }), 'yubei.supervisor');
    expect(c.status).toBe('IN_PROGRESS');
    expect(c.committedClock.extension).toMatchObject({
      by: { unit: 'WORKING_DAYS', amount: 2 },
      reason: '需要向用人单位调取考勤记录',
      approvedBy: { username: 'yubei.supervisor' },
      noticeMethod: 'WRITTEN',
      noticeAt,
      previousDueAt: previous,
      dueAt: c.committedClock.dueAt,
    });
    expect(new Date(c.committedClock.dueAt) > new Date(previous)).toBe(true);
    expect(c.committedClock.originalDueAt).toBe(previous);
    expect(c.statutoryClock.extension).toBeNull();
    expect(c.ledger.at(-1)).toMatchObject({ type: 'EXTENDED', actor: { username: 'yubei.supervisor' }, payload: { clock: 'COMMITTED' } });

    // Once per clock.
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ by: { unit: 'WORKING_DAYS', amount: 1 } }), 'yubei.supervisor'), 'CONFLICT');
    // The other clock is extended on its own, here by an ADMIN of the handler tenant, at most its limit (5).
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ clock: 'STATUTORY', by: { unit: 'WORKING_DAYS', amount: 6 } }), 'yubei.admin'), 'BAD_USER_INPUT', ['by.amount']);
    c = await run('extendDeadline', c, EXTEND({ clock: 'STATUTORY', by: { unit: 'WORKING_DAYS', amount: 5 }, noticeMethod: 'PHONE' }), 'yubei.admin');
    expect(c.statutoryClock.extension).toMatchObject({ by: { amount: 5 }, approvedBy: { username: 'yubei.admin' }, noticeMethod: 'PHONE' });
    await refusedUnchanged(c.id, () => call('extendDeadline', c, EXTEND({ clock: 'STATUTORY', by: { unit: 'WORKING_DAYS', amount: 1 } }), 'yubei.supervisor'), 'CONFLICT');
  });

  test('after the due date an extension is CONFLICT', async () => {
    const c = await asUser('yubei.staff', sh('2026-10-12T09:00:00'), (ctx) =>
      openCase(ctx, { channel: 'ONSITE', kind: 'MATTER', subject: token('ext-late'), serviceItemId: uuidOf(wdItem.id), formData: { summary: '逾期延期' }, strategy: 'ANSWER' }),
    );
    // committed: 3 working days after Monday 10-12 = Thursday 10-15.
    expect(c.projection.clocks.committed.dueAt.toISOString()).toBe(endOf('2026-10-15'));
    const extend = (now: Date, noticeAt: Date) => () =>
      asUser('yubei.supervisor', now, (ctx) =>
        extendDeadline(ctx, { id: c.row.id, version: c.row.version, clock: 'COMMITTED', by: { unit: 'WORKING_DAYS', amount: 1 }, reason: '调取证据', noticeMethod: 'PHONE', noticeAt }),
      );
    const err = await rejectsUnchanged(caseGid(c.row.id), extend(sh('2026-10-16T09:00:00'), sh('2026-10-15T17:00:00')), 'CONFLICT');
    expect(err.message).toContain('2026-10-15');
    // On the last day it is still in time: Friday 10-16 is the new due date.
    const ok2 = await extend(sh('2026-10-15T18:00:00'), sh('2026-10-15T17:00:00'))();
    expect(ok2.projection.clocks.committed.dueAt.toISOString()).toBe(endOf('2026-10-16'));
  });
});

// ---------------------------------------------------------------------------------------------

describe('resolution, reopening, rejection (Art. 9, 11, 22)', () => {
  const RESOLVE = (over: Record<string, unknown> = {}) => ({ outcome: 'ANSWERED', strategy: 'ANSWER', category: 'LEGAL', summary: '已解答劳动报酬追索的程序', legalBasis: '《劳动争议调解仲裁法》第二条', riskNotice: '仲裁时效为一年，请及时申请', ...over });

  test('what a resolution must say, field by field; forbidden phrases are refused naming the field', async () => {
    let c = await open({ strategy: 'ANSWER' });
    const bad = async (over: Record<string, unknown>, fields: string[]) => refusedUnchanged(c.id, () => call('resolveCase', c, RESOLVE(over)), 'BAD_USER_INPUT', fields);
    await bad({ summary: '   ' }, ['summary']);
    await bad({ legalBasis: null, riskNotice: null }, ['legalBasis', 'riskNotice']);
    await bad({ riskNotice: '' }, ['riskNotice']);
    await bad({ category: null }, ['category']);
    await bad({ outcome: 'OUT_OF_SCOPE', strategy: 'REFER' }, ['referredTo']);
    await bad({ outcome: 'REFERRED', strategy: 'REFER' }, ['referredTo']);
    await bad({ outcome: 'HANDLED' }, ['outcome']);
    const err = await bad({ summary: `经了解，${forbiddenPhrase}。` }, ['summary']);
    expect(err.extensions?.fields?.summary).toContain(forbiddenPhrase);
    await bad({ riskNotice: forbiddenPhrase }, ['riskNotice']);

    // A referral is no legal answer: no provisions needed, but where the person was sent.
    c = await run('resolveCase', c, RESOLVE({ outcome: 'REFERRED', strategy: 'REFER', legalBasis: null, riskNotice: null, referredTo: '渝北区劳动人事争议仲裁院' }));
    expect(c).toMatchObject({ status: 'RESOLVED', strategy: 'REFER', resolution: { outcome: 'REFERRED', category: 'LEGAL', referredTo: '渝北区劳动人事争议仲裁院', legalBasis: null } });
    expect(c.closesAt).not.toBeNull();
    expect(new Date(c.closesAt) > new Date(c.resolution.resolvedAt)).toBe(true);
    expect(c.committedClock.overdue).toBe(false);
  });

  test('a legal answer cites provisions and warns of risks; a matter has no category', async () => {
    const legal = await run('resolveCase', await open({ strategy: 'ANSWER' }), RESOLVE());
    expect(legal.resolution).toMatchObject({ outcome: 'ANSWERED', category: 'LEGAL', legalBasis: '《劳动争议调解仲裁法》第二条', riskNotice: '仲裁时效为一年，请及时申请' });
    const policy = await run('resolveCase', await open({ strategy: 'ANSWER' }), RESOLVE({ category: 'POLICY', legalBasis: null, riskNotice: null }));
    expect(policy.resolution).toMatchObject({ category: 'POLICY', legalBasis: null, riskNotice: null });
    const outOfScope = await run('resolveCase', await open({ strategy: 'REFER' }), RESOLVE({ outcome: 'OUT_OF_SCOPE', strategy: 'REFER', category: 'INSTITUTION', referredTo: '区信访办', legalBasis: null, riskNotice: null }));
    expect(outOfScope.resolution).toMatchObject({ outcome: 'OUT_OF_SCOPE', referredTo: '区信访办' });

    const matter = await open({ kind: 'MATTER', strategy: 'GUIDE' });
    await refusedUnchanged(matter.id, () => call('resolveCase', matter, RESOLVE({ outcome: 'HANDLED', strategy: 'GUIDE' })), 'BAD_USER_INPUT', ['category']);
    await refusedUnchanged(matter.id, () => call('resolveCase', matter, RESOLVE({ outcome: 'ANSWERED', category: null })), 'BAD_USER_INPUT', ['outcome']);
    const done = await run('resolveCase', matter, { outcome: 'HANDLED', strategy: 'GUIDE', summary: '已指派调解员并达成协议' });
    expect(done.resolution).toMatchObject({ outcome: 'HANDLED', category: null });
  });

  test('a resolved case is reopened with a reason (flag REOPENED); a case is rejected with reasons', async () => {
    let c = await run('resolveCase', await open({ strategy: 'ANSWER' }), RESOLVE());
    await refusedUnchanged(c.id, () => call('reopenCase', c, { reason: '   ' }), 'BAD_USER_INPUT', ['reason']);
    c = await run('reopenCase', c, { reason: '当事人反映仍未解决' });
    expect(c).toMatchObject({ status: 'IN_PROGRESS', flags: ['REOPENED'], reopenCount: 1, resolution: null, closesAt: null });
    expect(c.ledger.at(-1)).toMatchObject({ type: 'REOPENED', payload: { reason: '当事人反映仍未解决' } });
    c = await run('resolveCase', c, RESOLVE({ summary: '再次解答并出具书面意见' }));
    c = await run('reopenCase', c, { reason: '第二次复核' });
    expect(c).toMatchObject({ flags: ['REOPENED'], reopenCount: 2 });

    const r = await open({});
    await refusedUnchanged(r.id, () => call('rejectCase', r, { reasons: [] }), 'BAD_USER_INPUT', ['reasons']);
    await refusedUnchanged(r.id, () => call('rejectCase', r, { reasons: ['材料不齐'] }, 'yubei.admin'), 'FORBIDDEN');
    await refusedUnchanged(r.id, () => call('rejectCase', r, { reasons: ['不属于受理范围', forbiddenPhrase] }), 'BAD_USER_INPUT', ['reasons.1']);
    const rejected = await run('rejectCase', r, { reasons: ['不属于受理范围', '已告知向区劳动监察大队反映'] });
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReasons: ['不属于受理范围', '已告知向区劳动监察大队反映'], allowedEvents: expect.arrayContaining(['NOTE_ADDED', 'REPLIED']) });
  });
});

// ---------------------------------------------------------------------------------------------

describe('case settings and the quiet period (Art. 22)', () => {
  const SET = 'mutation($i: SetCaseSettingsInput!) { setCaseSettings(input: $i) { settings version } }';
  const settings = (over: Record<string, unknown> = {}) => ({
    defaultLimits: {
      CONSULTATION: { statutory: { unit: 'WORKING_DAYS', amount: 5 }, committed: { unit: 'WORKING_DAYS', amount: 3 } },
      MATTER: { statutory: { unit: 'WORKING_DAYS', amount: 15 }, committed: { unit: 'WORKING_DAYS', amount: 10 } },
    },
    quietPeriod: { unit: 'WORKING_DAYS', amount: 2 },
    followUpWorkingDays: 3,
    ...over,
  });
  const settingsRow = async () => JSON.stringify(await owner(sql`select * from tenant_case_settings order by tenant_id`));
  async function refusedSettings(send: () => Promise<GqlResult>, code: string, fields?: string[]) {
    const before = await settingsRow();
    const err = refused(await send(), code, fields);
    expect(await settingsRow()).toBe(before);
    return err;
  }

  test('admins set them (version 0 the first time); bad settings name the field; a stale version is CONFLICT', async () => {
    const current = ok(await t.gql('query { caseSettings { settings version } }', {}, tok['yubei.admin'])).caseSettings;
    const version = current.version as number;
    if (version === 0) expect(current.settings.quietPeriod).toEqual({ unit: 'WORKING_DAYS', amount: 5 });

    await refusedSettings(() => t.gql(SET, { i: { version, settings: settings({ quietPeriod: { unit: 'WORKING_DAYS', amount: 0 } }) } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['quietPeriod.amount']);
    const over = settings();
    (over.defaultLimits as Record<string, unknown>).MATTER = { statutory: { unit: 'WORKING_DAYS', amount: 10 }, committed: { unit: 'WORKING_DAYS', amount: 12 } };
    await refusedSettings(() => t.gql(SET, { i: { version, settings: over } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['defaultLimits.MATTER.committed.amount']);
    await refusedSettings(() => t.gql(SET, { i: { version, settings: settings({ followUpWorkingDays: 'soon' }) } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['followUpWorkingDays']);
    await refusedSettings(() => t.gql(SET, { i: { version: version + 3, settings: settings() } }, tok['yubei.admin']), 'CONFLICT');
    await refusedSettings(() => t.gql(SET, { i: { version, settings: settings() } }, tok['yubei.staff']), 'FORBIDDEN');
    await refusedSettings(() => t.gql(SET, { i: { version, settings: settings(), tenantId: tenantGid.yubei } }, tok['yuzhong.staff']), 'FORBIDDEN');

    const saved = ok(await t.gql(SET, { i: { version, settings: settings() } }, tok['yubei.admin'])).setCaseSettings;
    // Settings not given keep their defaults (and read back whole).
    expect(saved).toEqual({
      version: version + 1,
      settings: { ...settings(), transferDecisionWorkingDays: 2, supervisionRespondWorkingDays: 3, incidentAckMinutes: { I: 5, II: 10, III: 15, IV: 30 }, responseTimes: { hotlineSeconds: null, chatSeconds: null, messageMinutes: null } },
    });
    // The version read before is stale now.
    await refusedSettings(() => t.gql(SET, { i: { version, settings: settings() } }, tok['yubei.admin']), 'CONFLICT');
    expect(ok(await t.gql('query { caseSettings { version settings } }', {}, tok['yubei.staff'])).caseSettings).toEqual(saved);
  });

  test('a resolved case nobody rated closes once the quiet period has passed; the job closes it once', async () => {
    let c = await asUser('yubei.staff', sh('2026-10-12T10:00:00'), (ctx) =>
      openCase(ctx, { channel: 'HOTLINE', kind: 'CONSULTATION', subject: token('quiet'), strategy: 'ANSWER' }),
    );
    const id = c.row.id;
    c = await asUser('yubei.staff', sh('2026-10-13T10:00:00'), (ctx) =>
      resolveCase(ctx, { id, version: c.row.version, outcome: 'ANSWERED', strategy: 'ANSWER', category: 'POLICY', summary: '已告知办理渠道' }),
    );
    // Resolved Tuesday 10-13 with a quiet period of 2 working days: closes at the end of Thursday 10-15.
    let v = (await read(caseGid(id)))!;
    expect(v).toMatchObject({ status: 'RESOLVED', closesAt: endOf('2026-10-15'), closedAt: null });

    const dueAt = async (now: Date) =>
      (await owner<{ n: number }>(sql`select count(*)::int as n from cases where status = 'RESOLVED' and closes_at <= ${now.toISOString()}::timestamptz`))[0]!.n;
    const before = new Date(new Date(v.closesAt).getTime() - 1);
    const dueBefore = await dueAt(before);
    expect(await closeQuietCases(t.database, t.config, before)).toBe(dueBefore);
    expect((await read(caseGid(id)))!.status).toBe('RESOLVED');

    const after = new Date(new Date(v.closesAt).getTime() + 1);
    const expected = await dueAt(after);
    expect(expected).toBeGreaterThanOrEqual(1);
    expect(await closeQuietCases(t.database, t.config, after)).toBe(expected);
    v = (await read(caseGid(id)))!;
    expect(v).toMatchObject({ status: 'CLOSED', closedAt: after.toISOString(), closesAt: null, allowedEvents: ['NOTE_ADDED', 'REPLIED', 'RATED', 'RATING_APPEALED', 'RATING_APPEAL_DECIDED', 'SUPERVISION_RESPONDED', 'SUPERVISION_REMINDED', 'SUPERVISION_ESCALATED', 'SUPERVISION_CLOSED', 'FLAGGED'] });
    expect(v.ledger.at(-1)).toMatchObject({ type: 'CLOSED', at: after.toISOString(), actor: null, payload: { cause: 'QUIET_PERIOD' } });
    const ledgerLength = v.ledger.length;

    // A second run finds nothing more to close.
    expect(await closeQuietCases(t.database, t.config, after)).toBe(0);
    const dayLater = new Date(after.getTime() + 86_400_000);
    const dueDayLater = await dueAt(dayLater);
    expect(await closeQuietCases(t.database, t.config, dayLater)).toBe(dueDayLater);
    expect((await read(caseGid(id)))!.ledger).toHaveLength(ledgerLength);
  });
});

// ---------------------------------------------------------------------------------------------

describe('notes, replies, reassignment (Art. 6, 10, 13, 23)', () => {
  test('an internal note is on the ledger and never in what the person tracks; a reply is', async () => {
    const receipt = ok(
      await t.gql(
        'mutation($i: SubmitInquiryInput!) { submitInquiry(input: $i) { trackingCode secret number } }',
        { i: { tenantSlug: 'yubei', subject: token('inquiry'), description: '公司拖欠工资怎么办？' } },
      ),
    ).submitInquiry;
    const found = ok(await t.gql('query($s: String) { cases(first: 5, search: $s) { edges { node { id version } } } }', { s: receipt.number }, tok['yubei.staff'])).cases.edges;
    expect(found).toHaveLength(1);
    let c = found[0].node as CaseView;
    const note = `内部备注-${token('note')}`;
    const reply = `您好，可以向劳动监察大队投诉-${token('reply')}`;
    c = await run('addCaseNote', c, { text: note });
    expect(c.ledger.at(-1)).toMatchObject({ type: 'NOTE_ADDED', actor: { username: 'yubei.staff' }, payload: { text: note } });
    c = await run('replyToRequester', c, { text: reply, channel: 'MESSAGE' });
    expect(c.ledger.at(-1)).toMatchObject({ type: 'REPLIED', payload: { text: reply } });
    expect(c.firstResponseAt).toBe(c.ledger.at(-1).at);

    const tracked = ok(
      await t.gql('query($c: String!, $s: String!) { trackCase(code: $c, secret: $s) { status replies { text } materialsRequested { items { key note } } } }', { c: receipt.trackingCode, s: receipt.secret }),
    ).trackCase;
    expect(tracked.replies.map((r: { text: string }) => r.text)).toContain(reply);
    expect(JSON.stringify(tracked)).not.toContain(note);
    expect(JSON.stringify(tracked)).not.toContain('内部备注');
  });

  test('a reply with a forbidden phrase is refused naming the phrase', async () => {
    const c = await open({});
    const err = await refusedUnchanged(c.id, () => call('replyToRequester', c, { text: `您好，${forbiddenPhrase}，请理解。` }), 'BAD_USER_INPUT', ['text']);
    expect(err.extensions?.fields?.text).toContain(forbiddenPhrase);
    // Width, case and spacing do not hide it.
    const spaced = [...forbiddenPhrase].join(' ');
    await refusedUnchanged(c.id, () => call('replyToRequester', c, { text: spaced }), 'BAD_USER_INPUT', ['text']);
    // An internal note is no public text.
    const noted = await run('addCaseNote', c, { text: `当事人情绪激动，称工作人员说了“${forbiddenPhrase}”，需核实` });
    expect(noted.version).toBe(c.version + 1);
  });

  test('reassignment stays inside the handler tenant, to someone who handles cases', async () => {
    let c = await open({});
    for (const to of ['yuzhong.staff', 'longxi.staff', 'yubei.admin', 'city.supervisor']) {
      await refusedUnchanged(c.id, () => call('reassignCase', c, { assigneeId: userGid[to] }), 'BAD_USER_INPUT', ['assigneeId']);
    }
    c = await run('reassignCase', c, { assigneeId: staff2 });
    expect(c).toMatchObject({ assignee: { username: 'yubei.staff.lc2' }, firstResponder: { username: 'yubei.staff' }, status: 'OPEN' });
    expect(c.ledger.at(-1)).toMatchObject({ type: 'ASSIGNED', actor: { username: 'yubei.staff' } });
    // The new assignee carries on; the first responder stays who first received it (Art. 13).
    const mine = ok(await t.gql('query($s: String) { cases(first: 5, search: $s, mine: true) { edges { node { id } } } }', { s: c.subject }, tok['yubei.staff.lc2'])).cases.edges;
    expect(mine.map((e: { node: { id: string } }) => e.node.id)).toEqual([c.id]);
    // … and is told, in a notice of their own (CASE_ASSIGNED, the number, not the subject).
    const notices = ok(await t.gql('{ notifications(first: 20) { edges { node { kind title case { id } } } } }', {}, tok['yubei.staff.lc2'])).notifications.edges;
    const notice = notices.map((e: { node: { kind: string; title: string; case: { id: string } | null } }) => e.node).find((n: { case: { id: string } | null }) => n.case?.id === c.id);
    expect(notice).toMatchObject({ kind: 'CASE_ASSIGNED', title: `分派给您：${c.number}` });
    c = await run('startCase', c, { strategy: 'GUIDE' }, 'yubei.staff.lc2');
    expect(c).toMatchObject({ status: 'IN_PROGRESS', assignee: { username: 'yubei.staff.lc2' }, firstResponder: { username: 'yubei.staff' } });
  });
});

// ---------------------------------------------------------------------------------------------

describe('who may see and handle a case', () => {
  // STAFF and SUPERVISORs take in and handle cases (the `caseworker` scope), so a supervisor a case
  // is assigned to can act on it.
  test('whoever a case may be assigned to can act on it', async () => {
    const c = await open({});
    const r = await call('reassignCase', c, { assigneeId: userGid['yubei.supervisor'] });
    if (r.errors) {
      refused(r, 'BAD_USER_INPUT', ['assigneeId']);
      return;
    }
    const assigned = ok(r).reassignCase.case as CaseView;
    expect(assigned.assignee).toEqual({ username: 'yubei.supervisor' });
    const started = await run('startCase', assigned, { strategy: 'ANSWER' }, 'yubei.supervisor');
    expect(started.status).toBe('IN_PROGRESS');
  });

  test('a sensitive case (Art. 11) is seen by the people handling it and the supervisors above, not by colleagues', async () => {
    const c = await open({ sensitive: true, subject: token('sensitive') });
    expect(c.sensitive).toBe(true);
    expect(await read(c.id, 'yubei.staff')).toMatchObject({ id: c.id });
    expect(await read(c.id, 'yubei.supervisor')).toMatchObject({ id: c.id });
    expect(await read(c.id, 'city.supervisor')).toMatchObject({ id: c.id });
    expect(await read(c.id, 'yubei.staff.lc2')).toBeNull();
    expect(await read(c.id, 'yubei.admin')).toBeNull();
    const listed = ok(await t.gql('query($s: String) { cases(first: 5, search: $s) { totalCount } }', { s: c.subject }, tok['yubei.staff.lc2'])).cases;
    expect(listed.totalCount).toBe(0);
    await refusedUnchanged(c.id, () => call('addCaseNote', c, { text: '同事备注' }, 'yubei.staff.lc2'), 'NOT_FOUND');
    // Assigned to the colleague, it becomes theirs to see; the first responder keeps it (Art. 13).
    const moved = await run('reassignCase', c, { assigneeId: staff2 });
    expect(await read(c.id, 'yubei.staff.lc2')).toMatchObject({ id: c.id, version: moved.version });
    expect(await read(c.id, 'yubei.staff')).toMatchObject({ id: c.id });
  });

  test('another district sees nothing of it and can do nothing with it', async () => {
    const c = await open({ strategy: 'ANSWER' });
    expect(await read(c.id, 'yuzhong.staff')).toBeNull();
    const list = ok(await t.gql('query($s: String) { cases(first: 5, search: $s) { totalCount } }', { s: c.subject }, tok['yuzhong.staff'])).cases;
    expect(list.totalCount).toBe(0);
    const inputs = validInput();
    for (const m of MUTATIONS) {
      const err = await refusedUnchanged(c.id, () => call(m, c, inputs[m], 'yuzhong.staff'), 'NOT_FOUND');
      expect(err.message, m).not.toContain(c.number);
    }
  });

  test('a supervisor of the parent reads it but does not handle it', async () => {
    const c = await open({ strategy: 'ANSWER' });
    const seen = await read(c.id, 'city.supervisor');
    expect(seen).toMatchObject({ id: c.id, number: c.number, status: 'IN_PROGRESS', handlerTenant: { slug: 'yubei' } });
    const inputs = validInput();
    for (const m of MUTATIONS) {
      await refusedUnchanged(c.id, () => call(m, c, inputs[m], 'city.supervisor'), 'FORBIDDEN');
    }
  });

  test('the ledger of everything done here verifies', async () => {
    const v = ok(await t.gql('query { verifyLedger { ok casesChecked eventsChecked brokenAt { reason } } }', {}, tok['yubei.supervisor'])).verifyLedger;
    expect(v).toMatchObject({ ok: true, brokenAt: null });
    expect(v.casesChecked).toBeGreaterThan(50);
  });
});
