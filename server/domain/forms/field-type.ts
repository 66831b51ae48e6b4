import type { z } from 'zod';

/**
 * The contract every intake-form field type fulfils (STYLE.md habit 11): one module per type owns
 * its config schema, its value validator and, for personal data, its mask. Tenant forms are data
 * checked against these — never per-tenant schemas.
 */

/** What a value check may depend on besides the value. `today` is `YYYY-MM-DD` in Asia/Shanghai. */
export interface FieldContext {
  readonly today: string;
}

export type FieldResult<V> = { ok: true; value: V } | { ok: false; message: string };

interface FieldTypeCommon<T extends string, S extends z.ZodType, V> {
  readonly type: T;
  /** The type-specific part of a field definition (`config`); its output is what is stored. */
  readonly configSchema: S;
  /**
   * Checks one submitted value against a parsed config and returns it normalised. Never called
   * with a missing value (undefined, null, blank text, empty list): `required` is the form's job.
   * Messages complete "<field> …" and never echo personal data.
   */
  readonly validate: (value: unknown, config: z.output<S>, ctx: FieldContext) => FieldResult<V>;
}

/** Personal values (Art. 26) are strings, masked for display unless a logged reveal asks otherwise. */
export type Personal = { readonly personal: false } | { readonly personal: true; readonly mask: (value: string) => string };

export type FieldTypeDefinition<T extends string, S extends z.ZodType, V, P extends Personal = Personal> = FieldTypeCommon<
  T,
  S,
  V
> &
  P;

/** Identity, for inference: keeps the literal type name, the config schema's type and `personal`. */
export const defineFieldType = <const T extends string, S extends z.ZodType, V, const P extends Personal>(
  definition: FieldTypeDefinition<T, S, V, P>,
) => definition;

export const ok = <V>(value: V): FieldResult<V> => ({ ok: true, value });
export const fail = (message: string): FieldResult<never> => ({ ok: false, message });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** Lengths are counted in characters (code points), so one Chinese character or emoji is one. */
export const charLength = (s: string) => [...s].length;
