import { GraphQLError } from 'graphql';
import { DomainError, type ErrorCode } from '../domain/shared/errors.js';
import type { Logger } from '../logger.js';

/** Every domain code maps to itself; the `never` check keeps this exhaustive as codes are added. */
function codeOf(err: DomainError): ErrorCode {
  const code = err.code;
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'BAD_USER_INPUT':
    case 'CONFLICT':
    case 'RATE_LIMITED':
      return code;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/**
 * GraphQL over HTTP: a response without `data` (a request error) has a 4xx/5xx status. Yoga
 * reads `extensions.http.status` and strips it from what it sends; errors inside execution have
 * a path and keep 200.
 */
const REQUEST_ERROR_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

export function domainToGraphQL(err: DomainError, base?: GraphQLError): GraphQLError {
  const code = codeOf(err);
  return new GraphQLError(err.message, {
    nodes: base?.nodes,
    source: base?.source,
    positions: base?.positions,
    path: base?.path,
    extensions: {
      code,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(base?.path ? {} : { http: { status: REQUEST_ERROR_STATUS[code] } }),
    },
  });
}

/** "Did you mean …?" names schema members: only where introspection is on. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');

/**
 * The one mapper from anything thrown to what a client sees (STYLE.md habit 5). Domain errors
 * keep their code and per-field messages; GraphQL's own request errors (syntax, validation,
 * limits) pass through; everything else is masked. Database errors carry SQL and parameters, so
 * only their class and SQLSTATE are ever logged (STACK.md trap 7).
 */
export function createMaskError(logger: Logger, options: { suggestions: boolean }) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
    if (original instanceof DomainError) return domainToGraphQL(original, error instanceof GraphQLError ? error : undefined);
    if (error instanceof GraphQLError && (original === null || original instanceof GraphQLError)) {
      const message = options.suggestions ? error.message : withoutSuggestions(error.message);
      const http = error.extensions?.http as { status?: number } | undefined;
      return new GraphQLError(message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: {
          ...error.extensions,
          code: error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED',
          // Request errors (syntax, validation, limits, variables) are the client's: 400.
          ...(error.path ? {} : { http: { ...http, status: http?.status ?? 400 } }),
        },
      });
    }
    logger.error('unexpected error', describeError(original));
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError('Unexpected error.', {
      path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(path ? {} : { http: { status: 500 } }) },
    });
  };
}

/** Safe facts about an unexpected error: its class, SQLSTATE and constraint, a stack in our code. */
export function describeError(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: unknown; constraint_name?: string; cause?: unknown; stack?: string } | null;
  const cause = e?.cause as { name?: string; code?: unknown; constraint_name?: string } | undefined;
  const isDb = !!cause?.code || (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  return {
    errorClass: e?.name ?? typeof err,
    sqlState: isDb ? (cause?.code ?? e?.code) : undefined,
    constraint: cause?.constraint_name ?? e?.constraint_name,
    // Stack frames only: messages (which may span lines) can quote SQL and values.
    stack:
      !isDb && e?.stack
        ? e.stack
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => /^at [^\s]/.test(l))
            .slice(0, 5)
        : undefined,
  };
}
