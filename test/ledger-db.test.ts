import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { caseEvents, cases } from '../schema/db/cases.js';
import { rowsOf } from '../server/db/client.js';
import { withTenant } from '../server/db/with-tenant.js';
import { ChainVerifier, type LedgerEntry, nextEntry } from '../server/domain/ledger/chain.js';
import { allocateCaseNumber } from '../server/usecases/cases/case-number.js';
import { startTestApp, type TestApp } from './helpers.js';

/**
 * The work ledger in the database (Art. 18): append-only for every role, hash chains that survive
 * the round trip through PostgreSQL types, and case numbers that never repeat.
 */
let t: TestApp;
const ids: Record<string, string> = {};
const opts = () => ({ statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000 });

async function owner<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(query));
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

let caseId: string;
const entries: LedgerEntry[] = [];

beforeAll(async () => {
  t = await startTestApp();
  for (const r of await owner<{ id: string; slug: string }>(sql`select id, slug from tenants`)) ids[r.slug] = r.id;
  const [staff] = await owner<{ id: string }>(sql`select id from users where username = 'yubei.staff'`);
  ids.staff = staff!.id;
  const opened = new Date('2026-11-02T01:30:00.123Z');
  const [row] = await t.database.db
    .insert(cases)
    .values({
      originTenantId: ids.yubei!,
      handlerTenantId: ids.yubei!,
      firstResponderTenantId: ids.yubei!,
      firstResponderUserId: ids.staff,
      number: 'YUBEI-2026-900001',
      year: 2026,
      status: 'OPEN',
      kind: 'CONSULTATION',
      channel: 'ONSITE',
      subject: '劳动报酬咨询',
      prioritySort: 40,
      openedAt: opened,
      updatedAt: opened,
      projection: {},
      lastSeq: 0,
      lastHash: '',
    })
    .returning();
  caseId = row!.id;
  let prev: LedgerEntry | null = null;
  for (const [i, type] of ['OPENED', 'STARTED', 'NOTE_ADDED'].entries()) {
    const at = new Date(opened.getTime() + i * 61_001).toISOString();
    const entry: LedgerEntry = nextEntry(prev, {
      caseId,
      type,
      tenantId: ids.yubei!,
      actorUserId: ids.staff!,
      actorTenantId: ids.yubei!,
      businessAt: at,
      recordedAt: at,
      payload: { note: `第${i + 1}条`, n: i, nested: { z: 1, a: [true, null] } },
    });
    await t.database.db.insert(caseEvents).values({
      caseId,
      tenantId: entry.tenantId,
      seq: entry.seq,
      type: entry.type,
      actorUserId: entry.actorUserId,
      actorTenantId: entry.actorTenantId,
      businessAt: new Date(entry.businessAt),
      recordedAt: new Date(entry.recordedAt),
      payload: entry.payload,
      prevHash: entry.prevHash,
      hash: entry.hash,
    });
    entries.push(entry);
    prev = entry;
  }
});
afterAll(() => t?.close());

/** Reads the chain back from the database and verifies it, as verifyLedger will. */
async function verifyStored() {
  const rows = await t.database.db.select().from(caseEvents).where(sql`${caseEvents.caseId} = ${caseId}`).orderBy(caseEvents.seq);
  const verifier = new ChainVerifier(caseId);
  for (const r of rows) {
    verifier.push({
      caseId: r.caseId,
      seq: r.seq,
      type: r.type,
      tenantId: r.tenantId,
      actorUserId: r.actorUserId,
      actorTenantId: r.actorTenantId,
      businessAt: r.businessAt.toISOString(),
      recordedAt: r.recordedAt.toISOString(),
      payload: r.payload,
      prevHash: r.prevHash,
      hash: r.hash,
    });
  }
  return verifier.result();
}

