import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../server/db/client.js';
import { decodeGlobalId } from '../server/graphql/global-id.js';
import { caseFixture, STAFF2_PASSWORD } from './cases-support.js';
import { type GqlResult, ok, onlyError, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * Personal data (Art. 26), sensitive cases (Art. 11) and the public self-service of left messages
 * (Art. 6, 12, 16): masking everywhere, logged reveals, who sees a sensitive case, inquiry → track →
 * reply → resolve → rate, idempotent intake, per-client rate limits and rating appeals.
 *
 * Tests run in order and build on each other (the cases opened first are revealed, tracked and
 * rated later). Every case is found by id or by a subject token unique to this file.
 */

let t: TestApp;
const tok: Record<string, string> = {};
const ids: Record<string, string> = {};

// The requester of the masking tests (the ID's MOD 11-2 check digit is X).
const NAME = '张三丰';
const PHONE = '13812345678';
const RESIDENT_ID = '11010519491231002X';
const OTHER = 'wx-zhangsanfeng-88';
const FORM_PHONE = '13987654321';
const RAW_VALUES = [NAME, PHONE, RESIDENT_ID, OTHER, FORM_PHONE];

const MOBILE_PATTERN = /1[3-9]\d{9}/;
const RESIDENT_ID_PATTERN = /\d{17}[\dX]/;

const PASSWORD = STAFF2_PASSWORD;

// ---------------------------------------------------------------------------------------------
// Requests and helpers
// ---------------------------------------------------------------------------------------------

const REQUESTER = 'requester { name phone residentId otherContact }';
const CASE = `id number status version subject sensitive channel ${REQUESTER}
  assignee { username } firstResponder { username } handlerTenant { slug }
  flags followUpPending followUpDueAt closedAt
  rating { level label comment ratedAt appeal { status reason note decidedAt } }`;
const OPEN = `mutation($i: OpenCaseInput!) { openCase(input: $i) { case { ${CASE} } } }`;
const GET = `query($id: ID!) { case(id: $id) { ${CASE} ledger { seq type payload } accessLog { field reason user { username } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on Case { subject ${REQUESTER} } } }`;
const SEARCH = `query($s: String!, $channel: [Channel!]) {
  cases(search: $s, channel: $channel, first: 50) { totalCount edges { node { id subject firstResponder { username } assignee { username } } } } }`;
const REVEAL = `mutation($i: RevealRequesterFieldInput!) { revealRequesterField(input: $i) { field value } }`;

const SUBMIT = `mutation($i: SubmitInquiryInput!) { submitInquiry(input: $i) { trackingCode secret number dueAt } }`;
const PUBLIC_CASE = `trackingCode number status subject receivedAt dueAt canRate
  replies { at text } materialsRequested { at items { key note } reason flagged }
  resolution { summary legalBasis riskNotice referredTo at } rejectionReasons rating { level comment at }`;
const TRACK = `query($code: String!, $secret: String!) { trackCase(code: $code, secret: $secret) { ${PUBLIC_CASE} } }`;
const RATE = `mutation($i: RateCaseInput!) { rateCase(input: $i) { case { ${PUBLIC_CASE} } } }`;

const START = `mutation($i: StartCaseInput!) { startCase(input: $i) { case { ${CASE} } } }`;
const NOTE = `mutation($i: CaseTextInput!) { addCaseNote(input: $i) { case { id version } } }`;
const REPLY = `mutation($i: ReplyToRequesterInput!) { replyToRequester(input: $i) { case { ${CASE} } } }`;
const REQUEST_MATERIALS = `mutation($i: RequestMaterialsInput!) { requestMaterials(input: $i) { case { id version status } } }`;
const RECEIVE_MATERIALS = `mutation($i: ReceiveMaterialsInput!) { receiveMaterials(input: $i) { case { id version status } } }`;
const RESOLVE = `mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { id version status } } }`;
const REASSIGN = `mutation($i: ReassignCaseInput!) { reassignCase(input: $i) { case { ${CASE} } } }`;
const APPEAL = `mutation($i: CaseReasonInput!) { appealRating(input: $i) { case { ${CASE} } } }`;
const DECIDE = `mutation($i: DecideRatingAppealInput!) { decideRatingAppeal(input: $i) { case { ${CASE} } } }`;

interface CaseView {
  id: string;
  number: string;
  status: string;
  version: number;
  subject: string;
  sensitive: boolean;
  channel: string;
  requester: { name: string | null; phone: string | null; residentId: string | null; otherContact: string | null };
  assignee: { username: string } | null;
  firstResponder: { username: string } | null;
  flags: string[];
  followUpPending: boolean;
  followUpDueAt: string | null;
  closedAt: string | null;
  rating: {
    level: string;
    label: string;
    comment: string | null;
    ratedAt: string;
    appeal: { status: string; reason: string; note: string | null; decidedAt: string | null } | null;
  } | null;
  ledger?: { seq: number; type: string; payload: any }[];
  accessLog?: { field: string; reason: string; user: { username: string } | null }[];
}

const uuidOf = (globalId: string) => decodeGlobalId(globalId)!.id;

async function openCase(as: string, input: Record<string, unknown>): Promise<CaseView> {
  return ok(await t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'CONSULTATION', ...input } }, tok[as])).openCase.case as CaseView;
}
async function getCase(id: string, as: string): Promise<CaseView | null> {
  return ok(await t.gql(GET, { id }, tok[as])).case as CaseView | null;
}
async function search(as: string, s: string, channel?: string[]) {
  return ok(await t.gql(SEARCH, { s, channel }, tok[as])).cases as {
    totalCount: number;
    edges: { node: { id: string; subject: string; firstResponder: { username: string } | null; assignee: { username: string } | null } }[];
  };
}
async function reveal(as: string, caseId: string, field: string, reason: string) {
  return t.gql(REVEAL, { i: { caseId, field, reason } }, tok[as]);
}

/** What a refusal must leave alone: the case row, its ledger and its access log, read as the owner. */
async function caseState(caseId: string): Promise<string> {
  const id = uuidOf(caseId);
  const row = rowsOf(await t.database.db.execute(sql`select version, status, projection, last_seq, last_hash from cases where id = ${id}::uuid`));
  const events = rowsOf(await t.database.db.execute(sql`select count(*)::int as n from case_events where case_id = ${id}::uuid`));
  const access = rowsOf(await t.database.db.execute(sql`select count(*)::int as n from case_access_log where case_id = ${id}::uuid`));
  return JSON.stringify({ row, events, access });
}
async function refusedUnchanged(caseId: string, run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await caseState(caseId);
  const err = refused(await run(), code, fields);
  expect(await caseState(caseId)).toBe(before);
  return err;
}
async function countCases(): Promise<number> {
  return rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from cases`))[0]!.n;
}
async function accessLogRows(caseId: string): Promise<number> {
  const id = uuidOf(caseId);
  return rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from case_access_log where case_id = ${id}::uuid`))[0]!.n;
}

