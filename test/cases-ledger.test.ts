import { entryOf } from '../server/usecases/cases/ledger.js';
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { caseAccessLog, caseEvents, cases } from '../schema/db/cases.js';
import { serviceItems } from '../schema/db/catalogue.js';
import { tenants, users } from '../schema/db/tenancy.js';
import { rowsOf, type Tx } from '../server/db/client.js';
import { parseCaseEvent, replay } from '../server/domain/cases/projection.js';
import { ChainVerifier, hashEntry } from '../server/domain/ledger/chain.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { encodeGlobalId } from '../server/graphql/global-id.js';
import { closeQuietCases } from '../server/usecases/cases/close-quiet.js';
import { addCaseNote, resolveCase } from '../server/usecases/cases/lifecycle.js';
import { openCase, type OpenCaseInput } from '../server/usecases/cases/open-case.js';
import { runAs } from '../server/usecases/context.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * The work ledger (Art. 18) end to end: every case change is exactly one hash-chained event written
 * in the same transaction as the case row; the row is the replay of its events; the ledger is
 * append-only for every role; tampering behind the triggers is found by verifyLedger; concurrent
 * writers on one version leave exactly one event; and the CSV export streams a tenant's ledger for
 * a period with personal data masked (Art. 26).
 */

let t: TestApp;
const tok: Record<string, string> = {};
const tenantIds: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};

const SUFFIX = Math.random().toString(36).slice(2, 8);
let serial = 0;
/** A subject token no other case (demo or test) has. */
const unique = (what: string) => `${what} L${SUFFIX}${++serial}`;

const EVENT = 'seq type at recordedAt actor { username } prevHash hash';
const CASE = `id number status version ledger { ${EVENT} }`;
const MUTATIONS: Record<string, string> = {
  openCase: 'OpenCaseInput',
  startCase: 'StartCaseInput',
  reassignCase: 'ReassignCaseInput',
  requestMaterials: 'RequestMaterialsInput',
  receiveMaterials: 'ReceiveMaterialsInput',
  extendDeadline: 'ExtendDeadlineInput',
  addCaseNote: 'CaseTextInput',
  replyToRequester: 'ReplyToRequesterInput',
  resolveCase: 'ResolveCaseInput',
  reopenCase: 'CaseReasonInput',
  rejectCase: 'RejectCaseInput',
  appealRating: 'CaseReasonInput',
  decideRatingAppeal: 'DecideRatingAppealInput',
};

interface LedgerEvent {
  seq: number;
  type: string;
  at: string;
  recordedAt: string;
  actor: { username: string } | null;
  prevHash: string | null;
  hash: string;
}
interface CaseView {
  id: string;
  number: string;
  status: string;
  version: number;
  ledger: LedgerEvent[];
}

// A requester whose every detail must stay out of timelines and exports (Art. 26).
const PERSON = { name: '欧阳娜娜', phone: '13912345678', residentId: '11010519491231002X' };

/** Sends a case mutation; returns the raw result. */
function mutate(app: TestApp, name: string, input: Record<string, unknown>, token: string): Promise<GqlResult> {
  return app.gql(`mutation($i: ${MUTATIONS[name]}!) { ${name}(input: $i) { case { ${CASE} } } }`, { i: input }, token);
}
/** Sends a case mutation that must succeed; returns the case after it. */
async function act(app: TestApp, name: string, input: Record<string, unknown>, token: string): Promise<CaseView> {
  return ok(await mutate(app, name, input, token))[name].case as CaseView;
}
async function readCase(app: TestApp, id: string, token: string): Promise<CaseView> {
  const c = ok(await app.gql(`query($id: ID!) { case(id: $id) { ${CASE} } }`, { id }, token)).case as CaseView | null;
  expect(c, 'case visible').not.toBeNull();
  return c!;
}
function openConsultation(app: TestApp, token: string, extra: Record<string, unknown> = {}) {
  return act(app, 'openCase', { channel: 'ONSITE', kind: 'CONSULTATION', subject: unique('劳动报酬咨询'), ...extra }, token);
}

const LEGAL_ANSWER = {
  outcome: 'ANSWERED',
  strategy: 'ANSWER',
  category: 'LEGAL',
  summary: '已告知劳动报酬争议的仲裁途径和时效',
  legalBasis: '《中华人民共和国劳动争议调解仲裁法》第二十七条',
  riskNotice: '仲裁时效为一年，请尽快申请',
};

/** The shape every timeline must have (Art. 18): seq 1..n, each entry chained to the one before. */
function expectChained(ledger: LedgerEvent[]) {
  ledger.forEach((e, i) => {
    expect(e.seq).toBe(i + 1);
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.prevHash).toBe(i === 0 ? null : ledger[i - 1]!.hash);
  });
}

/** A case as stored, read on the owner connection (no row-level security): the reference. */
async function stored(app: TestApp, caseId: string) {
  const [row] = await app.database.db.select().from(cases).where(eq(cases.id, caseId));
  const events = await app.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
  return { row: row!, events };
}

/** What must not change when a command is refused: the row's version, status and head, and every ledger row. */
async function fingerprint(app: TestApp, caseId: string) {
  const { row, events } = await stored(app, caseId);
  return JSON.stringify({ version: row.version, status: row.status, lastSeq: row.lastSeq, lastHash: row.lastHash, projection: row.projection, events });
}

/** A refused command, checked by its code (and fields), that left the case and its ledger exactly as they were. */
async function refusedUnchanged(app: TestApp, caseId: string, run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await fingerprint(app, caseId);
  const err = refused(await run(), code, fields);
  expect(await fingerprint(app, caseId)).toBe(before);
  return err;
}


/** The Postgres error behind a rejection (drizzle wraps it). */
async function pgError(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    let e = err as { code?: string; message: string; cause?: unknown };
    for (let i = 0; i < 5 && e.cause && !e.code; i++) e = e.cause as typeof e;
    return e;
  }
  throw new Error('expected the statement to be refused');
}

async function loadIds(app: TestApp) {
  for (const r of await app.database.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants)) tenantIds[r.slug] = r.id;
  for (const u of await app.database.db.select().from(users)) {
    viewers[u.username] = { userId: u.id, tenantId: u.tenantId, username: u.username, roles: u.roles as Viewer['roles'] };
  }
}

/** A resident ID number with its check digit (GB 11643). */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The published legal-aid application item yubei-legal-aid adopted (TPL-LEGAL-AID: intake form, materials checklist). */
async function legalAidItem(app: TestApp): Promise<string> {
  const items = await app.database.db
    .select({ id: serviceItems.id })
    .from(serviceItems)
    .where(and(eq(serviceItems.tenantId, tenantIds['yubei-legal-aid']!), eq(serviceItems.status, 'PUBLISHED')));
  expect(items).toHaveLength(1);
  return items[0]!.id;
}
const legalAidForm = (name: string, idNumber: string, mobile: string, facts: string) => ({
  applicant_name: name,
  id_number: idNumber,
  mobile,
  address: '重庆市渝北区龙溪街道',
  matter_type: 'labor_pay',
  special_groups: ['migrant_wage'],
  hardship_basis: 'exempt',
  case_stage: 'not_filed',
  opponent: '某某建筑劳务公司',
  has_agent: false,
  facts,
});

