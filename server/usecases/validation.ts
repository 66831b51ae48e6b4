import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { badInput, type FieldErrors } from '../domain/shared/errors.js';

/** Parses command input, turning every problem into a BAD_USER_INPUT naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : 'input';
    fields[key] ??= issue.message;
  }
  throw badInput(fields);
}

/** What a mutation of a versioned thing names: its id and the version it was read at. */
export const versionTarget = () => ({ id: uuidString(), version: z.number().int().positive('must be a positive integer') });

/** One of a vocabulary's values, the refusal listing them. */
export const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(', ')}` });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidString = () => z.string().regex(UUID, 'is not a valid id');

/** Optional free text: trimmed; an empty string clears the value (stored as null). */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullish();

export const requiredText = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'is required').max(max, `must be at most ${max} characters`));

/**
 * Runs `work` in a savepoint (a caught database error must not poison the request transaction,
 * STACK.md trap 5) and turns a unique violation into BAD_USER_INPUT with `fields`.
 */
export async function uniqueAsBadInput<T>(tx: Tx, fields: FieldErrors, work: (sp: Tx) => Promise<T>): Promise<T> {
  try {
    return await tx.transaction(work);
  } catch (err) {
    if (uniqueViolation(err) !== null) throw badInput(fields);
    throw err;
  }
}

/** The error a database unique violation becomes, by constraint name. */
export function uniqueViolation(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 3 && e; i++) {
    const code = (e as { code?: string }).code;
    if (code === '23505') return (e as { constraint_name?: string; constraint?: string }).constraint_name ?? (e as { constraint?: string }).constraint ?? '';
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
