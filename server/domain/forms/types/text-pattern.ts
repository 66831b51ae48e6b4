/**
 * Tenant-authored patterns for TEXT fields. JavaScript syntax with the `u` flag (so `\p{Script=Han}`
 * works and a character outside the BMP is one character). A pattern is ANCHORED: the whole value
 * must match, so `\d{6}` means exactly six digits; a leading `^` or trailing `$` is harmless.
 *
 * A tenant's pattern runs on the public's input, so patterns prone to catastrophic backtracking are
 * refused up front, conservatively: a group repeated by `*`, `+` or `{n,}`-style counts must not
 * itself contain a choice (a quantifier other than an exact `{n}`, or an alternative `|`), and
 * back-references are not allowed. `(a+)+`, `(a|aa)*` and `(\w+\s?)*` are refused; `(\d{3}-)+`
 * and `(-|\s)?` are fine; `(ab|cd)+` must be written another way. Values are also capped in length
 * (TEXT's maxLength is at most 500) and checked for length before the pattern runs.
 */

export const PATTERN_MAX_LENGTH = 200;

/** Why a pattern is unacceptable, or null. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'must not be empty';
  if (pattern.length > PATTERN_MAX_LENGTH) return `must be at most ${PATTERN_MAX_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  return backtrackingRisk(pattern);
}

/**
 * The anchored matcher. Only for patterns patternProblem accepted: such a pattern compiles on its
 * own, so its parentheses balance and `(?:…)` cannot be broken out of.
 */
export const compilePattern = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'u');

interface Quantifier {
  length: number;
  /** Can match its atom more than once. */
  repeats: boolean;
  /** Leaves the engine a choice of how many times (everything but an exact `{n}`). */
  choice: boolean;
}

function quantifierAt(p: string, j: number): Quantifier | null {
  let q: Quantifier;
  const c = p[j];
  if (c === '?') q = { length: 1, repeats: false, choice: true };
  else if (c === '*' || c === '+') q = { length: 1, repeats: true, choice: true };
  else if (c === '{') {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(p.slice(j));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
    q = { length: m[0].length, repeats: max >= 2, choice: max > min };
  } else return null;
  if (p[j + q.length] === '?') q.length++; // lazy
  return q;
}

/** Assumes `p` compiled with the `u` flag, so its syntax is well-formed. */
function backtrackingRisk(p: string): string | null {
  const stack: { choice: boolean }[] = [{ choice: false }];
  const risky = 'must not repeat a group that itself contains a quantifier or | (matching could take very long)';
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '(') {
      stack.push({ choice: false });
      if (p[i + 1] !== '?') i += 1;
      else if (p[i + 2] === '<' && p[i + 3] !== '=' && p[i + 3] !== '!') i = p.indexOf('>', i) + 1; // (?<name>
      else i += p[i + 2] === '<' ? 4 : 3; // (?: (?= (?! (?<= (?<!
      continue;
    }
    if (c === '|') {
      top.choice = true;
      i += 1;
      continue;
    }
    let inner: { choice: boolean } | null = null; // the group an atom closes, if any
    if (c === ')') {
      inner = stack.pop()!;
      i += 1;
    } else if (c === '\\') {
      const next = p[i + 1];
      if (next === 'k' || (next !== undefined && next >= '1' && next <= '9')) return 'must not use back-references';
      i += 2;
      if ((next === 'p' || next === 'P' || next === 'u') && p[i] === '{') i = p.indexOf('}', i) + 1;
    } else if (c === '[') {
      i += 1;
      while (p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      i += 1;
    } else i += 1;

    const owner = stack[stack.length - 1]!;
    const q = quantifierAt(p, i);
    if (inner) {
      if (q?.repeats && inner.choice) return risky;
      owner.choice ||= inner.choice;
    }
    if (q) {
      owner.choice ||= q.choice;
      i += q.length;
    }
  }
  return null;
}
