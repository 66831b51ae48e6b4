/**
 * The working calendar (Art. 15; DESIGN.md "Calendar"): Monday-Friday are working days, minus the
 * State Council's days off, plus its make-up workdays (调休上班), minus a tenant's local closures.
 * Only years whose arrangement is loaded are known: asking about any other year throws
 * CalendarYearMissingError rather than guessing, because a guessed holiday moves a statutory
 * deadline.
 */
import { badInput, DomainError, type FieldErrors } from '../shared/errors.js';
import { addDays, isoWeekday, tryParseCivilDate, yearOf, type CivilDate } from './civil-date.js';

/** One year's published arrangement (the shape of a year in shared/data/cn-public-holidays.json). */
export interface HolidayArrangement {
  year: number;
  /** Days off, each an inclusive range inside `year`; weekend days inside a range are listed too. */
  off: { name: string; from: CivilDate; to: CivilDate }[];
  /** Saturdays and Sundays that are working days. */
  makeupWorkdays: CivilDate[];
}

/** A day a tenant's office is closed (e.g. a local event), on top of the national arrangement. */
export interface LocalClosure {
  date: CivilDate;
  reason: string;
}

export interface WorkCalendar {
  /** Years with a loaded arrangement. */
  readonly years: ReadonlySet<number>;
  /**
   * Years with no arrangement that a caller chose to treat, provisionally, as plain Monday-Friday
   * weeks (withProvisionalYears). Never set by buildCalendar: only a caller that records the
   * assumption beside its result (and corrects it once the year is loaded) may use one.
   */
  readonly provisionalYears?: ReadonlySet<number>;
  /** Day off -> the holiday's name. */
  readonly daysOff: ReadonlyMap<CivilDate, string>;
  readonly makeupWorkdays: ReadonlySet<CivilDate>;
  /** Closed day -> reason. */
  readonly closures: ReadonlyMap<CivilDate, string>;
}

export type DayKind = 'WEEKDAY' | 'WEEKEND' | 'HOLIDAY' | 'MAKEUP_WORKDAY' | 'LOCAL_CLOSURE';

export interface DayStatus {
  date: CivilDate;
  working: boolean;
  kind: DayKind;
  /** The holiday's name or the closure's reason. */
  note?: string;
}

/**
 * A date in a year with no arrangement loaded. CONFLICT: the request is fine, the system's
 * holiday table is not ready for it; the message says which year an administrator must add.
 */
export class CalendarYearMissingError extends DomainError {
  override name = 'CalendarYearMissingError';
  constructor(readonly year: number) {
    super(
      'CONFLICT',
      `the working calendar has no holiday arrangement for ${year}; an administrator must load the ${year} arrangement before time limits reaching into ${year} can be computed`,
    );
  }
}

/**
 * Validates the arrangements and closures and indexes them. Every problem is reported at once,
 * as a BAD_USER_INPUT error keyed by the input path (`arrangements[1].off[0].to`, ...).
 */
export function buildCalendar(input: {
  arrangements: readonly HolidayArrangement[];
  closures?: readonly LocalClosure[];
}): WorkCalendar {
  const problems: FieldErrors = {};
  const report = (path: string, message: string) => {
    problems[path] = problems[path] ? `${problems[path]}; ${message}` : message;
  };
  const years = new Set<number>();
  const daysOff = new Map<CivilDate, string>();
  const makeupWorkdays = new Set<CivilDate>();
  const closures = new Map<CivilDate, string>();

  input.arrangements.forEach((arrangement, i) => {
    const at = `arrangements[${i}]`;
    const { year } = arrangement;
    if (!Number.isInteger(year) || year < 1 || year > 9999) {
      report(`${at}.year`, `${year} is not a year`);
      return;
    }
    if (years.has(year)) report(`${at}.year`, `${year} is given more than once`);
    years.add(year);

    // Ranges must stay inside their own year: the year's presence is what makes its dates known,
    // so a range spilling into a neighbouring year would half-load that year.
    const dateInYear = (path: string, s: CivilDate): boolean => {
      const parts = tryParseCivilDate(s);
      if (!parts) report(path, `${JSON.stringify(s)} is not a real date (YYYY-MM-DD)`);
      else if (parts.year !== year) report(path, `${s} is not in ${year}`);
      return parts?.year === year;
    };

    const offHere = new Set<CivilDate>();
    arrangement.off.forEach((range, j) => {
      const path = `${at}.off[${j}]`;
      if (!range.name?.trim()) report(`${path}.name`, 'a day-off range needs a name');
      const fromOk = dateInYear(`${path}.from`, range.from);
      const toOk = dateInYear(`${path}.to`, range.to);
      if (!fromOk || !toOk) return;
      if (range.from > range.to) {
        report(`${path}.to`, `${range.to} is before ${range.from}`);
        return;
      }
      for (let d = range.from; d <= range.to; d = nextDate(d)) {
        offHere.add(d);
        daysOff.set(d, range.name);
      }
    });

    arrangement.makeupWorkdays.forEach((date, k) => {
      const path = `${at}.makeupWorkdays[${k}]`;
      if (!dateInYear(path, date)) return;
      if (isoWeekday(date) < 6) report(path, `${date} is a weekday; a make-up workday must be a Saturday or Sunday`);
      else if (offHere.has(date)) report(path, `${date} is both a day off and a make-up workday`);
      else makeupWorkdays.add(date);
    });
  });

  (input.closures ?? []).forEach((closure, i) => {
    const path = `closures[${i}]`;
    if (!tryParseCivilDate(closure.date)) {
      report(`${path}.date`, `${JSON.stringify(closure.date)} is not a real date (YYYY-MM-DD)`);
    }
    if (!closure.reason?.trim()) report(`${path}.reason`, 'a local closure needs a reason');
    if (!problems[`${path}.date`] && !closures.has(closure.date)) closures.set(closure.date, closure.reason);
  });

  if (Object.keys(problems).length > 0) throw badInput(problems);
  return { years, daysOff, makeupWorkdays, closures };
}

