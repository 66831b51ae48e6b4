import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  ChainVerifier,
  hashEntry,
  isCanonicalInstant,
  LEDGER_HASH_PREFIX,
  LedgerEntryError,
  nextEntry,
  verifyChain,
  verifyHead,
  type LedgerEntry,
  type LedgerFields,
} from './chain.js';
import { CanonicalJsonError } from './canonical.js';
import { buildChain, CASE_ID, edited, fieldsAt, OTHER_TENANT_ID, USER_ID } from './test-support.js';

const chain = buildChain(5);
const entry = (seq: number): LedgerEntry => {
  const e = chain[seq - 1];
  if (!e) throw new Error(`no seq ${seq}`);
  return e;
};
const brokenAt = (entries: Iterable<LedgerEntry>) => {
  const result = verifyChain(entries);
  return result.ok ? null : { seq: result.brokenAt.seq, reason: result.brokenAt.reason };
};
const head = (e: LedgerEntry) => ({ caseId: e.caseId, seq: e.seq, hash: e.hash });

const opening: LedgerFields = {
  caseId: 'case-1',
  type: 'CASE_OPENED',
  tenantId: 'tenant-1',
  actorUserId: null,
  actorTenantId: null,
  businessAt: '2026-03-02T01:00:00.000Z',
  recordedAt: '2026-03-02T02:00:00.000Z',
  payload: { 事由: '邻里纠纷', n: 1 },
};

