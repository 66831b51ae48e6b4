/**
 * Civil dates ('YYYY-MM-DD', a day on the wall calendar) and their relation to UTC instants in
 * Asia/Shanghai (Art. 15: time limits count Chinese working days).
 *
 * The zone is implemented as a fixed +08:00 offset: China has used UTC+8 all year without
 * daylight saving since 1991, so a fixed offset is exact for every date this product handles and
 * keeps the module free of the host's time-zone database.
 *
 * Day arithmetic goes through day numbers (days since 1970-01-01) computed with Howard Hinnant's
 * `days_from_civil` algorithm rather than `Date.UTC`, which maps years 0-99 to 1900-1999.
 */

/** A civil date as 'YYYY-MM-DD' (four-digit year, zero-padded month and day). */
export type CivilDate = string;

export interface CivilDateParts {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai, UTC+08:00, no daylight saving. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a real calendar date, or null when `s` is malformed or names no real day. */
export function tryParseCivilDate(s: string): CivilDateParts | null {
  const m = CIVIL_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCivilDate(s: string): boolean {
  return tryParseCivilDate(s) !== null;
}

/** The parts of `s`; a RangeError when it is not a real 'YYYY-MM-DD' date (a caller's bug). */
export function parseCivilDate(s: string): CivilDateParts {
  const parts = tryParseCivilDate(s);
  if (!parts) throw new RangeError(`not a real date in YYYY-MM-DD form: ${JSON.stringify(s)}`);
  return parts;
}

export function formatCivilDate({ year, month, day }: CivilDateParts): CivilDate {
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function yearOf(date: CivilDate): number {
  return parseCivilDate(date).year;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 (negative before it). */
export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = parseCivilDate(date);
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function fromDayNumber(dayNumber: number): CivilDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`not a whole day number: ${dayNumber}`);
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatCivilDate({ year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

export function addDays(date: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** `to` minus `from`, in days. */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday: 1 = Monday ... 6 = Saturday, 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  // 1970-01-01 (day 0) was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: CivilDate): boolean {
  return isoWeekday(date) >= 6;
}

/** The civil date in Shanghai at `instant`. */
export function civilDateAt(instant: Date): CivilDate {
  return fromDayNumber(Math.floor((validInstant(instant) + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** 00:00:00.000 +08:00 of `date`. */
export function startOfDay(date: CivilDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/**
 * The end of `date`: its last millisecond, 23:59:59.999 +08:00 (= `date`T15:59:59.999Z). A
 * deadline at the end of a day is met by anything done on that day and missed from 24:00 on.
 * The last millisecond, rather than 24:00 itself, keeps `civilDateAt(endOfDay(d)) === d`, so a
 * deadline still names its own day when it is shifted or shown.
 */
export function endOfDay(date: CivilDate): Date {
  return new Date((toDayNumber(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
}

/** Milliseconds since 00:00 Shanghai time of the instant's own civil date. */
export function msIntoDay(instant: Date): number {
  const local = validInstant(instant) + SHANGHAI_OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

function validInstant(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  return t;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
