import { describe, expect, test } from 'vitest';
import { normaliseForMatching, originalRange, type NormalisedText } from './normalise.js';

const norm = (s: string) => normaliseForMatching(s).text;

/** [start, end] per normalised unit, for compact assertions. */
const ranges = (n: NormalisedText) => n.starts.map((s, i) => [s, n.ends[i]]);

describe('normaliseForMatching: the matching form', () => {
  test('full-width ASCII becomes half-width', () => {
    expect(norm('ＮＯ ＷＡＹ')).toBe('noway');
    expect(norm('１２３４８！（）～')).toBe('12348!()~');
  });

  test('case is folded', () => {
    expect(norm('No Way')).toBe('noway');
    expect(norm('ΣΕΙΡΆ')).toBe(norm('σειρά'));
    expect(norm('İ')).toBe('i\u0307');
  });

  test('every kind of whitespace and invisible character is removed', () => {
    expect(norm('不 归 我 管')).toBe('不归我管');
    expect(norm('不\u3000归我管')).toBe('不归我管');
    expect(norm('不\t归\n我\r\n管')).toBe('不归我管');
    expect(norm('不\u00a0归\u2003我\u200b管\ufeff')).toBe('不归我管');
  });

  test('punctuation, digits and Chinese characters are kept', () => {
    expect(norm('请您提供身份证明材料。')).toBe('请您提供身份证明材料。');
    expect(norm('不，归我管')).toBe('不,归我管');
  });

  test('NFKC: compatibility characters, ligatures, composed forms, half-width kana', () => {
    expect(norm('㈱')).toBe('(株)');
    expect(norm('ﬁle')).toBe('file');
    expect(norm('e\u0301')).toBe('é');
    expect(norm('ﾊﾟｽ')).toBe('パス');
    expect(norm('\u1100\u1161\u11a8')).toBe('각');
  });

  test('idempotent', () => {
    for (const s of ['ＮＯ ＷＡＹ', '㈱ 不\u3000知道', 'ﾊﾟ e\u0301 İ', '😀𠮷不 归我管']) {
      expect(norm(norm(s))).toBe(norm(s));
    }
  });

  test('empty and all-whitespace text normalise to nothing', () => {
    expect(normaliseForMatching('')).toEqual({ text: '', starts: [], ends: [] });
    expect(normaliseForMatching(' \u3000\t\n').text).toBe('');
  });
});

describe('normaliseForMatching: the map back to the original', () => {
  test('one unit per unit when nothing changes length', () => {
    const n = normaliseForMatching('Ａ不');
    expect(n.text).toBe('a不');
    expect(ranges(n)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  test('removed whitespace leaves a gap', () => {
    const n = normaliseForMatching('不 \u3000归');
    expect(n.text).toBe('不归');
    expect(ranges(n)).toEqual([
      [0, 1],
      [3, 4],
    ]);
  });

  test('a surrogate pair: both halves map to the whole pair', () => {
    const original = '😀𠮷不知道';
    const n = normaliseForMatching(original);
    expect(n.text).toBe('😀𠮷不知道');
    expect(ranges(n)).toEqual([
      [0, 2],
      [0, 2],
      [2, 4],
      [2, 4],
      [4, 5],
      [5, 6],
      [6, 7],
    ]);
    const at = n.text.indexOf('不知道');
    const { start, end } = originalRange(n, at, at + 3);
    expect(original.slice(start, end)).toBe('不知道');
  });

  test('NFKC lengthening: every unit of "(株)" maps to "㈱", later text stays aligned', () => {
    const original = '㈱ 不知道';
    const n = normaliseForMatching(original);
    expect(n.text).toBe('(株)不知道');
    expect(ranges(n)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
  });

  test('NFKC shortening: a composed cluster maps to all of its source units', () => {
    const original = 'Cafe\u0301 ﾊﾟ不';
    const n = normaliseForMatching(original);
    expect(n.text).toBe('caféパ不');
    expect(ranges(n)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 5],
      [6, 8],
      [8, 9],
    ]);
  });

  test('case folding that lengthens ("İ" -> "i" + U+0307) maps both units to "İ"', () => {
    const n = normaliseForMatching('İx');
    expect(ranges(n)).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
    ]);
  });

  test('invariants over mixed text: ranges in bounds, ordered, and each unit comes from its range', () => {
    const original = 'Ａ ㈱😀\u3000ﬁ e\u0301\tİ𠮷ﾊﾟ不归我管\n１２３';
    const n = normaliseForMatching(original);
    expect(n.starts).toHaveLength(n.text.length);
    expect(n.ends).toHaveLength(n.text.length);
    let previousStart = 0;
    for (let i = 0; i < n.text.length; i++) {
      const start = n.starts[i]!;
      const end = n.ends[i]!;
      expect(start).toBeGreaterThanOrEqual(previousStart);
      expect(end).toBeGreaterThan(start);
      expect(end).toBeLessThanOrEqual(original.length);
      previousStart = start;
      expect(norm(original.slice(start, end))).toContain(n.text[i]);
    }
  });
});
