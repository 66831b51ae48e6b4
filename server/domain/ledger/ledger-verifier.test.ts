import { describe, expect, test } from 'vitest';
import type { ExpectedHead, LedgerEntry } from './chain.js';
import { LedgerVerifier } from './ledger-verifier.js';
import { buildChain, edited } from './test-support.js';

const A = 'case-a';
const B = 'case-b';
const C = 'case-c';
const chains = { [A]: buildChain(3, A), [B]: buildChain(4, B), [C]: buildChain(2, C) };
const headOf = (entries: readonly LedgerEntry[]): ExpectedHead => {
  const last = entries.at(-1);
  if (!last) throw new Error('empty chain');
  return { caseId: last.caseId, seq: last.seq, hash: last.hash };
};
const heads = { [A]: headOf(chains[A]), [B]: headOf(chains[B]), [C]: headOf(chains[C]) };

/** Rows as a (ledger JOIN cases) cursor ordered by case id, seq would give them. */
function run(entries: readonly LedgerEntry[], withHeads = true) {
  const verifier = new LedgerVerifier();
  for (const e of entries) verifier.push(e, withHeads ? heads[e.caseId as keyof typeof heads] : undefined);
  return verifier.finish();
}
const all = () => [...chains[A], ...chains[B], ...chains[C]];

describe('LedgerVerifier (a tenant, case after case)', () => {
  test('valid chains with matching heads', () => {
    expect(run(all())).toEqual({ ok: true, cases: 3, count: 9 });
    expect(new LedgerVerifier().finish()).toEqual({ ok: true, cases: 0, count: 0 });
  });

  test('an edit in a later case is reported with its case and seq', () => {
    const rows = [...chains[A], ...edited(chains[B], 3, { payload: { note: '改过' } }), ...chains[C]];
    expect(run(rows)).toMatchObject({ ok: false, brokenAt: { caseId: B, seq: 3, reason: 'HASH_MISMATCH' } });
  });

  test("a truncated tail is caught when the next case begins, and at finish for the last case", () => {
    expect(run([...chains[A].slice(0, 2), ...chains[B], ...chains[C]])).toMatchObject({
      ok: false,
      brokenAt: { caseId: A, seq: 3, reason: 'TRUNCATED' },
    });
    expect(run([...chains[A], ...chains[B], ...chains[C].slice(0, 1)])).toMatchObject({
      ok: false,
      brokenAt: { caseId: C, seq: 2, reason: 'TRUNCATED' },
    });
  });

  test('without heads a truncated tail goes unseen (the chain alone cannot show it)', () => {
    expect(run([...chains[A].slice(0, 2), ...chains[B]], false)).toEqual({ ok: true, cases: 2, count: 6 });
  });

  test('a case whose rows are not contiguous restarts above seq 1: SEQ_GAP', () => {
    const rows = [...chains[A].slice(0, 2), ...chains[B], ...chains[A].slice(2)];
    expect(run(rows, false)).toMatchObject({ ok: false, brokenAt: { caseId: A, seq: 3, reason: 'SEQ_GAP' } });
  });

  test('push is sticky after the first break', () => {
    const verifier = new LedgerVerifier();
    const [a1, a2] = chains[A];
    expect(verifier.push(a1 as LedgerEntry)).toBeNull();
    const first = verifier.push({ ...(a2 as LedgerEntry), type: 'X' });
    expect(first).toMatchObject({ caseId: A, seq: 2, reason: 'HASH_MISMATCH' });
    for (const e of chains[B]) expect(verifier.push(e, heads[B])).toBe(first);
    expect(verifier.finish()).toEqual({ ok: false, brokenAt: first });
  });

  test('holds no rows: a long ledger streams through', () => {
    const verifier = new LedgerVerifier();
    let cases = 0;
    for (let c = 0; c < 200; c++) {
      const entries = buildChain(10, `case-${String(c).padStart(4, '0')}`);
      for (const e of entries) expect(verifier.push(e, headOf(entries))).toBeNull();
      cases++;
    }
    expect(verifier.finish()).toEqual({ ok: true, cases, count: 2000 });
  });
});
