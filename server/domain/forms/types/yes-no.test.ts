import { describe, expect, test } from 'vitest';
import { check, configErrors, parsedConfig } from '../test-support.js';

describe('YES_NO', () => {
  test('has no settings', () => {
    expect(parsedConfig('YES_NO', {})).toEqual({});
    expect(parsedConfig('YES_NO', undefined)).toEqual({});
    expect(configErrors('YES_NO', { default: true })).toEqual({ default: 'is not a recognised setting' });
  });

  test.each([true, false])('accepts %s', (value) => {
    expect(check('YES_NO', {}, value)).toEqual({ ok: true, value });
  });

  test.each(['yes', 'true', 1, 0, null, []])('refuses %j', (value) => {
    expect(check('YES_NO', {}, value)).toEqual({ ok: false, message: 'must be yes or no (true or false)' });
  });
});
