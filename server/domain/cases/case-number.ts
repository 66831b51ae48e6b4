/**
 * Readable case numbers (DESIGN.md "Case"): `<PREFIX>-<YEAR>-<SEQ>`, e.g. `YUBEI-2026-000123`,
 * unique per tenant and year (the use case draws `seq` from a per-tenant, per-year counter and the
 * database keys the number with the tenant).
 *
 * The prefix is the tenant's whole slug, upper-cased, not its first segment: `yubei`,
 * `yubei-legal-aid` and `yubei-notary` are different tenants, and a person or a supervisor reading
 * `YUBEI-2026-000123` must not confuse their cases. Slugs may run to 63 characters, so the prefix
 * is cut to 24 (and any trailing hyphen dropped) to keep numbers within 40 characters; numbers stay
 * unique per tenant either way. The sequence is zero-padded to 6 digits and grows to at most 9.
 */
export const CASE_NUMBER_MAX_LENGTH = 40;
export const CASE_NUMBER_PREFIX_MAX = 24;
export const CASE_SEQ_MIN_DIGITS = 6;
export const CASE_SEQ_MAX = 999_999_999;

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const NUMBER = /^([A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?)-(\d{4})-(\d{6,9})$/;

export interface CaseNumberParts {
  prefix: string;
  year: number;
  seq: number;
}

/** The prefix for a tenant slug; RangeError for a string that is not a slug (a caller's bug). */
export function caseNumberPrefix(tenantSlug: string): string {
  if (!SLUG.test(tenantSlug)) throw new RangeError(`not a tenant slug: ${JSON.stringify(tenantSlug)}`);
  return tenantSlug.toUpperCase().slice(0, CASE_NUMBER_PREFIX_MAX).replace(/-+$/, '');
}

export function formatCaseNumber(tenantSlug: string, year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a four-digit year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > CASE_SEQ_MAX) throw new RangeError(`case sequence out of range: ${seq}`);
  return `${caseNumberPrefix(tenantSlug)}-${year}-${String(seq).padStart(CASE_SEQ_MIN_DIGITS, '0')}`;
}

/**
 * The parts of a case number, or null. Accepts surrounding spaces and lower case (people type
 * numbers); anything else must be exactly what formatCaseNumber writes.
 */
export function parseCaseNumber(input: string): CaseNumberParts | null {
  const s = input.trim().toUpperCase();
  if (s.length > CASE_NUMBER_MAX_LENGTH) return null;
  const m = NUMBER.exec(s);
  if (!m) return null;
  const [, prefix = '', yearText = '', seqText = ''] = m;
  const year = Number(yearText);
  const seq = Number(seqText);
  if (prefix.length > CASE_NUMBER_PREFIX_MAX || year < 1000 || seq < 1) return null;
  if (String(seq).padStart(CASE_SEQ_MIN_DIGITS, '0') !== seqText) return null;
  return { prefix, year, seq };
}

/** Whether `number` is one of this tenant's numbers (by its prefix). */
export function isCaseNumberOf(number: string, tenantSlug: string): boolean {
  return parseCaseNumber(number)?.prefix === caseNumberPrefix(tenantSlug);
}
