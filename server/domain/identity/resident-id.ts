/**
 * Mainland resident ID numbers (居民身份证号码, GB 11643-1999): a 6-digit administrative division
 * code, the 8-digit birth date YYYYMMDD, a 3-digit sequence and the MOD 11-2 check character.
 * Validated wherever one is entered (DESIGN.md "Personal data", Art. 26). Reasons never echo the
 * number: they may reach logs and error messages.
 */
export type ResidentIdResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * The 34 province-level codes of GB/T 2260 (the first two digits of the division code).
 * 83 (Taiwan residents' residence permits) is deliberately absent: those are not resident IDs.
 */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = '1900-01-01';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The check character for the first 17 digits. */
function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * Trims, upper-cases a trailing `x`, and checks length, region, birth date and check character.
 * `today` is the caller's date (`YYYY-MM-DD`, Asia/Shanghai): a birth date after it is refused.
 */
export function normaliseResidentId(input: string, today: string): ResidentIdResult {
  if (!ISO_DATE.test(today)) throw new TypeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const id = input.trim().toUpperCase();
  if (id.length !== 18) return { ok: false, reason: 'must be 18 characters' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'must be 17 digits followed by a digit or X' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, reason: 'does not start with a valid region code' };

  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  if (!isRealDate(year, month, day)) return { ok: false, reason: 'has an invalid birth date' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birth < EARLIEST_BIRTH) return { ok: false, reason: 'has a birth date before 1900' };
  if (birth > today) return { ok: false, reason: 'has a birth date in the future' };

  if (checkChar(id) !== id[17]) return { ok: false, reason: 'has a wrong check digit' };
  return { ok: true, value: id };
}

/** `500101********1234`: region and last four kept, birth date and sequence hidden (Art. 26). */
export function maskResidentId(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
