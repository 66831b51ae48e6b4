/**
 * Time limits on the working calendar (Art. 15 限时办结; DESIGN.md "Case": the statutory and the
 * committed clock are both computed here).
 *
 * Conventions, shared by every function below:
 * - the start day is not counted: a limit of n days runs over the n days after the civil date
 *   (Asia/Shanghai) on which the clock started;
 * - a day-based deadline is the end of its day, `endOfDay(d)` = 23:59:59.999 +08:00;
 * - a deadline never falls on a day that is not a working day: it moves to the end of the next
 *   working day;
 * - amounts are whole numbers >= 0;
 * - touching a year with no loaded arrangement throws CalendarYearMissingError for that year.
 */
import { isWorkingDay, nextWorkingDay, type WorkCalendar } from './calendar.js';
import {
  addDays,
  civilDateAt,
  daysBetween,
  endOfDay,
  msIntoDay,
  startOfDay,
  type CivilDate,
} from './civil-date.js';

export const TIME_LIMIT_UNITS = ['WORKING_DAYS', 'CALENDAR_DAYS', 'HOURS'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

export interface TimeLimit {
  unit: TimeLimitUnit;
  amount: number;
}

const MS_PER_HOUR = 3_600_000;

/**
 * The end of the n-th working day after the civil date of `start`. With n = 0 the limit is "the
 * same day": the end of the start day if it is a working day, else the end of the next working
 * day.
 */
export function addWorkingDays(cal: WorkCalendar, start: Date, n: number): Date {
  requireAmount('working days', n);
  return endOfDay(nthWorkingDayAfter(cal, civilDateAt(start), n));
}

/**
 * The end of the civil date `n` days after the start's; when that date is not a working day, the
 * end of the next working day.
 */
export function addCalendarDays(cal: WorkCalendar, start: Date, n: number): Date {
  requireAmount('calendar days', n);
  return endOfDay(workingDayOnOrAfter(cal, addDays(civilDateAt(start), n)));
}

/**
 * `start` + h hours, counted round the clock; when that instant falls on a day that is not a
 * working day, the end of the next working day. Hours are not counted only within office hours:
 * the regulation uses hour limits for quick consultations, office hours differ between tenants
 * and are not part of the calendar, and a plain elapsed-time rule with one explicit
 * non-working-day adjustment is easy for staff and the public to check.
 */
export function addHours(cal: WorkCalendar, start: Date, h: number): Date {
  requireAmount('hours', h);
  const due = new Date(start.getTime() + h * MS_PER_HOUR);
  const day = civilDateAt(due);
  return isWorkingDay(cal, day) ? due : endOfDay(nextWorkingDay(cal, day));
}

/** The deadline for a clock started at `start` with `limit`. */
export function dueAt(cal: WorkCalendar, start: Date, limit: TimeLimit): Date {
  switch (limit.unit) {
    case 'WORKING_DAYS':
      return addWorkingDays(cal, start, limit.amount);
    case 'CALENDAR_DAYS':
      return addCalendarDays(cal, start, limit.amount);
    case 'HOURS':
      return addHours(cal, start, limit.amount);
    default: {
      const unknown: never = limit.unit;
      throw new RangeError(`unknown time-limit unit: ${String(unknown)}`);
    }
  }
}

/**
 * The working days after `from` up to and including `to` (0 when `to` is `from`). The case
 * clocks use it to measure a pause (补正) in working days, then move the due date by it with
 * shiftByWorkingDays.
 */
export function workingDaysBetween(cal: WorkCalendar, from: CivilDate, to: CivilDate): number {
  const span = daysBetween(from, to);
  if (span < 0) throw new RangeError(`workingDaysBetween: ${to} is before ${from}`);
  let count = 0;
  for (let i = 1; i <= span; i++) if (isWorkingDay(cal, addDays(from, i))) count++;
  return count;
}

/**
 * `deadline` moved later by n working days: the same Shanghai time of day on the n-th working day
 * after the deadline's civil date, so an end-of-day deadline stays at the end of its new day.
 * n = 0 returns the deadline unchanged.
 */
export function shiftByWorkingDays(cal: WorkCalendar, deadline: Date, n: number): Date {
  requireAmount('working days', n);
  if (n === 0) return new Date(deadline.getTime());
  const day = nthWorkingDayAfter(cal, civilDateAt(deadline), n);
  return new Date(startOfDay(day).getTime() + msIntoDay(deadline));
}

function nthWorkingDayAfter(cal: WorkCalendar, date: CivilDate, n: number): CivilDate {
  if (n === 0) return workingDayOnOrAfter(cal, date);
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(cal, d);
  return d;
}

function workingDayOnOrAfter(cal: WorkCalendar, date: CivilDate): CivilDate {
  return isWorkingDay(cal, date) ? date : nextWorkingDay(cal, date);
}

function requireAmount(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a time limit needs a whole number of ${what} >= 0, got ${n}`);
}
