/**
 * Forbidden-phrase checking (Art. 23 forbidden phrases; Art. 26 no touting paid lawyers or
 * services). Every text sent to the public is checked against the root tenant's list plus the
 * tenant's own; a hit refuses the text with the phrase named (DESIGN.md "Phrase library").
 */
import { badInput, type FieldErrors } from '../shared/errors.js';
import { normaliseForMatching, originalRange, type NormalisedText } from './normalise.js';

export interface Phrase {
  id: string;
  text: string;
}

export interface CompiledPhrase {
  readonly id: string;
  /** As the tenant wrote it; this is what error messages name. */
  readonly text: string;
  readonly normalised: string;
  /** The phrase begins / ends with a letter or digit of a spaced script (see `touchesWord`). */
  readonly wordStart: boolean;
  readonly wordEnd: boolean;
}

export interface PhraseMatcher {
  readonly phrases: readonly CompiledPhrase[];
}

export interface ForbiddenHit {
  phraseId: string;
  phrase: string;
  /** UTF-16 offsets into the original text, end exclusive: `text.slice(start, end) === excerpt`. */
  start: number;
  end: number;
  excerpt: string;
}

/** Normalises each phrase once. A phrase that normalises to nothing would match everywhere. */
export function compilePhrases(phrases: readonly Phrase[]): PhraseMatcher {
  const seen = new Set<string>();
  const compiled = phrases.map(({ id, text }): CompiledPhrase => {
    if (seen.has(id)) throw badInput({ id: `phrase ${id} appears twice in the list` });
    seen.add(id);
    const normalised = normaliseForMatching(text).text;
    if (normalised === '') {
      throw badInput({ text: `phrase ${id} is empty once width, case and whitespace are normalised` });
    }
    return {
      id,
      text,
      normalised,
      wordStart: isWordChar(firstChar(normalised)),
      wordEnd: isWordChar(lastChar(normalised)),
    };
  });
  return { phrases: compiled };
}

/**
 * Every occurrence of every phrase, sorted by start (then end, then list order), overlapping ones
 * included.
 *
 * A plain indexOf loop per phrase over the normalised text, not Aho–Corasick: at a few hundred
 * phrases and ~20k characters that is a few hundred native (Boyer–Moore–Horspool) scans, well
 * under a millisecond each, with nothing to build or get wrong; the automaton would only pay off
 * at thousands of phrases.
 */
export function findForbidden(matcher: PhraseMatcher, text: string): ForbiddenHit[] {
  const n = normaliseForMatching(text);
  const hits: { hit: ForbiddenHit; order: number }[] = [];
  matcher.phrases.forEach((phrase, order) => {
    const needle = phrase.normalised;
    // Step one unit past each hit, not past the whole phrase, so self-overlapping repeats
    // ("哈哈" twice in "哈哈哈") are all found. A well-formed needle never begins with a low
    // surrogate, so a step into the middle of a pair cannot produce a false hit.
    for (let at = n.text.indexOf(needle); at !== -1; at = n.text.indexOf(needle, at + 1)) {
      const to = at + needle.length;
      if (phrase.wordStart && touchesWord(n, at, 'before')) continue;
      if (phrase.wordEnd && touchesWord(n, to, 'after')) continue;
      const { start, end } = originalRange(n, at, to);
      hits.push({ hit: { phraseId: phrase.id, phrase: phrase.text, start, end, excerpt: text.slice(start, end) }, order });
    }
  });
  hits.sort((a, b) => a.hit.start - b.hit.start || a.hit.end - b.hit.end || a.order - b.order);
  return hits.map((h) => h.hit);
}

/**
 * Refuses the input when any field holds a forbidden phrase, naming each such field and the
 * phrases in it: `{ summary: 'contains the forbidden phrase "不归我管"' }`. Every mutation that
 * sends text to the public calls this. Null, undefined and empty fields are skipped.
 */
export function assertNoForbidden(matcher: PhraseMatcher, fields: Record<string, string | null | undefined>): void {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue;
    const found = [...new Set(findForbidden(matcher, value).map((h) => h.phrase))];
    if (found.length === 0) continue;
    const quoted = found.map((p) => `"${p}"`).join(', ');
    errors[field] = `contains the forbidden ${found.length === 1 ? 'phrase' : 'phrases'} ${quoted}`;
  }
  if (Object.keys(errors).length > 0) throw badInput(errors);
}

/**
 * Whitespace removal joins words, which is the point for Chinese ("不 归 我 管") but would make a
 * Latin phrase match across a word boundary the text really has ("no way" inside "piano way").
 * So where a phrase begins (ends) with a letter or digit of a spaced script, the hit must not be
 * glued to another such character in the original: one removed space or invisible between them
 * is a boundary, adjacency (or sharing an NFKC cluster) is not. Han and kana need no boundary.
 */
function touchesWord(n: NormalisedText, at: number, side: 'before' | 'after'): boolean {
  if (side === 'before') {
    if (at === 0) return false;
    if (n.ends[at - 1]! < n.starts[at]!) return false;
    return isWordChar(charEndingAt(n.text, at));
  }
  if (at === n.text.length) return false;
  if (n.ends[at - 1]! < n.starts[at]!) return false;
  return isWordChar(String.fromCodePoint(n.text.codePointAt(at)!));
}

const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const UNSPACED = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]$/u;

function isWordChar(ch: string): boolean {
  return WORD.test(ch) && !UNSPACED.test(ch);
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0)!);
}

function lastChar(s: string): string {
  return charEndingAt(s, s.length);
}

function charEndingAt(s: string, at: number): string {
  const low = s.charCodeAt(at - 1);
  if (at >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = s.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(at - 2, at);
  }
  return s.slice(at - 1, at);
}
