import type { HttpError } from 'react-admin';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Field messages of the form rules and the catalogue that the app's base table
 * (i18n/index.ts, tianping.server.*) does not know: turned into the viewer's language here so
 * a Chinese screen does not show "must not be in the future". Anything else is shown as it came.
 */
const PATTERNS: [RegExp, string, (m: RegExpMatchArray) => Record<string, string>][] = [
  [/^must not be in the future$/, 'tianping.intake.server.not_in_future', () => ({})],
  [/^must be a date \(YYYY-MM-DD\)$/, 'tianping.intake.server.date_format', () => ({})],
  [/^must be on or after (\S+)$/, 'tianping.intake.server.on_or_after', (m) => ({ date: m[1]! })],
  [/^must be on or before (\S+)$/, 'tianping.intake.server.on_or_before', (m) => ({ date: m[1]! })],
  [/^must be one of the options$/, 'tianping.intake.server.one_of_options', () => ({})],
  [/^must contain only the options$/, 'tianping.intake.server.only_options', () => ({})],
  [/^must be a number$/, 'tianping.intake.server.number', () => ({})],
  [/^must be a whole number$/, 'tianping.intake.server.whole_number', () => ({})],
  [/^must be at least (-?[\d.]+)$/, 'tianping.intake.server.number_at_least', (m) => ({ n: m[1]! })],
  [/^must be at most (-?[\d.]+)$/, 'tianping.intake.server.number_at_most', (m) => ({ n: m[1]! })],
  [/^is not in the expected format$/, 'tianping.intake.server.expected_format', () => ({})],
  [/^is not a field of this form$/, 'tianping.intake.server.not_a_field', () => ({})],
  [/^must be a valid resident ID number: it (.+)$/, 'tianping.intake.server.resident_id', (m) => ({ reason: m[1]! })],
  [/^is not published$/, 'tianping.intake.server.not_published', () => ({})],
  [/^this service item is not offered on/, 'tianping.intake.server.not_offered', () => ({})],
  [/^is not an item of this tenant's catalogue$/, 'tianping.intake.server.not_of_tenant', () => ({})],
  [/^must have at least one option$/, 'tianping.catalogue.server.one_option', () => ({})],
  [/^must have distinct values \("(.+)" repeats\)$/, 'tianping.catalogue.server.distinct_options', (m) => ({ value: m[1]! })],
  [/^must be unique \("(.+)" is used by another field\)$/, 'tianping.catalogue.server.unique_key', (m) => ({ key: m[1]! })],
  [/^duplicates "(.+)"$/, 'tianping.catalogue.server.duplicates', (m) => ({ key: m[1]! })],
  [/^must not exceed (maxLength|maxItems|the number of options)$/, 'tianping.catalogue.server.min_over_max', () => ({})],
  [/^must not be (less than|before) min$/, 'tianping.catalogue.server.max_under_min', () => ({})],
  [/^only applies with a pattern$/, 'tianping.catalogue.server.pattern_only', () => ({})],
  [/^is not a valid regular expression$/, 'tianping.catalogue.server.bad_pattern', () => ({})],
  [/^must not repeat a group/, 'tianping.catalogue.server.slow_pattern', () => ({})],
  [/^must be 1-40 (lowercase )?letters/, 'tianping.catalogue.server.key_format', () => ({})],
  [/^needs at least one (step|channel)$/, 'tianping.catalogue.server.needs_one', () => ({})],
  [/^must not exceed the statutory limit$/, 'tianping.catalogue.server.committed_over_statutory', () => ({})],
  [/^must use the same unit as the statutory limit$/, 'tianping.catalogue.server.same_unit', () => ({})],
  [/^stage budgets add up to more than the statutory limit$/, 'tianping.catalogue.server.stage_budgets', () => ({})],
  [/^cannot change once the item has been published$/, 'tianping.catalogue.server.code_locked', () => ({})],
  [/^is already used in this catalogue/, 'tianping.catalogue.server.code_taken', () => ({})],
  [/^contains the forbidden phrase "(.+)"$/, 'tianping.catalogue.server.forbidden_phrase', (m) => ({ phrase: m[1]! })],
];

export function translateFieldMessage(message: string, translate: Translate): string {
  for (const [re, key, args] of PATTERNS) {
    const m = message.match(re);
    if (m) return translate(key, { ...args(m), _: message });
  }
  return message;
}

/**
 * A failed save as a react-admin form wants it: the field errors (paths mapped by `paths`,
 * messages in the viewer's language) to return from onSubmit, and whether there were any. Other
 * errors come back as null: the caller shows `error.message` as a notification.
 */
export function fieldErrorsOf(
  error: unknown,
  translate: Translate,
  paths: (errors: Record<string, unknown>) => Record<string, unknown> = (e) => e,
): Record<string, unknown> | null {
  const errors = (error as HttpError | undefined)?.body?.errors as Record<string, unknown> | undefined;
  if (!errors) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(paths(errors))) out[k] = typeof v === 'string' ? translateFieldMessage(v, translate) : v;
  return out;
}

/**
 * The notification for a failed save: with field errors, their messages in the viewer's language
 * (the client's summary keeps the server's English for messages the base table does not know);
 * otherwise the error's own, already localized, message.
 */
export function errorNotice(error: unknown, fieldErrors: Record<string, unknown> | null, translate: Translate): string {
  if (!fieldErrors) return (error as Error).message;
  const texts = [...new Set(Object.entries(fieldErrors).filter(([k, v]) => k !== 'root' && typeof v === 'string').map(([, v]) => v as string))];
  return texts.length ? translate('tianping.error.BAD_USER_INPUT', { detail: texts.join('；') }) : (error as Error).message;
}
