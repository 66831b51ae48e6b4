import { getOperationAST, GraphQLError, Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Rollback, commitUnless, withTenant } from '../db/with-tenant.js';
import type { RequestContext, RequestRecord, Services } from './context.js';
import { describeError, withoutSuggestions } from './errors.js';
import { createLoaders } from './loaders.js';
import { nulInputError } from './nul-guard.js';
import type { Logger } from '../logger.js';

/**
 * Every operation executes inside one tenant transaction (server/db/with-tenant.ts): queries read
 * only; a mutation whose result carries any error is rolled back, so a refused request changes
 * nothing.
 */
export function useTenantTransaction(services: Services, logger: Logger): Plugin<RequestContext> {
  const { config, database } = services;
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const ctx = args.contextValue as RequestContext;
      const nul = nulInputError(args.document, args.variableValues);
      if (nul) {
        setResultAndStopExecution({ errors: [nul] });
        return;
      }
      const op = getOperationAST(args.document, args.operationName);
      const readOnly = op?.operation !== 'mutation';
      ctx.record.operationType = op?.operation ?? null;
      ctx.record.operation ??= op?.name?.value ?? null;
      ctx.afterTransaction = [];
      ctx.keepWritesOnError = null;
      const singleField = op?.selectionSet.selections.length === 1;
      setExecuteFn(async (execArgs) => {
        try {
          return await commitUnless(() =>
          withTenant(
            database.db,
            // An integration key acts for its tenant with no user (tp_viewer_user() is null).
            ctx.viewer ?? (ctx.apiKey ? { tenantId: ctx.apiKey.tenantId, userId: '' } : null),
            { readOnly, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
            async (tx) => {
              ctx.tx = tx;
              ctx.loaders = createLoaders(tx, ctx.viewer);
              const result = await executeFn(execArgs);
              if (!readOnly && 'errors' in result && result.errors?.length) {
                if (ctx.keepWritesOnError && singleField) return result;
                if (ctx.keepWritesOnError) ctx.afterTransaction.push(ctx.keepWritesOnError);
                throw new Rollback(result);
              }
              return result;
            },
          ),
          );
        } finally {
          for (const work of ctx.afterTransaction) {
            await work(database.db).catch((err) => logger.error('after-transaction work failed', describeError(err)));
          }
        }
      });
    },
  };
}

/** The only root fields a request authenticated with an integration key may select. */
const API_KEY_FIELDS = new Set(['recordContacts', '__typename']);

/**
 * A request authenticated with an integration key runs `recordContacts` and nothing else: any
 * other root field (a query, the public ones included) is refused as a whole with FORBIDDEN
 * before anything executes. Fragments are followed; @skip/@include are not trusted.
 */
export function useApiKeyScope(): Plugin<RequestContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as RequestContext;
      if (!ctx.apiKey) return;
      const op = getOperationAST(args.document, args.operationName);
      const fields = op ? rootFieldNames(args.document, op.selectionSet) : [];
      if (op?.operation === 'mutation' && fields.length > 0 && fields.every((f) => API_KEY_FIELDS.has(f))) return;
      setResultAndStopExecution({
        errors: [new GraphQLError('an integration key may only call recordContacts', { extensions: { code: 'FORBIDDEN' } })],
      });
    },
  };
}

function rootFieldNames(document: DocumentNode, set: SelectionSetNode, seen = new Set<string>()): string[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(document, s.selectionSet, seen);
    if (seen.has(s.name.value)) return [];
    seen.add(s.name.value);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
    return fragment && fragment.kind === Kind.FRAGMENT_DEFINITION ? rootFieldNames(document, fragment.selectionSet, seen) : ['(unknown fragment)'];
  });
}

/** Fills the request record (operation name, error codes) for the request log and metrics. */
export function useRequestRecord(): Plugin<RequestContext, { record: RequestRecord }> {
  return {
    onParams({ params, context }) {
      if (typeof params.operationName === 'string') context.record.operation = params.operationName.slice(0, 100);
    },
    onResultProcess({ result, serverContext }) {
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        const errors = (r as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors ?? [];
        for (const e of errors) serverContext.record.codes.add(String(e.extensions?.code ?? 'UNKNOWN'));
      }
    },
  };
}

/**
 * Without introspection, error messages must not name schema members either: validation errors
 * lose their "Did you mean …?" here (errors from execution lose it in the error mask).
 */
export function useNoSuggestions(): Plugin<RequestContext> {
  return {
    onValidate: () => ({ result, setResult }) => {
      if (result.length === 0) return;
      setResult(
        result.map(
          (e) =>
            new GraphQLError(withoutSuggestions(e.message), {
              nodes: e.nodes,
              source: e.source,
              positions: e.positions,
              path: e.path,
              originalError: e.originalError,
              extensions: e.extensions,
            }),
        ),
      );
    },
  };
}

/**
 * Subscriptions are served over WebSocket only (server/graphql/ws.ts), where sockets are signed in,
 * limited and re-checked; yoga's SSE path would bypass all of that, so it answers with an error.
 */
export function useNoSubscriptionsOverHttp(): Plugin<RequestContext> {
  return {
    onSubscribe({ setResultAndStopExecution }) {
      setResultAndStopExecution({
        errors: [
          new GraphQLError('subscriptions are served over WebSocket (graphql-transport-ws) at /graphql', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          }),
        ],
      });
    },
  };
}
