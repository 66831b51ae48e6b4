/**
 * Reporting periods (Art. 12, 16, 17: statistics by day, week, month, quarter, year or a chosen
 * range, compared with the period before). Periods are inclusive ranges of Asia/Shanghai civil
 * dates, the same days case_facts and case_activity are indexed by.
 */
import { addDays, daysBetween, daysInMonth, formatCivilDate, isoWeekday, tryParseCivilDate, type CivilDate } from '../calendar/civil-date.js';
import { badInput, type FieldErrors } from '../shared/errors.js';

export const PERIOD_KINDS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'CUSTOM'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A custom range covers at most a (leap) year: longer comparisons are what YEAR is for. */
export const MAX_CUSTOM_DAYS = 366;
/** The dates a report may name: far enough back for any record, never a year without four digits. */
export const FIRST_REPORT_DAY = '2000-01-01';
export const LAST_REPORT_DAY = '2999-12-31';

export interface Period {
  kind: PeriodKind;
  /** First day, inclusive. */
  from: CivilDate;
  /** Last day, inclusive. */
  to: CivilDate;
}

/** What a caller asks for: `date` for the calendar kinds, `from` and `to` for CUSTOM. */
export interface PeriodInput {
  kind: PeriodKind;
  date?: string | null;
  from?: string | null;
  to?: string | null;
}

/**
 * The period `input` names: the day, ISO week (Monday to Sunday), month, quarter or year that
 * contains `date`, or the custom range `from`..`to`. Refuses with BAD_USER_INPUT naming each bad
 * field, prefixed with `path` (e.g. 'period.').
 */
export function periodOf(input: PeriodInput, path = ''): Period {
  const errors: FieldErrors = {};
  const field = (name: string) => `${path}${name}`;
  const day = (name: 'date' | 'from' | 'to'): CivilDate | null => {
    const value = input[name];
    if (value === null || value === undefined) {
      errors[field(name)] = input.kind === 'CUSTOM' ? 'is required for a CUSTOM period' : `is required for a ${input.kind} period`;
      return null;
    }
    if (!tryParseCivilDate(value)) {
      errors[field(name)] = 'must be a date YYYY-MM-DD';
      return null;
    }
    if (value < FIRST_REPORT_DAY || value > LAST_REPORT_DAY) {
      errors[field(name)] = `must be between ${FIRST_REPORT_DAY} and ${LAST_REPORT_DAY}`;
      return null;
    }
    return value;
  };
  const absent = (name: 'date' | 'from' | 'to', why: string) => {
    if (input[name] !== null && input[name] !== undefined) errors[field(name)] = why;
  };

  if (input.kind === 'CUSTOM') {
    absent('date', 'is only for DAY, WEEK, MONTH, QUARTER and YEAR periods; a CUSTOM period takes from and to');
    const from = day('from');
    const to = day('to');
    if (from && to) {
      if (to < from) errors[field('to')] = 'must not be before from';
      else if (daysBetween(from, to) + 1 > MAX_CUSTOM_DAYS) errors[field('to')] = `a CUSTOM period spans at most ${MAX_CUSTOM_DAYS} days`;
    }
    if (Object.keys(errors).length || !from || !to) throw badInput(errors);
    return { kind: 'CUSTOM', from, to };
  }

  absent('from', 'is only for CUSTOM periods');
  absent('to', 'is only for CUSTOM periods');
  const date = day('date');
  if (Object.keys(errors).length || !date) throw badInput(errors);
  return { kind: input.kind, ...rangeContaining(input.kind, date) };
}

/** The calendar period of `kind` that contains `date`. */
export function rangeContaining(kind: Exclude<PeriodKind, 'CUSTOM'>, date: CivilDate): { from: CivilDate; to: CivilDate } {
  const p = tryParseCivilDate(date);
  if (!p) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  switch (kind) {
    case 'DAY':
      return { from: date, to: date };
    case 'WEEK': {
      const monday = addDays(date, 1 - isoWeekday(date));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'MONTH':
      return monthRange(p.year, p.month, p.month);
    case 'QUARTER': {
      const first = Math.floor((p.month - 1) / 3) * 3 + 1;
      return monthRange(p.year, first, first + 2);
    }
    case 'YEAR':
      return monthRange(p.year, 1, 12);
  }
}

/**
 * The period just before `p`, of the same kind: the previous day, ISO week, calendar month,
 * quarter or year; for CUSTOM the same number of days ending the day before `p.from`.
 */
export function previousPeriod(p: Period): Period {
  const dayBefore = addDays(p.from, -1);
  if (p.kind === 'CUSTOM') {
    const length = daysBetween(p.from, p.to) + 1;
    return { kind: 'CUSTOM', from: addDays(p.from, -length), to: dayBefore };
  }
  return { kind: p.kind, ...rangeContaining(p.kind, dayBefore) };
}

/** Days in the period, both ends included. */
export const periodLength = (p: Pick<Period, 'from' | 'to'>) => daysBetween(p.from, p.to) + 1;

function monthRange(year: number, firstMonth: number, lastMonth: number) {
  return {
    from: formatCivilDate({ year, month: firstMonth, day: 1 }),
    to: formatCivilDate({ year, month: lastMonth, day: daysInMonth(year, lastMonth) }),
  };
}
