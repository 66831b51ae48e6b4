import type { FormDefinition } from './definition.js';
import type { FieldContext } from './field-type.js';
import { fieldType } from './registry.js';

export type SubmissionResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/** No answer: absent, null, blank text or an empty list. `false` and `0` are answers. */
const isMissing = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * Checks form data (a case's answers) against a definition validateFormDefinition accepted.
 * Returns the normalised values, with unanswered optional fields left out; or one message per
 * offending key: a required field missing, a bad value, a key the form does not have.
 */
export function validateSubmission(
  def: FormDefinition,
  data: Record<string, unknown>,
  ctx: FieldContext,
): SubmissionResult {
  const errors = new Map<string, string>();
  const value = new Map<string, unknown>();
  const known = new Set(def.fields.map((f) => f.key));
  for (const key of Object.keys(data)) if (!known.has(key)) errors.set(key, 'is not a field of this form');

  for (const field of def.fields) {
    // Own properties only: a field keyed `constructor` must not find Object's.
    const raw = Object.hasOwn(data, field.key) ? data[field.key] : undefined;
    if (isMissing(raw)) {
      if (field.required) errors.set(field.key, 'is required');
      continue;
    }
    const result = fieldType(field.type).validate(raw, field.config, ctx);
    if (result.ok) value.set(field.key, result.value);
    else errors.set(field.key, result.message);
  }

  // fromEntries makes own properties whatever the key, `__proto__` included.
  return errors.size ? { ok: false, errors: Object.fromEntries(errors) } : { ok: true, value: Object.fromEntries(value) };
}

const HIDDEN = '****';

/**
 * A copy for display with every personal value masked (Art. 26): `138****8000`,
 * `500101********1234`. Only the definition's fields are copied — a value the form does not
 * describe cannot be known to be safe to show. A personal value that is not a string is hidden whole.
 */
export function maskSubmission(def: FormDefinition, data: Record<string, unknown>): Record<string, unknown> {
  const out = new Map<string, unknown>();
  for (const field of def.fields) {
    if (!Object.hasOwn(data, field.key)) continue;
    const value = data[field.key];
    const t = fieldType(field.type);
    if (!t.personal || value === null || value === undefined) out.set(field.key, value);
    else out.set(field.key, typeof value === 'string' && t.mask ? t.mask(value) : HIDDEN);
  }
  return Object.fromEntries(out);
}
