import { getOperationAST, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Rollback, commitUnless, withTenant } from '../db/with-tenant.js';
import type { RequestContext, RequestRecord, Services } from './context.js';
import { createLoaders } from './loaders.js';

/**
 * Every operation executes inside one tenant transaction (server/db/with-tenant.ts): queries read
 * only; a mutation whose result carries any error is rolled back, so a refused request changes
 * nothing.
 */
export function useTenantTransaction(services: Services): Plugin<RequestContext> {
  const { config, database } = services;
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const ctx = args.contextValue as RequestContext;
      const op = getOperationAST(args.document, args.operationName);
      const readOnly = op?.operation !== 'mutation';
      ctx.record.operationType = op?.operation ?? null;
      ctx.record.operation ??= op?.name?.value ?? null;
      if (op && isSystemOperation(op)) return;
      setExecuteFn((execArgs) =>
        commitUnless(() =>
          withTenant(
            database.db,
            ctx.viewer,
            { readOnly, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
            async (tx) => {
              ctx.tx = tx;
              ctx.loaders = createLoaders(tx, ctx.viewer);
              const result = await executeFn(execArgs);
              if (!readOnly && 'errors' in result && result.errors?.length) throw new Rollback(result);
              return result;
            },
          ),
        ),
      );
    },
  };
}

/**
 * Sign-in runs before there is a viewer and must find a user by username across every tenant,
 * which row-level security rightly forbids the application role. So a mutation that selects
 * nothing but these fields runs without a tenant transaction; its command uses the owner
 * connection in short transactions of its own (server/usecases/auth/login.ts). Nothing else may
 * touch the owner connection during a request: on PGlite, a single connection, that would wait
 * for the request's own transaction forever.
 */
const SYSTEM_MUTATIONS = new Set(['login']);

function isSystemOperation(op: OperationDefinitionNode): boolean {
  if (op.operation !== 'mutation') return false;
  const fields = op.selectionSet.selections;
  return (
    fields.length > 0 &&
    fields.every((s) => s.kind === Kind.FIELD && (SYSTEM_MUTATIONS.has(s.name.value) || s.name.value === '__typename'))
  );
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
