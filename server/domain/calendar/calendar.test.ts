import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DomainError } from '../shared/errors.js';
import {
  buildCalendar,
  CalendarYearMissingError,
  describeDay,
  isWorkingDay,
  missingYears,
  nextWorkingDay,
  type HolidayArrangement,
  type LocalClosure,
} from './calendar.js';
import { addDays } from './civil-date.js';

// The published State Council arrangements (2025, 2026), as committed in seeds/data (a copy of
// shared/data/cn-public-holidays.json).
const TABLE_URL = new URL('../../../seeds/data/cn-public-holidays.json', import.meta.url);
const table = JSON.parse(readFileSync(TABLE_URL, 'utf8')) as {
  years: Record<string, Omit<HolidayArrangement, 'year'>>;
};
const published: HolidayArrangement[] = Object.entries(table.years).map(([year, a]) => ({ year: Number(year), ...a }));
const cal = buildCalendar({ arrangements: published });

/** The year a CalendarYearMissingError names, or undefined when `fn` does not throw. */
function missingYearOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return e.year;
    throw e;
  }
  return undefined;
}

function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

describe('working days on the published arrangement', () => {
  test.each([
    // Make-up workdays (调休上班): weekend days that are working days.
    ['2025-01-26', true, 'Sun, make-up for Spring Festival 2025'],
    ['2025-02-08', true, 'Sat, make-up for Spring Festival 2025'],
    ['2025-04-27', true, 'Sun, make-up for May Day 2025'],
    ['2025-09-28', true, 'Sun, make-up for National Day 2025'],
    ['2025-10-11', true, 'Sat, make-up for National Day 2025'],
    ['2026-01-04', true, "Sun, make-up for New Year's Day 2026"],
    ['2026-02-14', true, 'Sat, make-up, eve of Spring Festival 2026'],
    ['2026-02-28', true, 'Sat, make-up after Spring Festival 2026'],
    ['2026-05-09', true, 'Sat, make-up for May Day 2026'],
    ['2026-09-20', true, 'Sun, make-up for Mid-Autumn 2026'],
    ['2026-10-10', true, 'Sat, make-up for National Day 2026'],
    // Weekdays inside holidays.
    ['2025-01-01', false, "Wed, New Year's Day 2025"],
    ['2025-02-03', false, 'Mon, Spring Festival 2025 (01-28..02-04)'],
    ['2025-10-08', false, 'Wed, last day of National Day 2025 (10-01..08)'],
    ['2026-01-02', false, "Fri, New Year's Day 2026 (01-01..03)"],
    ['2026-02-23', false, 'Mon, last day of Spring Festival 2026 (02-15..23)'],
    ['2026-04-06', false, 'Mon, Qingming 2026 (04-04..06)'],
    ['2026-05-05', false, 'Tue, May Day 2026 (05-01..05)'],
    ['2026-06-19', false, 'Fri, Dragon Boat 2026 (06-19..21)'],
    ['2026-09-25', false, 'Fri, Mid-Autumn 2026 (09-25..27)'],
    ['2026-10-07', false, 'Wed, last day of National Day 2026 (10-01..07)'],
    // Ordinary days.
    ['2026-03-02', true, 'Mon'],
    ['2026-02-13', true, 'Fri before Spring Festival 2026'],
    ['2026-02-24', true, 'Tue, first day back after Spring Festival 2026'],
    ['2025-10-09', true, 'Thu, first day back after National Day 2025'],
    ['2026-03-07', false, 'Sat'],
    ['2026-03-08', false, 'Sun'],
    ['2026-03-01', false, 'Sun after the 2026-02-28 make-up Saturday'],
    ['2025-12-31', true, 'Wed, last day of 2025'],
    ['2026-12-31', true, 'Thu, last day of 2026'],
  ])('%s working: %s (%s)', (date, working) => {
    expect(isWorkingDay(cal, date)).toBe(working);
  });

  test.each([
    ['2025-01-28', '2025-02-04', 'Spring Festival 2025'],
    ['2025-10-01', '2025-10-08', 'National Day and Mid-Autumn 2025'],
    ['2026-02-15', '2026-02-23', 'Spring Festival 2026'],
    ['2026-05-01', '2026-05-05', 'May Day 2026'],
    ['2026-10-01', '2026-10-07', 'National Day 2026'],
  ])('every day of %s..%s (%s) is off', (from, to) => {
    const days = daysFrom(from, to);
    expect(days.filter((d) => isWorkingDay(cal, d))).toEqual([]);
  });

  test('describeDay says why', () => {
    expect(describeDay(cal, '2026-02-14')).toEqual({ date: '2026-02-14', working: true, kind: 'MAKEUP_WORKDAY' });
    expect(describeDay(cal, '2026-02-17')).toEqual({ date: '2026-02-17', working: false, kind: 'HOLIDAY', note: '春节' });
    expect(describeDay(cal, '2026-03-07').kind).toBe('WEEKEND');
    expect(describeDay(cal, '2026-03-02').kind).toBe('WEEKDAY');
  });

  test.each([
    ['2026-02-13', '2026-02-14', 'Fri -> the make-up Saturday'],
    ['2026-02-14', '2026-02-24', 'make-up Saturday -> over 02-15..23'],
    ['2025-09-30', '2025-10-09', 'over National Day 2025'],
    ['2025-12-31', '2026-01-04', "over New Year's Day 2026 to the make-up Sunday"],
    ['2026-03-06', '2026-03-09', 'Fri -> Mon'],
  ])('nextWorkingDay(%s) = %s (%s)', (date, next) => {
    expect(nextWorkingDay(cal, date)).toBe(next);
  });
});

