import { createHash } from 'node:crypto';
import { CanonicalJsonError, canonicalJson } from './canonical.js';

/**
 * The work ledger's hash chain (Art. 18; STYLE.md habit 6). Each case's events form one chain:
 * seq 1, 2, 3 … with no gaps, each entry holding the hash of the one before, so editing or
 * deleting a stored event shows up when the chain is recomputed.
 *
 * What the hash covers, exactly: SHA-256, written as 64 lowercase hex digits, of the UTF-8 bytes of
 *
 *     "tianping-ledger-v1\n" + canonicalJson({
 *       actorTenantId, actorUserId, businessAt, caseId, payload, prevHash, recordedAt, seq, tenantId, type
 *     })
 *
 * — those ten fields and nothing else (not `hash`, not database ids or projections), nulls written
 * out. The prefix names the scheme: a different one would need its own prefix and a per-row
 * version column, since old rows must keep verifying under the rule they were written with.
 *
 * Rules the hashed fields must follow, so that a row read back from the database hashes the same:
 * ids and `type` are non-empty strings; the two actor fields are such strings or null (anonymous
 * visitor, system job); both times are exactly `Date.prototype.toISOString()` output
 * (`2026-03-02T02:00:00.000Z`: UTC, milliseconds — store them with millisecond precision and
 * re-read them through `toISOString()`); `payload` has a canonical JSON form (canonical.ts).
 *
 * What a chain alone cannot show: a truncated tail. Deleting the last k events (or rewriting the
 * last one and recomputing its hash) leaves a shorter chain that is perfectly valid. The case row
 * therefore keeps its last seq and hash, written in the same transaction as each event, and
 * `verifyHead` compares the two. Likewise a rewritten entry whose own hash was recomputed is only
 * caught at the next entry, as PREV_HASH_MISMATCH.
 */

export const LEDGER_HASH_PREFIX = 'tianping-ledger-v1\n';

/** What the caller supplies for a new event; `nextEntry` adds the chain fields. */
export interface LedgerFields {
  readonly caseId: string;
  /** The typed action, from the event vocabulary of the case's state machine. */
  readonly type: string;
  /** The tenant the event happened in. */
  readonly tenantId: string;
  /** Null for an anonymous visitor or a system job. */
  readonly actorUserId: string | null;
  readonly actorTenantId: string | null;
  /** When it happened in the world (a call taken at 09:10, recorded at 11:00). */
  readonly businessAt: string;
  /** When it was written. */
  readonly recordedAt: string;
  /** Already validated against the schema of its `type`; must have a canonical JSON form. */
  readonly payload: unknown;
}

/** Where a chain stands: its last entry's seq and hash. */
export interface LedgerLink {
  readonly seq: number;
  readonly hash: string;
}

export interface LedgerEntry extends LedgerFields, LedgerLink {
  /** The previous entry's hash; null exactly when seq is 1. */
  readonly prevHash: string | null;
}

export type UnhashedEntry = Omit<LedgerEntry, 'hash'>;

/** What the case row says the chain's head is; `{ seq: 0, hash: null }` for a case with no events. */
export interface ExpectedHead {
  readonly caseId: string;
  readonly seq: number;
  readonly hash: string | null;
}

/** A field that breaks the rules above. A programming error on write; MALFORMED on verify. */
export class LedgerEntryError extends TypeError {
  override name = 'LedgerEntryError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`ledger entry ${field}: ${problem}`);
  }
}

