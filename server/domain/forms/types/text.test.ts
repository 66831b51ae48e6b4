import { describe, expect, test } from 'vitest';
import { check, configErrors, parsedConfig } from '../test-support.js';
import { patternProblem } from './text-pattern.js';

describe('TEXT config', () => {
  test('defaults maxLength to 200', () => {
    expect(parsedConfig('TEXT', {})).toEqual({ maxLength: 200 });
    expect(parsedConfig('TEXT', undefined)).toEqual({ maxLength: 200 });
  });

  test('accepts a full config', () => {
    const config = { minLength: 6, maxLength: 6, pattern: '\\d{6}', patternMessage: 'must be 6 digits' };
    expect(parsedConfig('TEXT', config)).toEqual(config);
  });

  test.each([
    [{ minLength: -1 }, { minLength: 'must be at least 0' }],
    [{ minLength: 1.5 }, { minLength: 'must be a whole number' }],
    [{ maxLength: 0 }, { maxLength: 'must be at least 1' }],
    [{ maxLength: 501 }, { maxLength: 'must be at most 500' }],
    [{ maxLength: '20' }, { maxLength: 'must be a whole number' }],
    [{ minLength: 10, maxLength: 5 }, { minLength: 'must not exceed maxLength' }],
    [{ minLength: 201 }, { minLength: 'must not exceed maxLength' }], // against the default
    [{ maxlength: 5 }, { maxlength: 'is not a recognised setting' }],
    [{ pattern: 5 }, { pattern: 'must be text' }],
    [{ pattern: '' }, { pattern: 'must not be empty' }],
    [{ pattern: 'a'.repeat(201) }, { pattern: 'must be at most 200 characters' }],
    [{ pattern: '(\\d' }, { pattern: 'is not a valid regular expression' }],
    [{ pattern: 'a)|(b' }, { pattern: 'is not a valid regular expression' }],
    [{ pattern: '\\-' }, { pattern: 'is not a valid regular expression' }], // the u flag is strict
    [{ patternMessage: 'must be digits' }, { patternMessage: 'only applies with a pattern' }],
    [{ pattern: '\\d+', patternMessage: ' ' }, { patternMessage: 'must not be empty' }],
    [[], { '': 'must be an object of settings' }],
  ])('refuses %j', (config, errors) => {
    expect(configErrors('TEXT', config)).toEqual(errors);
  });

  test('a pattern of exactly 200 characters is allowed', () => {
    expect(configErrors('TEXT', { pattern: 'a'.repeat(200) })).toEqual({});
  });
});

describe('TEXT patterns', () => {
  test.each([
    '\\d{6}',
    '^\\d{6}$',
    '[A-Z]{2}\\d+',
    'a|b',
    '(\\d{3}-)+\\d{4}',
    '(?:ab){2,3}',
    '(-|\\s)?\\d+',
    '(?<area>\\d{3})-\\d+',
    '\\p{Script=Han}{2,10}',
    '[(+)]*x',
    '\\(a+\\)+',
    '\\u{1F600}+',
    '(?<=\\d)x',
    '(?<!a)b+',
    '[\\](]+',
  ])('accepts %s', (pattern) => expect(patternProblem(pattern)).toBeNull());

  const slow = 'must not repeat a group that itself contains a quantifier or | (matching could take very long)';
  test.each([
    '(a+)+',
    '(a*)*',
    '(a+)*b',
    '(a|aa)*',
    '(?:x|y)+',
    '(a?)+',
    '(\\w+\\s?)*',
    '((a+))+',
    '(a{1,3}){2,}',
    '(a+){2}',
    '(?<n>a+)*',
    '(\\d+)+?$',
    '([a-z]+)*',
  ])('refuses %s as prone to catastrophic backtracking', (pattern) => {
    expect(patternProblem(pattern)).toBe(slow);
  });

  test.each(['(a)\\1', '(?<n>a)\\k<n>'])('refuses the back-reference in %s', (pattern) => {
    expect(patternProblem(pattern)).toBe('must not use back-references');
  });
});

describe('TEXT values', () => {
  test('trims', () => {
    expect(check('TEXT', {}, '  张三  ')).toEqual({ ok: true, value: '张三' });
  });

  test.each([42, true, null, ['a'], { a: 1 }])('refuses the non-text %j', (value) => {
    expect(check('TEXT', {}, value)).toEqual({ ok: false, message: 'must be text' });
  });

  test.each(['line one\nline two', 'a\tb', 'a\u0000b', 'a\u007fb'])('refuses control characters in %j', (value) => {
    expect(check('TEXT', {}, value)).toEqual({ ok: false, message: 'must be a single line without control characters' });
  });

  test('counts characters, not UTF-16 units', () => {
    expect(check('TEXT', { maxLength: 2 }, '😀😀')).toEqual({ ok: true, value: '😀😀' });
    expect(check('TEXT', { maxLength: 2 }, '天平秤')).toEqual({ ok: false, message: 'must be at most 2 characters' });
  });

  test('applies minLength and maxLength after trimming', () => {
    expect(check('TEXT', { minLength: 3 }, ' ab ')).toEqual({ ok: false, message: 'must be at least 3 characters' });
    expect(check('TEXT', { minLength: 3 }, 'abc')).toEqual({ ok: true, value: 'abc' });
    expect(check('TEXT', {}, 'x'.repeat(200))).toEqual({ ok: true, value: 'x'.repeat(200) });
    expect(check('TEXT', {}, 'x'.repeat(201))).toEqual({ ok: false, message: 'must be at most 200 characters' });
  });

  test('patterns are anchored: the whole value must match', () => {
    expect(check('TEXT', { pattern: '\\d{6}' }, '400010')).toEqual({ ok: true, value: '400010' });
    expect(check('TEXT', { pattern: '\\d{6}' }, '4000101').ok).toBe(false);
    expect(check('TEXT', { pattern: '\\d{6}' }, 'x400010').ok).toBe(false);
    expect(check('TEXT', { pattern: '^\\d{6}$' }, '400010').ok).toBe(true);
    expect(check('TEXT', { pattern: 'a|b' }, 'ab').ok).toBe(false);
  });

  test('uses the u flag', () => {
    expect(check('TEXT', { pattern: '\\p{Script=Han}{2,4}' }, '李小龙').ok).toBe(true);
    expect(check('TEXT', { pattern: '.' }, '😀').ok).toBe(true);
  });

  test('reports a pattern miss with the configured message, or a generic one', () => {
    expect(check('TEXT', { pattern: '\\d{6}' }, 'abc')).toEqual({ ok: false, message: 'is not in the expected format' });
    expect(check('TEXT', { pattern: '\\d{6}', patternMessage: 'must be a 6-digit postcode' }, 'abc')).toEqual({
      ok: false,
      message: 'must be a 6-digit postcode',
    });
  });

  test('checks the length before running the pattern', () => {
    expect(check('TEXT', { maxLength: 10, pattern: 'a*' }, 'a'.repeat(11))).toEqual({
      ok: false,
      message: 'must be at most 10 characters',
    });
  });
});