describe('years that are not loaded', () => {
  test('a date in an unloaded year throws, naming the year', () => {
    expect(missingYearOf(() => isWorkingDay(cal, '2027-01-04'))).toBe(2027);
    expect(missingYearOf(() => isWorkingDay(cal, '2024-12-31'))).toBe(2024);
    expect(() => isWorkingDay(cal, '2027-01-04')).toThrow(/2027/);
  });

  test('walking off the end of the last loaded year throws for the next year', () => {
    // 2026-12-31 is a Thursday; the next day is 2027-01-01, whose status nobody has published here.
    expect(missingYearOf(() => nextWorkingDay(cal, '2026-12-31'))).toBe(2027);
  });

  test('the error belongs to the domain vocabulary', () => {
    const error = new CalendarYearMissingError(2027);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('CONFLICT');
    expect(error.year).toBe(2027);
  });

  test.each([
    [2025, 3, [2027]],
    [2026, 1, []],
    [2024, 4, [2024, 2027]],
    [2030, 0, []],
  ])('missingYears(from %i, %i years) = %j', (from, count, expected) => {
    expect(missingYears(cal, from, count)).toEqual(expected);
  });

  test('missingYears refuses a negative count', () => {
    expect(() => missingYears(cal, 2026, -1)).toThrow(RangeError);
  });
});

describe('local closures', () => {
  const closures: LocalClosure[] = [
    { date: '2026-03-04', reason: 'office move' },
    { date: '2026-02-28', reason: 'power cut' },
    { date: '2027-01-05', reason: 'booked ahead of the 2027 arrangement' },
  ];
  const local = buildCalendar({ arrangements: published, closures });

  test('a closure removes a working day, a make-up Saturday included', () => {
    expect(describeDay(local, '2026-03-04')).toEqual({
      date: '2026-03-04',
      working: false,
      kind: 'LOCAL_CLOSURE',
      note: 'office move',
    });
    expect(isWorkingDay(local, '2026-02-28')).toBe(false);
    expect(isWorkingDay(local, '2026-03-05')).toBe(true);
    // Closed 03-04 (Wed): after Tue 03-03 comes Thu 03-05.
    expect(nextWorkingDay(local, '2026-03-03')).toBe('2026-03-05');
  });

  test('a closure does not load its year', () => {
    expect(missingYearOf(() => isWorkingDay(local, '2027-01-05'))).toBe(2027);
  });
});

