import { describe, expect, test } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { MAX_CUSTOM_DAYS, periodLength, periodOf, previousPeriod, type PeriodInput } from './periods.js';

/** The fields a refusal names (and that it is a BAD_USER_INPUT). */
function refusedFields(input: PeriodInput, path = ''): Record<string, string> {
  try {
    periodOf(input, path);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('BAD_USER_INPUT');
    return (err as DomainError).fields ?? {};
  }
  throw new Error(`expected a refusal for ${JSON.stringify(input)}`);
}

describe('the period containing a date', () => {
  test.each([
    // kind, date, from, to
    ['DAY', '2025-03-15', '2025-03-15', '2025-03-15'],
    // 2025-03-15 is a Saturday: its ISO week runs Monday 03-10 to Sunday 03-16.
    ['WEEK', '2025-03-15', '2025-03-10', '2025-03-16'],
    // A Monday starts its own week; a Sunday ends it.
    ['WEEK', '2025-03-10', '2025-03-10', '2025-03-16'],
    ['WEEK', '2025-03-16', '2025-03-10', '2025-03-16'],
    // Week across a year end: 2025-12-31 is a Wednesday.
    ['WEEK', '2025-12-31', '2025-12-29', '2026-01-04'],
    ['MONTH', '2025-03-15', '2025-03-01', '2025-03-31'],
    ['MONTH', '2024-02-10', '2024-02-01', '2024-02-29'], // leap February
    ['MONTH', '2025-02-10', '2025-02-01', '2025-02-28'],
    ['MONTH', '2025-04-30', '2025-04-01', '2025-04-30'],
    ['QUARTER', '2025-01-01', '2025-01-01', '2025-03-31'],
    ['QUARTER', '2025-05-20', '2025-04-01', '2025-06-30'],
    ['QUARTER', '2025-09-30', '2025-07-01', '2025-09-30'],
    ['QUARTER', '2025-12-31', '2025-10-01', '2025-12-31'],
    ['YEAR', '2025-07-04', '2025-01-01', '2025-12-31'],
  ] as const)('%s of %s is %s .. %s', (kind, date, from, to) => {
    expect(periodOf({ kind, date })).toEqual({ kind, from, to });
  });

  test('a custom range is taken as given, both ends included', () => {
    expect(periodOf({ kind: 'CUSTOM', from: '2025-03-05', to: '2025-03-09' })).toEqual({ kind: 'CUSTOM', from: '2025-03-05', to: '2025-03-09' });
    expect(periodOf({ kind: 'CUSTOM', from: '2025-03-05', to: '2025-03-05' })).toEqual({ kind: 'CUSTOM', from: '2025-03-05', to: '2025-03-05' });
    expect(periodLength({ from: '2025-03-05', to: '2025-03-09' })).toBe(5);
  });

  test(`a custom range spans at most ${MAX_CUSTOM_DAYS} days`, () => {
    // 2024 is a leap year: 2024-01-01 .. 2024-12-31 is 366 days, one more is too many.
    expect(periodOf({ kind: 'CUSTOM', from: '2024-01-01', to: '2024-12-31' }).to).toBe('2024-12-31');
    expect(refusedFields({ kind: 'CUSTOM', from: '2024-01-01', to: '2025-01-01' })).toEqual({ to: 'a CUSTOM period spans at most 366 days' });
  });
});

