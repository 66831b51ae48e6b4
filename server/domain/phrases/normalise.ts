/**
 * The text form forbidden phrases are matched in (Art. 23; DESIGN.md "Phrase library"): width,
 * case and spacing must not let a phrase slip through, so "不 归 我 管", "不\u3000归我管" and
 * "ＮＯ ＷＡＹ" meet "不归我管" and "no way". A hit is reported at its place in the ORIGINAL text,
 * so the normalised string carries, for every UTF-16 code unit, the original range it came from.
 */
export interface NormalisedText {
  /** The original text, width-folded, NFKC, lowercased, with whitespace and invisibles removed. */
  readonly text: string;
  /** `starts[i]`..`ends[i]` (UTF-16 code units, end exclusive): where `text[i]` came from. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export function normaliseForMatching(original: string): NormalisedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];

  const emit = (cluster: string, start: number, end: number) => {
    for (const ch of foldCluster(cluster)) {
      if (REMOVED.test(ch)) continue;
      text += ch;
      // Every unit of the output (both halves of a surrogate pair, all of '(株)' from '㈱') maps
      // to the whole cluster: that is the smallest original range it can honestly be traced to.
      for (let k = 0; k < ch.length; k++) {
        starts.push(start);
        ends.push(end);
      }
    }
  };

  // Normalise cluster by cluster rather than the whole string at once, so each output unit knows
  // its source. A cluster is a code point plus any following ones that NFKC would combine or
  // reorder with it ('e' + U+0301, Hangul jamo, half-width ｶ + ﾞ): only then is the per-cluster
  // result the same as normalising the whole text.
  let cluster = '';
  let clusterStart = 0;
  let i = 0;
  while (i < original.length) {
    const cp = original.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const folded = foldWidth(cp);
    const ch = String.fromCodePoint(folded);
    if (cluster !== '' && interacts(cluster, ch, folded)) {
      cluster += ch;
    } else {
      if (cluster !== '') emit(cluster, clusterStart, i);
      cluster = ch;
      clusterStart = i;
    }
    i += len;
  }
  if (cluster !== '') emit(cluster, clusterStart, original.length);

  return { text, starts, ends };
}

/** The original range behind normalised units `from`..`to` (end exclusive, `from < to`). */
export function originalRange(n: NormalisedText, from: number, to: number): { start: number; end: number } {
  return { start: n.starts[from]!, end: n.ends[to - 1]! };
}

/** Whitespace of every kind (spaces, tabs, newlines, U+3000, NBSP) and invisible characters
 * (zero-width space, soft hyphen, joiners), which would otherwise split a phrase unseen. */
const REMOVED = /^[\s\p{Default_Ignorable_Code_Point}]+$/u;

/** Full-width ASCII U+FF01–U+FF5E to ASCII and the ideographic space to a space (NFKC does this
 * too; done first so the rule does not hang on it). */
function foldWidth(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) return cp - 0xfee0;
  if (cp === 0x3000) return 0x20;
  return cp;
}

function foldCluster(cluster: string): string {
  const cp = cluster.codePointAt(0)!;
  if (cluster.length === 1 && cp < 0x80) return cluster.toLowerCase();
  if (cluster.length === 1 && isPlainHan(cp)) return cluster;
  // Lowercasing can yield decomposed forms ('İ' -> 'i' + U+0307), so NFKC again after it.
  return cluster.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** Whether NFKC treats `next` differently after `cluster` than on its own. */
function interacts(cluster: string, next: string, cp: number): boolean {
  // Nothing below the combining diacritics, and no unified ideograph, ever composes with or
  // reorders around what precedes it: skip the normalize() calls for the common case.
  if (cp < 0x300 || isPlainHan(cp)) return false;
  return (cluster + next).normalize('NFKC') !== cluster.normalize('NFKC') + next.normalize('NFKC');
}

/** CJK Unified Ideographs (Ext. A and the main block): NFKC leaves them alone and they have no case. */
function isPlainHan(cp: number): boolean {
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff);
}