const HASH = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Exactly what `toISOString()` prints for some instant: `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function isCanonicalInstant(s: string): boolean {
  if (!INSTANT.test(s)) return false;
  const t = Date.parse(s);
  return Number.isFinite(t) && new Date(t).toISOString() === s;
}

function check(entry: UnhashedEntry): void {
  for (const field of ['caseId', 'type', 'tenantId'] as const) {
    const v: unknown = entry[field];
    if (typeof v !== 'string' || v === '') throw new LedgerEntryError(field, 'must be a non-empty string');
  }
  for (const field of ['actorUserId', 'actorTenantId'] as const) {
    const v: unknown = entry[field];
    if (v !== null && (typeof v !== 'string' || v === '')) throw new LedgerEntryError(field, 'must be a non-empty string or null');
  }
  for (const field of ['businessAt', 'recordedAt'] as const) {
    const v: unknown = entry[field];
    if (typeof v !== 'string' || !isCanonicalInstant(v)) throw new LedgerEntryError(field, 'must be a toISOString() instant');
  }
  if (!Number.isSafeInteger(entry.seq) || entry.seq < 1) throw new LedgerEntryError('seq', 'must be an integer from 1');
  if (entry.seq === 1 ? entry.prevHash !== null : typeof entry.prevHash !== 'string' || !HASH.test(entry.prevHash)) {
    throw new LedgerEntryError('prevHash', 'must be null for seq 1 and a SHA-256 hex hash after it');
  }
}

/**
 * The entry's hash (see the module comment for exactly what it covers). Any `hash` or other extra
 * property on the argument is ignored. Throws LedgerEntryError or CanonicalJsonError.
 */
export function hashEntry(entry: UnhashedEntry): string {
  check(entry);
  const covered = {
    actorTenantId: entry.actorTenantId,
    actorUserId: entry.actorUserId,
    businessAt: entry.businessAt,
    caseId: entry.caseId,
    payload: entry.payload,
    prevHash: entry.prevHash,
    recordedAt: entry.recordedAt,
    seq: entry.seq,
    tenantId: entry.tenantId,
    type: entry.type,
  };
  return createHash('sha256')
    .update(LEDGER_HASH_PREFIX + canonicalJson(covered), 'utf8')
    .digest('hex');
}

/** The entry that follows `prev` (null: the case's first event), with seq, prevHash and hash set. */
export function nextEntry(prev: LedgerLink | null, fields: LedgerFields): LedgerEntry {
  if (prev && (!Number.isSafeInteger(prev.seq) || prev.seq < 1 || !HASH.test(prev.hash))) {
    throw new LedgerEntryError('prev', 'must be a seq from 1 and a SHA-256 hex hash');
  }
  const unhashed: UnhashedEntry = {
    caseId: fields.caseId,
    type: fields.type,
    tenantId: fields.tenantId,
    actorUserId: fields.actorUserId,
    actorTenantId: fields.actorTenantId,
    businessAt: fields.businessAt,
    recordedAt: fields.recordedAt,
    payload: fields.payload,
    seq: prev ? prev.seq + 1 : 1,
    prevHash: prev ? prev.hash : null,
  };
  return { ...unhashed, hash: hashEntry(unhashed) };
}

/**
 * Why a link is broken, in the order `ChainVerifier` checks an entry. TRUNCATED and HEAD_MISMATCH
 * come from `verifyHead` (the chain against its case row).
 */
export const BREAK_REASONS = [
  'CASE_MISMATCH', // an entry of another case inside this chain, or a head of another case
  'SEQ_GAP', // seq is not the previous one + 1 (1 for the first): deleted, duplicated or out of order
  'FIRST_HAS_PREV', // seq 1 carries a prevHash
  'PREV_HASH_MISMATCH', // prevHash is not the previous entry's hash
  'MALFORMED', // a hashed field breaks the rules (bad time, payload not JSON …): no hash to compare
  'HASH_MISMATCH', // the stored hash is not the hash of the stored fields
  'TRUNCATED', // the chain ends before the case row's last seq
  'HEAD_MISMATCH', // the chain's last entry is not the case row's last seq and hash
] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

export interface BrokenLink {
  readonly caseId: string;
  /** The seq of the first entry found wrong (for TRUNCATED, the first one missing). */
  readonly seq: number;
  readonly reason: BreakReason;
  /** For an admin reading the report; holds no payload data. */
  readonly detail: string;
}

export type ChainVerdict = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly brokenAt: BrokenLink };

/**
 * Verifies one case's chain an entry at a time, in seq order, holding only the last link: the
 * server can feed it rows from a cursor. `push` returns the first broken link, and keeps returning
 * it (without further work) once the chain is broken; null while all is well.
 */
export class ChainVerifier {
  #caseId: string | null;
  #last: LedgerLink | null = null;
  #count = 0;
  #broken: BrokenLink | null = null;

  /** With a caseId, an entry of any other case is CASE_MISMATCH; without, the first entry sets it. */
  constructor(caseId?: string) {
    this.#caseId = caseId ?? null;
  }

  get count(): number {
    return this.#count;
  }

  /** The last entry verified, as { caseId, seq, hash }; null before the first. */
  get last(): (LedgerLink & { readonly caseId: string }) | null {
    return this.#last && this.#caseId !== null ? { caseId: this.#caseId, ...this.#last } : null;
  }

  get broken(): BrokenLink | null {
    return this.#broken;
  }

  push(entry: LedgerEntry): BrokenLink | null {
    if (this.#broken) return this.#broken;
    const fail = (reason: BreakReason, detail: string) =>
      (this.#broken = { caseId: this.#caseId ?? entry.caseId, seq: entry.seq, reason, detail });

    if (this.#caseId === null) this.#caseId = entry.caseId;
    else if (entry.caseId !== this.#caseId) return fail('CASE_MISMATCH', `entry of case ${entry.caseId}`);

    const last = this.#last;
    const expectedSeq = last ? last.seq + 1 : 1;
    if (entry.seq !== expectedSeq) return fail('SEQ_GAP', `expected seq ${expectedSeq}, found ${entry.seq}`);
    if (!last) {
      if (entry.prevHash !== null) return fail('FIRST_HAS_PREV', 'the first entry has a prevHash');
    } else if (entry.prevHash !== last.hash) {
      return fail('PREV_HASH_MISMATCH', `prevHash is not the hash of seq ${last.seq}`);
    }

    let hash: string;
    try {
      hash = hashEntry(entry);
    } catch (e) {
      if (e instanceof LedgerEntryError) return fail('MALFORMED', `${e.field}: ${e.problem}`);
      if (e instanceof CanonicalJsonError) return fail('MALFORMED', `${e.path}: ${e.problem}`);
      throw e;
    }
    if (hash !== entry.hash) return fail('HASH_MISMATCH', 'the stored hash is not the hash of the stored fields');

    this.#last = { seq: entry.seq, hash: entry.hash };
    this.#count++;
    return null;
  }

  result(): ChainVerdict {
    return this.#broken ? { ok: false, brokenAt: this.#broken } : { ok: true, count: this.#count };
  }
}

/**
 * Compares a chain's last verified entry (null: no entries) with the head its case row records.
 * This is what catches a truncated tail, which the chain itself cannot show.
 */
export function verifyHead(
  last: Pick<LedgerEntry, 'caseId' | 'seq' | 'hash'> | null,
  expected: ExpectedHead,
): BrokenLink | null {
  const caseId = expected.caseId;
  if (last && last.caseId !== caseId) {
    return { caseId, seq: last.seq, reason: 'CASE_MISMATCH', detail: `the chain is of case ${last.caseId}` };
  }
  const seq = last?.seq ?? 0;
  if (seq < expected.seq) {
    return { caseId, seq: seq + 1, reason: 'TRUNCATED', detail: `the chain ends at seq ${seq}; the case is at ${expected.seq}` };
  }
  if (seq > expected.seq) {
    const detail = `the chain goes on to seq ${seq}; the case is at ${expected.seq}`;
    return { caseId, seq: expected.seq + 1, reason: 'HEAD_MISMATCH', detail };
  }
  if ((last?.hash ?? null) !== expected.hash) {
    return { caseId, seq, reason: 'HEAD_MISMATCH', detail: `the hash of seq ${seq} is not the case's last hash` };
  }
  return null;
}

/**
 * Verifies one case's entries, given in seq order, and with `expected` its case row's head too.
 * The first broken link wins: a break inside the chain is reported before a head mismatch.
 */
export function verifyChain(entries: Iterable<LedgerEntry>, expected?: ExpectedHead): ChainVerdict {
  const verifier = new ChainVerifier(expected?.caseId);
  for (const entry of entries) if (verifier.push(entry)) break;
  const result = verifier.result();
  if (!result.ok || !expected) return result;
  const head = verifyHead(verifier.last, expected);
  return head ? { ok: false, brokenAt: head } : result;
}