describe('append-only', () => {
  const yubei = () => ({ tenantId: ids.yubei!, userId: ids.staff! });

  test('the application role can neither update, delete nor truncate the ledger', async () => {
    for (const stmt of [
      sql`update case_events set type = 'X' where case_id = ${caseId}`,
      sql`delete from case_events where case_id = ${caseId}`,
      sql`truncate case_events`,
    ]) {
      const err = await pgError(withTenant(t.database.db, yubei(), opts(), (tx) => tx.execute(stmt)));
      expect(err.code).toBe('42501');
    }
    expect(await owner<{ n: number }>(sql`select count(*)::int as n from case_events where case_id = ${caseId}`)).toEqual([{ n: 3 }]);
  });

  test('the owner is refused too, by trigger', async () => {
    for (const stmt of [
      sql`update case_events set type = 'X' where case_id = ${caseId}`,
      sql`delete from case_events where case_id = ${caseId}`,
      sql`truncate case_events`,
    ]) {
      const err = await pgError(t.database.db.execute(stmt));
      expect(err.code).toBe('42501');
      expect(err.message).toMatch(/append-only/);
    }
  });

  test('the application role appends only for its own subtree, and reads only visible cases', async () => {
    const seen = (viewer: { tenantId: string; userId: string }) =>
      withTenant(t.database.db, viewer, { ...opts(), readOnly: true }, async (tx) =>
        rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from case_events where case_id = ${caseId}`)),
      );
    expect(await seen(yubei())).toEqual([{ n: 3 }]);
    expect(await seen({ tenantId: ids.cq!, userId: ids.staff! })).toEqual([{ n: 3 }]); // an ancestor supervises
    expect(await seen({ tenantId: ids.yuzhong!, userId: ids.staff! })).toEqual([{ n: 0 }]);
    const err = await pgError(
      withTenant(t.database.db, { tenantId: ids.yuzhong!, userId: ids.staff! }, opts(), (tx) =>
        tx.execute(sql`insert into case_events (case_id, tenant_id, seq, type, business_at, recorded_at, payload, hash)
          values (${caseId}, ${ids.yubei}, 99, 'NOTE_ADDED', now(), now(), '{}'::jsonb, 'x')`),
      ),
    );
    expect(err.code).toBe('42501');
  });
});

describe('hash chain through the database', () => {
  test('stored events verify: times, ids and JSON payloads survive the round trip', async () => {
    expect(await verifyStored()).toEqual({ ok: true, count: 3 });
  });

  test('a row edited behind the triggers is caught at its seq', async () => {
    // What only a superuser (or the owner, deliberately) could do: switch the guard off and edit.
    await t.database.db.execute(sql`alter table case_events disable trigger case_events_no_update_delete`);
    try {
      await t.database.db.execute(sql`update case_events set payload = jsonb_set(payload, '{note}', '"篡改"') where case_id = ${caseId} and seq = 2`);
    } finally {
      await t.database.db.execute(sql`alter table case_events enable trigger case_events_no_update_delete`);
    }
    const verdict = await verifyStored();
    expect(verdict).toMatchObject({ ok: false, brokenAt: { caseId, seq: 2, reason: 'HASH_MISMATCH' } });
  });
});

describe('case numbers', () => {
  // Years the demo's cases (opened in the seeding year) do not use: counters start at zero there.
  const Y = new Date().getUTCFullYear() + 5;
  test('concurrent intakes get consecutive numbers, never the same one', async () => {
    const viewer = { tenantId: ids['yubei-longxi']!, userId: ids.staff! };
    const tenant = { id: ids['yubei-longxi']!, slug: 'yubei-longxi' };
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () => withTenant(t.database.db, viewer, opts(), (tx) => allocateCaseNumber(tx, tenant, Y))),
    );
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `YUBEI-LONGXI-${Y}-${String(i + 1).padStart(6, '0')}`));
  });

  test('a rolled-back intake gives its number back; years and tenants count separately', async () => {
    const viewer = { tenantId: ids.yuzhong!, userId: ids.staff! };
    const yuzhong = { id: ids.yuzhong!, slug: 'yuzhong' };
    await expect(
      withTenant(t.database.db, viewer, opts(), async (tx) => {
        await allocateCaseNumber(tx, yuzhong, Y);
        throw new Error('intake refused');
      }),
    ).rejects.toThrow('intake refused');
    const next = await withTenant(t.database.db, viewer, opts(), (tx) => allocateCaseNumber(tx, yuzhong, Y));
    expect(next).toBe(`YUZHONG-${Y}-000001`);
    expect(await withTenant(t.database.db, viewer, opts(), (tx) => allocateCaseNumber(tx, yuzhong, Y + 1))).toBe(`YUZHONG-${Y + 1}-000001`);
    // Another district's counter is out of reach (row-level security).
    const err = await pgError(
      withTenant(t.database.db, viewer, opts(), (tx) => allocateCaseNumber(tx, { id: ids.yubei!, slug: 'yubei' }, Y)),
    );
    expect(err.code).toBe('42501');
  });
});

