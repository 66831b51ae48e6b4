import { describe, expect, test } from 'vitest';
import { FIELD_TYPES } from '../registry.js';
import { check, configErrors, parsedConfig } from '../test-support.js';

describe('RESIDENT_ID', () => {
  test('has no settings', () => {
    expect(parsedConfig('RESIDENT_ID', {})).toEqual({});
    expect(configErrors('RESIDENT_ID', { minAge: 18 })).toEqual({ minAge: 'is not a recognised setting' });
  });

  test('normalises a lowercase x and surrounding space', () => {
    expect(check('RESIDENT_ID', {}, ' 11010519491231002x ')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  test.each([
    ['110105194912310021', 'must be a valid resident ID number: it has a wrong check digit'],
    ['1101051949123100', 'must be a valid resident ID number: it must be 18 characters'],
    ['99010519491231002X', 'must be a valid resident ID number: it does not start with a valid region code'],
    [12345, 'must be a resident ID number'],
  ])('refuses %j without echoing it', (value, message) => {
    expect(check('RESIDENT_ID', {}, value)).toEqual({ ok: false, message });
  });

  test("uses the context's today for the birth date", () => {
    // Born 1949-12-31: not yet born on 1949-12-30.
    expect(check('RESIDENT_ID', {}, '11010519491231002X', '1949-12-30')).toEqual({
      ok: false,
      message: 'must be a valid resident ID number: it has a birth date in the future',
    });
    expect(check('RESIDENT_ID', {}, '11010519491231002X', '1949-12-31').ok).toBe(true);
  });

  test('is personal data, masked as 500101********1234 (Art. 26)', () => {
    const id = FIELD_TYPES.RESIDENT_ID;
    expect(id.personal).toBe(true);
    expect(id.mask('500101199001011234')).toBe('500101********1234');
  });
});