/** What kind of day `date` is and whether it is a working day. A local closure wins over all. */
export function describeDay(cal: WorkCalendar, date: CivilDate): DayStatus {
  const year = yearOf(date);
  if (!cal.years.has(year) && !cal.provisionalYears?.has(year)) throw new CalendarYearMissingError(year);
  const closure = cal.closures.get(date);
  if (closure !== undefined) return { date, working: false, kind: 'LOCAL_CLOSURE', note: closure };
  if (cal.makeupWorkdays.has(date)) return { date, working: true, kind: 'MAKEUP_WORKDAY' };
  const holiday = cal.daysOff.get(date);
  if (holiday !== undefined) return { date, working: false, kind: 'HOLIDAY', note: holiday };
  return isoWeekday(date) <= 5 ? { date, working: true, kind: 'WEEKDAY' } : { date, working: false, kind: 'WEEKEND' };
}

export function isWorkingDay(cal: WorkCalendar, date: CivilDate): boolean {
  return describeDay(cal, date).working;
}

/**
 * The first working day strictly after `date`. Terminates: each step either finds a working day
 * or eventually reaches a year that is not loaded and throws.
 */
export function nextWorkingDay(cal: WorkCalendar, date: CivilDate): CivilDate {
  let d = nextDate(date);
  while (!isWorkingDay(cal, d)) d = nextDate(d);
  return d;
}

/** Which of the `count` years from `fromYear` on have no arrangement, so admins can load them. */
export function missingYears(cal: WorkCalendar, fromYear: number, count: number): number[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(count) || count < 0) {
    throw new RangeError(`missingYears(${fromYear}, ${count}): need a whole year and a count >= 0`);
  }
  const missing: number[] = [];
  for (let y = fromYear; y < fromYear + count; y++) if (!cal.years.has(y)) missing.push(y);
  return missing;
}

function nextDate(date: CivilDate): CivilDate {
  return addDays(date, 1);
}

/**
 * The calendar with `years` (not loaded) treated as plain Monday-Friday weeks, local closures still
 * applying. For results that must exist now (a case's due dates at intake, Art. 6) and are marked
 * provisional until the year's arrangement is loaded and they are computed again.
 */
export function withProvisionalYears(cal: WorkCalendar, years: Iterable<number>): WorkCalendar {
  const provisional = new Set(cal.provisionalYears ?? []);
  for (const y of years) if (!cal.years.has(y)) provisional.add(y);
  return { ...cal, provisionalYears: provisional };
}

/**
 * Runs a calculation on the calendar; where it reaches a year that is not loaded, runs it again with
 * that year provisional, and says which years were assumed (empty: the result is final).
 */
export function computeAllowingProvisional<T>(cal: WorkCalendar, calculate: (cal: WorkCalendar) => T): { value: T; provisionalYears: number[] } {
  const assumed = new Set<number>();
  for (let attempt = 0; ; attempt++) {
    try {
      const value = calculate(assumed.size ? withProvisionalYears(cal, assumed) : cal);
      return { value, provisionalYears: [...assumed].sort((a, b) => a - b) };
    } catch (err) {
      // A time limit is at most a year or two long: a handful of missing years at most.
      if (!(err instanceof CalendarYearMissingError) || attempt >= 5) throw err;
      assumed.add(err.year);
    }
  }
}