const tenantGid = (slug: string) => encodeGlobalId('Tenant', tenantIds[slug]!);
const rawId = (gid: string) => Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]!;

beforeAll(async () => {
  t = await startTestApp();
  await loadIds(t);
  for (const u of ['yubei.staff', 'yubei.supervisor', 'yubei.admin', 'city.admin', 'city.supervisor', 'jiangbei.admin', 'yuzhong.staff', 'longxi.staff', 'yubei.legalaid.staff']) {
    tok[u] = await t.login(u);
  }
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------
// 1. One change, one event, same transaction.
// ---------------------------------------------------------------------------------------------

describe('every case change writes exactly one chained ledger event (Art. 18)', () => {
  let lifecycle: CaseView;

  test('a whole lifecycle: seq 1..n without gaps, each prevHash the previous hash, version == n', async () => {
    const s = tok['yubei.staff']!;
    let c = await openConsultation(t, s, { requester: PERSON });
    expect(c.version).toBe(1);
    expect(c.ledger.map((e) => e.type)).toEqual(['OPENED']);
    const steps: [string, Record<string, unknown>][] = [
      ['startCase', { strategy: 'ANSWER' }],
      ['requestMaterials', { items: [{ key: 'other:contract', note: '请提供劳动合同复印件' }] }],
      ['receiveMaterials', { note: '已收到劳动合同复印件' }],
      ['addCaseNote', { text: '内部记录：当事人情绪平稳' }],
      ['replyToRequester', { text: '您好，材料已收到，我们正在核实。', channel: 'ONSITE' }],
      ['resolveCase', LEGAL_ANSWER],
      ['reopenCase', { reason: '当事人补充了新的欠薪事实' }],
      ['resolveCase', { ...LEGAL_ANSWER, summary: '补充事实后再次答复' }],
    ];
    for (const [name, input] of steps) {
      const before = c;
      c = await act(t, name, { id: c.id, version: c.version, ...input }, s);
      expect(c.version, name).toBe(before.version + 1);
      expect(c.ledger, name).toHaveLength(before.ledger.length + 1);
      // What was there is untouched: a new event is appended, nothing rewritten.
      expect(c.ledger.slice(0, -1), name).toEqual(before.ledger);
    }
    expect(c.ledger.map((e) => e.type)).toEqual([
      'OPENED',
      'STARTED',
      'MATERIALS_REQUESTED',
      'MATERIALS_RECEIVED',
      'NOTE_ADDED',
      'REPLIED',
      'RESOLVED',
      'REOPENED',
      'RESOLVED',
    ]);
    expect(c.status).toBe('RESOLVED');
    expect(c.version).toBe(9);
    expectChained(c.ledger);
    for (const e of c.ledger) {
      expect(e.actor).toEqual({ username: 'yubei.staff' });
      expect(Date.parse(e.at)).toBeLessThanOrEqual(Date.parse(e.recordedAt));
    }
    // The case row's head is the last event, written with it.
    const { row, events } = await stored(t, rawId(c.id));
    expect(row.lastSeq).toBe(9);
    expect(row.lastHash).toBe(c.ledger[8]!.hash);
    expect(events.map((e) => e.hash)).toEqual(c.ledger.map((e) => e.hash));
    expect(await readCase(t, c.id, s)).toEqual(c);
    // The timeline shows the intake with the requester masked (Art. 26); the ledger row keeps it whole.
    const timeline = ok(await t.gql('query($id: ID!) { case(id: $id) { ledger { seq payload } } }', { id: c.id }, s)).case.ledger;
    for (const v of Object.values(PERSON)) expect(JSON.stringify(timeline)).not.toContain(v);
    expect((events[0]!.payload as { requester: unknown }).requester).toEqual({ ...PERSON, otherContact: null });
    lifecycle = c;
  });

  test('an intake that is taken up at once is two changes: OPENED and STARTED, versions 1 and 2', async () => {
    const c = await openConsultation(t, tok['yubei.staff']!, { strategy: 'GUIDE', handlingMode: 'ON_THE_SPOT' });
    expect(c.ledger.map((e) => e.type)).toEqual(['OPENED', 'STARTED']);
    expect(c.version).toBe(2);
    expect(c.status).toBe('IN_PROGRESS');
    expectChained(c.ledger);
  });

  test('refused commands add no event: bad input, stale version, illegal state, no access (the case is unchanged)', async () => {
    const s = tok['yubei.staff']!;
    const c = lifecycle;
    const id = rawId(c.id);
    // Bad input.
    await refusedUnchanged(t, id, () => mutate(t, 'addCaseNote', { id: c.id, version: c.version, text: '   ' }, s), 'BAD_USER_INPUT', ['text']);
    await refusedUnchanged(t, id, () => mutate(t, 'reopenCase', { id: c.id, version: c.version, reason: '' }, s), 'BAD_USER_INPUT', ['reason']);
    await refusedUnchanged(t, id, () => mutate(t, 'addCaseNote', { id: c.id, version: 0, text: '版本号无效' }, s), 'BAD_USER_INPUT', ['version']);
    // Stale version: someone else's change came first.
    await refusedUnchanged(t, id, () => mutate(t, 'addCaseNote', { id: c.id, version: c.version - 1, text: '过期版本' }, s), 'CONFLICT');
    await refusedUnchanged(t, id, () => mutate(t, 'addCaseNote', { id: c.id, version: c.version + 1, text: '未来版本' }, s), 'CONFLICT');
    // Illegal state (states.ts): materials are not awaited, a resolved case is not resolved again.
    await refusedUnchanged(t, id, () => mutate(t, 'receiveMaterials', { id: c.id, version: c.version }, s), 'CONFLICT');
    await refusedUnchanged(t, id, () => mutate(t, 'resolveCase', { id: c.id, version: c.version, ...LEGAL_ANSWER }, s), 'CONFLICT');
    await refusedUnchanged(t, id, () => mutate(t, 'startCase', { id: c.id, version: c.version, strategy: 'ANSWER' }, s), 'CONFLICT');
    await refusedUnchanged(
      t,
      id,
      () => mutate(t, 'requestMaterials', { id: c.id, version: c.version, items: [{ key: 'other:contract', note: '请提供劳动合同原件' }] }, s),
      'CONFLICT',
    );
    // Not the handler: an admin does not handle cases; another district does not see it; a child office neither.
    await refusedUnchanged(t, id, () => mutate(t, 'addCaseNote', { id: c.id, version: c.version, text: '管理员记录' }, tok['yubei.admin']!), 'FORBIDDEN');
    await refusedUnchanged(t, id, () => mutate(t, 'addCaseNote', { id: c.id, version: c.version, text: '越权记录' }, tok['yuzhong.staff']!), 'NOT_FOUND');
    await refusedUnchanged(t, id, () => mutate(t, 'addCaseNote', { id: c.id, version: c.version, text: '下级记录' }, tok['longxi.staff']!), 'NOT_FOUND');
    expect((await readCase(t, c.id, s)).ledger).toHaveLength(9);
  });

  // canonical.ts refuses lone surrogates (PostgreSQL's jsonb rejects them); a client can send one as
  // the JSON escape "\ud800" in any text.
  const LONE_SURROGATE = 'broken \ud800 text';

  test('a text with no canonical JSON form (a lone surrogate) adds no event', async () => {
    const c = await openConsultation(t, tok['yubei.staff']!);
    const id = rawId(c.id);
    const before = await fingerprint(t, id);
    const r = await mutate(t, 'addCaseNote', { id: c.id, version: c.version, text: LONE_SURROGATE }, tok['yubei.staff']!);
    expect(r.errors).toHaveLength(1);
    expect(await fingerprint(t, id)).toBe(before);
  });

  // Text with no UTF-8 (and so no canonical JSON) form is refused at the door with the input's path,
  // like NUL (server/graphql/nul-guard.ts), not as an internal error deep in the ledger.
  test('a lone surrogate in a note is BAD_USER_INPUT naming the field, not an internal error', async () => {
    const c = await openConsultation(t, tok['yubei.staff']!);
    const r = await mutate(t, 'addCaseNote', { id: c.id, version: c.version, text: LONE_SURROGATE }, tok['yubei.staff']!);
    const err = refused(r, 'BAD_USER_INPUT');
    expect(Object.keys(err.extensions?.fields ?? {})).toEqual([expect.stringMatching(/(^|\.)text$/)]);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Optimistic concurrency: of many writers on one version exactly one wins.
// ---------------------------------------------------------------------------------------------

describe('concurrent updates on one version (Art. 18: one event per change, never two on one seq)', () => {
  test('50 parallel notes with the same version: one succeeds, 49 are CONFLICT, one new event, version + 1', async () => {
    const s = tok['yubei.staff']!;
    const c = await openConsultation(t, s, { strategy: 'ANSWER' });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => mutate(t, 'addCaseNote', { id: c.id, version: c.version, text: `并发记录 ${i}` }, s)),
    );
    const wins = results.filter((r) => !r.errors);
    const losses = results.filter((r) => r.errors);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(49);
    for (const r of losses) refused(r, 'CONFLICT');
    const after = await readCase(t, c.id, s);
    expect(after.version).toBe(c.version + 1);
    expect(after.ledger).toHaveLength(c.ledger.length + 1);
    expect(after.ledger.at(-1)!.type).toBe('NOTE_ADDED');
    expect(after).toEqual(wins[0]!.data!.addCaseNote.case);
    expectChained(after.ledger);
    const { row, events } = await stored(t, rawId(c.id));
    expect(events).toHaveLength(c.ledger.length + 1);
    expect(row.lastSeq).toBe(events.length);
    expect(row.lastHash).toBe(events.at(-1)!.hash);
  });

  test('a mix of different commands on one version: exactly one is recorded, whichever it is', async () => {
    const s = tok['yubei.staff']!;
    const c = await openConsultation(t, s, { strategy: 'ANSWER' });
    const v = { id: c.id, version: c.version };
    const commands: [string, Record<string, unknown>, string][] = [
      ['addCaseNote', { ...v, text: '并发记录' }, s],
      ['replyToRequester', { ...v, text: '您好，已受理。' }, s],
      ['requestMaterials', { ...v, items: [{ key: 'other:receipt', note: '请提供欠条' }] }, s],
      ['resolveCase', { ...v, ...LEGAL_ANSWER }, s],
      ['replyToRequester', { ...v, text: '您好，正在办理。', channel: 'HOTLINE' }, s],
      ['reassignCase', { ...v, assigneeId: encodeGlobalId('User', viewers['yubei.supervisor']!.userId) }, s],
      ['extendDeadline', { ...v, clock: 'COMMITTED', by: { unit: 'WORKING_DAYS', amount: 1 }, reason: '需要核实', noticeMethod: 'PHONE', noticeAt: new Date().toISOString() }, tok['yubei.supervisor']!],
    ];
    const results = await Promise.all(Array.from({ length: 35 }, (_, i) => commands[i % commands.length]!).map(([n, input, token]) => mutate(t, n, input, token)));
    const wins = results.filter((r) => !r.errors);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) refused(r, 'CONFLICT');
    const after = await readCase(t, c.id, s);
    expect(after.version).toBe(c.version + 1);
    expect(after.ledger).toHaveLength(c.ledger.length + 1);
    expectChained(after.ledger);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Append-only for every role.
// ---------------------------------------------------------------------------------------------

describe('the ledger and the access log are append-only (Art. 18, 26)', () => {
  let caseId: string;

  beforeAll(async () => {
    const c = await openConsultation(t, tok['yubei.staff']!, { requester: PERSON, strategy: 'ANSWER' });
    caseId = rawId(c.id);
    // One access-log row (Art. 26): a reveal with its reason.
    const r = await t.gql(
      'mutation($i: RevealRequesterFieldInput!) { revealRequesterField(input: $i) { field value } }',
      { i: { caseId: c.id, field: 'phone', reason: '需要回电告知办理进度' } },
      tok['yubei.staff']!,
    );
    expect(ok(r).revealRequesterField).toEqual({ field: 'phone', value: PERSON.phone });
  });

  /** One statement as the application role acting for yubei, in its own transaction on the owner connection. */
  const asApp = (stmt: ReturnType<typeof sql>) =>
    t.database.db.transaction(async (tx: Tx) => {
      await tx.execute(sql`set local role tianping_app`);
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantIds.yubei!}, true), set_config('app.user_id', ${viewers['yubei.staff']!.userId}, true)`);
      // The application role sees the rows it would change: the refusal is not an empty match.
      const [seen] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from case_events where case_id = ${caseId}`));
      expect(seen!.n).toBe(2);
      return tx.execute(stmt);
    });

  const snapshotBoth = async () =>
    JSON.stringify({
      events: await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)),
      log: await t.database.db.select().from(caseAccessLog).where(eq(caseAccessLog.caseId, caseId)),
    });

  const statements = (table: 'case_events' | 'case_access_log') =>
    table === 'case_events'
      ? [
          sql`update case_events set payload = '{}'::jsonb where case_id = ${caseId}`,
          sql`delete from case_events where case_id = ${caseId}`,
          sql`truncate case_events`,
        ]
      : [
          sql`update case_access_log set reason = '改写的理由' where case_id = ${caseId}`,
          sql`delete from case_access_log where case_id = ${caseId}`,
          sql`truncate case_access_log`,
        ];

  test.each(['case_events', 'case_access_log'] as const)('%s: the application role may not UPDATE, DELETE or TRUNCATE (no grant)', async (table) => {
    const before = await snapshotBoth();
    for (const stmt of statements(table)) {
      const err = await pgError(asApp(stmt));
      expect(err.code).toBe('42501');
    }
    // Nor switch the guard off: only the table's owner alters it.
    expect((await pgError(asApp(sql.raw(`alter table ${table} disable trigger user`)))).code).toBe('42501');
    expect(await snapshotBoth()).toBe(before);
  });

  test.each(['case_events', 'case_access_log'] as const)('%s: the owner (a superuser here) is refused too, by trigger', async (table) => {
    const before = await snapshotBoth();
    for (const stmt of statements(table)) {
      const err = await pgError(t.database.db.execute(stmt));
      expect(err.code).toBe('42501');
      expect(err.message).toMatch(/append-only/);
    }
    expect(await snapshotBoth()).toBe(before);
  });

  test('TRUNCATE of the cases table with CASCADE does not take the ledger with it', async () => {
    const before = await snapshotBoth();
    const err = await pgError(t.database.db.execute(sql`truncate cases cascade`));
    expect(err.code).toBe('42501');
    expect(err.message).toMatch(/append-only/);
    // Deleting a case with a ledger is refused by the foreign key (ON DELETE RESTRICT).
    // (restrict_violation on PostgreSQL 16+ and PGlite, foreign_key_violation on 15.)
    expect(['23001', '23503']).toContain((await pgError(t.database.db.execute(sql`delete from cases where id = ${caseId}`))).code);
    expect(await snapshotBoth()).toBe(before);
  });

  test('the application role appends through the API only for its own subtree: another district may not insert', async () => {
    const err = await pgError(
      t.database.db.transaction(async (tx: Tx) => {
        await tx.execute(sql`set local role tianping_app`);
        await tx.execute(sql`select set_config('app.tenant_id', ${tenantIds.yuzhong!}, true)`);
        await tx.execute(sql`insert into case_access_log (case_id, tenant_id, viewer_tenant_id, user_id, field, reason, at)
          values (${caseId}, ${tenantIds.yubei!}, ${tenantIds.yuzhong!}, ${viewers['yuzhong.staff']!.userId}, 'phone', '伪造的记录', now())`);
      }),
    );
    expect(err.code).toBe('42501');
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Tamper detection (own database: a tampered tenant stays broken).
// ---------------------------------------------------------------------------------------------

const VERIFY = `query($caseId: ID, $tenantId: ID) { verifyLedger(caseId: $caseId, tenantId: $tenantId) {
  ok casesChecked eventsChecked brokenAt { case { id number } caseNumber seq reason detail } } }`;

describe('verifyLedger finds what was edited behind the triggers', () => {
  let tt: TestApp;
  const tk: Record<string, string> = {};

  beforeAll(async () => {
    tt = await startTestApp();
    for (const u of ['yubei.staff', 'yubei.supervisor', 'yubei.admin', 'city.admin', 'jiangbei.admin', 'longxi.staff', 'yubei.legalaid.staff', 'mingli.lawyer']) {
      tk[u] = await tt.login(u);
    }
  });
  afterAll(() => tt?.close());

  /** A case with a reply at seq 3 and `notes` notes after it, opened by `staff` in their tenant. */
  async function history(staff: string, notes = 2): Promise<CaseView> {
    const s = tk[staff]!;
    let c = await openConsultation(tt, s, { strategy: 'ANSWER', requester: PERSON });
    c = await act(tt, 'replyToRequester', { id: c.id, version: c.version, text: '您好，您的问题已答复。' }, s);
    for (let i = 0; i < notes; i++) c = await act(tt, 'addCaseNote', { id: c.id, version: c.version, text: `记录 ${i + 1}` }, s);
    return c;
  }

  const verify = async (as: string, args: { caseId?: string; tenantId?: string }) => ok(await tt.gql(VERIFY, args, tk[as]!)).verifyLedger;

  /** As the superuser: the user triggers switched off for one transaction, `work` run, switched on again. */
  async function behindTriggers(work: (tx: Tx) => Promise<unknown>, how: 'disable' | 'replica' = 'disable') {
    await tt.database.db.transaction(async (tx: Tx) => {
      if (how === 'replica') await tx.execute(sql`set local session_replication_role = replica`);
      else await tx.execute(sql`alter table case_events disable trigger user`);
      await work(tx);
      if (how === 'disable') await tx.execute(sql`alter table case_events enable trigger user`);
    });
  }

  async function tenantCounts(slug: string) {
    const id = tenantIds[slug]!;
    const scope = or(eq(cases.handlerTenantId, id), eq(cases.originTenantId, id));
    const [c] = await tt.database.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(scope);
    const [e] = await tt.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(scope);
    return { cases: c!.n, events: e!.n };
  }

  test('untampered: ok, with the cases and events checked, for the case and for the whole tenant', async () => {
    const a = await history('yubei.staff');
    await history('yubei.staff', 4);
    expect(await verify('yubei.admin', { caseId: a.id })).toEqual({ ok: true, casesChecked: 1, eventsChecked: 5, brokenAt: null });
    const counts = await tenantCounts('yubei');
    expect(counts.cases).toBeGreaterThanOrEqual(2);
    const whole = { ok: true, casesChecked: counts.cases, eventsChecked: counts.events, brokenAt: null };
    expect(await verify('yubei.admin', {})).toEqual(whole); // default: the viewer's tenant
    expect(await verify('yubei.admin', { tenantId: tenantGid('yubei') })).toEqual(whole);
    expect(await verify('yubei.supervisor', { tenantId: tenantGid('yubei') })).toEqual(whole);
    expect(await verify('city.admin', { tenantId: tenantGid('yubei') })).toEqual(whole); // an ancestor audits
  });

  test('who may audit: STAFF never; another district, a child tenant or an unseen case never', async () => {
    const a = await history('yubei.staff', 0);
    refused(await tt.gql(VERIFY, { caseId: a.id }, tk['yubei.staff']!), 'FORBIDDEN');
    refused(await tt.gql(VERIFY, {}, tk['yubei.staff']!), 'FORBIDDEN');
    // Another district does not see yubei's tenant tree (row-level security): NOT_FOUND, as for its cases.
    refused(await tt.gql(VERIFY, { tenantId: tenantGid('yubei') }, tk['jiangbei.admin']!), 'NOT_FOUND');
    refused(await tt.gql(VERIFY, { tenantId: tenantGid('jiangbei') }, tk['yubei.admin']!), 'NOT_FOUND');
    // mingli.lawyer is an ADMIN of a law firm under yubei: not above yubei.
    refused(await tt.gql(VERIFY, { tenantId: tenantGid('yubei') }, tk['mingli.lawyer']!), 'FORBIDDEN');
    refused(await tt.gql(VERIFY, { caseId: a.id }, tk['mingli.lawyer']!), 'NOT_FOUND');
    // Another district's case does not exist for it (row-level security): no hint it is there.
    refused(await tt.gql(VERIFY, { caseId: a.id }, tk['jiangbei.admin']!), 'NOT_FOUND');
    refused(await tt.gql(VERIFY, { tenantId: tenantGid('yubei') }, null), 'UNAUTHENTICATED');
    refused(await tt.gql(VERIFY, { caseId: tenantGid('yubei') }, tk['yubei.admin']!), 'BAD_USER_INPUT', ['caseId']);
  });

  test('an edited payload (a reply text rewritten): HASH_MISMATCH at its seq, for the case and tenant-wide', async () => {
    const c = await history('yubei.staff');
    const id = rawId(c.id);
    await behindTriggers((tx) =>
      tx.execute(sql`update case_events set payload = jsonb_set(payload, '{text}', '"您好，您的问题不属于我们管辖。"') where case_id = ${id} and seq = 3`),
    );
    // The guard is back: the owner is refused again.
    expect((await pgError(tt.database.db.execute(sql`update case_events set type = type where case_id = ${id}`))).code).toBe('42501');
    const brokenAt = { case: { id: c.id, number: c.number }, caseNumber: c.number, seq: 3, reason: 'HASH_MISMATCH', detail: expect.any(String) };
    const verdict = { ok: false, casesChecked: 0, eventsChecked: 0, brokenAt };
    expect(await verify('yubei.admin', { caseId: c.id })).toEqual(verdict);
    expect(await verify('yubei.admin', {})).toEqual(verdict);
    expect(await verify('city.admin', { tenantId: tenantGid('yubei') })).toEqual(verdict);
    // The detail names no payload data.
    expect(JSON.stringify(await verify('yubei.admin', { caseId: c.id }))).not.toContain('管辖');
  });

  test('the last event deleted: TRUNCATED at the missing seq (the chain alone is valid; the case row knows)', async () => {
    const c = await history('longxi.staff');
    const id = rawId(c.id);
    await behindTriggers((tx) => tx.execute(sql`delete from case_events where case_id = ${id} and seq = 5`), 'replica');
    expect(await stored(tt, id).then((s) => s.events.length)).toBe(4);
    const brokenAt = { case: { id: c.id, number: c.number }, caseNumber: c.number, seq: 5, reason: 'TRUNCATED', detail: expect.any(String) };
    expect(await verify('yubei.admin', { caseId: c.id })).toEqual({ ok: false, casesChecked: 0, eventsChecked: 0, brokenAt });
    expect(await verify('yubei.admin', { tenantId: tenantGid('yubei-longxi') })).toMatchObject({ ok: false, brokenAt });
  });

  test('a rewritten event whose own hash was recomputed: caught at the next one as PREV_HASH_MISMATCH', async () => {
    const c = await history('yubei.legalaid.staff');
    const id = rawId(c.id);
    const reply = (await stored(tt, id)).events.find((e) => e.seq === 3)!;
    const forged = { ...entryOf(reply), payload: { ...(reply.payload as object), text: '您好，此事请自行解决。' } };
    const newHash = hashEntry(forged);
    await behindTriggers((tx) =>
      tx.execute(sql`update case_events set payload = ${JSON.stringify(forged.payload)}::jsonb, hash = ${newHash} where id = ${reply.id}`),
    );
    const brokenAt = { case: { id: c.id, number: c.number }, caseNumber: c.number, seq: 4, reason: 'PREV_HASH_MISMATCH', detail: expect.any(String) };
    expect(await verify('yubei.admin', { caseId: c.id })).toEqual({ ok: false, casesChecked: 0, eventsChecked: 0, brokenAt });
    expect(await verify('yubei.admin', { tenantId: tenantGid('yubei-legal-aid') })).toMatchObject({ ok: false, brokenAt });
  });

  test('the last event rewritten with its hash recomputed: HEAD_MISMATCH (the case row keeps the head)', async () => {
    const c = await history('mingli.lawyer');
    const id = rawId(c.id);
    const last = (await stored(tt, id)).events.at(-1)!;
    const forged = { ...entryOf(last), payload: { ...(last.payload as object), text: '改写后的记录' } };
    await behindTriggers((tx) =>
      tx.execute(sql`update case_events set payload = ${JSON.stringify(forged.payload)}::jsonb, hash = ${hashEntry(forged)} where id = ${last.id}`),
    );
    const brokenAt = { case: { id: c.id, number: c.number }, caseNumber: c.number, seq: 5, reason: 'HEAD_MISMATCH', detail: expect.any(String) };
    expect(await verify('mingli.lawyer', { caseId: c.id })).toEqual({ ok: false, casesChecked: 0, eventsChecked: 0, brokenAt });
    expect(await verify('yubei.admin', { tenantId: tenantGid('mingli-law') })).toMatchObject({ ok: false, brokenAt });
  });

  test('an event deleted from the middle: SEQ_GAP where it was', async () => {
    const c = await history('yubei.staff');
    const id = rawId(c.id);
    await behindTriggers((tx) => tx.execute(sql`delete from case_events where case_id = ${id} and seq = 3`));
    expect(await verify('yubei.admin', { caseId: c.id })).toMatchObject({ ok: false, brokenAt: { seq: 4, reason: 'SEQ_GAP', caseNumber: c.number } });
  });

  test('every event of a case deleted: TRUNCATED at seq 1', async () => {
    const c = await history('yubei.staff', 0);
    const id = rawId(c.id);
    await behindTriggers((tx) => tx.execute(sql`delete from case_events where case_id = ${id}`));
    expect(await verify('yubei.admin', { caseId: c.id })).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'TRUNCATED', caseNumber: c.number } });
  });

  test('a well-chained event appended as the application role behind the API: HEAD_MISMATCH (the row was not moved)', async () => {
    const c = await history('yubei.staff', 0);
    const id = rawId(c.id);
    const last = (await stored(tt, id)).events.at(-1)!;
    const staff = viewers['yubei.staff']!;
    const at = new Date().toISOString();
    const unhashed = {
      caseId: id,
      type: 'NOTE_ADDED',
      tenantId: tenantIds.yubei!,
      actorUserId: staff.userId,
      actorTenantId: staff.tenantId,
      businessAt: at,
      recordedAt: at,
      payload: { text: '补记', feedback: false },
      seq: last.seq + 1,
      prevHash: last.hash,
    };
    await tt.database.db.transaction(async (tx: Tx) => {
      await tx.execute(sql`set local role tianping_app`);
      await tx.execute(sql`select set_config('app.tenant_id', ${staff.tenantId}, true), set_config('app.user_id', ${staff.userId}, true)`);
      await tx.insert(caseEvents).values({
        ...unhashed,
        businessAt: new Date(at),
        recordedAt: new Date(at),
        hash: hashEntry(unhashed),
      });
    });
    expect(await verify('yubei.admin', { caseId: c.id })).toMatchObject({
      ok: false,
      brokenAt: { seq: last.seq + 1, reason: 'HEAD_MISMATCH', caseNumber: c.number },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 6. CSV export by tenant and period.
// ---------------------------------------------------------------------------------------------

/** RFC 4180 records (CRLF line ends, quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

const HEADER = 'recorded_at,business_at,case_number,seq,type,tenant_id,actor_tenant_id,actor_user_id,payload,prev_hash,hash';

/** The export response, its body read chunk by chunk as a client would. */
async function exportCsv(app: TestApp, params: Record<string, string>, token: string | null) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await app.app.fetch(new Request(`http://127.0.0.1/ledger/export.csv?${new URLSearchParams(params)}`, { headers }));
  const chunks: Uint8Array[] = [];
  const reader = res.body!.getReader();
  for (let n = 0; n < 100_000; n++) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const bytes = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  // ignoreBOM: keep the byte-order mark in the text, to see that it is there.
  return { res, chunks: chunks.length, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

describe('CSV export of a tenant ledger for a period (Art. 18)', () => {
  // April 2026 in Chongqing: no other test writes events then.
  const FROM = new Date('2026-04-01T00:00:00+08:00');
  const TO = new Date('2026-05-01T00:00:00+08:00');
  const period = { from: FROM.toISOString(), to: TO.toISOString() };
  const at = (ms: number) => new Date(FROM.getTime() + ms);
  const HOUR = 3_600_000;
  const BULK = 1100; // more than one batch (BATCH = 1000 in server/usecases/cases/ledger.ts)
  let edge: { id: string; number: string };
  let bulk: { id: string; number: string };
  let personal: { id: string; number: string };
  let sameInstant: string[] = [];

  const open = (as: string, now: Date, input: Partial<OpenCaseInput> = {}) =>
    runAs(t.database, t.config, viewers[as]!, (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: unique('导出测试'), ...input }), now);
  const note = (as: string, now: Date, c: { id: string }, text: string) =>
    runAs(
      t.database,
      t.config,
      viewers[as]!,
      async (ctx) => {
        const [row] = await ctx.tx.select({ version: cases.version }).from(cases).where(eq(cases.id, c.id));
        return addCaseNote(ctx, { id: c.id, version: row!.version, text });
      },
      now,
    );

  beforeAll(async () => {
    // On the edges of the period: opened 1 ms before it, notes at its first instant, its last
    // millisecond and at `to` (excluded: the period is [from, to)).
    const e = await open('yubei.staff', new Date(FROM.getTime() - 1));
    edge = { id: e.row.id, number: e.row.number };
    await note('yubei.staff', FROM, edge, '期间开始');
    await note('yubei.staff', new Date(TO.getTime() - 1), edge, '期间最后一毫秒');
    await note('yubei.staff', TO, edge, '期间之后');

    // Personal data on intake (Art. 26).
    const p = await open('yubei.staff', at(HOUR), { requester: PERSON, description: '因拖欠工资前来咨询' });
    personal = { id: p.row.id, number: p.row.number };

    // Many events, each at its own instant, in one transaction.
    const b = await open('yubei.staff', at(2 * HOUR));
    bulk = { id: b.row.id, number: b.row.number };
    await runAs(t.database, t.config, viewers['yubei.staff']!, async (ctx) => {
      let version = b.row.version;
      for (let i = 0; i < BULK; i++) {
        const loaded = await addCaseNote({ ...ctx, now: at(2 * HOUR + (i + 1) * 1000) }, { id: b.row.id, version, text: `批量记录 ${i + 1}` });
        version = loaded.row.version;
      }
    });

    // Intakes taken up at once: OPENED and STARTED share one record time.
    sameInstant = [];
    for (let i = 0; i < 20; i++) {
      const s = await open('yubei.staff', at(3 * HOUR + i * 60_000), { strategy: 'ANSWER' });
      expect(s.row.version).toBe(2);
      sameInstant.push(s.row.number);
    }
  });

  /** The tenant's rows in the period as stored: the reference the export must match. */
  async function expected(slug: string) {
    return t.database.db
      .select({ e: caseEvents, number: cases.number })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(and(eq(caseEvents.tenantId, tenantIds[slug]!), gte(caseEvents.recordedAt, FROM), lt(caseEvents.recordedAt, TO)))
      .orderBy(asc(caseEvents.recordedAt));
  }

  test('200 text/csv: BOM and header, then one row per event of the tenant in the period, streamed in several chunks', async () => {
    const { res, chunks, text } = await exportCsv(t, { tenantId: tenantIds.yubei!, ...period }, tok['yubei.admin']!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-.*\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    // The header, then one batch after another: more than one chunk.
    expect(chunks).toBeGreaterThanOrEqual(3);

    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header!.join(',')).toBe(HEADER);
    const want = await expected('yubei');
    expect(want.length).toBeGreaterThan(1000);
    expect(rows).toHaveLength(want.length);
    const byKey = new Map(want.map((w) => [`${w.number}#${w.e.seq}`, w]));
    const seen = new Set<string>();
    let lastRecorded = '';
    for (const r of rows) {
      const [recordedAt, businessAt, number, seq, type, tenantId, actorTenantId, actorUserId, payload, prevHash, hash] = r;
      const key = `${number}#${seq}`;
      expect(seen.has(key), `${key} twice`).toBe(false);
      seen.add(key);
      const w = byKey.get(key);
      expect(w, key).toBeDefined();
      expect(recordedAt).toBe(w!.e.recordedAt.toISOString());
      expect(businessAt).toBe(w!.e.businessAt.toISOString());
      expect(type).toBe(w!.e.type);
      expect(tenantId).toBe(tenantIds.yubei);
      expect(actorTenantId).toBe(w!.e.actorTenantId ?? '');
      expect(actorUserId).toBe(w!.e.actorUserId ?? '');
      expect(prevHash).toBe(w!.e.prevHash ?? '');
      expect(hash).toBe(w!.e.hash);
      expect(() => JSON.parse(payload!)).not.toThrow();
      // By record time.
      expect(recordedAt! >= lastRecorded).toBe(true);
      lastRecorded = recordedAt!;
    }
    // The bulk case arrives whole and in seq order, across the batch boundary.
    const bulkSeqs = rows.filter((r) => r[2] === bulk.number).map((r) => Number(r[3]));
    expect(bulkSeqs).toEqual(Array.from({ length: BULK + 1 }, (_, i) => i + 1));
  });

  test('events outside [from, to) are left out', async () => {
    const { text } = await exportCsv(t, { tenantId: tenantIds.yubei!, ...period }, tok['yubei.admin']!);
    const rows = parseCsv(text.slice(1)).slice(1);
    const edgeRows = rows.filter((r) => r[2] === edge.number);
    // OPENED (1 ms before) and the note at `to` are out; the notes at `from` and `to - 1 ms` are in.
    expect(edgeRows.map((r) => [r[3], r[0]])).toEqual([
      ['2', FROM.toISOString()],
      ['3', new Date(TO.getTime() - 1).toISOString()],
    ]);
    // A narrower period: only what falls in it.
    const narrow = await exportCsv(t, { tenantId: tenantIds.yubei!, from: at(HOUR).toISOString(), to: at(HOUR + 1).toISOString() }, tok['yubei.admin']!);
    expect(parseCsv(narrow.text.slice(1)).slice(1).map((r) => [r[2], r[3], r[4]])).toEqual([[personal.number, '1', 'OPENED']]);
  });

  test('personal data leaves masked: the name, phone and ID number entered never appear (Art. 26)', async () => {
    const { text } = await exportCsv(t, { tenantId: tenantIds.yubei!, ...period }, tok['yubei.admin']!);
    for (const v of Object.values(PERSON)) expect(text).not.toContain(v);
    const opened = parseCsv(text.slice(1)).find((r) => r[2] === personal.number && r[3] === '1')!;
    const payload = JSON.parse(opened[8]!);
    expect(payload.requester.name).toMatch(/^欧\*+$/);
    expect(payload.requester.phone).not.toBe(PERSON.phone);
    expect(payload.requester.residentId).not.toBe(PERSON.residentId);
    expect(payload.formData).toBe('(omitted)');
  });

  test("an intake form's answers are left out of another tenant's export (legal aid, yubei-legal-aid)", async () => {
    const form = legalAidForm('司马相如', residentId('50011219800101123'), '13700001111', '工程完工后包工头拖欠三个月工资');
    const c = await open('yubei.legalaid.staff', at(4 * HOUR), { kind: 'MATTER', serviceItemId: await legalAidItem(t), formData: form });
    const { res, text } = await exportCsv(t, { tenantId: tenantIds['yubei-legal-aid']!, ...period }, tok['yubei.admin']!);
    expect(res.status).toBe(200);
    const rows = parseCsv(text.slice(1)).slice(1);
    expect(rows.map((r) => [r[2], r[4]])).toEqual([[c.row.number, 'OPENED']]);
    for (const v of [form.applicant_name, form.id_number, form.mobile, form.opponent, form.facts]) expect(text).not.toContain(v);
    expect(JSON.parse(rows[0]![8]!).formData).toBe('(omitted)');
    // Nor in yubei's: the ledger is the tenant's own.
    const yubei = await exportCsv(t, { tenantId: tenantIds.yubei!, ...period }, tok['yubei.admin']!);
    expect(yubei.text).not.toContain(c.row.number);
  });

  test('who may export: 401 without a valid token, 403 for STAFF, 404 for another district, 200 for supervisors and ancestors', async () => {
    const q = { tenantId: tenantIds.yubei!, ...period };
    const noToken = await exportCsv(t, q, null);
    expect(noToken.res.status).toBe(401);
    expect(JSON.parse(noToken.text).error.code).toBe('UNAUTHENTICATED');
    expect((await exportCsv(t, q, 'not-a-token')).res.status).toBe(401);
    const staff = await exportCsv(t, q, tok['yubei.staff']!);
    expect(staff.res.status).toBe(403);
    expect(JSON.parse(staff.text).error.code).toBe('FORBIDDEN');
    expect(staff.text).not.toContain(bulk.number);
    // Another district does not see yubei (row-level security): NOT_FOUND, like verifyLedger.
    const other = await exportCsv(t, q, tok['jiangbei.admin']!);
    expect(other.res.status).toBe(404);
    expect(other.text).not.toContain(bulk.number);
    expect((await exportCsv(t, q, tok['yubei.legalaid.staff']!)).res.status).toBe(403);
    expect((await exportCsv(t, q, tok['yubei.supervisor']!)).res.status).toBe(200);
    const city = await exportCsv(t, q, tok['city.admin']!);
    expect(city.res.status).toBe(200);
    expect(city.text).toContain(bulk.number);
    // No tenantId: the viewer's own.
    const own = await exportCsv(t, period, tok['yubei.admin']!);
    expect(own.res.status).toBe(200);
    expect(own.text).toBe((await exportCsv(t, q, tok['yubei.admin']!)).text);
  });

  test('a bad period is 400 naming the field: from >= to, a missing or malformed instant, more than a year', async () => {
    const bad = async (params: Record<string, string>, fields: string[]) => {
      const { res, text } = await exportCsv(t, { tenantId: tenantIds.yubei!, ...params }, tok['yubei.admin']!);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = JSON.parse(text);
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(body.error.fields).sort()).toEqual(fields);
    };
    await bad({ from: period.to, to: period.from }, ['to']);
    await bad({ from: period.from, to: period.from }, ['to']);
    await bad({ to: period.to }, ['from']);
    await bad({ from: 'yesterday', to: period.to }, ['from']);
    await bad({ from: '2025-01-01T00:00:00Z', to: '2026-05-01T00:00:00Z' }, ['to']);
    // A tenant id that is neither a uuid nor a Tenant global id.
    await bad({ ...period, tenantId: 'yubei' }, ['tenantId']);
  });

  test('the tenant may be given as the global id GraphQL hands out, with the same result', async () => {
    const byUuid = await exportCsv(t, { tenantId: tenantIds.yubei!, ...period }, tok['yubei.admin']!);
    const byGid = await exportCsv(t, { tenantId: tenantGid('yubei'), ...period }, tok['yubei.admin']!);
    expect(byGid.res.status).toBe(200);
    expect(byGid.text).toBe(byUuid.text);
  });

  // Ties in record time are ordered by case and seq: events recorded in one instant (openCase with a
  // strategy: OPENED + STARTED; rateCase: RATED + CLOSED) keep their ledger order.
  test('within one case, events recorded at the same instant come out in seq order', async () => {
    const { text } = await exportCsv(t, { tenantId: tenantIds.yubei!, ...period }, tok['yubei.admin']!);
    const rows = parseCsv(text.slice(1)).slice(1);
    for (const number of sameInstant) {
      expect(rows.filter((r) => r[2] === number).map((r) => r[3]), number).toEqual(['1', '2']);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Replay = projection, and every stored hash recomputes (last: it covers every case above).
// ---------------------------------------------------------------------------------------------

describe('the case row is the replay of its ledger, and every hash recomputes (Art. 18)', () => {
  test('many different histories, through every command the API offers', async () => {
    const s = tok['yubei.staff']!;
    const sup = tok['yubei.supervisor']!;

    // A matter: taken up by appointment, routed, extended, materials twice (the second flagged), rejected, answered after.
    let m = await act(
      t,
      'openCase',
      {
        channel: 'HOTLINE',
        kind: 'MATTER',
        subject: unique('工伤赔偿申请'),
        requester: { name: '李四', phone: '13600001234' },
        urgency: 'URGENT',
        protectedGroups: ['DISABLED'],
        handlingMode: 'BY_APPOINTMENT',
        appointmentAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
      s,
    );
    m = await act(t, 'reassignCase', { id: m.id, version: m.version, assigneeId: encodeGlobalId('User', viewers['yubei.supervisor']!.userId) }, s);
    m = await act(
      t,
      'extendDeadline',
      { id: m.id, version: m.version, clock: 'COMMITTED', by: { unit: 'WORKING_DAYS', amount: 2 }, reason: '需要调取工伤认定材料', noticeMethod: 'PHONE', noticeAt: new Date().toISOString() },
      sup,
    );
    m = await act(t, 'requestMaterials', { id: m.id, version: m.version, items: [{ key: 'other:injury', note: '请提供工伤认定书' }] }, s);
    m = await act(t, 'receiveMaterials', { id: m.id, version: m.version }, s);
    m = await act(
      t,
      'requestMaterials',
      { id: m.id, version: m.version, items: [{ key: 'other:medical', note: '请提供医疗费票据' }], reason: '当事人新提出医疗费赔偿请求' },
      s,
    );
    m = await act(t, 'rejectCase', { id: m.id, version: m.version, reasons: ['逾期未补充材料'] }, s);
    m = await act(t, 'replyToRequester', { id: m.id, version: m.version, text: '不予受理的理由已书面告知。' }, s);
    expect(m.status).toBe('REJECTED');

    // A message left online: anonymous intake, answered, resolved, rated badly, appealed, decided, followed up.
    const receipt = ok(
      await t.gql(
        'mutation($i: SubmitInquiryInput!) { submitInquiry(input: $i) { trackingCode secret number } }',
        { i: { tenantSlug: 'yubei', subject: unique('网上留言咨询'), description: '请问欠薪怎么办', name: '王五', phone: '13500005678' } },
        null,
      ),
    ).submitInquiry;
    const found = ok(await t.gql('query($s: String) { cases(search: $s) { edges { node { id version } } } }', { s: receipt.number }, s)).cases.edges;
    expect(found).toHaveLength(1);
    let q = (await readCase(t, found[0].node.id, s)) as CaseView;
    expect(q.ledger[0]!.actor).toBeNull();
    q = await act(t, 'startCase', { id: q.id, version: q.version, strategy: 'REFER' }, s);
    q = await act(t, 'replyToRequester', { id: q.id, version: q.version, text: '您好，建议向劳动监察部门反映。' }, s);
    q = await act(t, 'resolveCase', { id: q.id, version: q.version, outcome: 'REFERRED', strategy: 'REFER', category: 'LEGAL', summary: '已指引至劳动监察大队', referredTo: '渝北区劳动保障监察大队' }, s);
    ok(
      await t.gql(
        'mutation($i: RateCaseInput!) { rateCase(input: $i) { case { status } } }',
        { i: { code: receipt.trackingCode, secret: receipt.secret, level: 'VERY_DISSATISFIED', comment: '没有解决问题' } },
        null,
      ),
    );
    q = await readCase(t, q.id, s);
    expect(q.ledger.slice(-2).map((e) => e.type)).toEqual(['RATED', 'CLOSED']);
    q = await act(t, 'appealRating', { id: q.id, version: q.version, reason: '已按规定指引，评价与事实不符' }, s);
    q = await act(t, 'decideRatingAppeal', { id: q.id, version: q.version, decision: 'DISMISSED', note: '评价属于正常反映' }, tok['city.supervisor']!);
    q = await act(t, 'replyToRequester', { id: q.id, version: q.version, text: '您好，已再次联系劳动监察部门跟进。' }, s);
    expect(q.status).toBe('CLOSED');
    expectChained(q.ledger);

    // A sensitive case, resolved in June and closed by the quiet-period job.
    const june = new Date('2026-06-15T02:00:00.000Z');
    const quiet = await runAs(
      t.database,
      t.config,
      viewers['yubei.staff']!,
      (ctx) => openCase(ctx, { channel: 'ONSITE', kind: 'CONSULTATION', subject: unique('信访相关咨询'), sensitive: true, strategy: 'GUIDE' }),
      june,
    );
    await runAs(
      t.database,
      t.config,
      viewers['yubei.staff']!,
      (ctx) =>
        resolveCase(ctx, { id: quiet.row.id, version: quiet.row.version, outcome: 'OUT_OF_SCOPE', strategy: 'GUIDE', category: 'INSTITUTION', summary: '告知依法信访渠道', referredTo: '区信访办' }),
      new Date(june.getTime() + 3_600_000),
    );
    expect(await closeQuietCases(t.database, t.config, new Date('2026-07-15T02:00:00.000Z'))).toBeGreaterThanOrEqual(1);
    const closed = await stored(t, quiet.row.id);
    expect(closed.row.status).toBe('CLOSED');
    expect(closed.events.map((e) => e.type)).toEqual(['OPENED', 'STARTED', 'RESOLVED', 'CLOSED']);
    expect(closed.events.at(-1)!.actorUserId).toBeNull();

    // A legal-aid matter on a published item with an intake form and its materials checklist.
    const la = tok['yubei.legalaid.staff']!;
    let w = await act(
      t,
      'openCase',
      {
        channel: 'ONSITE',
        kind: 'MATTER',
        serviceItemId: encodeGlobalId('ServiceItem', await legalAidItem(t)),
        subject: unique('农民工讨薪'),
        protectedGroups: ['MIGRANT_WAGE'],
        formData: legalAidForm('赵六', PERSON.residentId, '13700001111', '完工后拖欠两个月工资'),
      },
      la,
    );
    w = await act(t, 'startCase', { id: w.id, version: w.version, strategy: 'ANSWER' }, la);
    w = await act(t, 'requestMaterials', { id: w.id, version: w.version, items: [{ key: 'identity', note: '身份证复印件' }, { key: 'case_docs', note: '考勤记录、工资欠条' }] }, la);
    w = await act(t, 'receiveMaterials', { id: w.id, version: w.version, note: '材料齐全' }, la);
    w = await act(t, 'resolveCase', { id: w.id, version: w.version, outcome: 'HANDLED', strategy: 'ANSWER', summary: '已指派律师代理' }, la);
    expect(w.ledger.map((e) => e.type)).toEqual(['OPENED', 'STARTED', 'MATERIALS_REQUESTED', 'MATERIALS_RECEIVED', 'RESOLVED']);
  });

  test('for every case in the database: replay(parsed events) equals the stored projection, and every hash recomputes', async () => {
    const all = await t.database.db.select().from(cases).orderBy(asc(cases.id));
    expect(all.length).toBeGreaterThanOrEqual(40);
    let events = 0;
    const types = new Set<string>();
    for (const row of all) {
      const rows = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.seq));
      const parsed = rows.map((e) => parseCaseEvent({ type: e.type, at: e.businessAt, payload: e.payload }));
      expect(JSON.parse(JSON.stringify(replay(parsed))), row.number).toEqual(row.projection);
      expect(rows.length, row.number).toBe(row.version);

      const verifier = new ChainVerifier(row.id);
      for (const e of rows) {
        expect(hashEntry(entryOf(e)), `${row.number} #${e.seq}`).toBe(e.hash);
        expect(verifier.push(entryOf(e)), `${row.number} #${e.seq}`).toBeNull();
        types.add(e.type);
      }
      expect(verifier.result()).toEqual({ ok: true, count: rows.length });
      expect({ seq: row.lastSeq, hash: row.lastHash }, row.number).toEqual({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });
      events += rows.length;
    }
    expect(events).toBeGreaterThan(1100);
    // The histories above cover every lifecycle event; the demo adds transfers and supervision.
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'OPENED',
        'ASSIGNED',
        'STARTED',
        'MATERIALS_REQUESTED',
        'MATERIALS_RECEIVED',
        'EXTENDED',
        'NOTE_ADDED',
        'REPLIED',
        'RESOLVED',
        'REOPENED',
        'RATED',
        'RATING_APPEALED',
        'RATING_APPEAL_DECIDED',
        'CLOSED',
        'REJECTED',
      ]),
    );
  });

  test('verifyLedger agrees: the whole of yubei and of its legal-aid centre verify, counting every event', async () => {
    for (const slug of ['yubei', 'yubei-legal-aid']) {
      const id = tenantIds[slug]!;
      const scope = or(eq(cases.handlerTenantId, id), eq(cases.originTenantId, id));
      const [c] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(scope);
      const [e] = await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(caseEvents)
        .innerJoin(cases, eq(cases.id, caseEvents.caseId))
        .where(scope);
      expect(ok(await t.gql(VERIFY, { tenantId: tenantGid(slug) }, tok['yubei.admin']!)).verifyLedger, slug).toEqual({
        ok: true,
        casesChecked: c!.n,
        eventsChecked: e!.n,
        brokenAt: null,
      });
    }
  });
});