/** A response body with ids and hashes taken out (hex can hold digit runs that look like a phone). */
function scannable(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/[0-9a-f]{64}/gi, '<hash>');
}
function expectNoPersonalData(text: string, what: string) {
  for (const raw of RAW_VALUES) expect(text.includes(raw), `${what} contains ${raw}`).toBe(false);
  expect(text.match(MOBILE_PATTERN), `${what}: mobile number`).toBeNull();
  expect(text.match(RESIDENT_ID_PATTERN), `${what}: resident ID`).toBeNull();
}

/** An anonymous request from a given client address (the server trusts X-Forwarded-For in the rate-limit app). */
async function fromAddress<T = Record<string, any>>(app: TestApp, address: string, query: string, variables: Record<string, unknown>): Promise<GqlResult<T>> {
  const res = await app.app.fetch(
    new Request('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'x-forwarded-for': address },
      body: JSON.stringify({ query, variables }),
    }),
  );
  return { ...((await res.json()) as GqlResult<T>), status: res.status };
}

let inquiryCount = 0;
/** A valid public inquiry to yubei, with overrides; the subject carries a unique token. */
function inquiry(extra: Record<string, unknown> = {}) {
  inquiryCount += 1;
  return {
    tenantSlug: 'yubei',
    subject: `PUBQ-${inquiryCount} 工资被拖欠怎么办`,
    description: '我在渝北一家工厂上班，老板拖欠了三个月工资，请问应该怎么维权？',
    name: '李四',
    phone: '13700001111',
    ...extra,
  };
}
interface Receipt {
  trackingCode: string;
  secret: string;
  number: string;
  dueAt: string;
}
async function submit(extra: Record<string, unknown> = {}): Promise<Receipt & { subject: string }> {
  const input = inquiry(extra);
  const receipt = ok(await t.gql(SUBMIT, { i: input }, null)).submitInquiry as Receipt;
  return { ...receipt, subject: input.subject as string };
}
async function track(r: { trackingCode: string; secret: string }) {
  return ok(await t.gql(TRACK, { code: r.trackingCode, secret: r.secret }, null)).trackCase;
}
/** The staff-side id of an inquiry, found by its unique subject token in the MESSAGE queue. */
async function caseOfInquiry(subject: string): Promise<string> {
  const found = await search('yubei.staff', subject.split(' ')[0]!, ['MESSAGE']);
  expect(found.totalCount).toBe(1);
  return found.edges[0]!.node.id;
}
/** Start, then resolve as a legal consultation answered (Art. 9: provisions and a risk notice). */
async function startAndResolve(caseId: string, as = 'yubei.staff') {
  let c = ok(await t.gql(START, { i: { id: caseId, version: (await getCase(caseId, as))!.version, strategy: 'ANSWER' } }, tok[as])).startCase.case as CaseView;
  const resolved = ok(
    await t.gql(
      RESOLVE,
      {
        i: {
          id: caseId,
          version: c.version,
          outcome: 'ANSWERED',
          strategy: 'ANSWER',
          category: 'LEGAL',
          summary: '已告知可向劳动监察大队投诉或申请劳动仲裁。',
          legalBasis: '《中华人民共和国劳动争议调解仲裁法》第二十七条',
          riskNotice: '仲裁时效为一年，请尽快申请。',
        },
      },
      tok[as],
    ),
  ).resolveCase.case;
  c = { ...c, ...resolved };
  return c;
}