describe('buildCalendar validation', () => {
  const y2026 = published.find((a) => a.year === 2026)!;
  const arrangement = (a: Partial<HolidayArrangement>): HolidayArrangement => ({
    year: 2026,
    off: [],
    makeupWorkdays: [],
    ...a,
  });

  test.each<[string, Parameters<typeof buildCalendar>[0], string, RegExp]>([
    [
      'a date that does not exist',
      { arrangements: [arrangement({ off: [{ name: '春节', from: '2026-02-30', to: '2026-03-01' }] })] },
      'arrangements[0].off[0].from',
      /"2026-02-30" is not a real date/,
    ],
    [
      'a range ending before it starts',
      { arrangements: [arrangement({ off: [{ name: '劳动节', from: '2026-05-05', to: '2026-05-01' }] })] },
      'arrangements[0].off[0].to',
      /2026-05-01 is before 2026-05-05/,
    ],
    [
      'a day off outside its year',
      { arrangements: [arrangement({ off: [{ name: '元旦', from: '2025-12-31', to: '2026-01-01' }] })] },
      'arrangements[0].off[0].from',
      /2025-12-31 is not in 2026/,
    ],
    [
      'a make-up workday outside its year',
      { arrangements: [arrangement({ makeupWorkdays: ['2027-01-02'] })] },
      'arrangements[0].makeupWorkdays[0]',
      /2027-01-02 is not in 2026/,
    ],
    [
      'a make-up workday on a weekday',
      { arrangements: [arrangement({ makeupWorkdays: ['2026-03-02'] })] },
      'arrangements[0].makeupWorkdays[0]',
      /2026-03-02 is a weekday; a make-up workday must be a Saturday or Sunday/,
    ],
    [
      'a date both off and make-up',
      {
        arrangements: [
          arrangement({ off: [{ name: 'x', from: '2026-02-14', to: '2026-02-15' }], makeupWorkdays: ['2026-02-14'] }),
        ],
      },
      'arrangements[0].makeupWorkdays[0]',
      /2026-02-14 is both a day off and a make-up workday/,
    ],
    [
      'a range without a name',
      { arrangements: [arrangement({ off: [{ name: ' ', from: '2026-05-01', to: '2026-05-05' }] })] },
      'arrangements[0].off[0].name',
      /needs a name/,
    ],
    [
      'a year given twice',
      { arrangements: [y2026, y2026] },
      'arrangements[1].year',
      /2026 is given more than once/,
    ],
    ['a year that is not a year', { arrangements: [arrangement({ year: 2026.5 })] }, 'arrangements[0].year', /not a year/],
    [
      'a closure on a day that does not exist',
      { arrangements: [y2026], closures: [{ date: '2026-02-29', reason: 'x' }] },
      'closures[0].date',
      /"2026-02-29" is not a real date/,
    ],
    [
      'a closure without a reason',
      { arrangements: [y2026], closures: [{ date: '2026-03-04', reason: '' }] },
      'closures[0].reason',
      /needs a reason/,
    ],
  ])('refuses %s', (_what, input, field, message) => {
    let error: unknown;
    try {
      buildCalendar(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe('BAD_USER_INPUT');
    expect(domainError.fields?.[field]).toMatch(message);
    expect(domainError.message).toContain(field);
  });

  test('reports every problem at once', () => {
    const input = {
      arrangements: [arrangement({ off: [{ name: 'x', from: '2026-13-01', to: '2026-01-01' }], makeupWorkdays: ['2026-03-03'] })],
      closures: [{ date: 'soon', reason: 'x' }],
    };
    expect(() => buildCalendar(input)).toThrow(DomainError);
    try {
      buildCalendar(input);
    } catch (e) {
      expect(Object.keys((e as DomainError).fields ?? {}).sort()).toEqual([
        'arrangements[0].makeupWorkdays[0]',
        'arrangements[0].off[0].from',
        'closures[0].date',
      ]);
    }
  });

  test('an empty calendar is valid and knows no year', () => {
    const empty = buildCalendar({ arrangements: [] });
    expect(missingYearOf(() => isWorkingDay(empty, '2026-03-02'))).toBe(2026);
  });
});
