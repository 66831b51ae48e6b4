import type { z } from 'zod';
import { defineFieldType, fail, ok } from '../field-type.js';
import { settings, wholeNumber } from '../settings.js';
import { lengthProblem } from './text.js';

export const LONG_TEXT_MAX_LENGTH = 10_000;

export const longTextConfig = settings({
  minLength: wholeNumber(0, LONG_TEXT_MAX_LENGTH).optional(),
  maxLength: wholeNumber(1, LONG_TEXT_MAX_LENGTH).default(2000),
}).refine((c) => c.minLength === undefined || c.minLength <= c.maxLength, {
  path: ['minLength'],
  message: 'must not exceed maxLength',
});

export type LongTextConfig = z.output<typeof longTextConfig>;

/** Control characters other than tab and line feed (CR is normalised away first). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Multi-line text: trimmed, line breaks normalised to `\n`. No pattern: describe the need in helpText. */
export const longTextField = defineFieldType({
  type: 'LONG_TEXT',
  configSchema: longTextConfig,
  personal: false,
  validate(value, config) {
    if (typeof value !== 'string') return fail('must be text');
    const s = value.replace(/\r\n?/g, '\n').trim();
    if (CONTROL.test(s)) return fail('must not contain control characters');
    const problem = lengthProblem(s, config.minLength, config.maxLength);
    return problem ? fail(problem) : ok(s);
  },
});
