import { z } from 'zod';
import { defineFieldType, fail, ok } from '../field-type.js';
import { flag, settings } from '../settings.js';

const bound = () => z.number({ error: 'must be a finite number' });

export const numberConfig = settings({
  min: bound().optional(),
  max: bound().optional(),
  integer: flag().default(false),
}).refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
  path: ['max'],
  message: 'must not be less than min',
});

export type NumberConfig = z.output<typeof numberConfig>;

/**
 * Values are JSON numbers only: a numeric string ("12") is refused rather than guessed at, so the
 * stored value has one type and the client's widget, not the server, owns parsing what people type.
 */
export const numberField = defineFieldType({
  type: 'NUMBER',
  configSchema: numberConfig,
  personal: false,
  validate(value, config) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a number');
    if (config.integer && !Number.isSafeInteger(value)) return fail('must be a whole number');
    if (config.min !== undefined && value < config.min) return fail(`must be at least ${config.min}`);
    if (config.max !== undefined && value > config.max) return fail(`must be at most ${config.max}`);
    return ok(value === 0 ? 0 : value); // no -0
  },
});
