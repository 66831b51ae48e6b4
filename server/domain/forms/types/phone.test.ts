import { describe, expect, test } from 'vitest';
import { FIELD_TYPES } from '../registry.js';
import { check, configErrors, parsedConfig } from '../test-support.js';

describe('PHONE', () => {
  test('has no settings', () => {
    expect(parsedConfig('PHONE', {})).toEqual({});
    expect(configErrors('PHONE', { landline: true })).toEqual({ landline: 'is not a recognised setting' });
  });

  test.each([
    ['+86 138 0013 8000', '13800138000'],
    ['13800138000', '13800138000'],
    [' 0086-138-0013-8000 ', '13800138000'],
  ])('normalises %j to %s', (input, value) => {
    expect(check('PHONE', {}, input)).toEqual({ ok: true, value });
  });

  test.each(['12800138000', '023-6868 1234', '+1 415 555 0100', 13800138000, null])('refuses %j', (value) => {
    expect(check('PHONE', {}, value)).toEqual({ ok: false, message: 'must be a mainland mobile number' });
  });

  test('is personal data, masked as 138****8000 (Art. 26)', () => {
    const phone = FIELD_TYPES.PHONE;
    expect(phone.personal).toBe(true);
    expect(phone.mask('13800138000')).toBe('138****8000');
  });
});
