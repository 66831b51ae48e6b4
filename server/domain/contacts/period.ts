import { addDays, type CivilDate, daysBetween, isCivilDate, startOfDay } from '../calendar/civil-date.js';
import { badInput } from '../shared/errors.js';

export const MAX_PERIOD_DAYS = 366;

export interface Period {
  from: CivilDate;
  to: CivilDate;
  /** Asia/Shanghai midnight starting `from`. */
  start: Date;
  /** Asia/Shanghai midnight after `to` (exclusive). */
  end: Date;
}

/**
 * A period of Asia/Shanghai civil dates, both included, at most 366 days (a leap year):
 * BAD_USER_INPUT naming `from` or `to` otherwise. A contact counts for the day it arrived.
 */
export function periodOf(from: string, to: string): Period {
  if (!isCivilDate(from)) throw badInput({ from: 'must be a date (YYYY-MM-DD)' });
  if (!isCivilDate(to)) throw badInput({ to: 'must be a date (YYYY-MM-DD)' });
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw badInput({ to: 'must not be before from' });
  if (days > MAX_PERIOD_DAYS) throw badInput({ to: `the period is at most ${MAX_PERIOD_DAYS} days` });
  return { from, to, start: startOfDay(from), end: startOfDay(addDays(to, 1)) };
}
