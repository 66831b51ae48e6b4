import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildCalendar, CalendarYearMissingError, type HolidayArrangement } from './calendar.js';
import {
  addCalendarDays,
  addHours,
  addWorkingDays,
  dueAt,
  shiftByWorkingDays,
  workingDaysBetween,
} from './deadlines.js';

// The published State Council arrangements (2025, 2026), as committed in seeds/data (a copy of
// shared/data/cn-public-holidays.json).
const TABLE_URL = new URL('../../../seeds/data/cn-public-holidays.json', import.meta.url);
const table = JSON.parse(readFileSync(TABLE_URL, 'utf8')) as {
  years: Record<string, Omit<HolidayArrangement, 'year'>>;
};
const published: HolidayArrangement[] = Object.entries(table.years).map(([year, a]) => ({ year: Number(year), ...a }));
const cal = buildCalendar({ arrangements: published });
// Closed Tue 2026-02-24 (first day back after Spring Festival) and Wed 2026-03-04.
const local = buildCalendar({
  arrangements: published,
  closures: [
    { date: '2026-02-24', reason: 'flood' },
    { date: '2026-03-04', reason: 'office move' },
  ],
});

/**
 * Expected values are written by hand. A bare 'YYYY-MM-DD' means "the end of that day", i.e.
 * 23:59:59.999 +08:00 = that date at 15:59:59.999Z; anything else is an exact instant.
 */
const expected = (due: string): string => (due.length === 10 ? `${due}T15:59:59.999Z` : new Date(due).toISOString());
const at = (iso: string): Date => new Date(iso);

function missingYearOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return e.year;
    throw e;
  }
  return undefined;
}

interface Row {
  start: string;
  n: number;
  due: string;
  why: string;
}