describe('refusals name the field', () => {
  test('from after to', () => {
    expect(refusedFields({ kind: 'CUSTOM', from: '2025-03-10', to: '2025-03-09' }, 'period.')).toEqual({ 'period.to': 'must not be before from' });
  });

  test('missing and malformed dates', () => {
    expect(Object.keys(refusedFields({ kind: 'CUSTOM', from: '2025-03-10' }, 'period.'))).toEqual(['period.to']);
    expect(Object.keys(refusedFields({ kind: 'CUSTOM' }, 'period.')).sort()).toEqual(['period.from', 'period.to']);
    expect(Object.keys(refusedFields({ kind: 'MONTH' }, 'period.'))).toEqual(['period.date']);
    expect(refusedFields({ kind: 'MONTH', date: '2025-02-30' })).toEqual({ date: 'must be a date YYYY-MM-DD' });
    expect(refusedFields({ kind: 'DAY', date: '2025-3-1' })).toEqual({ date: 'must be a date YYYY-MM-DD' });
    expect(Object.keys(refusedFields({ kind: 'CUSTOM', from: 'yesterday', to: '2025-03-09' }))).toEqual(['from']);
    expect(Object.keys(refusedFields({ kind: 'YEAR', date: '1999-12-31' }))).toEqual(['date']);
    expect(Object.keys(refusedFields({ kind: 'YEAR', date: '3000-01-01' }))).toEqual(['date']);
  });

  test('the fields of the other kind are refused, not ignored', () => {
    expect(Object.keys(refusedFields({ kind: 'MONTH', date: '2025-03-01', from: '2025-03-01', to: '2025-03-31' })).sort()).toEqual(['from', 'to']);
    expect(Object.keys(refusedFields({ kind: 'CUSTOM', date: '2025-03-01', from: '2025-03-01', to: '2025-03-31' }))).toEqual(['date']);
  });
});

describe('the previous period', () => {
  test.each([
    [{ kind: 'DAY', from: '2025-03-01', to: '2025-03-01' }, { kind: 'DAY', from: '2025-02-28', to: '2025-02-28' }],
    [{ kind: 'WEEK', from: '2025-03-10', to: '2025-03-16' }, { kind: 'WEEK', from: '2025-03-03', to: '2025-03-09' }],
    [{ kind: 'WEEK', from: '2025-01-06', to: '2025-01-12' }, { kind: 'WEEK', from: '2024-12-30', to: '2025-01-05' }],
    // A calendar month, not the same number of days: March (31) before April (30), February before March.
    [{ kind: 'MONTH', from: '2025-04-01', to: '2025-04-30' }, { kind: 'MONTH', from: '2025-03-01', to: '2025-03-31' }],
    [{ kind: 'MONTH', from: '2025-03-01', to: '2025-03-31' }, { kind: 'MONTH', from: '2025-02-01', to: '2025-02-28' }],
    [{ kind: 'MONTH', from: '2025-01-01', to: '2025-01-31' }, { kind: 'MONTH', from: '2024-12-01', to: '2024-12-31' }],
    [{ kind: 'QUARTER', from: '2025-01-01', to: '2025-03-31' }, { kind: 'QUARTER', from: '2024-10-01', to: '2024-12-31' }],
    [{ kind: 'QUARTER', from: '2025-07-01', to: '2025-09-30' }, { kind: 'QUARTER', from: '2025-04-01', to: '2025-06-30' }],
    [{ kind: 'YEAR', from: '2025-01-01', to: '2025-12-31' }, { kind: 'YEAR', from: '2024-01-01', to: '2024-12-31' }],
    // CUSTOM: the same number of days just before. 03-05 .. 03-09 is 5 days: 02-28 .. 03-04.
    [{ kind: 'CUSTOM', from: '2025-03-05', to: '2025-03-09' }, { kind: 'CUSTOM', from: '2025-02-28', to: '2025-03-04' }],
    // A leap day inside: 2024-03-01 .. 2024-03-02 (2 days) follows 02-28 .. 02-29.
    [{ kind: 'CUSTOM', from: '2024-03-01', to: '2024-03-02' }, { kind: 'CUSTOM', from: '2024-02-28', to: '2024-02-29' }],
  ] as const)('before %j is %j', (p, prev) => {
    expect(previousPeriod(p)).toEqual(prev);
  });

  test('a custom previous period has the same length and ends the day before', () => {
    const p = periodOf({ kind: 'CUSTOM', from: '2024-01-01', to: '2024-12-31' });
    const prev = previousPeriod(p);
    expect(periodLength(prev)).toBe(366);
    // 2023 has 365 days, so the 366 days before 2024-01-01 start on 2022-12-31.
    expect(prev).toEqual({ kind: 'CUSTOM', from: '2022-12-31', to: '2023-12-31' });
  });
});
