import { z } from 'zod';
import { isIsoDate } from './field-type.js';

/**
 * Building blocks for field-type config schemas, so every type words its setting errors alike
 * ("fields.2.config.maxLength: must be at most 500").
 */

export const settings = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, { error: 'must be an object of settings' });

export const wholeNumber = (min: number, max: number) =>
  z
    .int({ error: 'must be a whole number' })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const flag = () => z.boolean({ error: 'must be true or false' });

export const shortText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

export const isoDate = () =>
  z.string({ error: 'must be a date (YYYY-MM-DD)' }).refine(isIsoDate, 'must be a date (YYYY-MM-DD)');
