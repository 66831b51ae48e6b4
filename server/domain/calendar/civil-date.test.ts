import { describe, expect, test } from 'vitest';
import {
  addDays,
  civilDateAt,
  daysBetween,
  endOfDay,
  formatCivilDate,
  fromDayNumber,
  isCivilDate,
  isoWeekday,
  msIntoDay,
  parseCivilDate,
  startOfDay,
  toDayNumber,
} from './civil-date.js';

describe('parsing and formatting', () => {
  test.each([
    ['2026-03-02', true],
    ['2024-02-29', true], // 2024 is a leap year
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not 400
    ['2025-02-29', false],
    ['2026-04-31', false], // April has 30 days
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-4-1', false],
    ['2026-04-01T00:00', false],
    ['', false],
  ])('isCivilDate(%j) is %s', (s, ok) => {
    expect(isCivilDate(s)).toBe(ok);
  });

  test('parse and format round-trip, zero-padded', () => {
    expect(parseCivilDate('2026-03-02')).toEqual({ year: 2026, month: 3, day: 2 });
    expect(formatCivilDate({ year: 2026, month: 3, day: 2 })).toBe('2026-03-02');
    expect(formatCivilDate({ year: 5, month: 1, day: 9 })).toBe('0005-01-09');
    expect(() => parseCivilDate('2026-02-30')).toThrow(RangeError);
  });
});

describe('day numbers and arithmetic', () => {
  test.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    // 30 years of 365 days + 7 leap days (1972 ... 1996) = 10957, then Jan 31 + Feb 29 (2000 is leap).
    ['2000-03-01', 11_017],
  ])('toDayNumber(%s) = %i', (date, n) => {
    expect(toDayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
  });

  test('every day over two year ends and a leap day round-trips and increases', () => {
    let prev = fromDayNumber(toDayNumber('1999-12-25') - 1);
    for (let n = toDayNumber('1999-12-25'); n <= toDayNumber('2001-01-05'); n++) {
      const d = fromDayNumber(n);
      expect(isCivilDate(d)).toBe(true);
      expect(toDayNumber(d)).toBe(n);
      expect(d > prev).toBe(true);
      prev = d;
    }
  });

  test.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'], // 2026 is not a leap year
    ['2026-02-13', 11, '2026-02-24'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });

  test.each([
    ['1970-01-01', 4], // a Thursday
    ['1969-12-31', 3],
    ['2000-01-01', 6],
    ['2026-03-02', 1],
    ['2026-02-14', 6],
    ['2026-02-15', 7],
    ['2025-01-26', 7],
    ['2026-10-10', 6],
  ])('isoWeekday(%s) = %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });
});

describe('Asia/Shanghai (+08:00) instants', () => {
  test.each([
    ['2026-03-02T15:59:59.999Z', '2026-03-02'], // 23:59:59.999 in Shanghai
    ['2026-03-02T16:00:00.000Z', '2026-03-03'], // 00:00 next day in Shanghai
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2026-03-02T00:00:00.000Z', '2026-03-02'], // 08:00 in Shanghai
  ])('civilDateAt(%s) = %s', (iso, date) => {
    expect(civilDateAt(new Date(iso))).toBe(date);
  });

  test('a day runs from 00:00 to 23:59:59.999 +08:00 and its end stays on the day', () => {
    expect(startOfDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(endOfDay('2026-03-02').toISOString()).toBe('2026-03-02T15:59:59.999Z');
    expect(civilDateAt(endOfDay('2026-03-02'))).toBe('2026-03-02');
    expect(civilDateAt(startOfDay('2026-03-02'))).toBe('2026-03-02');
    expect(msIntoDay(new Date('2026-03-02T01:30:00Z'))).toBe(9.5 * 3_600_000);
    expect(msIntoDay(endOfDay('2026-03-02'))).toBe(86_400_000 - 1);
  });

  test('an invalid Date is refused', () => {
    expect(() => civilDateAt(new Date('nope'))).toThrow(RangeError);
  });
});