describe('addWorkingDays (start day not counted)', () => {
  test.each<Row>([
    // ordinary week: Tue 3, Wed 4, Thu 5, Fri 6 (4), Sat/Sun off, Mon 9 (5)
    { start: '2026-03-02T10:00+08:00', n: 5, due: '2026-03-09', why: 'ordinary week' },
    // day before Spring Festival 2026: Sat 02-14 make-up (1), 02-15..23 off, 24 (2), 25, 26, 27 (5)
    { start: '2026-02-13T10:00+08:00', n: 5, due: '2026-02-27', why: 'eve of Spring Festival 2026' },
    // start on the make-up Saturday: 02-15..23 off, 24 (1), 25, 26, 27 (4), Sat 02-28 make-up (5)
    { start: '2026-02-14T09:00+08:00', n: 5, due: '2026-02-28', why: 'from the make-up Saturday to the next one' },
    // 2025-09-30 Tue: 10-01..08 off, Thu 09 (1), Fri 10 (2), Sat 11 make-up (3), Sun 12 off, Mon 13 (4), Tue 14 (5)
    { start: '2025-09-30T17:00+08:00', n: 5, due: '2025-10-14', why: 'eve of National Day 2025' },
    // 2026-09-30 Wed: 10-01..07 off, Thu 08 (1), Fri 09 (2), Sat 10 make-up (3), Sun 11 off, Mon 12 (4), Tue 13 (5)
    { start: '2026-09-30T17:00+08:00', n: 5, due: '2026-10-13', why: 'eve of National Day 2026' },
    // 2026-04-30 Thu: 05-01..05 off, Wed 06 (1), Thu 07 (2), Fri 08 (3), Sat 09 make-up (4), Sun 10 off, Mon 11 (5)
    { start: '2026-04-30T17:00+08:00', n: 5, due: '2026-05-11', why: 'eve of May Day 2026' },
    // 2025-01-27 Mon: 01-28..02-04 off, Wed 05 (1), Thu 06, Fri 07 (3), Sat 08 make-up (4), Sun 09 off, Mon 10 (5)
    { start: '2025-01-27T10:00+08:00', n: 5, due: '2025-02-10', why: 'eve of Spring Festival 2025' },
    // start on a holiday (Tue 2026-02-17): 18..23 off, 24 (1), 25, 26, 27 (4), Sat 28 make-up (5)
    { start: '2026-02-17T10:00+08:00', n: 5, due: '2026-02-28', why: 'start on a holiday' },
    // start on a holiday (2025-10-03): 04..08 off, Thu 09 (1)
    { start: '2025-10-03T10:00+08:00', n: 1, due: '2025-10-09', why: 'start on a holiday, 1 day' },
    // start on the make-up Sunday 2025-01-26: Mon 27 (1), 28..02-04 off, Wed 02-05 (2)
    { start: '2025-01-26T10:00+08:00', n: 2, due: '2025-02-05', why: 'start on a make-up Sunday' },
    // Fri 2026-09-18: Sat 19 off, Sun 20 make-up (1), 21..24 (5), 25..27 off, 28..30 (8), 10-01..07 off,
    // Thu 08 (9), Fri 09 (10), Sat 10 make-up (11), Sun 11 off, Mon 12..Thu 15 (15)
    { start: '2026-09-18T10:00+08:00', n: 15, due: '2026-10-15', why: '15 days over Mid-Autumn and National Day 2026' },
    // Fri 2026-01-30: Feb 2..6 (5), 9..13 (10), Sat 14 (11), 15..23 off, 24..27 (15), Sat 28 (16), Sun 03-01 off,
    // Mar 2..5 (20)
    { start: '2026-01-30T10:00+08:00', n: 20, due: '2026-03-05', why: '20 days over Spring Festival 2026' },
    // year end into a loaded year: Wed 12-31 (1), 2026-01-01..03 off, Sun 01-04 make-up (2), Mon 05 (3)
    { start: '2025-12-30T10:00+08:00', n: 3, due: '2026-01-05', why: '2025 -> 2026' },
    { start: '2025-12-31T10:00+08:00', n: 1, due: '2026-01-04', why: '2025 -> the 2026 make-up Sunday' },
    // 2026 only: Wed 12-30 (1), Thu 12-31 (2); 2027 is never looked at
    { start: '2026-12-29T10:00+08:00', n: 2, due: '2026-12-31', why: 'up to the last day of 2026' },
    // midnight in Shanghai: 15:59:59Z is still Mon 03-02 (next: Tue 03), 16:00:00Z is already Tue 03-03 (next: Wed 04)
    { start: '2026-03-02T15:59:59Z', n: 1, due: '2026-03-03', why: '23:59:59 Mon in Shanghai' },
    { start: '2026-03-02T16:00:00Z', n: 1, due: '2026-03-04', why: '00:00 Tue in Shanghai' },
    // 2026-02-13T16:00Z is 00:00 Sat 02-14 (make-up) in Shanghai: the next working day is 02-24
    { start: '2026-02-13T15:59:59Z', n: 1, due: '2026-02-14', why: 'last second of Fri 02-13 in Shanghai' },
    { start: '2026-02-13T16:00:00Z', n: 1, due: '2026-02-24', why: 'first second of Sat 02-14 in Shanghai' },
    // 2026-09-30T16:30Z is 00:30 on 10-01 (a holiday) in Shanghai: 02..07 off, Thu 08 (1)
    { start: '2026-09-30T16:30:00Z', n: 1, due: '2026-10-08', why: 'UTC still says 09-30' },
    // n = 0: the start day itself if it is a working day, else the next one
    { start: '2026-03-02T10:00+08:00', n: 0, due: '2026-03-02', why: 'n=0 on a working day' },
    { start: '2026-02-28T10:00+08:00', n: 0, due: '2026-02-28', why: 'n=0 on a make-up Saturday' },
    { start: '2026-03-07T10:00+08:00', n: 0, due: '2026-03-09', why: 'n=0 on a Saturday' },
    { start: '2026-02-17T10:00+08:00', n: 0, due: '2026-02-24', why: 'n=0 on a holiday' },
  ])('$why: $start + $n working days -> $due', ({ start, n, due }) => {
    expect(addWorkingDays(cal, at(start), n).toISOString()).toBe(expected(due));
  });

  test.each<Row>([
    // Tue 03 (1), Wed 04 closed, Thu 05 (2), Fri 06 (3)
    { start: '2026-03-02T10:00+08:00', n: 3, due: '2026-03-06', why: 'a closure midweek' },
    // Sat 02-14 make-up (1), 15..23 off, Tue 24 closed, Wed 25 (2)
    { start: '2026-02-13T10:00+08:00', n: 2, due: '2026-02-25', why: 'a closure right after Spring Festival' },
    { start: '2026-03-04T10:00+08:00', n: 0, due: '2026-03-05', why: 'n=0 on a closed day' },
  ])('local closures, $why: $start + $n -> $due', ({ start, n, due }) => {
    expect(addWorkingDays(local, at(start), n).toISOString()).toBe(expected(due));
  });

  test('a limit reaching into 2027, which is not loaded, names 2027', () => {
    // Tue 2026-12-29: Wed 30 (1), Thu 31 (2), then 2027-01-01 is unknown.
    expect(missingYearOf(() => addWorkingDays(cal, at('2026-12-29T10:00+08:00'), 3))).toBe(2027);
    expect(missingYearOf(() => addWorkingDays(cal, at('2026-12-31T10:00+08:00'), 1))).toBe(2027);
    // 2026-12-31T16:00Z is already 2027-01-01 in Shanghai.
    expect(missingYearOf(() => addWorkingDays(cal, at('2026-12-31T16:00:00Z'), 0))).toBe(2027);
    expect(() => addWorkingDays(cal, at('2026-12-31T10:00+08:00'), 1)).toThrow(/2027/);
  });

  test.each([-1, 1.5, Number.NaN])('refuses the amount %s', (n) => {
    expect(() => addWorkingDays(cal, at('2026-03-02T10:00+08:00'), n)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  test.each<Row>([
    { start: '2026-03-02T10:00+08:00', n: 3, due: '2026-03-05', why: 'lands on a Thursday' },
    // 03-07 is a Saturday -> Mon 03-09
    { start: '2026-03-02T10:00+08:00', n: 5, due: '2026-03-09', why: 'lands on a Saturday' },
    // 02-15 is the first day of Spring Festival 2026 -> 16..23 off -> Tue 02-24
    { start: '2026-02-10T10:00+08:00', n: 5, due: '2026-02-24', why: 'lands in Spring Festival' },
    // 02-14 is a make-up Saturday: a working day, so it stays
    { start: '2026-02-09T10:00+08:00', n: 5, due: '2026-02-14', why: 'lands on a make-up Saturday' },
    // 2025-09-26 + 7 = 10-03 (National Day) -> 04..08 off -> Thu 10-09
    { start: '2025-09-26T10:00+08:00', n: 7, due: '2025-10-09', why: 'lands in National Day 2025' },
    // 2025-12-25 + 7 = 2026-01-01 (off) -> 02, 03 off -> Sun 01-04 make-up
    { start: '2025-12-25T10:00+08:00', n: 7, due: '2026-01-04', why: '2025 -> 2026 holiday -> make-up Sunday' },
    { start: '2026-12-20T10:00+08:00', n: 10, due: '2026-12-30', why: 'stays inside 2026' },
    // midnight: 15:59:59Z is Mon 03-02 (+4 = Fri 06); 16:00Z is Tue 03-03 (+4 = Sat 07 -> Mon 09)
    { start: '2026-03-02T15:59:59Z', n: 4, due: '2026-03-06', why: 'last second of Mon in Shanghai' },
    { start: '2026-03-02T16:00:00Z', n: 4, due: '2026-03-09', why: 'first second of Tue in Shanghai' },
    { start: '2026-03-02T10:00+08:00', n: 0, due: '2026-03-02', why: 'n=0 on a working day' },
    { start: '2026-03-07T10:00+08:00', n: 0, due: '2026-03-09', why: 'n=0 on a Saturday' },
  ])('$why: $start + $n calendar days -> $due', ({ start, n, due }) => {
    expect(addCalendarDays(cal, at(start), n).toISOString()).toBe(expected(due));
  });

  test('a local closure on the landing day moves it on', () => {
    // 03-02 + 2 = Wed 03-04, closed -> Thu 03-05
    expect(addCalendarDays(local, at('2026-03-02T10:00+08:00'), 2).toISOString()).toBe(expected('2026-03-05'));
  });

  test('landing in 2027 names 2027', () => {
    // 2026-12-25 + 7 = 2027-01-01
    expect(missingYearOf(() => addCalendarDays(cal, at('2026-12-25T10:00+08:00'), 7))).toBe(2027);
  });
});

describe('addHours (counted round the clock)', () => {
  test.each<Row>([
    { start: '2026-03-02T10:00+08:00', n: 24, due: '2026-03-03T10:00+08:00', why: 'Mon -> Tue, same time' },
    { start: '2026-02-13T10:00+08:00', n: 24, due: '2026-02-14T10:00+08:00', why: 'Fri -> make-up Saturday' },
    // Sat 02-14 10:00 + 24 h = Sun 02-15 10:00, Spring Festival -> end of Tue 02-24
    { start: '2026-02-14T10:00+08:00', n: 24, due: '2026-02-24', why: 'into Spring Festival' },
    // Fri 20:00 + 3 h = Fri 23:00, still Friday
    { start: '2026-03-06T12:00:00Z', n: 3, due: '2026-03-06T15:00:00Z', why: 'Fri 20:00 + 3 h' },
    // Fri 20:00 + 4 h = Sat 00:00 in Shanghai (16:00Z) -> end of Mon 03-09
    { start: '2026-03-06T12:00:00Z', n: 4, due: '2026-03-09', why: 'Fri 20:00 + 4 h reaches Saturday' },
    // 10-01 09:00 + 2 h = 11:00 on a holiday -> 02..07 off -> end of Thu 10-08
    { start: '2026-10-01T09:00+08:00', n: 2, due: '2026-10-08', why: 'start on a holiday' },
    // 2025-12-31 20:00 + 8 h = 2026-01-01 04:00 (off) -> 02, 03 off -> make-up Sun 01-04
    { start: '2025-12-31T20:00+08:00', n: 8, due: '2026-01-04', why: '2025 -> 2026' },
    { start: '2026-12-31T20:00+08:00', n: 2, due: '2026-12-31T22:00+08:00', why: 'last evening of 2026' },
    { start: '2026-03-02T10:00+08:00', n: 0, due: '2026-03-02T10:00+08:00', why: 'h=0 on a working day' },
    { start: '2026-03-07T10:00+08:00', n: 0, due: '2026-03-09', why: 'h=0 on a Saturday' },
  ])('$why: $start + $n h -> $due', ({ start, n, due }) => {
    expect(addHours(cal, at(start), n).toISOString()).toBe(expected(due));
  });

  test('a local closure on the landing day moves it on', () => {
    // Tue 03-03 10:00 + 24 h = Wed 03-04 10:00, closed -> end of Thu 03-05
    expect(addHours(local, at('2026-03-03T10:00+08:00'), 24).toISOString()).toBe(expected('2026-03-05'));
  });

  test('landing in 2027 names 2027', () => {
    // 2026-12-31 20:00 + 8 h = 2027-01-01 04:00
    expect(missingYearOf(() => addHours(cal, at('2026-12-31T20:00+08:00'), 8))).toBe(2027);
  });
});

describe('dueAt', () => {
  test.each([
    { unit: 'WORKING_DAYS', amount: 5, start: '2026-02-13T10:00+08:00', due: '2026-02-27' },
    { unit: 'CALENDAR_DAYS', amount: 5, start: '2026-02-10T10:00+08:00', due: '2026-02-24' },
    { unit: 'HOURS', amount: 24, start: '2026-02-14T10:00+08:00', due: '2026-02-24' },
  ] as const)('$amount $unit from $start -> $due', ({ unit, amount, start, due }) => {
    expect(dueAt(cal, at(start), { unit, amount }).toISOString()).toBe(expected(due));
  });
});

describe('workingDaysBetween (after from, up to and including to)', () => {
  test.each([
    ['2026-03-02', '2026-03-02', 0, 'same day'],
    ['2026-03-02', '2026-03-09', 5, 'Tue..Fri, Mon'],
    ['2026-02-13', '2026-02-24', 2, 'make-up Sat 14, Tue 24'],
    ['2026-02-14', '2026-02-23', 0, 'all of Spring Festival 2026'],
    ['2025-09-27', '2025-10-12', 6, 'Sun 28 make-up, Mon 29, Tue 30, Thu 09, Fri 10, Sat 11 make-up'],
    ['2025-12-30', '2026-01-05', 3, 'Wed 31, Sun 01-04 make-up, Mon 05'],
  ])('%s .. %s = %i (%s)', (from, to, count) => {
    expect(workingDaysBetween(cal, from, to)).toBe(count);
  });

  test('closures are not working time', () => {
    // Tue 03, (Wed 04 closed), Thu 05, Fri 06
    expect(workingDaysBetween(local, '2026-03-02', '2026-03-06')).toBe(3);
  });

  test('into 2027 names 2027; a reversed span is refused', () => {
    expect(missingYearOf(() => workingDaysBetween(cal, '2026-12-30', '2027-01-04'))).toBe(2027);
    expect(() => workingDaysBetween(cal, '2026-03-09', '2026-03-02')).toThrow(RangeError);
  });
});

describe('shiftByWorkingDays', () => {
  test.each([
    { deadline: '2026-02-13', n: 1, due: '2026-02-14', why: 'Fri -> the make-up Saturday' },
    { deadline: '2026-02-13', n: 2, due: '2026-02-24', why: 'over Spring Festival' },
    // Thu 10-08 (1), Fri 09 (2), Sat 10 make-up (3)
    { deadline: '2026-09-30', n: 3, due: '2026-10-10', why: 'over National Day 2026' },
    // an hour-based deadline keeps its time of day: Fri 15:00 -> Mon 15:00
    { deadline: '2026-03-06T15:00+08:00', n: 1, due: '2026-03-09T15:00+08:00', why: 'keeps the time of day' },
    { deadline: '2026-03-06', n: 0, due: '2026-03-06', why: 'n=0 leaves it' },
    { deadline: '2026-12-30', n: 1, due: '2026-12-31', why: 'up to the end of 2026' },
  ])('$why: $deadline + $n -> $due', ({ deadline, n, due }) => {
    expect(shiftByWorkingDays(cal, at(expected(deadline)), n).toISOString()).toBe(expected(due));
  });

  test('into 2027 names 2027', () => {
    expect(missingYearOf(() => shiftByWorkingDays(cal, at(expected('2026-12-30')), 2))).toBe(2027);
  });

  test('a pause for materials (补正) moves the due date by the paused working days', () => {
    // Opened Mon 2026-02-09 with 5 working days: Tue 10 .. Fri 13 (4), Sat 14 make-up (5).
    const opened = at('2026-02-09T09:00+08:00');
    const due = dueAt(cal, opened, { unit: 'WORKING_DAYS', amount: 5 });
    expect(due.toISOString()).toBe(expected('2026-02-14'));
    // Paused Thu 02-12, resumed Wed 02-25: Fri 13 (1), Sat 14 (2), 15..23 off, Tue 24 (3), Wed 25 (4).
    const paused = workingDaysBetween(cal, '2026-02-12', '2026-02-25');
    expect(paused).toBe(4);
    // From Sat 02-14: Tue 24 (1), Wed 25 (2), Thu 26 (3), Fri 27 (4).
    expect(shiftByWorkingDays(cal, due, paused).toISOString()).toBe(expected('2026-02-27'));
  });
});
