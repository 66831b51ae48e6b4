import { describe, expect, test } from 'vitest';
import { CanonicalJsonError, canonicalJson, isCanonicalJsonValue } from './canonical.js';

function refusalPath(value: unknown): string | undefined {
  try {
    canonicalJson(value);
  } catch (e) {
    if (e instanceof CanonicalJsonError) return e.path;
    throw e;
  }
  return undefined;
}

describe('canonicalJson', () => {
  test('RFC 8785 3.2.2 example: sorted keys, numbers and escapes', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test('RFC 8785 3.2.3 example: keys sorted by UTF-16 code units, not code points', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // 😀 (D83D DE00) sorts before U+FB33 by code unit, though its code point U+1F600 is larger.
    // (Read off the text: Object.keys would list the integer-like key "1" first.)
    const keys = [...canonicalJson(input).matchAll(/"([^"]*)":"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  test('key order of the input does not matter, at any depth', () => {
    const a = { b: 1, a: { y: [3, { q: 1, p: 2 }], x: null }, A: true, '': 'empty', '10': 0, '9': 0 };
    const b = { '9': 0, '10': 0, '': 'empty', A: true, a: { x: null, y: [3, { p: 2, q: 1 }] }, b: 1 };
    const expected = '{"":"empty","10":0,"9":0,"A":true,"a":{"x":null,"y":[3,{"p":2,"q":1}]},"b":1}';
    expect(canonicalJson(a)).toBe(expected);
    expect(canonicalJson(b)).toBe(expected);
  });

  test('arrays keep their order; empty containers; top-level scalars', () => {
    expect(canonicalJson([3, 1, 2, [], {}, [[]]])).toBe('[3,1,2,[],{},[[]]]');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(0)).toBe('0');
  });

  test('Chinese, emoji and U+2028/U+2029 are written literally; controls are escaped', () => {
    expect(canonicalJson({ 事由: '邻里纠纷 😀', sep: '\u2028\u2029' })).toBe('{"sep":"\u2028\u2029","事由":"邻里纠纷 😀"}');
    expect(canonicalJson('\b\f\n\r\t"\\/\u0000\u001f\u007f')).toBe('"\\b\\f\\n\\r\\t\\"\\\\/\\u0000\\u001f\u007f"');
  });

  test.each<[number, string]>([
    [-0, '0'],
    [0, '0'],
    [1, '1'],
    [-1.5, '-1.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-6, '0.000001'],
    [1e-7, '1e-7'],
    [5e-324, '5e-324'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [-Number.MAX_VALUE, '-1.7976931348623157e+308'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    [9007199254740992, '9007199254740992'],
    [295147905179352830000, '295147905179352830000'],
  ])('number %s -> %s (ECMAScript shortest form)', (n, expected) => {
    expect(canonicalJson(n)).toBe(expected);
    expect(canonicalJson([n])).toBe(`[${expected}]`);
  });

  test('the output is JSON that parses back to the same canonical text', () => {
    const value = { z: [1e-7, -0, '\u2028'], 中: { '😀': '\ud83d\ude00', a: [true, false, null] } };
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  test('null-prototype objects are plain objects; shared (acyclic) references are fine', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    const shared = { n: 1 };
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
    expect(canonicalJson({ x: shared, y: [shared] })).toBe('{"x":{"n":1},"y":[{"n":1}]}');
  });

  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;

  test.each<[string, unknown, string]>([
    ['undefined', undefined, '$'],
    ['an undefined member', { a: { b: undefined } }, '$.a.b'],
    ['an undefined item', [1, undefined], '$[1]'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', [Symbol('s')], '$[0]'],
    ['a bigint', { n: 1n }, '$.n'],
    ['NaN', { n: Number.NaN }, '$.n'],
    ['Infinity', [Number.POSITIVE_INFINITY], '$[0]'],
    ['-Infinity', [Number.NEGATIVE_INFINITY], '$[0]'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a Map', new Map(), '$'],
    ['a class instance', { x: new (class Point {})() }, '$.x'],
    ['a boxed string', [new String('s')], '$[0]'],
    ['a RegExp', { r: /x/ }, '$.r'],
    ['a lone high surrogate', { s: 'a\ud800' }, '$.s'],
    ['a lone low surrogate in a key', { 'k\udc00': 1 }, '$["k\\udc00"]'],
    ['a sparse array', { xs: [1, , 3] }, '$.xs[1]'],
    ['a symbol key', { [Symbol('k')]: 1 }, '$'],
    ['a cycle', cyclic, '$.self'],
    ['a key that is not an identifier', { 'a b': { c: undefined } }, '$["a b"].c'],
  ])('refuses %s, naming where', (_, value, path) => {
    expect(refusalPath(value)).toBe(path);
    expect(isCanonicalJsonValue(value)).toBe(false);
  });

  test('a toJSON method is never called: it is a function, and refused', () => {
    expect(refusalPath({ toJSON: () => 'x' })).toBe('$.toJSON');
  });

  test('the error says what and where, and is a TypeError', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/\$\.at: a Date \(give an ISO string\)/);
  });

  test('isCanonicalJsonValue accepts JSON', () => {
    expect(isCanonicalJsonValue({ a: [1, 'b', null, { c: false }] })).toBe(true);
  });
});
