/**
 * The one error vocabulary (DESIGN.md "API conventions"). Domain and use-case code throws
 * DomainError; server/graphql/errors.ts maps it to a GraphQL error. Anything else is unexpected
 * and is masked before it reaches a client.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Per-field messages, keyed by the input field's path (e.g. `phone`, `profile.address`). */
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const unauthenticated = (message = 'sign in first') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'not allowed') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const rateLimited = (message: string) => new DomainError('RATE_LIMITED', message);

export function badInput(fields: FieldErrors): DomainError {
  const names = Object.keys(fields);
  const message = names.map((f) => `${f}: ${fields[f]}`).join('; ');
  return new DomainError('BAD_USER_INPUT', `invalid input (${message})`, fields);
}

/** A stale `version` on an optimistic-concurrency update. */
export const staleVersion = (what: string) =>
  conflict(`${what} was changed by someone else; reload it and try again`);
