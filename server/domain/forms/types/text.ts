import { z } from 'zod';
import { charLength, defineFieldType, fail, ok } from '../field-type.js';
import { settings, shortText, wholeNumber } from '../settings.js';
import { compilePattern, patternProblem } from './text-pattern.js';

/** The hard cap on a single-line answer; also bounds the work a pattern can cause. */
export const TEXT_MAX_LENGTH = 500;

export const textConfig = settings({
  minLength: wholeNumber(0, TEXT_MAX_LENGTH).optional(),
  maxLength: wholeNumber(1, TEXT_MAX_LENGTH).default(200),
  /** Anchored; see text-pattern.ts for the syntax and what is refused. */
  pattern: z
    .string({ error: 'must be text' })
    .superRefine((p, c) => {
      const problem = patternProblem(p);
      if (problem) c.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Shown instead of the generic message when the pattern does not match ("must be 6 digits"). */
  patternMessage: shortText(100).optional(),
})
  .refine((c) => c.minLength === undefined || c.minLength <= c.maxLength, {
    path: ['minLength'],
    message: 'must not exceed maxLength',
  })
  .refine((c) => c.patternMessage === undefined || c.pattern !== undefined, {
    path: ['patternMessage'],
    message: 'only applies with a pattern',
  });

export type TextConfig = z.output<typeof textConfig>;

/** Any control character, line breaks included: TEXT is one line. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Length limits shared with LONG_TEXT, counted in characters after trimming. */
export function lengthProblem(s: string, minLength: number | undefined, maxLength: number): string | null {
  const n = charLength(s);
  if (minLength !== undefined && n < minLength) return `must be at least ${minLength} characters`;
  if (n > maxLength) return `must be at most ${maxLength} characters`;
  return null;
}

export const textField = defineFieldType({
  type: 'TEXT',
  configSchema: textConfig,
  personal: false,
  validate(value, config) {
    if (typeof value !== 'string') return fail('must be text');
    const s = value.trim();
    if (CONTROL.test(s)) return fail('must be a single line without control characters');
    const problem = lengthProblem(s, config.minLength, config.maxLength);
    if (problem) return fail(problem);
    if (config.pattern !== undefined && !compilePattern(config.pattern).test(s)) {
      return fail(config.patternMessage ?? 'is not in the expected format');
    }
    return ok(s);
  },
});
