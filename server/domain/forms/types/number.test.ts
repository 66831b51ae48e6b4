import { describe, expect, test } from 'vitest';
import { check, configErrors, parsedConfig } from '../test-support.js';

describe('NUMBER config', () => {
  test('defaults integer to false', () => {
    expect(parsedConfig('NUMBER', {})).toEqual({ integer: false });
    expect(parsedConfig('NUMBER', { min: -1.5, max: 10, integer: true })).toEqual({ min: -1.5, max: 10, integer: true });
    expect(parsedConfig('NUMBER', { min: 3, max: 3 })).toEqual({ min: 3, max: 3, integer: false });
  });

  test.each([
    [{ min: '1' }, { min: 'must be a finite number' }],
    [{ max: Number.POSITIVE_INFINITY }, { max: 'must be a finite number' }],
    [{ min: Number.NaN }, { min: 'must be a finite number' }],
    [{ integer: 'yes' }, { integer: 'must be true or false' }],
    [{ min: 10, max: 1 }, { max: 'must not be less than min' }],
    [{ step: 1 }, { step: 'is not a recognised setting' }],
  ])('refuses %j', (config, errors) => {
    expect(configErrors('NUMBER', config)).toEqual(errors);
  });
});

describe('NUMBER values', () => {
  test.each([0, -3, 2.5, 1e6])('accepts %s', (n) => {
    expect(check('NUMBER', {}, n)).toEqual({ ok: true, value: n });
  });

  test('turns -0 into 0', () => {
    expect(Object.is((check('NUMBER', {}, -0) as { value: number }).value, 0)).toBe(true);
  });

  test.each(['12', '', true, null, [1], Number.NaN, Number.POSITIVE_INFINITY])('refuses %j: JSON numbers only', (value) => {
    expect(check('NUMBER', {}, value)).toEqual({ ok: false, message: 'must be a number' });
  });

  test('integer refuses fractions and unsafe integers', () => {
    expect(check('NUMBER', { integer: true }, 3)).toEqual({ ok: true, value: 3 });
    expect(check('NUMBER', { integer: true }, 3.5)).toEqual({ ok: false, message: 'must be a whole number' });
    expect(check('NUMBER', { integer: true }, 2 ** 53)).toEqual({ ok: false, message: 'must be a whole number' });
  });

  test('min and max are inclusive', () => {
    const config = { min: 1, max: 10 };
    expect(check('NUMBER', config, 1).ok).toBe(true);
    expect(check('NUMBER', config, 10).ok).toBe(true);
    expect(check('NUMBER', config, 0.5)).toEqual({ ok: false, message: 'must be at least 1' });
    expect(check('NUMBER', config, 10.01)).toEqual({ ok: false, message: 'must be at most 10' });
  });
});
