import { z } from 'zod';
import { defineFieldType, fail, ok } from '../field-type.js';
import { settings, shortText } from '../settings.js';

export const MAX_OPTIONS = 200;

const option = z.strictObject(
  { value: shortText(100), label: shortText(100) },
  { error: 'must be an object with value and label' },
);

/** Shared with MULTI_SELECT: a non-empty list of options with distinct values. */
export const optionsSchema = z
  .array(option, { error: 'must be a list of options' })
  .min(1, 'must have at least one option')
  .max(MAX_OPTIONS, `must have at most ${MAX_OPTIONS} options`)
  .superRefine((options, c) => {
    const seen = new Set<string>();
    for (const { value } of options) {
      if (seen.has(value)) {
        c.addIssue({ code: 'custom', message: `must have distinct values ("${value}" repeats)` });
        return;
      }
      seen.add(value);
    }
  });

export const selectConfig = settings({ options: optionsSchema });

export type SelectConfig = z.output<typeof selectConfig>;

/** One option's value (the stored code, never the label, so relabelling keeps old answers). */
export const selectField = defineFieldType({
  type: 'SELECT',
  configSchema: selectConfig,
  personal: false,
  validate(value, config) {
    if (typeof value !== 'string' || !config.options.some((o) => o.value === value)) {
      return fail('must be one of the options');
    }
    return ok(value);
  },
});
