import { describe, expect, test } from 'vitest';
import { check, configErrors, parsedConfig } from '../test-support.js';

describe('LONG_TEXT config', () => {
  test('defaults maxLength to 2000', () => {
    expect(parsedConfig('LONG_TEXT', {})).toEqual({ maxLength: 2000 });
    expect(parsedConfig('LONG_TEXT', { minLength: 10, maxLength: 10000 })).toEqual({ minLength: 10, maxLength: 10000 });
  });

  test.each([
    [{ maxLength: 10001 }, { maxLength: 'must be at most 10000' }],
    [{ maxLength: 0 }, { maxLength: 'must be at least 1' }],
    [{ minLength: -1 }, { minLength: 'must be at least 0' }],
    [{ minLength: 50, maxLength: 20 }, { minLength: 'must not exceed maxLength' }],
    [{ pattern: '\\d+' }, { pattern: 'is not a recognised setting' }],
  ])('refuses %j', (config, errors) => {
    expect(configErrors('LONG_TEXT', config)).toEqual(errors);
  });
});

describe('LONG_TEXT values', () => {
  test('keeps line breaks and tabs, normalising CRLF and CR to LF, and trims', () => {
    expect(check('LONG_TEXT', {}, '  first\r\nsecond\rthird\n\tindented \n')).toEqual({
      ok: true,
      value: 'first\nsecond\nthird\n\tindented',
    });
  });

  test.each(['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u000bb'])('refuses control characters in %j', (value) => {
    expect(check('LONG_TEXT', {}, value)).toEqual({ ok: false, message: 'must not contain control characters' });
  });

  test.each([1, false, ['x']])('refuses the non-text %j', (value) => {
    expect(check('LONG_TEXT', {}, value)).toEqual({ ok: false, message: 'must be text' });
  });

  test('applies the length limits in characters', () => {
    expect(check('LONG_TEXT', { minLength: 5 }, '事情经过')).toEqual({ ok: false, message: 'must be at least 5 characters' });
    expect(check('LONG_TEXT', { minLength: 4 }, '事情经过')).toEqual({ ok: true, value: '事情经过' });
    expect(check('LONG_TEXT', {}, 'x'.repeat(2001))).toEqual({ ok: false, message: 'must be at most 2000 characters' });
  });
});
