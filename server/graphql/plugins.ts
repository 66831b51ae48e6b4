import { getOperationAST, GraphQLError } from 'graphql';
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
            ctx.viewer,
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
