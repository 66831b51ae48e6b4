import { nextEntry, type LedgerEntry, type LedgerFields } from './chain.js';

/** Fixtures for the ledger's tests: a case's chain of `n` events, built the way the server would. */

export const CASE_ID = '0b7c6f4e-4a53-4c39-9d1e-2f9f1f0c0001';
export const TENANT_ID = '5e3d2c1b-0000-4000-8000-00000000a001';
export const OTHER_TENANT_ID = '5e3d2c1b-0000-4000-8000-00000000a002';
export const USER_ID = '9a8b7c6d-0000-4000-8000-00000000b001';

const TYPES = ['CASE_OPENED', 'NOTE_ADDED', 'TRANSFERRED', 'TRANSFER_ACCEPTED', 'REPLIED', 'CLOSED'];

export function fieldsAt(i: number, caseId = CASE_ID): LedgerFields {
  const minute = String(i % 60).padStart(2, '0');
  return {
    caseId,
    type: TYPES[i % TYPES.length] ?? 'NOTE_ADDED',
    tenantId: i >= 3 ? OTHER_TENANT_ID : TENANT_ID,
    // The first event comes from an anonymous visitor (a left message); the rest from staff.
    actorUserId: i === 0 ? null : USER_ID,
    actorTenantId: i === 0 ? null : TENANT_ID,
    businessAt: `2026-03-02T01:${minute}:00.000Z`,
    recordedAt: `2026-03-02T02:${minute}:00.123Z`,
    payload: { note: `第${i + 1}条记录 😀`, people: [{ name: '张三', role: 'APPLICANT' }], step: i },
  };
}

export function buildChain(n: number, caseId = CASE_ID): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (let i = 0; i < n; i++) entries.push(nextEntry(entries.at(-1) ?? null, fieldsAt(i, caseId)));
  return entries;
}

/** A copy of the chain with entry `seq` changed as a superuser editing the row would (hash untouched). */
export function edited(chain: readonly LedgerEntry[], seq: number, change: Partial<LedgerEntry>): LedgerEntry[] {
  return chain.map((e) => (e.seq === seq ? { ...e, ...change } : e));
}
