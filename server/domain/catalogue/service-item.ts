import { z } from 'zod';
import {
  CHANNELS,
  LIMIT_UNITS,
  SERVICE_CATEGORIES,
  type ServiceItemContent,
} from '../../../schema/db/catalogue.js';
import { badInput, type FieldErrors } from '../shared/errors.js';
import { validateFormDefinition } from '../forms/definition.js';

/**
 * What a service item must say before it can be saved (Art. 10, 17, 24). Pure: the use cases
 * call it on every create and edit, and publishing freezes exactly what passed.
 */
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

const limitSchema = z.object({
  unit: z.enum(LIMIT_UNITS, { message: 'must be WORKING_DAYS, CALENDAR_DAYS or HOURS' }),
  amount: z.number().int('must be a whole number').positive('must be positive'),
}).superRefine((l, c) => {
  const max = l.unit === 'HOURS' ? 720 : 365;
  if (l.amount > max) c.addIssue({ code: 'custom', path: ['amount'], message: `must be at most ${max}` });
});

const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be 1-40 lowercase letters, digits or underscores, starting with a letter');

const unique = <T>(items: T[], key: (t: T) => string, c: z.RefinementCtx, path: string) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) c.addIssue({ code: 'custom', path: [path, i], message: `duplicates "${k}"` });
    seen.add(k);
  });
};

export const ServiceItemContentSchema = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be 1-40 letters, digits, hyphens or underscores'),
    name: text(200),
    category: z.enum(SERVICE_CATEGORIES, { message: 'is not a service category' }),
    legalBasis: text(5000),
    conditions: optionalText(5000),
    procedure: z
      .array(z.object({ title: text(200), description: optionalText(2000) }))
      .min(1, 'needs at least one step')
      .max(50, 'at most 50 steps'),
    rightsAndObligations: optionalText(5000),
    fee: text(500),
    results: optionalText(2000),
    statutoryLimit: limitSchema,
    committedLimit: limitSchema,
    channels: z.array(z.enum(CHANNELS, { message: 'is not a channel' })).min(1, 'needs at least one channel'),
    materials: z
      .array(z.object({ key: keySchema, name: text(200), required: z.boolean(), note: optionalText(500).nullish() }))
      .max(100, 'at most 100 materials'),
    form: z.object({ fields: z.array(z.unknown()) }),
    stages: z
      .array(z.object({ key: keySchema, name: text(100), budgetWorkingDays: z.number().int('must be a whole number').positive('must be positive').max(365) }))
      .max(20, 'at most 20 stages'),
  })
  .superRefine((item, c) => {
    unique(item.channels, (x) => x, c, 'channels');
    unique(item.materials, (m) => m.key, c, 'materials');
    unique(item.stages, (s) => s.key, c, 'stages');
    // The tenant's promise may be shorter than the law's, never longer (Art. 15, 16).
    if (item.committedLimit.unit !== item.statutoryLimit.unit) {
      c.addIssue({ code: 'custom', path: ['committedLimit', 'unit'], message: 'must use the same unit as the statutory limit' });
    } else if (item.committedLimit.amount > item.statutoryLimit.amount) {
      c.addIssue({ code: 'custom', path: ['committedLimit', 'amount'], message: 'must not exceed the statutory limit' });
    }
    const stageDays = item.stages.reduce((sum, s) => sum + s.budgetWorkingDays, 0);
    if (item.statutoryLimit.unit === 'WORKING_DAYS' && stageDays > item.statutoryLimit.amount) {
      c.addIssue({ code: 'custom', path: ['stages'], message: 'stage budgets add up to more than the statutory limit' });
    }
  });

/** Validates a whole item (its form definition included) or throws BAD_USER_INPUT per field. */
export function parseServiceItemContent(input: unknown): ServiceItemContent {
  const parsed = ServiceItemContentSchema.safeParse(input);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'input'] ??= issue.message;
  }
  const form = validateFormDefinition((input as { form?: unknown } | null)?.form ?? { fields: [] });
  if (!form.ok) for (const [k, v] of Object.entries(form.errors)) errors[`form.${k}`] ??= v;
  if (Object.keys(errors).length || !parsed.success || !form.ok) throw badInput(errors);
  return { ...parsed.data, conditions: parsed.data.conditions, form: form.value } as ServiceItemContent;
}
