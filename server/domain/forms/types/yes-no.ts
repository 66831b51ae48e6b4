import type { z } from 'zod';
import { defineFieldType, fail, ok } from '../field-type.js';
import { settings } from '../settings.js';

export const yesNoConfig = settings({});

export type YesNoConfig = z.output<typeof yesNoConfig>;

/** A JSON boolean; "yes", 1 and the like are refused. A required YES_NO needs an answer, either one. */
export const yesNoField = defineFieldType({
  type: 'YES_NO',
  configSchema: yesNoConfig,
  personal: false,
  validate: (value) => (typeof value === 'boolean' ? ok(value) : fail('must be yes or no (true or false)')),
});
