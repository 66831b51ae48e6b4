import { describe, expect, test } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { assertNoForbidden, compilePhrases, findForbidden, type ForbiddenHit } from './checker.js';

const matcher = compilePhrases([
  { id: 'p-not-mine', text: '不归我管' },
  { id: 'p-dont-know', text: '不知道' },
  { id: 'p-boss', text: '找领导去' },
  { id: 'p-tout', text: '我推荐你找某某律师' },
  { id: 'p-no-way', text: 'No Way' },
  { id: 'p-haha', text: '哈哈' },
  { id: 'p-tenant-dont-know', text: '我不知道' },
]);

/** Every hit must point at exactly its excerpt in the original text. */
function find(text: string): ForbiddenHit[] {
  const hits = findForbidden(matcher, text);
  for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.excerpt);
  return hits;
}

const hit = (phraseId: string, phrase: string, start: number, end: number, excerpt: string): ForbiddenHit => ({
  phraseId,
  phrase,
  start,
  end,
  excerpt,
});

describe('findForbidden', () => {
  test('fine text has no hits', () => {
    expect(find('请您提供身份证明材料，我们将在三个工作日内答复。')).toEqual([]);
    expect(find('')).toEqual([]);
  });

  test('an exact hit is reported at its original position', () => {
    expect(find('这件事不归我管，请另行咨询。')).toEqual([hit('p-not-mine', '不归我管', 3, 7, '不归我管')]);
  });

  test('whitespace inside a phrase: spaces, tabs, newlines, U+3000', () => {
    const text = '答复：不 归\t我\n管。';
    expect(find(text)).toEqual([hit('p-not-mine', '不归我管', 3, 10, '不 归\t我\n管')]);
    expect(find('不\u3000归我管')).toEqual([hit('p-not-mine', '不归我管', 0, 5, '不\u3000归我管')]);
    expect(find('不 归 我 管')).toEqual([hit('p-not-mine', '不归我管', 0, 7, '不 归 我 管')]);
  });

  test('whitespace before or after a phrase is not part of the excerpt', () => {
    expect(find('  找领导去  ')).toEqual([hit('p-boss', '找领导去', 2, 6, '找领导去')]);
  });

  test('full-width, half-width and case', () => {
    expect(find('ＮＯ ＷＡＹ')).toEqual([hit('p-no-way', 'No Way', 0, 6, 'ＮＯ ＷＡＹ')]);
    expect(find('no way')).toEqual([hit('p-no-way', 'No Way', 0, 6, 'no way')]);
    expect(find('答：NO\u3000way!')).toEqual([hit('p-no-way', 'No Way', 2, 8, 'NO\u3000way')]);
  });

  test('a phrase written with spaces, full-width or mixed case matches its plain form', () => {
    const m = compilePhrases([{ id: 'x', text: ' 找 领导\u3000去 ' }, { id: 'y', text: 'no WAY' }]);
    expect(findForbidden(m, '请找领导去').map((h) => [h.phraseId, h.phrase, h.excerpt])).toEqual([
      ['x', ' 找 领导\u3000去 ', '找领导去'],
    ]);
    expect(findForbidden(m, 'ｎｏ　ｗａｙ').map((h) => h.phraseId)).toEqual(['y']);
  });

  test('surrogate pairs before a hit keep the offsets exact', () => {
    const text = '😀😀𠮷这个不知道';
    expect(find(text)).toEqual([hit('p-dont-know', '不知道', 8, 11, '不知道')]);
  });

  test('NFKC length changes before a hit keep the offsets exact', () => {
    // '㈱' becomes three units, 'ﾊﾟ' one, 'e' + U+0301 one, 'ﬁ' two.
    const text = '㈱ﾊﾟe\u0301ﬁ：找领导去';
    expect(find(text)).toEqual([hit('p-boss', '找领导去', 7, 11, '找领导去')]);
  });

  test('a hit whose first character is full-width is traced to the full-width original', () => {
    const text = '前文😀，ＮＯ ｗａｙ。';
    expect(find(text)).toEqual([hit('p-no-way', 'No Way', 5, 11, 'ＮＯ ｗａｙ')]);
  });

  test('overlapping hits of different phrases are all reported, sorted by start', () => {
    expect(find('我不知道')).toEqual([
      hit('p-tenant-dont-know', '我不知道', 0, 4, '我不知道'),
      hit('p-dont-know', '不知道', 1, 4, '不知道'),
    ]);
    expect(find('不知道，找领导去，不归我管')).toEqual([
      hit('p-dont-know', '不知道', 0, 3, '不知道'),
      hit('p-boss', '找领导去', 4, 8, '找领导去'),
      hit('p-not-mine', '不归我管', 9, 13, '不归我管'),
    ]);
  });

  test('repeated hits of one phrase, including self-overlapping ones', () => {
    expect(find('不知道。不 知道！').map((h) => [h.phraseId, h.start, h.end])).toEqual([
      ['p-dont-know', 0, 3],
      ['p-dont-know', 4, 8],
    ]);
    expect(find('哈哈哈').map((h) => [h.start, h.end])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  test('the same phrase under two ids (root list + tenant list) is reported for each, in list order', () => {
    const m = compilePhrases([
      { id: 'root-1', text: '不知道' },
      { id: 'tenant-9', text: '不 知 道' },
    ]);
    expect(findForbidden(m, '不知道').map((h) => h.phraseId)).toEqual(['root-1', 'tenant-9']);
  });

  test('Art. 26 touting is caught across line breaks', () => {
    const text = '建议：我推荐你找\n某某律师，收费不高。';
    expect(find(text)).toEqual([hit('p-tout', '我推荐你找某某律师', 3, 13, '我推荐你找\n某某律师')]);
  });

  test('no hit across punctuation or other characters the normalisation keeps', () => {
    expect(find('不，知道')).toEqual([]);
    expect(find('不归我来管')).toEqual([]);
    expect(find('找领导、去')).toEqual([]);
    expect(find('我推荐你找律师')).toEqual([]);
  });

  test('no hit for a Latin phrase glued inside other words, though one across spaces', () => {
    expect(find('piano way')).toEqual([]);
    expect(find('no wayfarer')).toEqual([]);
    expect(find('snow ay')).toEqual([]);
    expect(find('say no way.')).toEqual([hit('p-no-way', 'No Way', 4, 10, 'no way')]);
    expect(find('他说no way吧')).toEqual([hit('p-no-way', 'No Way', 2, 8, 'no way')]);
    expect(find('n o w a y')).toEqual([hit('p-no-way', 'No Way', 0, 9, 'n o w a y')]);
  });

  test('hits that start mid-cluster are traced to the whole cluster', () => {
    const m = compilePhrases([{ id: 'zhu', text: '株' }]);
    expect(findForbidden(m, 'A㈱B')).toEqual([hit('zhu', '株', 1, 2, '㈱')]);
  });

  test('a ~20k-character text against a few hundred phrases', () => {
    const phrases = Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, text: `禁用语${i}号` }));
    const m = compilePhrases([...phrases, { id: 'p-dont-know', text: '不知道' }]);
    const text = `${'请您提供身份证明材料。'.repeat(2000)}不 知 道`;
    const started = performance.now();
    const hits = findForbidden(m, text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(hits).toEqual([hit('p-dont-know', '不知道', 22000, 22005, '不 知 道')]);
  });
});

describe('compilePhrases', () => {
  test('rejects a phrase that is empty once normalised, naming its id', () => {
    for (const text of ['', '   ', '\u3000\t\n', '\u200b']) {
      const fn = () => compilePhrases([{ id: 'ok', text: '不知道' }, { id: 'blank-7', text }]);
      expect(fn).toThrow(DomainError);
      expect(fn).toThrow(/blank-7/);
    }
  });

  test('rejects a repeated id', () => {
    expect(() => compilePhrases([{ id: 'a', text: '不知道' }, { id: 'a', text: '找领导去' }])).toThrow(/\ba\b/);
  });

  test('an empty list matches nothing', () => {
    expect(findForbidden(compilePhrases([]), '不归我管')).toEqual([]);
  });
});

describe('assertNoForbidden', () => {
  const caught = (fn: () => void): DomainError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a DomainError');
  };

  test('passes silently for fine text and for null, undefined and empty fields', () => {
    expect(() =>
      assertNoForbidden(matcher, {
        summary: '请您提供身份证明材料',
        riskNotice: null,
        referredTo: undefined,
        legalBasis: '',
      }),
    ).not.toThrow();
  });

  test('names the field and the phrase found', () => {
    const e = caught(() => assertNoForbidden(matcher, { summary: '这个不 归我管。', riskNotice: '请按时提交。' }));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.fields).toEqual({ summary: 'contains the forbidden phrase "不归我管"' });
    expect(e.message).toContain('summary');
  });

  test('names each offending field, every distinct phrase once, as the tenant wrote it', () => {
    const e = caught(() =>
      assertNoForbidden(matcher, {
        summary: '请您提供身份证明材料',
        reply: '我不知道，找领导去吧，不知道！',
        notice: 'ＮＯ ＷＡＹ',
      }),
    );
    expect(e.fields).toEqual({
      reply: 'contains the forbidden phrases "我不知道", "不知道", "找领导去"',
      notice: 'contains the forbidden phrase "No Way"',
    });
  });
});
