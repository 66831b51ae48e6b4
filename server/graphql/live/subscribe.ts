import { createSourceEventStream, type ExecutionArgs, type ExecutionResult, GraphQLError, getOperationAST, Kind, print } from 'graphql';
import { withTenant } from '../../db/with-tenant.js';
import { badInput } from '../../domain/shared/errors.js';
import type { RequestContext } from '../context.js';
import { createLoaders } from '../loaders.js';
import type { LiveHub, Topic } from './hub.js';

/**
 * Sets up a subscription received over WebSocket: the root field's `subscribe` runs in a
 * read-only transaction acting for the viewer (scope-auth checks it there, and it checks its
 * arguments against what the viewer may see), and returns the hub's stream for it.
 */
export async function subscribeLive(hub: LiveHub, args: ExecutionArgs, maskError: (e: unknown) => Error): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const ctx = args.contextValue as RequestContext;
  const op = getOperationAST(args.document, args.operationName);
  ctx.record.operationType = 'subscription';
  ctx.record.operation ??= op?.name?.value ?? null;
  await hub.ready(); // before the transaction: on PGlite the owner connection is the same one
  const { config, database } = ctx.services;
  const result = await withTenant(
    database.db,
    ctx.viewer,
    { readOnly: true, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
    async (tx) => {
      ctx.tx = tx;
      ctx.loaders = createLoaders(tx, ctx.viewer);
      ctx.live = {
        hub,
        op: {
          document: args.document,
          text: print(args.document),
          variableValues: args.variableValues ?? undefined,
          operationName: args.operationName,
          cursorVariable: cursorVariableOf(op),
        },
      };
      try {
        return await createSourceEventStream(args);
      } finally {
        ctx.live = undefined;
      }
    },
  );
  if (Symbol.asyncIterator in result) return result as AsyncIterable<ExecutionResult>;
  return { errors: (result.errors ?? []).map((e) => maskError(e) as GraphQLError) };
}

/**
 * A live cursor (an alert's or notice's number, as a string): null when none was given ("from
 * now"), 0 for "" (from the start); anything else not a number is BAD_USER_INPUT on `after`.
 */
export function cursorOf(after: string | null | undefined, what: string): number | null {
  if (after === null || after === undefined) return null;
  if (after === '') return 0;
  if (!/^\d{1,15}$/.test(after)) throw badInput({ after: `is not ${what} cursor` });
  return Number(after);
}

/** The root field's stream: only a WebSocket subscription has one (yoga's SSE path is off). */
export function openLive<Row>(ctx: RequestContext, topic: Topic<Row>, after: number | null) {
  if (!ctx.live || !ctx.viewer) {
    throw new GraphQLError('subscriptions are served over WebSocket (graphql-transport-ws) at /graphql', { extensions: { code: 'BAD_REQUEST' } });
  }
  return ctx.live.hub.open(ctx.viewer, topic, ctx.live.op, after);
}

/** The variable (if any) that the root field's `after` argument takes its value from. */
function cursorVariableOf(op: ReturnType<typeof getOperationAST>): string | null {
  const field = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  if (!field || field.kind !== Kind.FIELD) return null;
  const after = field.arguments?.find((a) => a.name.value === 'after');
  return after?.value.kind === Kind.VARIABLE ? after.value.name.value : null;
}
