import { describe, expect, test } from 'vitest';
import { check, configErrors, parsedConfig, TODAY } from '../test-support.js';

describe('DATE config', () => {
  test('defaults notInFuture to false', () => {
    expect(parsedConfig('DATE', {})).toEqual({ notInFuture: false });
    expect(parsedConfig('DATE', { min: '2020-02-29', max: '2030-12-31', notInFuture: true })).toEqual({
      min: '2020-02-29',
      max: '2030-12-31',
      notInFuture: true,
    });
  });

  test.each([
    [{ min: '2021-02-29' }, { min: 'must be a date (YYYY-MM-DD)' }],
    [{ max: '2020-1-1' }, { max: 'must be a date (YYYY-MM-DD)' }],
    [{ max: '2020-01-01T00:00:00Z' }, { max: 'must be a date (YYYY-MM-DD)' }],
    [{ min: 20200101 }, { min: 'must be a date (YYYY-MM-DD)' }],
    [{ notInFuture: 1 }, { notInFuture: 'must be true or false' }],
    [{ min: '2025-01-02', max: '2025-01-01' }, { max: 'must not be before min' }],
    [{ future: false }, { future: 'is not a recognised setting' }],
  ])('refuses %j', (config, errors) => {
    expect(configErrors('DATE', config)).toEqual(errors);
  });
});

describe('DATE values', () => {
  test.each(['2024-02-29', '2000-02-29', '1999-12-31', ' 2026-03-15 '])('accepts %j', (d) => {
    expect(check('DATE', {}, d)).toEqual({ ok: true, value: d.trim() });
  });

  test.each(['2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-3-5', '20260315', '2026-03-15T08:00', 20260315, null, true])(
    'refuses %j',
    (value) => expect(check('DATE', {}, value)).toEqual({ ok: false, message: 'must be a date (YYYY-MM-DD)' }),
  );

  test('notInFuture compares with the given today', () => {
    expect(check('DATE', { notInFuture: true }, TODAY).ok).toBe(true);
    expect(check('DATE', { notInFuture: true }, '2026-03-16')).toEqual({ ok: false, message: 'must not be in the future' });
    expect(check('DATE', { notInFuture: true }, '2026-03-16', '2026-03-16').ok).toBe(true);
    expect(check('DATE', {}, '2099-01-01').ok).toBe(true);
  });

  test('min and max are inclusive', () => {
    const config = { min: '2026-01-01', max: '2026-12-31' };
    expect(check('DATE', config, '2026-01-01').ok).toBe(true);
    expect(check('DATE', config, '2026-12-31').ok).toBe(true);
    expect(check('DATE', config, '2025-12-31')).toEqual({ ok: false, message: 'must be on or after 2026-01-01' });
    expect(check('DATE', config, '2027-01-01')).toEqual({ ok: false, message: 'must be on or before 2026-12-31' });
  });
});
