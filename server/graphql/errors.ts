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
    },
  });
}

/**
 * The one mapper from anything thrown to what a client sees (STYLE.md habit 5). Domain errors
 * keep their code and per-field messages; GraphQL's own request errors (syntax, validation,
 * limits) pass through; everything else is masked. Database errors carry SQL and parameters, so
 * only their class and SQLSTATE are ever logged (STACK.md trap 7).
 */
export function createMaskError(logger: Logger) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
    if (original instanceof DomainError) return domainToGraphQL(original, error instanceof GraphQLError ? error : undefined);
    if (error instanceof GraphQLError && (original === null || original instanceof GraphQLError)) {
      if (error.extensions?.code) return error;
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
    logger.error('unexpected error', describeError(original));
    return new GraphQLError('Unexpected error.', {
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
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
    // Stack frames only (no message line): messages can quote values.
    stack: !isDb && e?.stack ? e.stack.split('\n').slice(1, 6).map((l) => l.trim()) : undefined,
  };
}