describe('hashEntry and nextEntry', () => {
  test('the hash is SHA-256 of the prefix and the canonical JSON of exactly the ten fields (pinned)', () => {
    const first = nextEntry(null, opening);
    const covered =
      '{"actorTenantId":null,"actorUserId":null,"businessAt":"2026-03-02T01:00:00.000Z","caseId":"case-1",' +
      '"payload":{"n":1,"事由":"邻里纠纷"},"prevHash":null,"recordedAt":"2026-03-02T02:00:00.000Z","seq":1,' +
      '"tenantId":"tenant-1","type":"CASE_OPENED"}';
    expect(LEDGER_HASH_PREFIX).toBe('tianping-ledger-v1\n');
    expect(first.hash).toBe(createHash('sha256').update(`tianping-ledger-v1\n${covered}`, 'utf8').digest('hex'));
    // Pinned: changing the scheme would break every stored chain.
    expect(first.hash).toBe('467234e6292f553b9bb5fbbbb808ed7eff4be158c1d543df859c84ee48efb90a');
    const second = nextEntry(first, {
      ...opening,
      type: 'NOTE_ADDED',
      actorUserId: 'user-1',
      actorTenantId: 'tenant-1',
      businessAt: '2026-03-02T01:05:00.000Z',
      recordedAt: '2026-03-02T02:05:00.000Z',
      payload: [],
    });
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe('e0394c343d72483476c3ffdd807ec3d41f38968cd310b7a3813c8a9e65964a2e');
  });

  test('nextEntry numbers from 1 and links each entry to the previous hash', () => {
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entry(1).prevHash).toBeNull();
    for (let seq = 2; seq <= 5; seq++) expect(entry(seq).prevHash).toBe(entry(seq - 1).hash);
    for (const e of chain) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hashEntry(e)).toBe(e.hash);
    }
    expect(new Set(chain.map((e) => e.hash)).size).toBe(5);
  });

  test('extra properties (a database id, the stored hash) are not covered', () => {
    const row = { ...entry(2), id: 42, hash: 'whatever', createdBy: 'x' };
    expect(hashEntry(row)).toBe(entry(2).hash);
  });

  test('payload key order does not matter (jsonb reorders keys); values do', () => {
    const base = fieldsAt(0);
    const reordered = { ...base, payload: { step: 0, people: [{ role: 'APPLICANT', name: '张三' }], note: '第1条记录 😀' } };
    expect(nextEntry(null, reordered).hash).toBe(entry(1).hash);
    expect(nextEntry(null, { ...base, payload: { ...(base.payload as object), step: 1 } }).hash).not.toBe(entry(1).hash);
  });

  test.each<[string, Partial<LedgerEntry>]>([
    ['caseId', { caseId: 'another-case' }],
    ['type', { type: 'CLOSED' }],
    ['tenantId', { tenantId: OTHER_TENANT_ID }],
    ['actorUserId', { actorUserId: 'someone-else' }],
    ['actorUserId null', { actorUserId: null }],
    ['actorTenantId', { actorTenantId: OTHER_TENANT_ID }],
    ['businessAt', { businessAt: '2026-03-02T01:01:00.001Z' }],
    ['recordedAt', { recordedAt: '2026-03-02T02:01:00.124Z' }],
    ['payload', { payload: { note: '改过' } }],
    ['payload null', { payload: null }],
    ['seq', { seq: 3 }],
    ['prevHash', { prevHash: entry(1).hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) }],
  ])('the hash covers %s', (_, change) => {
    expect(hashEntry({ ...entry(2), ...change })).not.toBe(entry(2).hash);
  });

  const refused = (change: Partial<LedgerFields>): string | undefined => {
    try {
      nextEntry(null, { ...fieldsAt(0), ...change });
    } catch (e) {
      if (e instanceof LedgerEntryError) return e.field;
      if (e instanceof CanonicalJsonError) return e.path;
      throw e;
    }
    return undefined;
  };

  test.each<[string, Partial<LedgerFields>, string]>([
    ['an empty caseId', { caseId: '' }, 'caseId'],
    ['an empty type', { type: '' }, 'type'],
    ['a missing actor (undefined, not null)', { actorUserId: undefined as unknown as null }, 'actorUserId'],
    ['an empty actor tenant', { actorTenantId: '' }, 'actorTenantId'],
    ['a time with an offset', { businessAt: '2026-03-02T10:00:00.000+08:00' }, 'businessAt'],
    ['a time without milliseconds', { recordedAt: '2026-03-02T02:00:00Z' }, 'recordedAt'],
    ['a date only', { businessAt: '2026-03-02' }, 'businessAt'],
    ['an impossible date', { businessAt: '2026-02-30T00:00:00.000Z' }, 'businessAt'],
    ['a payload with a Date', { payload: { at: new Date(0) } }, '$.payload.at'],
    ['a payload with NaN', { payload: { n: Number.NaN } }, '$.payload.n'],
  ])('refuses %s', (_, change, where) => {
    expect(refused(change)).toBe(where);
  });

  test('refuses a malformed previous link', () => {
    expect(() => nextEntry({ seq: 0, hash: entry(1).hash }, fieldsAt(1))).toThrow(LedgerEntryError);
    expect(() => nextEntry({ seq: 1, hash: 'abc' }, fieldsAt(1))).toThrow(LedgerEntryError);
    expect(() => nextEntry({ seq: 1, hash: entry(1).hash.toUpperCase() }, fieldsAt(1))).toThrow(LedgerEntryError);
  });

  test('hashEntry refuses a prevHash on seq 1 and a missing one after it', () => {
    expect(() => hashEntry({ ...entry(1), prevHash: entry(2).hash })).toThrow(/prevHash/);
    expect(() => hashEntry({ ...entry(2), prevHash: null })).toThrow(/prevHash/);
  });

  test('isCanonicalInstant accepts only toISOString() output', () => {
    expect(isCanonicalInstant(new Date(Date.UTC(2026, 2, 2, 2, 0, 0, 5)).toISOString())).toBe(true);
    expect(isCanonicalInstant('2024-02-29T23:59:59.999Z')).toBe(true);
    expect(isCanonicalInstant('2025-02-29T00:00:00.000Z')).toBe(false);
    expect(isCanonicalInstant('2026-03-02T24:00:00.000Z')).toBe(false);
    expect(isCanonicalInstant('2026-03-02t02:00:00.000z')).toBe(false);
  });
});