beforeAll(async () => {
  // The public tests run from one (unknown) client address: lift the per-client limits here; the
  // limits themselves are tested in apps of their own below.
  t = await startTestApp({ INQUIRIES_PER_HOUR: '1000', TRACKING_PER_HOUR: '10000', REVEALS_PER_HOUR: '1000' });
  const fixture = await caseFixture(t, ['yubei.staff',
    'yubei.supervisor',
    'yubei.admin',
    'longxi.staff',
    'yubei.legalaid.staff',
    'yuzhong.staff',
    'city.supervisor',
    'city.admin',
    'jiangbei.admin',
    'mingli.lawyer']);
  Object.assign(tok, fixture.tok);
  Object.assign(ids, fixture.ids);
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------
// 1. Masking (Art. 26)
// ---------------------------------------------------------------------------------------------

describe('personal data is masked in every staff response (Art. 26)', () => {
  test('cases opened with a full requester answer masked at once', async () => {
    const c = await openCase('yubei.staff', {
      subject: 'MASKTOKEN 咨询劳动合同解除',
      serviceItemId: ids['item:consult'],
      requester: { name: NAME, phone: PHONE, residentId: RESIDENT_ID, otherContact: OTHER },
      formData: { consult_type: 'labor', question: '公司单方面解除劳动合同，能否要求赔偿？', mobile: FORM_PHONE },
    });
    ids.masked = c.id;
    expect(c.requester).toEqual({ name: '张**', phone: '138****5678', residentId: '110105********002X', otherContact: 'w***' });
    expectNoPersonalData(scannable(c), 'openCase payload');

    // A matter with the ID only, and a longxi case (a child of yubei).
    const matter = await openCase('yubei.staff', {
      kind: 'MATTER',
      subject: 'MASKTOKEN 申请法律援助',
      requester: { name: NAME, residentId: RESIDENT_ID },
    });
    ids.maskedMatter = matter.id;
    expect(matter.requester).toEqual({ name: '张**', phone: null, residentId: '110105********002X', otherContact: null });
    const longxi = await openCase('longxi.staff', {
      subject: 'MASKTOKEN 龙溪邻里纠纷',
      requester: { name: NAME, phone: PHONE, otherContact: OTHER },
    });
    ids.maskedLongxi = longxi.id;
  });

  test('a broad staff query (list, case, form data, ledger) never carries the unmasked values', async () => {
    const broad = `query($s: String!, $id: ID!) {
      cases(search: $s, first: 50) { totalCount edges { node {
        id number subject description ${REQUESTER} formData
        ledger { seq type payload actor { username displayName } }
        accessLog { field reason }
      } } }
      case(id: $id) { id ${REQUESTER} formData ledger { type payload } materialsRequests { items { key note } } }
      node(id: $id) { id ... on Case { ${REQUESTER} formData } }
    }`;
    for (const as of ['yubei.staff', 'yubei.supervisor', 'yubei.admin', 'city.supervisor', 'city.admin']) {
      const d = ok(await t.gql(broad, { s: 'MASKTOKEN', id: ids.masked }, tok[as]));
      expect(d.cases.totalCount, as).toBe(3);
      expect(d.case.requester, as).toEqual({ name: '张**', phone: '138****5678', residentId: '110105********002X', otherContact: 'w***' });
      // The intake form's PHONE field is masked too; its other answers are not personal.
      expect(d.case.formData.mobile, as).toBe('139****4321');
      expect(d.case.formData.consult_type, as).toBe('labor');
      // The OPENED event's payload: requester masked, form answers left out.
      const opened = d.case.ledger.find((e: { type: string }) => e.type === 'OPENED');
      expect(opened.payload.requester, as).toEqual({ name: '张**', phone: '138****5678', residentId: '110105********002X', otherContact: 'w***' });
      expect(opened.payload.formData, as).toBe('(omitted)');
      expectNoPersonalData(scannable(d), `broad query as ${as}`);
    }
  });

  test('a SUPERVISOR (without STAFF) takes a case in too, and it is masked for them as for anyone', async () => {
    const c = await openCase('yubei.supervisor', { kind: 'MATTER', subject: 'SUPOPEN 督办人员受理', requester: { name: NAME, phone: PHONE } });
    expect(c.firstResponder?.username).toBe('yubei.supervisor');
    expect(c.requester).toMatchObject({ name: '张**', phone: '138****5678' });
  });

  test('bad personal input is refused without echoing the value', async () => {
    const before = await countCases();
    const badPhone = await t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'CONSULTATION', subject: 'MASKBAD 电话错误', requester: { phone: '1381234567' } } }, tok['yubei.staff']);
    const err = refused(badPhone, 'BAD_USER_INPUT', ['requester.phone']);
    expect(JSON.stringify(badPhone).includes('1381234567')).toBe(false);
    expect(err.message.includes('1381234567')).toBe(false);

    // A resident ID with a wrong check digit (the valid one ends in X).
    const badId = await t.gql(OPEN, { i: { channel: 'ONSITE', kind: 'CONSULTATION', subject: 'MASKBAD 身份证错误', requester: { residentId: '110105194912310021' } } }, tok['yubei.staff']);
    refused(badId, 'BAD_USER_INPUT', ['requester.residentId']);
    expect(JSON.stringify(badId).includes('110105194912310021')).toBe(false);

    // The intake form's PHONE field: named, not echoed.
    const badForm = await t.gql(
      OPEN,
      { i: { channel: 'ONSITE', kind: 'CONSULTATION', subject: 'MASKBAD 表单电话', serviceItemId: ids['item:consult'], formData: { consult_type: 'labor', question: '问题', mobile: '1398765432' } } },
      tok['yubei.staff'],
    );
    refused(badForm, 'BAD_USER_INPUT', ['formData.mobile']);
    expect(JSON.stringify(badForm).includes('1398765432')).toBe(false);
    expect(await countCases()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Reveals (Art. 26)
// ---------------------------------------------------------------------------------------------

describe('revealRequesterField: one field, with a reason, logged (Art. 26)', () => {
  test('the handler staff sees one field unmasked; the access log names who, what and why', async () => {
    const r = ok(await reveal('yubei.staff', ids.masked!, 'phone', '  回电告知办理结果  '));
    expect(r.revealRequesterField).toEqual({ field: 'phone', value: PHONE });
    const c = (await getCase(ids.masked!, 'yubei.staff'))!;
    expect(c.accessLog).toEqual([{ field: 'phone', reason: '回电告知办理结果', user: { username: 'yubei.staff' } }]);
    // Revealing shows the one value once: the case itself stays masked.
    expect(c.requester.phone).toBe('138****5678');

    const id = ok(await reveal('yubei.staff', ids.masked!, 'residentId', '核实申请人身份'));
    expect(id.revealRequesterField).toEqual({ field: 'residentId', value: RESIDENT_ID });
    const name = ok(await reveal('yubei.staff', ids.masked!, 'name', '核实申请人身份'));
    expect(name.revealRequesterField.value).toBe(NAME);
    const other = ok(await reveal('yubei.staff', ids.masked!, 'otherContact', '微信联系当事人'));
    expect(other.revealRequesterField.value).toBe(OTHER);
    // A field the requester did not give reveals null (and is still logged).
    const none = ok(await reveal('yubei.supervisor', ids.maskedMatter!, 'phone', '核实联系方式'));
    expect(none.revealRequesterField).toEqual({ field: 'phone', value: null });
    expect(await accessLogRows(ids.masked!)).toBe(4);
  });

  test('a reason of at least 4 characters is required', async () => {
    for (const reason of ['', '   ', 'abc', ' 看 看 ']) {
      await refusedUnchanged(ids.masked!, () => reveal('yubei.staff', ids.masked!, 'phone', reason), 'BAD_USER_INPUT', ['reason']);
    }
  });

  test('supervisors of the handler tenant and above may reveal; nobody else', async () => {
    // SUPERVISOR of the handler tenant, and of the root above it.
    expect(ok(await reveal('yubei.supervisor', ids.masked!, 'phone', '督办回访核实')).revealRequesterField.value).toBe(PHONE);
    expect(ok(await reveal('city.supervisor', ids.masked!, 'phone', '市局督办回访')).revealRequesterField.value).toBe(PHONE);
    // Another STAFF of the handler tenant handles its cases too.
    expect(ok(await reveal('yubei.staff2', ids.masked!, 'name', '接续办理核实')).revealRequesterField.value).toBe(NAME);
    const log = (await getCase(ids.masked!, 'city.supervisor'))!.accessLog!;
    expect(log.map((e) => e.user?.username).sort()).toEqual(
      ['city.supervisor', 'yubei.staff', 'yubei.staff', 'yubei.staff', 'yubei.staff', 'yubei.staff2', 'yubei.supervisor'].sort(),
    );

    // An ADMIN-only user of the handler tenant sees the case but may not unmask it.
    expect(await getCase(ids.masked!, 'yubei.admin')).not.toBeNull();
    await refusedUnchanged(ids.masked!, () => reveal('yubei.admin', ids.masked!, 'phone', '管理员想看看'), 'FORBIDDEN');
    // ADMIN of the root: same.
    await refusedUnchanged(ids.masked!, () => reveal('city.admin', ids.masked!, 'phone', '管理员想看看'), 'FORBIDDEN');
    // Another district's staff and supervisor, a child office, a law firm below yubei: the case is not theirs to see.
    for (const as of ['yuzhong.staff', 'jiangbei.admin', 'longxi.staff', 'yubei.legalaid.staff', 'mingli.lawyer']) {
      const err = await refusedUnchanged(ids.masked!, () => reveal(as, ids.masked!, 'phone', '随便看看号码'), 'NOT_FOUND');
      expect(err.message.includes(PHONE), as).toBe(false);
    }
    // Staff of the parent on a child's case: it sees the case (its subtree) but does not handle it.
    expect(await getCase(ids.maskedLongxi!, 'yubei.staff')).not.toBeNull();
    await refusedUnchanged(ids.maskedLongxi!, () => reveal('yubei.staff', ids.maskedLongxi!, 'phone', '上级窗口核实'), 'FORBIDDEN');
    // ... while a supervisor above the child may, and the child's own staff may.
    expect(ok(await reveal('yubei.supervisor', ids.maskedLongxi!, 'phone', '督办龙溪案件')).revealRequesterField.value).toBe(PHONE);
    expect(ok(await reveal('longxi.staff', ids.maskedLongxi!, 'otherContact', '联系当事人调解')).revealRequesterField.value).toBe(OTHER);
    // Anonymous: never.
    refused(await reveal('nobody', ids.masked!, 'phone', '匿名想看号码'), 'UNAUTHENTICATED');
  });

  test('the first responder may reveal even without a handling role', async () => {
    // A STAFF user takes a case in, then loses the STAFF role: still its first responder (Art. 13).
    const user = ok(
      await t.gql(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id version } } }',
        { i: { tenantId: ids['tenant:yubei'], username: 'yubei.intake', displayName: '渝北导办 临时', password: PASSWORD, roles: ['STAFF'] } },
        tok['yubei.admin'],
      ),
    ).createUser.user;
    tok['yubei.intake'] = await t.login('yubei.intake', PASSWORD);
    const c = await openCase('yubei.intake', { subject: 'MASKFR 首问人揭示', requester: { phone: PHONE } });
    ok(await t.gql('mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { roles } } }', { i: { id: user.id, version: user.version, roles: ['ADMIN'] } }, tok['yubei.admin']));
    tok['yubei.intake'] = await t.login('yubei.intake', PASSWORD);
    expect(ok(await reveal('yubei.intake', c.id, 'phone', '首问负责回访')).revealRequesterField.value).toBe(PHONE);
    // yubei.admin, ADMIN only and not the first responder, may not.
    await refusedUnchanged(c.id, () => reveal('yubei.admin', c.id, 'phone', '管理员想看看'), 'FORBIDDEN');
  });

  test('reveals are rate-limited per user: the 4th of 3 an hour is RATE_LIMITED and logs nothing', async () => {
    const limited = await startTestApp({ REVEALS_PER_HOUR: '3' });
    try {
      const staff = await limited.login('yubei.staff');
      const supervisor = await limited.login('yubei.supervisor');
      const opened = ok(
        await limited.gql(OPEN, { i: { channel: 'HOTLINE', kind: 'CONSULTATION', subject: 'RATE 揭示限流', requester: { name: NAME, phone: PHONE } } }, staff),
      ).openCase.case as CaseView;
      const count = async () =>
        rowsOf<{ n: number }>(await limited.database.db.execute(sql`select count(*)::int as n from case_access_log where case_id = ${uuidOf(opened.id)}::uuid`))[0]!.n;
      for (const field of ['phone', 'name', 'phone']) {
        const r = await limited.gql(REVEAL, { i: { caseId: opened.id, field, reason: '回电核实身份' } }, staff);
        expect(r.errors).toBeUndefined();
      }
      expect(await count()).toBe(3);
      const fourth = await limited.gql(REVEAL, { i: { caseId: opened.id, field: 'phone', reason: '回电核实身份' } }, staff);
      refused(fourth, 'RATE_LIMITED');
      expect(JSON.stringify(fourth).includes(PHONE)).toBe(false);
      expect(await count()).toBe(3);
      // The limit is the user's own: a colleague still may.
      const other = await limited.gql(REVEAL, { i: { caseId: opened.id, field: 'phone', reason: '督办回访核实' } }, supervisor);
      expect(other.errors).toBeUndefined();
      expect(await count()).toBe(4);
    } finally {
      await limited.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Sensitive cases (Art. 11)
// ---------------------------------------------------------------------------------------------

describe('sensitive cases are for the people handling them and supervisors (Art. 11)', () => {
  const SUBJECT = 'SENSTOKEN 群体上访事宜';

  test('visible to its first responder and to SUPERVISORs of yubei and above only', async () => {
    const c = await openCase('yubei.staff', { subject: SUBJECT, sensitive: true, requester: { name: NAME } });
    ids.sensitive = c.id;
    expect(c.sensitive).toBe(true);

    for (const as of ['yubei.staff', 'yubei.supervisor', 'city.supervisor']) {
      expect((await getCase(c.id, as))?.subject, as).toBe(SUBJECT);
      expect((await search(as, 'SENSTOKEN')).totalCount, as).toBe(1);
    }
    for (const as of ['yubei.staff2', 'yubei.admin', 'city.admin', 'yuzhong.staff', 'jiangbei.admin', 'longxi.staff', 'mingli.lawyer']) {
      expect(await getCase(c.id, as), as).toBeNull();
      expect((await search(as, 'SENSTOKEN')).totalCount, as).toBe(0);
      expect(ok(await t.gql(NODE, { id: c.id }, tok[as])).node, as).toBeNull();
      expect(ok(await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [c.id] }, tok[as])).nodes, as).toEqual([null]);
    }
    // Its assignee reaches it through node too.
    expect(ok(await t.gql(NODE, { id: c.id }, tok['yubei.staff'])).node.subject).toBe(SUBJECT);
  });

  // The Node interface: "`node`/`nodes` return null for ids you may not see" — and the case for
  // those who may, with the same rule as case(id) and the queue.
  test('the supervisors who see a sensitive case get it through node(id) and nodes too', async () => {
    for (const as of ['yubei.supervisor', 'city.supervisor']) {
      expect(ok(await t.gql(NODE, { id: ids.sensitive }, tok[as])).node?.subject, as).toBe(SUBJECT);
      expect(ok(await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [ids.sensitive] }, tok[as])).nodes, as).toEqual([{ id: ids.sensitive }]);
    }
  });

  test('commands of those who may not see it are NOT_FOUND, not FORBIDDEN', async () => {
    const version = (await getCase(ids.sensitive!, 'yubei.staff'))!.version;
    await refusedUnchanged(ids.sensitive!, () => t.gql(NOTE, { i: { id: ids.sensitive, version, text: '我也想看看' } }, tok['yubei.staff2']), 'NOT_FOUND');
    await refusedUnchanged(ids.sensitive!, () => reveal('yubei.staff2', ids.sensitive!, 'name', '接续办理核实'), 'NOT_FOUND');
    await refusedUnchanged(ids.sensitive!, () => reveal('yubei.admin', ids.sensitive!, 'name', '管理员核实'), 'NOT_FOUND');
  });

  test('reassigned to another staff member: the new assignee sees it, the first responder keeps it', async () => {
    const c = (await getCase(ids.sensitive!, 'yubei.staff'))!;
    const moved = ok(await t.gql(REASSIGN, { i: { id: c.id, version: c.version, assigneeId: ids['user:yubei.staff2'] } }, tok['yubei.staff'])).reassignCase
      .case as CaseView;
    expect(moved.assignee?.username).toBe('yubei.staff2');
    expect((await getCase(c.id, 'yubei.staff2'))?.subject).toBe(SUBJECT);
    expect((await search('yubei.staff2', 'SENSTOKEN')).totalCount).toBe(1);
    expect((await getCase(c.id, 'yubei.staff'))?.firstResponder?.username).toBe('yubei.staff');
    expect(await getCase(c.id, 'yubei.admin')).toBeNull();
  });

  test('never in public output', async () => {
    const pub = await t.gql('{ publicTenant(slug: "yubei") { tenant { name } serviceItems { content { name } } commitments { title } } }', {}, null);
    expect(pub.errors).toBeUndefined();
    expect(JSON.stringify(pub).includes('SENSTOKEN')).toBe(false);
    const page = await t.app.fetch(new Request('http://127.0.0.1/public/yubei'));
    expect(page.status).toBe(200);
    expect((await page.text()).includes('SENSTOKEN')).toBe(false);
  });

  // The ledger export (Art. 18) is open to ADMINs and SUPERVISORs of the tenant; a sensitive case's
  // OPENED event carries its subject and description, so its events are left out for a viewer who
  // may not see the case (yubei.admin).
  test('the ledger CSV export leaves out a sensitive case for an ADMIN who may not see it', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const res = await t.app.fetch(
      new Request(`http://127.0.0.1/ledger/export.csv?tenantId=${uuidOf(ids['tenant:yubei']!)}&from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${tok['yubei.admin']}` },
      }),
    );
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain('MASKTOKEN'); // the export works and holds yubei's ordinary cases
    expect(csv.includes('SENSTOKEN')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The public flow (Art. 6, 12, 16, 21)
// ---------------------------------------------------------------------------------------------

describe('public self-service: inquiry, tracking, replies, resolution, rating', () => {
  let receipt: Receipt & { subject: string };

  test('an anonymous inquiry gets a tracking code, a secret, a number and a due date', async () => {
    receipt = await submit({ name: NAME, phone: PHONE, otherContact: OTHER });
    expect(receipt.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(receipt.secret.length).toBeGreaterThanOrEqual(24);
    expect(receipt.number).toMatch(/^YUBEI-\d{4}-\d{6}$/);
    expect(new Date(receipt.dueAt).getTime()).toBeGreaterThan(Date.now());

    const view = await track(receipt);
    expect(view).toMatchObject({
      trackingCode: receipt.trackingCode,
      number: receipt.number,
      status: 'OPEN',
      subject: receipt.subject,
      dueAt: receipt.dueAt,
      replies: [],
      materialsRequested: [],
      resolution: null,
      rating: null,
      canRate: false,
    });
    // Lower case and spaces around the code are accepted.
    expect((await track({ trackingCode: ` ${receipt.trackingCode.toLowerCase()} `, secret: receipt.secret })).number).toBe(receipt.number);
  });

  test('a wrong secret and an unknown code are the same NOT_FOUND', async () => {
    const wrong = onlyError(await t.gql(TRACK, { code: receipt.trackingCode, secret: `${receipt.secret}x` }, null));
    const unknown = onlyError(await t.gql(TRACK, { code: 'AAAA-BBBB-CCCC', secret: receipt.secret }, null));
    expect(wrong.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.extensions?.code).toBe('NOT_FOUND');
    expect(wrong.message).toBe(unknown.message);
    // Nor does a staff token open it without the secret.
    refused(await t.gql(TRACK, { code: receipt.trackingCode, secret: 'nope' }, tok['yubei.staff']), 'NOT_FOUND');
  });

  test('staff see it in the MESSAGE queue, masked, unowned until someone starts it', async () => {
    const found = await search('yubei.staff', receipt.subject.split(' ')[0]!, ['MESSAGE']);
    expect(found.totalCount).toBe(1);
    expect(found.edges[0]!.node.firstResponder).toBeNull();
    expect(found.edges[0]!.node.assignee).toBeNull();
    ids.inquiry = found.edges[0]!.node.id;
    const c = (await getCase(ids.inquiry, 'yubei.supervisor'))!;
    expect(c.channel).toBe('MESSAGE');
    expect(c.number).toBe(receipt.number);
    expect(c.requester).toEqual({ name: '张**', phone: '138****5678', residentId: null, otherContact: 'w***' });
    // Not in another district's queue.
    expect((await search('yuzhong.staff', receipt.subject.split(' ')[0]!)).totalCount).toBe(0);

    const started = ok(await t.gql(START, { i: { id: c.id, version: c.version, strategy: 'ANSWER' } }, tok['yubei.staff2'])).startCase.case as CaseView;
    expect(started.firstResponder?.username).toBe('yubei.staff2');
    expect(started.status).toBe('IN_PROGRESS');
    expect((await track(receipt)).status).toBe('IN_PROGRESS');
  });

  test('an internal note never shows; a reply does', async () => {
    let c = (await getCase(ids.inquiry!, 'yubei.staff2'))!;
    ok(await t.gql(NOTE, { i: { id: c.id, version: c.version, text: 'INTERNAL-NOTE 需要请示科长' } }, tok['yubei.staff2']));
    let view = await track(receipt);
    expect(view.replies).toEqual([]);
    expect(JSON.stringify(view).includes('INTERNAL-NOTE')).toBe(false);

    c = (await getCase(ids.inquiry!, 'yubei.staff2'))!;
    ok(await t.gql(REPLY, { i: { id: c.id, version: c.version, text: '您好，您的留言已收到，我们正在为您查询相关规定。' } }, tok['yubei.staff2']));
    view = await track(receipt);
    expect(view.replies.map((r: { text: string }) => r.text)).toEqual(['您好，您的留言已收到，我们正在为您查询相关规定。']);
    expect(JSON.stringify(view).includes('INTERNAL-NOTE')).toBe(false);
    // Nothing of the staff or of personal data in the public view.
    expect(JSON.stringify(view).includes('yubei.staff2')).toBe(false);
    expectNoPersonalData(scannable(view), 'trackCase');
  });

  test('a materials request shows its items; the resolution shows summary, legal basis and risk notice', async () => {
    let c = (await getCase(ids.inquiry!, 'yubei.staff2'))!;
    ok(
      await t.gql(
        REQUEST_MATERIALS,
        {
          i: {
            id: c.id,
            version: c.version,
            items: [
              { key: 'other:labor-contract', note: '请提供劳动合同或工作证' },
              { key: 'other:wage-proof', note: '请提供工资条或欠条' },
            ],
          },
        },
        tok['yubei.staff2'],
      ),
    );
    let view = await track(receipt);
    expect(view.status).toBe('AWAITING_MATERIALS');
    expect(view.materialsRequested).toHaveLength(1);
    expect(view.materialsRequested[0].items).toEqual([
      { key: 'other:labor-contract', note: '请提供劳动合同或工作证' },
      { key: 'other:wage-proof', note: '请提供工资条或欠条' },
    ]);
    expect(view.canRate).toBe(false);

    c = (await getCase(ids.inquiry!, 'yubei.staff2'))!;
    ok(await t.gql(RECEIVE_MATERIALS, { i: { id: c.id, version: c.version } }, tok['yubei.staff2']));
    c = (await getCase(ids.inquiry!, 'yubei.staff2'))!;
    ok(
      await t.gql(
        RESOLVE,
        {
          i: {
            id: c.id,
            version: c.version,
            outcome: 'ANSWERED',
            strategy: 'ANSWER',
            category: 'LEGAL',
            summary: '建议先向劳动保障监察大队投诉，也可申请劳动仲裁。',
            legalBasis: '《保障农民工工资支付条例》第五十条',
            riskNotice: '申请仲裁的时效期间为一年。',
          },
        },
        tok['yubei.staff2'],
      ),
    );
    view = await track(receipt);
    expect(view.status).toBe('RESOLVED');
    expect(view.dueAt).toBeNull();
    expect(view.resolution).toMatchObject({
      summary: '建议先向劳动保障监察大队投诉，也可申请劳动仲裁。',
      legalBasis: '《保障农民工工资支付条例》第五十条',
      riskNotice: '申请仲裁的时效期间为一年。',
      referredTo: null,
    });
    expect(view.canRate).toBe(true);
  });

  test('rating a resolved case once closes it (cause RATED); a second rating is CONFLICT', async () => {
    const rated = ok(await t.gql(RATE, { i: { code: receipt.trackingCode, secret: receipt.secret, level: 'VERY_SATISFIED', comment: '答复很及时' } }, null))
      .rateCase.case;
    expect(rated.status).toBe('CLOSED');
    expect(rated.rating).toMatchObject({ level: 'VERY_SATISFIED', comment: '答复很及时' });
    expect(rated.canRate).toBe(false);
    const c = (await getCase(ids.inquiry!, 'yubei.staff2'))!;
    expect(c.status).toBe('CLOSED');
    expect(c.closedAt).not.toBeNull();
    expect(c.rating?.level).toBe('VERY_SATISFIED');
    expect(c.followUpPending).toBe(false);
    const closed = c.ledger!.filter((e) => e.type === 'CLOSED');
    expect(closed.map((e) => e.payload.cause)).toEqual(['RATED']);
    // The rater is nobody in particular.
    expect(c.ledger!.slice(-2).map((e) => e.type)).toEqual(['RATED', 'CLOSED']);

    await refusedUnchanged(
      ids.inquiry!,
      () => t.gql(RATE, { i: { code: receipt.trackingCode, secret: receipt.secret, level: 'VERY_DISSATISFIED' } }, null),
      'CONFLICT',
    );
    // A wrong secret cannot rate.
    const other = await submit();
    await refusedUnchanged(
      await caseOfInquiry(other.subject),
      () => t.gql(RATE, { i: { code: other.trackingCode, secret: receipt.secret, level: 'DISSATISFIED' } }, null),
      'NOT_FOUND',
    );
  });

  test('rating before resolution is CONFLICT', async () => {
    const fresh = await submit();
    const id = await caseOfInquiry(fresh.subject);
    await refusedUnchanged(id, () => t.gql(RATE, { i: { code: fresh.trackingCode, secret: fresh.secret, level: 'SATISFIED' } }, null), 'CONFLICT');
    expect((await track(fresh)).rating).toBeNull();
  });

  test('a DISSATISFIED rating opens a follow-up due in the configured working days; a staff reply answers it', async () => {
    // yubei gives itself 2 working days for follow-ups (Art. 12, 16).
    const settings = ok(await t.gql('{ caseSettings { version settings } }', {}, tok['yubei.admin'])).caseSettings;
    ok(
      await t.gql(
        'mutation($i: SetCaseSettingsInput!) { setCaseSettings(input: $i) { version settings } }',
        { i: { version: settings.version, settings: { ...settings.settings, followUpWorkingDays: 2 } } },
        tok['yubei.admin'],
      ),
    );
    const r = await submit();
    const id = await caseOfInquiry(r.subject);
    await startAndResolve(id);
    const rated = ok(await t.gql(RATE, { i: { code: r.trackingCode, secret: r.secret, level: 'DISSATISFIED', comment: '等太久了' } }, null)).rateCase.case;
    expect(rated.status).toBe('CLOSED');
    const c = (await getCase(id, 'yubei.staff'))!;
    expect(c.rating).toMatchObject({ level: 'DISSATISFIED', label: '不满意', comment: '等太久了', appeal: null });
    expect(c.followUpPending).toBe(true);
    expect(c.flags).toContain('NEGATIVE_RATING');
    const expected = ok(
      await t.gql('query($s: DateTime!, $t: ID) { dueAt(amount: 2, unit: WORKING_DAYS, start: $s, tenantId: $t) }', { s: c.rating!.ratedAt, t: ids['tenant:yubei'] }, tok['yubei.staff']),
    ).dueAt;
    expect(c.followUpDueAt).toBe(expected);
    // The follow-up shows in the flagged queue.
    const flagged = ok(await t.gql('query($s: String!) { cases(search: $s, flagged: true) { totalCount } }', { s: r.subject.split(' ')[0] }, tok['yubei.supervisor'])).cases;
    expect(flagged.totalCount).toBe(1);

    const replied = ok(await t.gql(REPLY, { i: { id, version: c.version, text: '非常抱歉让您久等，我们已改进留言答复流程。' } }, tok['yubei.staff'])).replyToRequester
      .case as CaseView;
    expect(replied.followUpPending).toBe(false);
    expect(replied.followUpDueAt).toBeNull();
    expect(replied.status).toBe('CLOSED');
    expect(replied.flags).toContain('NEGATIVE_RATING'); // the flag stays for supervision
    const view = await track(r);
    expect(view.replies.map((x: { text: string }) => x.text)).toEqual(['非常抱歉让您久等，我们已改进留言答复流程。']);
    ids.dissatisfied = id;
    ids.dissatisfiedCode = r.trackingCode;
  });

  test('refused inquiries name the field and create nothing', async () => {
    const before = await countCases();
    // Forbidden phrases (Art. 23) in the subject or description.
    const inSubject = refused(await t.gql(SUBMIT, { i: inquiry({ subject: 'PUBBAD 不归我管的事' }) }, null), 'BAD_USER_INPUT', ['subject']);
    expect(inSubject.extensions?.fields?.subject).toContain('不归我管');
    refused(await t.gql(SUBMIT, { i: inquiry({ description: '窗口说这事办不了，让我找领导去。' }) }, null), 'BAD_USER_INPUT', ['description']);
    // Too long (more than 5000 characters).
    refused(await t.gql(SUBMIT, { i: inquiry({ description: '长'.repeat(5001) }) }, null), 'BAD_USER_INPUT', ['description']);
    expect((await t.gql(SUBMIT, { i: inquiry({ description: '长'.repeat(5000) }) }, null)).errors).toBeUndefined();
    // Unknown tenant; a suspended one.
    refused(await t.gql(SUBMIT, { i: inquiry({ tenantSlug: 'no-such-tenant' }) }, null), 'BAD_USER_INPUT', ['tenantSlug']);
    const firm = ok(await t.gql('query { tenant(slug: "jiulongpo-law") { id version } }', {}, tok['city.admin'])).tenant;
    ok(await t.gql('mutation($i: TenantStatusInput!) { suspendTenant(input: $i) { tenant { status } } }', { i: { id: firm.id, version: firm.version } }, tok['city.admin']));
    refused(await t.gql(SUBMIT, { i: inquiry({ tenantSlug: 'jiulongpo-law' }) }, null), 'BAD_USER_INPUT', ['tenantSlug']);
    // An invalid mobile number is named by the input's own field, not echoed.
    const badPhone = await t.gql(SUBMIT, { i: inquiry({ phone: '1381234567' }) }, null);
    refused(badPhone, 'BAD_USER_INPUT', ['phone']);
    expect(JSON.stringify(badPhone).includes('1381234567')).toBe(false);
    expect(await countCases()).toBe(before + 1); // only the 5000-character one
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Idempotent intake
// ---------------------------------------------------------------------------------------------

describe('idempotent public intake', () => {
  test('the same key and payload give the same code, secret and case; another payload is CONFLICT', async () => {
    const input = inquiry({ idempotencyKey: 'pub-retry-0001' });
    const first = ok(await t.gql(SUBMIT, { i: input }, null)).submitInquiry as Receipt;
    const before = await countCases();
    const again = ok(await t.gql(SUBMIT, { i: input }, null)).submitInquiry as Receipt;
    expect(again).toEqual(first);
    expect(await countCases()).toBe(before);
    expect((await track(again)).number).toBe(first.number);
    expect((await search('yubei.staff', (input.subject as string).split(' ')[0]!)).totalCount).toBe(1);

    const changed = await t.gql(SUBMIT, { i: { ...input, description: `${input.description}（补充）` } }, null);
    refused(changed, 'CONFLICT');
    expect(await countCases()).toBe(before);
    // Another key with the same payload is another message.
    const other = ok(await t.gql(SUBMIT, { i: { ...input, idempotencyKey: 'pub-retry-0002' } }, null)).submitInquiry as Receipt;
    expect(other.trackingCode).not.toBe(first.trackingCode);
    expect(other.secret).not.toBe(first.secret);
    expect(await countCases()).toBe(before + 1);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Per-client rate limits
// ---------------------------------------------------------------------------------------------

describe('anonymous requests are rate-limited per client', () => {
  test('the 3rd inquiry of 2 an hour from one address is RATE_LIMITED, refused ones counted; another address still works', async () => {
    // The budget is per clock hour: start well inside one (bounded wait of at most 30 s).
    const intoHour = Date.now() % 3_600_000;
    if (intoHour > 3_600_000 - 30_000) await new Promise((r) => setTimeout(r, 3_600_000 - intoHour + 1000));
    const limited = await startTestApp({ INQUIRIES_PER_HOUR: '2', TRACKING_PER_HOUR: '3', TRUST_PROXY: 'true' });
    try {
      const A = '203.0.113.7';
      const B = '198.51.100.23';
      const cases = async () => rowsOf<{ n: number }>(await limited.database.db.execute(sql`select count(*)::int as n from cases`))[0]!.n;
      const before = await cases();
      // A refused request is no free retry.
      refused(await fromAddress(limited, A, SUBMIT, { i: inquiry({ phone: '1381234567' }) }), 'BAD_USER_INPUT');
      const ok1 = await fromAddress(limited, A, SUBMIT, { i: inquiry() });
      expect(ok1.errors).toBeUndefined();
      refused(await fromAddress(limited, A, SUBMIT, { i: inquiry() }), 'RATE_LIMITED');
      // A later hop in the header does not change the client (the first one counts).
      refused(await fromAddress(limited, `${A}, 10.0.0.1`, SUBMIT, { i: inquiry() }), 'RATE_LIMITED');
      expect(await cases()).toBe(before + 1);
      const fromB = await fromAddress(limited, B, SUBMIT, { i: inquiry() });
      expect(fromB.errors).toBeUndefined();
      expect(await cases()).toBe(before + 2);

      // Tracking has its own budget: A may still track after its inquiries ran out, 3 times.
      const receipt = ok1.data!.submitInquiry as Receipt;
      for (let i = 0; i < 2; i++) expect((await fromAddress(limited, A, TRACK, { code: receipt.trackingCode, secret: receipt.secret })).errors).toBeUndefined();
      // A failed lookup counts too (no free probing of codes).
      refused(await fromAddress(limited, A, TRACK, { code: 'AAAA-BBBB-CCCC', secret: 'guess' }), 'NOT_FOUND');
      refused(await fromAddress(limited, A, TRACK, { code: receipt.trackingCode, secret: receipt.secret }), 'RATE_LIMITED');
      expect((await fromAddress(limited, B, TRACK, { code: receipt.trackingCode, secret: receipt.secret })).errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Rating appeals (Art. 12, 16)
// ---------------------------------------------------------------------------------------------

describe('rating appeals: the handler tenant appeals, a SUPERVISOR of its parent decides', () => {
  test('appeal → PENDING; a second appeal is CONFLICT', async () => {
    const id = ids.dissatisfied!;
    let c = (await getCase(id, 'yubei.staff'))!;
    // Not before there is a rating.
    const unrated = await submit();
    const unratedId = await caseOfInquiry(unrated.subject);
    const u = (await getCase(unratedId, 'yubei.staff'))!;
    await refusedUnchanged(unratedId, () => t.gql(APPEAL, { i: { id: unratedId, version: u.version, reason: '没有评价可申诉' } }, tok['yubei.staff']), 'CONFLICT');
    // Only the handler tenant appeals.
    await refusedUnchanged(id, () => t.gql(APPEAL, { i: { id, version: c.version, reason: '恶意差评' } }, tok['city.supervisor']), 'FORBIDDEN');
    await refusedUnchanged(id, () => t.gql(APPEAL, { i: { id, version: c.version, reason: '恶意差评' } }, tok['yuzhong.staff']), 'NOT_FOUND');

    const appealed = ok(await t.gql(APPEAL, { i: { id, version: c.version, reason: '评价人多次辱骂工作人员，属恶意差评' } }, tok['yubei.admin'])).appealRating
      .case as CaseView;
    expect(appealed.rating?.appeal).toMatchObject({ status: 'PENDING', reason: '评价人多次辱骂工作人员，属恶意差评', note: null, decidedAt: null });
    expect(appealed.rating).toMatchObject({ level: 'DISSATISFIED', comment: '等太久了' });
    c = appealed;
    await refusedUnchanged(id, () => t.gql(APPEAL, { i: { id, version: c.version, reason: '再申诉一次' } }, tok['yubei.staff']), 'CONFLICT');
  });

  test("the own tenant's supervisor may not decide; a SUPERVISOR of the parent does, once; the rating never changes", async () => {
    const id = ids.dissatisfied!;
    const c = (await getCase(id, 'yubei.staff'))!;
    const input = { id, version: c.version, decision: 'UPHELD', note: '经核查录音，评价人存在辱骂行为' };
    await refusedUnchanged(id, () => t.gql(DECIDE, { i: input }, tok['yubei.supervisor']), 'FORBIDDEN');
    await refusedUnchanged(id, () => t.gql(DECIDE, { i: input }, tok['yubei.staff']), 'FORBIDDEN');
    await refusedUnchanged(id, () => t.gql(DECIDE, { i: input }, tok['jiangbei.admin']), 'NOT_FOUND');

    const decided = ok(await t.gql(DECIDE, { i: input }, tok['city.supervisor'])).decideRatingAppeal.case as CaseView;
    expect(decided.rating).toMatchObject({
      level: 'DISSATISFIED',
      comment: '等太久了',
      ratedAt: c.rating!.ratedAt,
      appeal: { status: 'UPHELD', note: '经核查录音，评价人存在辱骂行为' },
    });
    expect(decided.rating!.appeal!.decidedAt).not.toBeNull();
    await refusedUnchanged(id, () => t.gql(DECIDE, { i: { ...input, version: decided.version, decision: 'DISMISSED' } }, tok['city.supervisor']), 'CONFLICT');
    // The public still sees the rating as given.
    const ledger = (await getCase(id, 'city.supervisor'))!.ledger!.map((e) => e.type);
    expect(ledger.slice(-2)).toEqual(['RATING_APPEALED', 'RATING_APPEAL_DECIDED']);
  });

  test("the municipal bureau has no parent: its own SUPERVISOR decides appeals on its cases", async () => {
    const r = await submit({ tenantSlug: 'cq' });
    const found = await search('city.supervisor', r.subject.split(' ')[0]!, ['MESSAGE']);
    const id = found.edges[0]!.node.id;
    await startAndResolve(id, 'city.supervisor');
    ok(await t.gql(RATE, { i: { code: r.trackingCode, secret: r.secret, level: 'VERY_DISSATISFIED' } }, null));
    let c = (await getCase(id, 'city.supervisor'))!;
    c = ok(await t.gql(APPEAL, { i: { id, version: c.version, reason: '评价与事实不符' } }, tok['city.supervisor'])).appealRating.case as CaseView;
    const decided = ok(await t.gql(DECIDE, { i: { id, version: c.version, decision: 'DISMISSED', note: '评价基于真实等待时间' } }, tok['city.supervisor']))
      .decideRatingAppeal.case as CaseView;
    expect(decided.rating).toMatchObject({ appeal: { status: 'DISMISSED' } });
  });

  test('a DISMISSED appeal on another rated case', async () => {
    const r = await submit();
    const id = await caseOfInquiry(r.subject);
    await startAndResolve(id);
    ok(await t.gql(RATE, { i: { code: r.trackingCode, secret: r.secret, level: 'VERY_DISSATISFIED' } }, null));
    let c = (await getCase(id, 'yubei.staff'))!;
    c = ok(await t.gql(APPEAL, { i: { id, version: c.version, reason: '评价与事实不符' } }, tok['yubei.staff'])).appealRating.case as CaseView;
    const decided = ok(await t.gql(DECIDE, { i: { id, version: c.version, decision: 'DISMISSED', note: '评价基于真实等待时间' } }, tok['city.supervisor']))
      .decideRatingAppeal.case as CaseView;
    expect(decided.rating).toMatchObject({ level: 'VERY_DISSATISFIED', comment: null, appeal: { status: 'DISMISSED' } });
    expect(decided.followUpPending).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Last: the server's log lines of everything above
// ---------------------------------------------------------------------------------------------

test('the server log never carries personal data or tracking secrets (Art. 26)', async () => {
  expect(t.logLines.length).toBeGreaterThan(0);
  const text = t.logLines.join('\n');
  for (const raw of [...RAW_VALUES, '1381234567', '110105194912310021']) expect(text.includes(raw), raw).toBe(false);
  expect(text.includes('SENSTOKEN')).toBe(false);
});
