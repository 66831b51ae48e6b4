import { ChainVerifier, verifyHead, type BrokenLink, type ExpectedHead, type LedgerEntry } from './chain.js';

export type LedgerVerdict =
  | { readonly ok: true; readonly cases: number; readonly count: number }
  | { readonly ok: false; readonly brokenAt: BrokenLink };

/**
 * Verifies many cases' chains (a tenant's ledger, Art. 18) read from one cursor ordered by case id,
 * then seq — holding only the current case's last link, never the rows. Pass each row with its
 * case row's head (a join gives it) and every chain's head is checked as the chain ends, which is
 * what catches a truncated tail; `finish()` ends the last chain and gives the verdict.
 *
 * The first broken link is reported, and `push` keeps returning it once found. Rows of one case
 * that are not contiguous start a second chain at a seq above 1: SEQ_GAP, so order the query by
 * (case id, seq). A case with no ledger rows at all never reaches the verifier: the server finds
 * those with a query of its own.
 */
export class LedgerVerifier {
  #caseId: string | null = null;
  #chain: ChainVerifier | null = null;
  #head: ExpectedHead | undefined;
  #cases = 0;
  #count = 0;
  #broken: BrokenLink | null = null;

  push(entry: LedgerEntry, head?: ExpectedHead): BrokenLink | null {
    if (this.#broken) return this.#broken;
    if (!this.#chain || entry.caseId !== this.#caseId) {
      if (this.#endChain()) return this.#broken;
      this.#caseId = entry.caseId;
      this.#chain = new ChainVerifier(entry.caseId);
      this.#head = undefined;
      this.#cases++;
    }
    if (head) this.#head = head;
    const broken = this.#chain.push(entry);
    if (broken) return (this.#broken = broken);
    this.#count++;
    return null;
  }

  finish(): LedgerVerdict {
    this.#endChain();
    return this.#broken ? { ok: false, brokenAt: this.#broken } : { ok: true, cases: this.#cases, count: this.#count };
  }

  #endChain(): BrokenLink | null {
    if (!this.#broken && this.#chain && this.#head) this.#broken = verifyHead(this.#chain.last, this.#head);
    return this.#broken;
  }
}