describe('verifyChain and ChainVerifier', () => {
  test('a valid chain, and an empty one', () => {
    expect(verifyChain(chain)).toEqual({ ok: true, count: 5 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0 });
    expect(verifyChain(chain, head(entry(5)))).toEqual({ ok: true, count: 5 });
  });

  test('a chain read back from the database (jsonb: keys reordered; times through Date) still verifies', () => {
    const reread = chain.map((e) => {
      const row = JSON.parse(JSON.stringify({ ...e, payload: { step: (e.payload as { step: number }).step, ...(e.payload as object) } }));
      return { ...row, businessAt: new Date(row.businessAt).toISOString() } as LedgerEntry;
    });
    expect(verifyChain(reread)).toEqual({ ok: true, count: 5 });
  });

  test.each<[string, Partial<LedgerEntry>]>([
    ['payload', { payload: { note: '改过', people: [], step: 2 } }],
    ['a nested payload value', { payload: { ...(fieldsAt(2).payload as object), people: [{ name: '李四', role: 'APPLICANT' }] } }],
    ['type', { type: 'CLOSED' }],
    ['actorUserId', { actorUserId: 'another-user' }],
    ['actorUserId to null', { actorUserId: null }],
    ['actorTenantId', { actorTenantId: OTHER_TENANT_ID }],
    ['tenantId', { tenantId: OTHER_TENANT_ID }],
    ['businessAt', { businessAt: '2026-03-01T01:02:00.000Z' }],
    ['recordedAt', { recordedAt: '2026-03-02T02:02:00.124Z' }],
    ['hash', { hash: entry(4).hash }],
  ])('an edited %s breaks the chain at that entry: HASH_MISMATCH', (_, change) => {
    expect(brokenAt(edited(chain, 3, change))).toEqual({ seq: 3, reason: 'HASH_MISMATCH' });
  });

  test('an edited prevHash: PREV_HASH_MISMATCH at that entry', () => {
    expect(brokenAt(edited(chain, 3, { prevHash: entry(1).hash }))).toEqual({ seq: 3, reason: 'PREV_HASH_MISMATCH' });
  });

  test('an entry rewritten with its own hash recomputed is caught at the next entry', () => {
    const forged = nextEntry(entry(2), { ...fieldsAt(2), payload: { note: '伪造' } });
    expect(forged.seq).toBe(3);
    expect(brokenAt(edited(chain, 3, forged))).toEqual({ seq: 4, reason: 'PREV_HASH_MISMATCH' });
  });

  test('a deleted middle entry: SEQ_GAP at the entry after the hole', () => {
    const result = verifyChain(chain.filter((e) => e.seq !== 3));
    expect(result).toEqual({
      ok: false,
      brokenAt: { caseId: CASE_ID, seq: 4, reason: 'SEQ_GAP', detail: 'expected seq 3, found 4' },
    });
  });

  test('a deleted first entry: SEQ_GAP at seq 2', () => {
    expect(brokenAt(chain.slice(1))).toEqual({ seq: 2, reason: 'SEQ_GAP' });
  });

  test('a deleted middle entry with the later ones renumbered: PREV_HASH_MISMATCH', () => {
    const renumbered = chain.filter((e) => e.seq !== 3).map((e) => (e.seq > 3 ? { ...e, seq: e.seq - 1 } : e));
    expect(brokenAt(renumbered)).toEqual({ seq: 3, reason: 'PREV_HASH_MISMATCH' });
  });

  test('a reordered pair: out of seq order is SEQ_GAP; seqs swapped between the rows is PREV_HASH_MISMATCH', () => {
    expect(brokenAt([entry(1), entry(3), entry(2), entry(4), entry(5)])).toEqual({ seq: 3, reason: 'SEQ_GAP' });
    const swapped = [entry(1), { ...entry(3), seq: 2 }, { ...entry(2), seq: 3 }, entry(4), entry(5)];
    expect(brokenAt(swapped)).toEqual({ seq: 2, reason: 'PREV_HASH_MISMATCH' });
  });

  test('a duplicated entry: SEQ_GAP', () => {
    expect(brokenAt([entry(1), entry(2), entry(2), entry(3)])).toEqual({ seq: 2, reason: 'SEQ_GAP' });
  });

  test('a first entry carrying a prevHash: FIRST_HAS_PREV', () => {
    expect(brokenAt(edited(chain, 1, { prevHash: entry(5).hash }))).toEqual({ seq: 1, reason: 'FIRST_HAS_PREV' });
  });

  test("another case's entry in the chain: CASE_MISMATCH", () => {
    const other = buildChain(3, 'another-case');
    const mixed = [entry(1), entry(2), other[2] as LedgerEntry];
    expect(brokenAt(mixed)).toEqual({ seq: 3, reason: 'CASE_MISMATCH' });
    const verifier = new ChainVerifier(CASE_ID);
    expect(verifier.push(other[0] as LedgerEntry)).toMatchObject({ caseId: CASE_ID, seq: 1, reason: 'CASE_MISMATCH' });
  });

  test('a field the hash cannot be computed over: MALFORMED', () => {
    expect(brokenAt(edited(chain, 2, { recordedAt: '2026-03-02 10:00:00' }))).toEqual({ seq: 2, reason: 'MALFORMED' });
    const result = verifyChain(edited(chain, 4, { payload: { n: Number.NaN } }));
    expect(result).toMatchObject({ ok: false, brokenAt: { seq: 4, reason: 'MALFORMED', detail: '$.payload.n: NaN is not a JSON number' } });
  });

  test('the FIRST broken link is reported when there are several', () => {
    const twice = edited(edited(chain, 4, { type: 'X' }), 2, { payload: { step: 99 } });
    expect(brokenAt(twice)).toEqual({ seq: 2, reason: 'HASH_MISMATCH' });
  });

  test('push is streaming and sticky: null while valid, then the first failure, without further work', () => {
    const verifier = new ChainVerifier();
    expect(verifier.last).toBeNull();
    expect(verifier.push(entry(1))).toBeNull();
    expect(verifier.push(entry(2))).toBeNull();
    expect(verifier.last).toEqual({ caseId: CASE_ID, seq: 2, hash: entry(2).hash });
    const first = verifier.push({ ...entry(3), type: 'X' });
    expect(first).toMatchObject({ caseId: CASE_ID, seq: 3, reason: 'HASH_MISMATCH' });
    expect(verifier.push(entry(3))).toBe(first);
    expect(verifier.push(entry(4))).toBe(first);
    expect(verifier.count).toBe(2);
    expect(verifier.broken).toBe(first);
    expect(verifier.result()).toEqual({ ok: false, brokenAt: first });
  });

  test('verifyChain reads lazily and stops at the first break', () => {
    let read = 0;
    function* rows() {
      for (const e of edited(chain, 2, { type: 'X' })) {
        read++;
        yield e;
      }
    }
    expect(brokenAt(rows())).toEqual({ seq: 2, reason: 'HASH_MISMATCH' });
    expect(read).toBe(2);
  });
});

