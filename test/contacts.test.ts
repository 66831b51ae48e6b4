import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../server/db/client.js';
import { decodeGlobalId, encodeGlobalId } from '../server/graphql/global-id.js';
import { contactComplianceByTenant, contactComplianceOf } from '../server/usecases/contacts/compliance.js';
import { type GqlResult, ok, onlyError, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * Contacts and response times (Art. 21): integration keys (created once, shown once, stored
 * hashed, revoked for good, good for recordContacts and nothing else), idempotent ingestion,
 * compliance against hand-computed numbers (the 3 s boundary exactly, a tenant's stricter setting,
 * a stricter published commitment, the roll-up of 渝北 over 龙溪), who sees which numbers, and
 * staff linking a contact to a case.
 *
 * The compliance data set lives in the week 2025-06-02 (Mon) … 2025-06-08 (Sun), Asia/Shanghai,
 * where the demo has no contacts (its contacts are in the three weeks before the seeding day).
 */

let t: TestApp;
const tok: Record<string, string> = {};
const tenantIds: Record<string, string> = {};
const tenantGid = (slug: string) => encodeGlobalId('Tenant', tenantIds[slug]!);
const sh = (s: string) => new Date(`${s}+08:00`).toISOString();
const plusMs = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

const RECORD = 'mutation($i: RecordContactsInput!) { recordContacts(input: $i) { recorded updated duplicates } }';
const CREATE_KEY = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name prefix createdAt createdBy { username } lastUsedAt revokedAt active } } }';
const REVOKE_KEY = 'mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { id revokedAt active } }';
const KEYS = '{ apiKeys { id name prefix createdAt createdBy { username } lastUsedAt revokedAt active } }';
const NUMBERS = 'channel total answered answeredInTime abandoned complianceRate averageAnswerSeconds p90AnswerSeconds';
const COMPLIANCE = `query($t: ID, $s: Boolean, $from: Date!, $to: Date!) {
  contactCompliance(tenantId: $t, subtree: $s, from: $from, to: $to) {
    tenant { slug } subtree from to onlyOwnContacts policy { hotlineSeconds chatSeconds messageMinutes }
    channels { ${NUMBERS} }
    byAgent { user { username } channels { ${NUMBERS} } }
    byTenant { tenant { slug } policy { hotlineSeconds chatSeconds messageMinutes } channels { ${NUMBERS} } } } }`;
const SETTINGS = 'query($t: ID) { caseSettings(tenantId: $t) { version settings } }';
const SET_SETTINGS = 'mutation($i: SetCaseSettingsInput!) { setCaseSettings(input: $i) { version settings } }';

interface Numbers {
  channel: string;
  total: number;
  answered: number;
  answeredInTime: number;
  abandoned: number;
  complianceRate: number | null;
  averageAnswerSeconds: number | null;
  p90AnswerSeconds: number | null;
}
interface Compliance {
  tenant: { slug: string };
  subtree: boolean;
  from: string;
  to: string;
  onlyOwnContacts: boolean;
  policy: { hotlineSeconds: number; chatSeconds: number; messageMinutes: number };
  channels: Numbers[];
  byAgent: { user: { username: string }; channels: Numbers[] }[];
  byTenant: { tenant: { slug: string }; policy: Compliance['policy']; channels: Numbers[] }[];
}

/** A request with `Authorization: ApiKey <key>`, like a telephony system's. */
async function withKey(key: string, query: string, variables?: Record<string, unknown>): Promise<GqlResult> {
  const res = await t.app.fetch(
    new Request('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `ApiKey ${key}` },
      body: JSON.stringify({ query, variables }),
    }),
  );
  return { ...((await res.json()) as GqlResult), status: res.status };
}

const record = (contacts: Record<string, unknown>[], token: string | null | undefined) => t.gql(RECORD, { i: { contacts } }, token);

async function compliance(user: string, vars: { t?: string; s?: boolean; from?: string; to?: string } = {}): Promise<Compliance> {
  return ok(await t.gql(COMPLIANCE, { from: '2025-06-02', to: '2025-06-08', ...vars }, tok[user])).contactCompliance as Compliance;
}

const channel = (c: { channels: Numbers[] }, ch: string) => c.channels.find((n) => n.channel === ch)!;

/** Exact counts; the averages and percentiles to 1e-6 (float8 in SQL). */
function expectNumbers(actual: Numbers, expected: Omit<Numbers, 'channel'>) {
  const { averageAnswerSeconds, p90AnswerSeconds, ...counts } = expected;
  expect({ ...actual, averageAnswerSeconds: undefined, p90AnswerSeconds: undefined }).toEqual({ ...counts, channel: actual.channel, averageAnswerSeconds: undefined, p90AnswerSeconds: undefined });
  for (const [got, want] of [[actual.averageAnswerSeconds, averageAnswerSeconds], [actual.p90AnswerSeconds, p90AnswerSeconds]] as const) {
    if (want === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(want, 6);
  }
}

async function contactRows(tenantSlug: string, externalIds: string[]) {
  return rowsOf<{ external_id: string; channel: string; arrived_at: Date | string; answered_at: Date | string | null; abandoned: boolean; agent: string | null; case_id: string | null; api_key_id: string | null }>(
    await t.database.db.execute(sql`select c.external_id, c.channel, c.arrived_at, c.answered_at, c.abandoned, u.username as agent, c.case_id, c.api_key_id
      from contacts c join tenants t on t.id = c.tenant_id left join users u on u.id = c.agent_user_id
      where t.slug = ${tenantSlug} and c.external_id in (${sql.join(externalIds.map((e) => sql`${e}`), sql`, `)}) order by c.external_id, c.channel`),
  );
}
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['city.admin', 'city.supervisor', 'yubei.admin', 'yubei.supervisor', 'yubei.staff', 'longxi.staff', 'yuzhong.admin', 'yuzhong.staff']) {
    tok[u] = await t.login(u);
  }
  const rows = rowsOf<{ id: string; slug: string }>(await t.database.db.execute(sql`select id, slug from tenants`));
  for (const r of rows) tenantIds[r.slug] = r.id;
});
afterAll(async () => {
  await t?.close();
});

