import type { z } from 'zod';
import { defineFieldType, fail, ok } from '../field-type.js';
import { settings, wholeNumber } from '../settings.js';
import { MAX_OPTIONS, optionsSchema } from './select.js';

export const multiSelectConfig = settings({
  options: optionsSchema,
  minItems: wholeNumber(1, MAX_OPTIONS).optional(),
  maxItems: wholeNumber(1, MAX_OPTIONS).optional(),
})
  .refine((c) => c.minItems === undefined || c.maxItems === undefined || c.minItems <= c.maxItems, {
    path: ['minItems'],
    message: 'must not exceed maxItems',
  })
  .refine((c) => c.minItems === undefined || c.minItems <= c.options.length, {
    path: ['minItems'],
    message: 'must not exceed the number of options',
  });

export type MultiSelectConfig = z.output<typeof multiSelectConfig>;

/**
 * A list of distinct option values, returned in the options' order so equal answers are stored
 * alike. An empty list counts as no answer (the form's `required` decides), so minItems applies
 * only once something is chosen.
 */
export const multiSelectField = defineFieldType({
  type: 'MULTI_SELECT',
  configSchema: multiSelectConfig,
  personal: false,
  validate(value, config) {
    if (!Array.isArray(value)) return fail('must be a list of options');
    const chosen = new Set<unknown>(value);
    if (chosen.size !== value.length) return fail('must not repeat an option');
    const values = config.options.map((o) => o.value).filter((v) => chosen.has(v));
    if (values.length !== value.length) return fail('must contain only the options');
    if (config.minItems !== undefined && values.length < config.minItems) {
      return fail(`must have at least ${config.minItems} options chosen`);
    }
    if (config.maxItems !== undefined && values.length > config.maxItems) {
      return fail(`must have at most ${config.maxItems} options chosen`);
    }
    return ok(values);
  },
});