describe('truncated tails and verifyHead', () => {
  test('a truncated tail is NOT detectable from the chain alone', () => {
    expect(verifyChain(chain.slice(0, 3))).toEqual({ ok: true, count: 3 });
  });

  test("it is caught against the case row's last seq and hash", () => {
    const verdict = verifyChain(chain.slice(0, 3), head(entry(5)));
    expect(verdict).toEqual({
      ok: false,
      brokenAt: { caseId: CASE_ID, seq: 4, reason: 'TRUNCATED', detail: 'the chain ends at seq 3; the case is at 5' },
    });
    expect(verifyHead(entry(3), head(entry(5)))).toMatchObject({ seq: 4, reason: 'TRUNCATED' });
    expect(verifyHead(null, head(entry(5)))).toMatchObject({ seq: 1, reason: 'TRUNCATED' });
  });

  test('a rewritten last entry (own hash recomputed) is caught only by the head', () => {
    const forged = nextEntry(entry(4), { ...fieldsAt(4), actorUserId: USER_ID, payload: { note: '伪造' } });
    const tampered = [...chain.slice(0, 4), forged];
    expect(verifyChain(tampered)).toEqual({ ok: true, count: 5 });
    expect(verifyChain(tampered, head(entry(5)))).toMatchObject({ ok: false, brokenAt: { seq: 5, reason: 'HEAD_MISMATCH' } });
  });

  test('a chain longer than its case row says: HEAD_MISMATCH at the first entry past the head', () => {
    expect(verifyHead(entry(5), head(entry(3)))).toMatchObject({ seq: 4, reason: 'HEAD_MISMATCH' });
  });

  test('a head of another case: CASE_MISMATCH', () => {
    expect(verifyHead(entry(5), { ...head(entry(5)), caseId: 'another-case' })).toMatchObject({
      caseId: 'another-case',
      reason: 'CASE_MISMATCH',
    });
  });

  test('matching heads, including a case with no events', () => {
    expect(verifyHead(entry(5), head(entry(5)))).toBeNull();
    expect(verifyHead(null, { caseId: CASE_ID, seq: 0, hash: null })).toBeNull();
    expect(verifyChain([], { caseId: CASE_ID, seq: 0, hash: null })).toEqual({ ok: true, count: 0 });
  });

  test('a break inside the chain is reported before a head mismatch', () => {
    expect(verifyChain(edited(chain.slice(0, 3), 2, { type: 'X' }), head(entry(5)))).toMatchObject({
      ok: false,
      brokenAt: { seq: 2, reason: 'HASH_MISMATCH' },
    });
  });
});
