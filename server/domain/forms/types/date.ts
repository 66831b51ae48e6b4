import type { z } from 'zod';
import { defineFieldType, fail, isIsoDate, ok } from '../field-type.js';
import { flag, isoDate, settings } from '../settings.js';

export const dateConfig = settings({
  min: isoDate().optional(),
  max: isoDate().optional(),
  /** Refuse dates after the submitter's today (dates of birth, of an incident …). */
  notInFuture: flag().default(false),
}).refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
  path: ['max'],
  message: 'must not be before min',
});

export type DateConfig = z.output<typeof dateConfig>;

/** A calendar date as `YYYY-MM-DD` (no time, no zone); ISO strings compare in date order. */
export const dateField = defineFieldType({
  type: 'DATE',
  configSchema: dateConfig,
  personal: false,
  validate(value, config, ctx) {
    if (typeof value !== 'string' || !isIsoDate(value.trim())) return fail('must be a date (YYYY-MM-DD)');
    const d = value.trim();
    if (config.notInFuture && d > ctx.today) return fail('must not be in the future');
    if (config.min !== undefined && d < config.min) return fail(`must be on or after ${config.min}`);
    if (config.max !== undefined && d > config.max) return fail(`must be on or before ${config.max}`);
    return ok(d);
  },
});