describe('integration keys', () => {
  let key = '';
  let keyId = '';

  test('a tenant admin creates a key: the secret is in that response only, the database holds its SHA-256', async () => {
    const created = ok(await t.gql(CREATE_KEY, { i: { name: '渝北区呼叫中心' } }, tok['yubei.admin'])).createApiKey;
    key = created.secret;
    keyId = created.apiKey.id;
    expect(key).toMatch(/^tpk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: '渝北区呼叫中心', prefix: key.slice(4, 14), createdBy: { username: 'yubei.admin' }, lastUsedAt: null, revokedAt: null, active: true });

    const listed = ok(await t.gql(KEYS, {}, tok['yubei.admin'])).apiKeys as { id: string; prefix: string }[];
    expect(listed.find((k) => k.id === keyId)).toMatchObject({ name: '渝北区呼叫中心', prefix: key.slice(4, 14) });
    const secretPart = key.slice(15);
    expect(JSON.stringify(listed)).not.toContain(secretPart);

    const [stored] = rowsOf<{ secret_hash: string }>(await t.database.db.execute(sql`select secret_hash from api_keys where prefix = ${key.slice(4, 14)}`));
    expect(stored!.secret_hash).toBe(`sha256:${createHash('sha256').update(key).digest('base64url')}`);
    expect(stored!.secret_hash).not.toContain(secretPart);
  });

  test('only admins manage keys, each for their own tenant', async () => {
    refused(await t.gql(CREATE_KEY, { i: { name: 'x' } }, tok['yubei.staff']), 'FORBIDDEN');
    refused(await t.gql(CREATE_KEY, { i: { name: 'x' } }, tok['yubei.supervisor']), 'FORBIDDEN');
    refused(await t.gql(KEYS, {}, tok['yubei.supervisor']), 'FORBIDDEN');
    refused(await t.gql(CREATE_KEY, { i: { name: 'x' } }, null), 'UNAUTHENTICATED');
    // Another tenant's admin neither sees nor revokes it (an ancestor's admin neither: keys are the tenant's own).
    expect((ok(await t.gql(KEYS, {}, tok['yuzhong.admin'])).apiKeys as { id: string }[]).map((k) => k.id)).not.toContain(keyId);
    expect((ok(await t.gql(KEYS, {}, tok['city.admin'])).apiKeys as { id: string }[]).map((k) => k.id)).not.toContain(keyId);
    refused(await t.gql(REVOKE_KEY, { i: { id: keyId } }, tok['yuzhong.admin']), 'NOT_FOUND');
    refused(await t.gql(REVOKE_KEY, { i: { id: keyId } }, tok['city.admin']), 'NOT_FOUND');
    refused(await t.gql(CREATE_KEY, { i: { name: '  ' } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['name']);
  });

  test('the key records contacts for its own tenant, attributed to the key; last use is noted', async () => {
    const r = await withKey(key, RECORD, {
      i: { contacts: [{ channel: 'HOTLINE', externalId: 'KEY-CALL-1', arrivedAt: sh('2025-05-20T10:00:00'), answeredAt: sh('2025-05-20T10:00:02'), agentUsername: 'yubei.staff' }] },
    });
    expect(ok(r).recordContacts).toEqual({ recorded: 1, updated: 0, duplicates: 0 });
    const [row] = await contactRows('yubei', ['KEY-CALL-1']);
    expect(row).toMatchObject({ channel: 'HOTLINE', agent: 'yubei.staff', abandoned: false });
    const [k] = rowsOf<{ id: string; last_used_at: unknown }>(await t.database.db.execute(sql`select id, last_used_at from api_keys where prefix = ${key.slice(4, 14)}`));
    expect(row!.api_key_id).toBe(k!.id);
    expect(k!.last_used_at).not.toBeNull();
    // Nothing of another tenant: its users are not agents here, its cases are not to be named.
    const yuzhongCase = rowsOf<{ number: string }>(
      await t.database.db.execute(sql`select c.number from cases c join tenants t on t.id = c.handler_tenant_id where t.slug = 'yuzhong' limit 1`),
    )[0]!.number;
    const refusedOther = await withKey(key, RECORD, {
      i: {
        contacts: [
          { channel: 'HOTLINE', externalId: 'KEY-CALL-2', arrivedAt: sh('2025-05-20T11:00:00'), answeredAt: sh('2025-05-20T11:00:01'), agentUsername: 'longxi.staff' },
          { channel: 'HOTLINE', externalId: 'KEY-CALL-3', arrivedAt: sh('2025-05-20T11:00:00'), answeredAt: sh('2025-05-20T11:00:01'), caseNumber: yuzhongCase },
        ],
      },
    });
    refused(refusedOther, 'BAD_USER_INPUT', ['contacts.0.agentUsername', 'contacts.1.caseNumber']);
    expect(await contactRows('yubei', ['KEY-CALL-2', 'KEY-CALL-3'])).toEqual([]);
  });

  test('a key may call recordContacts and nothing else', async () => {
    for (const query of [
      '{ viewer { username } }',
      '{ cases(first: 1) { totalCount } }',
      '{ publicDirectory { slug } }',
      '{ apiKeys { id } }',
      'query($f: Date!) { contactCompliance(from: $f, to: $f) { subtree } }',
      `mutation { createApiKey(input: { name: "more" }) { secret } }`,
      `mutation { login(input: { username: "yubei.admin", password: "tianping-demo" }) { token } }`,
      // Hidden behind a fragment, or next to an allowed field: still refused, as a whole.
      `mutation { ...F } fragment F on Mutation { createApiKey(input: { name: "sneaky" }) { secret } }`,
      `mutation($i: RecordContactsInput!) { recordContacts(input: $i) { recorded } createApiKey(input: { name: "x" }) { secret } }`,
    ]) {
      const r = await withKey(key, query, { f: '2025-06-02', i: { contacts: [] } });
      expect(onlyError(r).extensions?.code, query).toBe('FORBIDDEN');
      expect(r.data ?? null, query).toBeNull();
    }
    const keys = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from api_keys where name in ('more', 'sneaky', 'x')`));
    expect(keys[0]!.n).toBe(0);
    // Through a fragment and with __typename it works.
    const r = await withKey(key, `mutation($i: RecordContactsInput!) { __typename ...F } fragment F on Mutation { recordContacts(input: $i) { recorded duplicates } }`, {
      i: { contacts: [{ channel: 'CHAT', externalId: 'KEY-CHAT-1', arrivedAt: sh('2025-05-20T12:00:00'), answeredAt: sh('2025-05-20T12:00:01') }] },
    });
    expect(ok(r)).toEqual({ __typename: 'Mutation', recordContacts: { recorded: 1, duplicates: 0 } });
  });

  test('unknown, malformed and revoked keys are refused alike', async () => {
    const forged = `tpk_${key.slice(4, 14)}_${'A'.repeat(43)}`;
    const messages: string[] = [];
    for (const k of [forged, 'tpk_0000000000_' + 'B'.repeat(43), 'not-a-key']) {
      const r = await withKey(k, RECORD, { i: { contacts: [] } });
      const err = refused(r, 'UNAUTHENTICATED');
      messages.push(err.message);
    }
    const revoked = ok(await t.gql(REVOKE_KEY, { i: { id: keyId } }, tok['yubei.admin'])).revokeApiKey;
    expect(revoked.active).toBe(false);
    expect(revoked.revokedAt).not.toBeNull();
    // Twice: the same revocation, unchanged.
    expect(ok(await t.gql(REVOKE_KEY, { i: { id: keyId } }, tok['yubei.admin'])).revokeApiKey).toEqual(revoked);
    const r = await withKey(key, RECORD, {
      i: { contacts: [{ channel: 'HOTLINE', externalId: 'KEY-CALL-4', arrivedAt: sh('2025-05-20T13:00:00') }] },
    });
    messages.push(refused(r, 'UNAUTHENTICATED').message);
    expect(new Set(messages).size).toBe(1);
    expect(await contactRows('yubei', ['KEY-CALL-4'])).toEqual([]);
    const listed = (ok(await t.gql(KEYS, {}, tok['yubei.admin'])).apiKeys as { id: string; active: boolean }[]).find((k) => k.id === keyId);
    expect(listed!.active).toBe(false);
  });
});

describe('ingestion', () => {
  const call = (externalId: string, arrived: string, waitMs: number | null, extra: Record<string, unknown> = {}) => ({
    channel: 'HOTLINE',
    externalId,
    arrivedAt: sh(arrived),
    answeredAt: waitMs === null ? null : plusMs(sh(arrived), waitMs),
    ...extra,
  });

  test('the same external id twice is recorded once; the first record stands', async () => {
    expect(ok(await record([call('DUP-1', '2025-05-21T09:00:00', 2000, { agentUsername: 'yubei.staff' })], tok['yubei.staff'])).recordContacts).toEqual({ recorded: 1, updated: 0, duplicates: 0 });
    // Again, and again with other data: nothing changes.
    expect(ok(await record([call('DUP-1', '2025-05-21T09:00:00', 2000)], tok['yubei.staff'])).recordContacts).toEqual({ recorded: 0, updated: 0, duplicates: 1 });
    expect(ok(await record([call('DUP-1', '2025-05-21T09:30:00', 9000)], tok['yubei.admin'])).recordContacts).toEqual({ recorded: 0, updated: 0, duplicates: 1 });
    // Twice within one call.
    expect(ok(await record([call('DUP-2', '2025-05-21T10:00:00', 1000), call('DUP-2', '2025-05-21T10:00:00', 1000)], tok['yubei.staff'])).recordContacts).toEqual({
      recorded: 1,
      updated: 0,
      duplicates: 1,
    });
    // Another channel is another contact.
    expect(ok(await record([{ ...call('DUP-1', '2025-05-21T09:00:00', 1000), channel: 'CHAT' }], tok['yubei.staff'])).recordContacts).toEqual({ recorded: 1, updated: 0, duplicates: 0 });
    const rows = await contactRows('yubei', ['DUP-1', 'DUP-2']);
    expect(rows.map((r) => [r.external_id, r.channel, iso(r.arrived_at), iso(r.answered_at), r.agent])).toEqual([
      ['DUP-1', 'CHAT', sh('2025-05-21T09:00:00'), plusMs(sh('2025-05-21T09:00:00'), 1000), null],
      ['DUP-1', 'HOTLINE', sh('2025-05-21T09:00:00'), plusMs(sh('2025-05-21T09:00:00'), 2000), 'yubei.staff'],
      ['DUP-2', 'HOTLINE', sh('2025-05-21T10:00:00'), plusMs(sh('2025-05-21T10:00:00'), 1000), null],
    ]);
  });

  test('a contact posted while pending is completed by a later post, once', async () => {
    const message = (answered: string | null, extra: Record<string, unknown> = {}) => ({
      channel: 'MESSAGE',
      externalId: 'MSG-PENDING-1',
      arrivedAt: sh('2025-05-22T09:00:00'),
      answeredAt: answered ? sh(answered) : null,
      ...extra,
    });
    expect(ok(await record([message(null)], tok['yubei.staff'])).recordContacts).toEqual({ recorded: 1, updated: 0, duplicates: 0 });
    // Still pending: a duplicate.
    expect(ok(await record([message(null)], tok['yubei.staff'])).recordContacts).toEqual({ recorded: 0, updated: 0, duplicates: 1 });
    // An answer before the recorded arrival is refused, naming the entry.
    refused(await record([message('2025-05-22T08:59:00', { arrivedAt: sh('2025-05-22T08:00:00') })], tok['yubei.staff']), 'BAD_USER_INPUT', ['contacts.0.answeredAt']);
    expect(ok(await record([message('2025-05-22T09:20:00', { agentUsername: 'yubei.staff' })], tok['yubei.staff'])).recordContacts).toEqual({ recorded: 0, updated: 1, duplicates: 0 });
    // Complete now: a later, different answer changes nothing.
    expect(ok(await record([message('2025-05-22T11:00:00', { agentUsername: 'yubei.supervisor' })], tok['yubei.staff'])).recordContacts).toEqual({ recorded: 0, updated: 0, duplicates: 1 });
    const [row] = await contactRows('yubei', ['MSG-PENDING-1']);
    expect([iso(row!.arrived_at), iso(row!.answered_at), row!.agent]).toEqual([sh('2025-05-22T09:00:00'), sh('2025-05-22T09:20:00'), 'yubei.staff']);
  });

  test('a call with an invalid entry changes nothing and names every bad entry', async () => {
    const batch = [
      call('BATCH-0', '2025-05-23T09:00:00', 1000),
      call('BATCH-1', '2025-05-23T09:01:00', 1000),
      call('BATCH-2', '2025-05-23T09:02:00', -1), // answered before it arrived
      call('BATCH-3', '2025-05-23T09:03:00', 1000, { abandoned: true }), // answered and abandoned
      call('BATCH-4', '2025-05-23T09:04:00', 1000, { agentUsername: 'nobody.here' }),
      call('BATCH-5', '2099-01-01T00:00:00', null), // in the future
      call('   ', '2025-05-23T09:06:00', 1000),
    ];
    const err = refused(await record(batch, tok['yubei.staff']), 'BAD_USER_INPUT', [
      'contacts.2.answeredAt',
      'contacts.3.answeredAt',
      'contacts.4.agentUsername',
      'contacts.5.arrivedAt',
      'contacts.6.externalId',
    ]);
    expect(err.extensions?.fields?.['contacts.2.answeredAt']).toBe('is before arrivedAt');
    expect(await contactRows('yubei', ['BATCH-0', 'BATCH-1', 'BATCH-2', 'BATCH-3', 'BATCH-4', 'BATCH-5'])).toEqual([]);
    refused(await record([], tok['yubei.staff']), 'BAD_USER_INPUT', ['contacts']);
    const many = Array.from({ length: 501 }, (_, i) => call(`MANY-${i}`, '2025-05-23T10:00:00', 1000));
    refused(await record(many, tok['yubei.staff']), 'BAD_USER_INPUT', ['contacts']);
    refused(await record([call('ANON', '2025-05-23T10:00:00', 1000)], null), 'UNAUTHENTICATED');
  });
});

describe('compliance', () => {
  // 渝北 (yubei): hotline and chat at the municipal 3 s; messages at its published 30 min (a
  // commitment; its unpublished "chat in 2 s" does not count).
  const week: Record<string, unknown>[] = [
    { channel: 'HOTLINE', externalId: 'W-H1', arrivedAt: sh('2025-06-02T09:00:00'), answeredAt: sh('2025-06-02T09:00:02'), agentUsername: 'yubei.staff' }, // 2.000 s ✓
    { channel: 'HOTLINE', externalId: 'W-H2', arrivedAt: sh('2025-06-03T09:00:00'), answeredAt: sh('2025-06-03T09:00:03'), agentUsername: 'yubei.staff' }, // 3.000 s ✓ (the limit itself)
    { channel: 'HOTLINE', externalId: 'W-H3', arrivedAt: sh('2025-06-04T09:00:00'), answeredAt: sh('2025-06-04T09:00:03.001'), agentUsername: 'yubei.supervisor' }, // 3.001 s ✗
    { channel: 'HOTLINE', externalId: 'W-H4', arrivedAt: sh('2025-06-05T09:00:00'), abandoned: true }, // abandoned ✗
    { channel: 'HOTLINE', externalId: 'W-H5', arrivedAt: sh('2025-06-06T09:00:00'), answeredAt: sh('2025-06-06T09:00:10'), agentUsername: 'yubei.supervisor' }, // 10 s ✗
    { channel: 'HOTLINE', externalId: 'W-H6', arrivedAt: sh('2025-06-08T23:59:58'), answeredAt: sh('2025-06-08T23:59:59'), agentUsername: 'yubei.staff' }, // 1 s ✓, the last day
    { channel: 'CHAT', externalId: 'W-C1', arrivedAt: sh('2025-06-02T10:00:00'), answeredAt: sh('2025-06-02T10:00:01.5'), agentUsername: 'yubei.staff' }, // 1.5 s ✓
    { channel: 'CHAT', externalId: 'W-C2', arrivedAt: sh('2025-06-03T10:00:00') }, // never answered ✗
    { channel: 'CHAT', externalId: 'W-C3', arrivedAt: sh('2025-06-04T10:00:00'), answeredAt: sh('2025-06-04T10:00:02.5'), agentUsername: 'yubei.staff' }, // 2.5 s ✓
    { channel: 'MESSAGE', externalId: 'W-M1', arrivedAt: sh('2025-06-02T11:00:00'), answeredAt: sh('2025-06-02T11:20:00'), agentUsername: 'yubei.staff' }, // 20 min ✓
    { channel: 'MESSAGE', externalId: 'W-M2', arrivedAt: sh('2025-06-03T11:00:00'), answeredAt: sh('2025-06-03T11:45:00'), agentUsername: 'yubei.staff' }, // 45 min ✗ (✓ at 60)
    // Outside the week by a millisecond on either side.
    { channel: 'HOTLINE', externalId: 'W-OUT-1', arrivedAt: plusMs(sh('2025-06-02T00:00:00'), -1), answeredAt: sh('2025-06-02T00:00:00'), agentUsername: 'yubei.staff' },
    { channel: 'HOTLINE', externalId: 'W-OUT-2', arrivedAt: sh('2025-06-09T00:00:00'), answeredAt: sh('2025-06-09T00:00:01'), agentUsername: 'yubei.staff' },
  ];
  // 龙溪 (yubei-longxi, below 渝北): the municipal 3 s.
  const longxi: Record<string, unknown>[] = [
    { channel: 'HOTLINE', externalId: 'W-L1', arrivedAt: sh('2025-06-05T14:00:00'), answeredAt: sh('2025-06-05T14:00:02.5'), agentUsername: 'longxi.staff' }, // 2.5 s ✓
    { channel: 'HOTLINE', externalId: 'W-L2', arrivedAt: sh('2025-06-06T14:00:00'), answeredAt: sh('2025-06-06T14:00:04'), agentUsername: 'longxi.staff' }, // 4 s ✗
  ];

  beforeAll(async () => {
    expect(ok(await record(week, tok['yubei.staff'])).recordContacts).toEqual({ recorded: week.length, updated: 0, duplicates: 0 });
    expect(ok(await record(longxi, tok['longxi.staff'])).recordContacts).toEqual({ recorded: longxi.length, updated: 0, duplicates: 0 });
  });

  // HOTLINE answered: 2, 3, 3.001, 10, 1 → mean 19.001 / 5 = 3.8002; sorted 1, 2, 3, 3.001, 10:
  // p90 at rank 0.9 × 4 = 3.6 → 3.001 + 0.6 × (10 − 3.001) = 7.2004.
  const HOTLINE = { total: 6, answered: 5, answeredInTime: 3, abandoned: 1, complianceRate: 0.5, averageAnswerSeconds: 3.8002, p90AnswerSeconds: 7.2004 };
  // CHAT answered 1.5, 2.5 → mean 2; p90 1.5 + 0.9 × 1 = 2.4; the unanswered one counts against.
  const CHAT = { total: 3, answered: 2, answeredInTime: 2, abandoned: 0, complianceRate: 2 / 3, averageAnswerSeconds: 2, p90AnswerSeconds: 2.4 };
  // MESSAGE 1200 s and 2700 s → mean 1950; p90 1200 + 0.9 × 1500 = 2550; 45 min misses 30.
  const MESSAGE = { total: 2, answered: 2, answeredInTime: 1, abandoned: 0, complianceRate: 0.5, averageAnswerSeconds: 1950, p90AnswerSeconds: 2550 };

  test("a tenant's numbers per channel and per agent, against hand-computed values (3.000 s complies, 3.001 s does not)", async () => {
    const c = await compliance('yubei.supervisor');
    expect(c).toMatchObject({ tenant: { slug: 'yubei' }, subtree: false, from: '2025-06-02', to: '2025-06-08', onlyOwnContacts: false, byTenant: [] });
    expect(c.policy).toEqual({ hotlineSeconds: 3, chatSeconds: 3, messageMinutes: 30 });
    expect(c.channels.map((n) => n.channel)).toEqual(['HOTLINE', 'CHAT', 'MESSAGE']);
    expectNumbers(channel(c, 'HOTLINE'), HOTLINE);
    expectNumbers(channel(c, 'CHAT'), CHAT);
    expectNumbers(channel(c, 'MESSAGE'), MESSAGE);

    const agents = Object.fromEntries(c.byAgent.map((a) => [a.user.username, a]));
    expect(Object.keys(agents).sort()).toEqual(['yubei.staff', 'yubei.supervisor']);
    // yubei.staff: hotline 2, 3, 1 (mean 2, p90 at 1.8 → 2 + 0.8 = 2.8); chat 1.5, 2.5; messages 20 and 45 min.
    expectNumbers(channel(agents['yubei.staff']!, 'HOTLINE'), { total: 3, answered: 3, answeredInTime: 3, abandoned: 0, complianceRate: 1, averageAnswerSeconds: 2, p90AnswerSeconds: 2.8 });
    expectNumbers(channel(agents['yubei.staff']!, 'CHAT'), { total: 2, answered: 2, answeredInTime: 2, abandoned: 0, complianceRate: 1, averageAnswerSeconds: 2, p90AnswerSeconds: 2.4 });
    expectNumbers(channel(agents['yubei.staff']!, 'MESSAGE'), MESSAGE);
    // yubei.supervisor: hotline 3.001 and 10 (mean 6.5005; p90 3.001 + 0.9 × 6.999 = 9.3001); nothing else.
    expectNumbers(channel(agents['yubei.supervisor']!, 'HOTLINE'), { total: 2, answered: 2, answeredInTime: 0, abandoned: 0, complianceRate: 0, averageAnswerSeconds: 6.5005, p90AnswerSeconds: 9.3001 });
    expectNumbers(channel(agents['yubei.supervisor']!, 'CHAT'), { total: 0, answered: 0, answeredInTime: 0, abandoned: 0, complianceRate: null, averageAnswerSeconds: null, p90AnswerSeconds: null });
  });

  test('the plain function gives the same numbers, per tenant and over a subtree', async () => {
    const channels = await contactComplianceOf(t.database.db, { scope: { tenantIds: [tenantIds.yubei!] }, from: '2025-06-02', to: '2025-06-08' });
    expectNumbers(channels[0]!, HOTLINE);
    const byTenant = await contactComplianceByTenant(t.database.db, { scope: { subtreeOf: tenantIds.cq! }, from: '2025-06-02', to: '2025-06-08' });
    expect(byTenant.map((g) => g.id).sort()).toEqual([tenantIds.yubei, tenantIds['yubei-longxi']].sort());
    // A single day: only W-H2 (3.000 s) and W-C2, W-M2.
    const day = await contactComplianceOf(t.database.db, { scope: { tenantIds: [tenantIds.yubei!] }, from: '2025-06-03', to: '2025-06-03' });
    expect(day.map((n) => [n.channel, n.total, n.answeredInTime])).toEqual([['HOTLINE', 1, 1], ['CHAT', 1, 0], ['MESSAGE', 1, 0]]);
  });

  test('the roll-up of 渝北 includes 龙溪, each measured against its own policy', async () => {
    const c = await compliance('yubei.supervisor', { s: true });
    expect(c.subtree).toBe(true);
    // 渝北's 6 calls (3 in time) plus 龙溪's 2 (1 in time); answered 2, 3, 3.001, 10, 1, 2.5, 4:
    // mean 25.501 / 7 = 3.643; sorted 1, 2, 2.5, 3, 3.001, 4, 10: p90 at 5.4 → 4 + 0.4 × 6 = 6.4.
    expectNumbers(channel(c, 'HOTLINE'), { total: 8, answered: 7, answeredInTime: 4, abandoned: 1, complianceRate: 0.5, averageAnswerSeconds: 25.501 / 7, p90AnswerSeconds: 6.4 });
    expectNumbers(channel(c, 'CHAT'), CHAT);
    const tenants = Object.fromEntries(c.byTenant.map((g) => [g.tenant.slug, g]));
    expect(Object.keys(tenants).sort()).toEqual(['yubei', 'yubei-longxi']);
    expectNumbers(channel(tenants.yubei!, 'HOTLINE'), HOTLINE);
    expectNumbers(channel(tenants['yubei-longxi']!, 'HOTLINE'), { total: 2, answered: 2, answeredInTime: 1, abandoned: 0, complianceRate: 0.5, averageAnswerSeconds: 3.25, p90AnswerSeconds: 3.85 });
    expect(tenants['yubei-longxi']!.policy).toEqual({ hotlineSeconds: 3, chatSeconds: 3, messageMinutes: 60 });
    expect(c.byAgent.map((a) => a.user.username).sort()).toEqual(['longxi.staff', 'yubei.staff', 'yubei.supervisor']);
    // The city's roll-up holds the same calls (nobody else has any that week).
    expectNumbers(channel(await compliance('city.supervisor', { s: true }), 'HOTLINE'), { total: 8, answered: 7, answeredInTime: 4, abandoned: 1, complianceRate: 0.5, averageAnswerSeconds: 25.501 / 7, p90AnswerSeconds: 6.4 });
    // An ancestor's admin asks for 龙溪 alone.
    const l = await compliance('yubei.admin', { t: tenantGid('yubei-longxi') });
    expect(l.tenant.slug).toBe('yubei-longxi');
    expect(channel(l, 'HOTLINE').total).toBe(2);
  });

  test('who sees what: staff their own contacts only; nobody a tenant outside their subtree', async () => {
    const own = await compliance('yubei.staff');
    expect(own.onlyOwnContacts).toBe(true);
    expectNumbers(channel(own, 'HOTLINE'), { total: 3, answered: 3, answeredInTime: 3, abandoned: 0, complianceRate: 1, averageAnswerSeconds: 2, p90AnswerSeconds: 2.8 });
    expect(own.byAgent.map((a) => a.user.username)).toEqual(['yubei.staff']);
    refused(await t.gql(COMPLIANCE, { s: true, from: '2025-06-02', to: '2025-06-08' }, tok['yubei.staff']), 'FORBIDDEN');
    // 渝中 cannot ask for 渝北's numbers (it cannot see 渝北 at all).
    refused(await t.gql(COMPLIANCE, { t: tenantGid('yubei'), from: '2025-06-02', to: '2025-06-08' }, tok['yuzhong.admin']), 'NOT_FOUND');
    refused(await t.gql(COMPLIANCE, { t: tenantGid('yubei'), s: true, from: '2025-06-02', to: '2025-06-08' }, tok['yuzhong.admin']), 'NOT_FOUND');
    // 龙溪 sees its parent, but not its numbers.
    refused(await t.gql(COMPLIANCE, { t: tenantGid('yubei'), from: '2025-06-02', to: '2025-06-08' }, tok['longxi.staff']), 'FORBIDDEN');
    // 渝中's own subtree that week: nothing.
    const yz = await compliance('yuzhong.admin', { s: true });
    expect(yz.channels.map((n) => [n.total, n.complianceRate])).toEqual([[0, null], [0, null], [0, null]]);
    refused(await t.gql(COMPLIANCE, { from: '2025-06-02', to: '2025-06-08' }, null), 'UNAUTHENTICATED');
    refused(await t.gql(COMPLIANCE, { from: '2025-01-01', to: '2026-01-02' }, tok['yubei.admin']), 'BAD_USER_INPUT', ['to']);
    refused(await t.gql(COMPLIANCE, { from: '2025-06-08', to: '2025-06-02' }, tok['yubei.admin']), 'BAD_USER_INPUT', ['to']);
    // 366 days (2024 was a leap year) is fine.
    expect((await compliance('yubei.admin', { from: '2024-01-01', to: '2024-12-31' })).from).toBe('2024-01-01');
  });

  test('a stricter tenant setting makes the numbers stricter; a looser one is refused naming the field', async () => {
    const current = ok(await t.gql(SETTINGS, { t: tenantGid('yubei') }, tok['yubei.admin'])).caseSettings as { version: number; settings: Record<string, unknown> };
    expect(current.settings.responseTimes).toEqual({ hotlineSeconds: null, chatSeconds: null, messageMinutes: null });
    const set = (responseTimes: Record<string, number | null>, version = current.version) =>
      t.gql(SET_SETTINGS, { i: { tenantId: tenantGid('yubei'), version, settings: { ...current.settings, responseTimes } } }, tok['yubei.admin']);
    refused(await set({ hotlineSeconds: 4, chatSeconds: 3, messageMinutes: 61 }), 'BAD_USER_INPUT', ['responseTimes.hotlineSeconds', 'responseTimes.messageMinutes']);
    refused(await set({ hotlineSeconds: 0 }), 'BAD_USER_INPUT', ['responseTimes.hotlineSeconds']);
    const saved = ok(await set({ hotlineSeconds: 2, chatSeconds: null, messageMinutes: 60 })).setCaseSettings;
    expect(saved.settings.responseTimes).toEqual({ hotlineSeconds: 2, chatSeconds: null, messageMinutes: 60 });

    const c = await compliance('yubei.supervisor', { s: true });
    // 60 min is no stricter than the 30 min commitment, which still applies.
    expect(c.policy).toEqual({ hotlineSeconds: 2, chatSeconds: 3, messageMinutes: 30 });
    // Hotline at 2 s: 2.000 ✓ and 1 ✓ only.
    expectNumbers(channel(c.byTenant.find((g) => g.tenant.slug === 'yubei')!, 'HOTLINE'), { ...HOTLINE, answeredInTime: 2, complianceRate: 2 / 6 });
    // 龙溪 keeps the municipal 3 s: its 2.5 s call still complies.
    expect(channel(c.byTenant.find((g) => g.tenant.slug === 'yubei-longxi')!, 'HOTLINE').answeredInTime).toBe(1);
    expect(channel(c, 'HOTLINE').answeredInTime).toBe(3);
    // A settings round trip that changes something else keeps the response times.
    const again = ok(await t.gql(SET_SETTINGS, { i: { tenantId: tenantGid('yubei'), version: saved.version, settings: { ...saved.settings, followUpWorkingDays: 4 } } }, tok['yubei.admin'])).setCaseSettings;
    expect(again.settings.responseTimes).toEqual({ hotlineSeconds: 2, chatSeconds: null, messageMinutes: 60 });
  });

  test('a stricter published commitment makes the numbers stricter still', async () => {
    const CREATE_C = 'mutation($i: CreateCommitmentInput!) { createCommitment(input: $i) { id published } }';
    const base = { tenantId: tenantGid('yubei'), kind: 'RESPONSE_TIME', title: '在线咨询1秒内应答', body: '在线咨询1秒内应答。', metric: 'CHAT_ANSWER_SECONDS', target: 1 };
    // Unpublished: no effect.
    ok(await t.gql(CREATE_C, { i: { ...base, published: false } }, tok['yubei.admin']));
    expect(channel(await compliance('yubei.supervisor'), 'CHAT').answeredInTime).toBe(2);
    ok(await t.gql(CREATE_C, { i: { ...base, published: true } }, tok['yubei.admin']));
    const c = await compliance('yubei.supervisor');
    expect(c.policy).toEqual({ hotlineSeconds: 2, chatSeconds: 1, messageMinutes: 30 });
    // 1.5 s and 2.5 s both miss 1 s.
    expectNumbers(channel(c, 'CHAT'), { ...CHAT, answeredInTime: 0, complianceRate: 0 });
  });

  test('the report costs a fixed few statements, not one per agent or tenant it lists', async () => {
    const vars = { s: true, from: '2025-06-02', to: '2025-06-08' };
    const week1 = await t.countStatements(COMPLIANCE, vars, tok['city.supervisor']!);
    expect(week1.result.errors).toBeUndefined();
    // A period with no contacts lists nobody.
    const empty = await t.countStatements(COMPLIANCE, { ...vars, from: '2024-06-02', to: '2024-06-08' }, tok['city.supervisor']!);
    expect(empty.result.errors).toBeUndefined();
    // The transaction, the defaults, settings and commitments once, one aggregate per grouping
    // (channel, agent, tenant), the tenants in a batch: 9 with nobody to list. Listing 3 agents
    // and 2 tenants adds the users' batch and at most one more tenants' batch (the loader may
    // split the report's tenant from the roll-up's), never one per row.
    expect(empty.statements).toBe(9);
    expect(week1.statements - empty.statements).toBeGreaterThanOrEqual(1);
    expect(week1.statements - empty.statements).toBeLessThanOrEqual(2);
  });
});

describe('linking a contact to a case', () => {
  const LINK = 'mutation($i: LinkContactToCaseInput!) { linkContactToCase(input: $i) { contact { id externalId case { id number } } } }';
  const LIST = 'query($t: ID, $unlinked: Boolean) { contacts(tenantId: $t, unlinked: $unlinked, first: 50) { totalCount edges { node { id externalId channel answerSeconds agent { username } case { id } recordedByKey } } } }';

  test("staff of the contact's tenant link it to a case they can see", async () => {
    const contacts = ok(await t.gql(LIST, { unlinked: true }, tok['yubei.staff'])).contacts.edges.map((e: { node: unknown }) => e.node) as {
      id: string;
      externalId: string;
      answerSeconds: number | null;
      agent: { username: string } | null;
    }[];
    const h2 = contacts.find((c) => c.externalId === 'W-H2')!;
    expect(h2).toMatchObject({ answerSeconds: 3, agent: { username: 'yubei.staff' } });
    const yubeiCase = ok(await t.gql('{ cases(scope: HANDLED_HERE, first: 1) { edges { node { id number } } } }', {}, tok['yubei.staff'])).cases.edges[0].node as { id: string; number: string };
    const linked = ok(await t.gql(LINK, { i: { contactId: h2.id, caseId: yubeiCase.id } }, tok['yubei.staff'])).linkContactToCase.contact;
    expect(linked).toEqual({ id: h2.id, externalId: 'W-H2', case: yubeiCase });
    expect(((ok(await t.gql(LIST, { unlinked: true }, tok['yubei.staff'])).contacts.edges) as { node: { id: string } }[]).map((e) => e.node.id)).not.toContain(h2.id);

    // Not from another tenant: 龙溪 cannot see 渝北's contact; 渝北's own admin above can't link 龙溪's either.
    refused(await t.gql(LINK, { i: { contactId: h2.id, caseId: yubeiCase.id } }, tok['longxi.staff']), 'NOT_FOUND');
    const l1 = (ok(await t.gql(LIST, { t: tenantGid('yubei-longxi') }, tok['yubei.supervisor'])).contacts.edges as { node: { id: string; externalId: string } }[]).find(
      (e) => e.node.externalId === 'W-L1',
    )!.node;
    refused(await t.gql(LINK, { i: { contactId: l1.id, caseId: yubeiCase.id } }, tok['yubei.staff']), 'FORBIDDEN');
    // Not to a case the viewer cannot see.
    const yuzhongCase = ok(await t.gql('{ cases(scope: HANDLED_HERE, first: 1) { edges { node { id } } } }', {}, tok['yuzhong.staff'])).cases.edges[0].node.id as string;
    refused(await t.gql(LINK, { i: { contactId: h2.id, caseId: yuzhongCase } }, tok['yubei.staff']), 'NOT_FOUND');
    // And staff of 渝中 do not see 渝北's contacts.
    refused(await t.gql(LIST, { t: tenantGid('yubei') }, tok['yuzhong.staff']), 'NOT_FOUND');
  });

  test('a contact can name its case when it is recorded', async () => {
    const yubeiCase = ok(await t.gql('{ cases(scope: HANDLED_HERE, first: 1) { edges { node { id number } } } }', {}, tok['yubei.staff'])).cases.edges[0].node as { id: string; number: string };
    ok(await record([{ channel: 'HOTLINE', externalId: 'WITH-CASE', arrivedAt: sh('2025-05-24T09:00:00'), answeredAt: sh('2025-05-24T09:00:01'), caseNumber: yubeiCase.number }], tok['yubei.staff']));
    const [row] = await contactRows('yubei', ['WITH-CASE']);
    expect(row!.case_id).toBe(decodeGlobalId(yubeiCase.id)!.id);
    expect(row!.api_key_id).toBeNull();
  });
});
