import { sql } from 'drizzle-orm';
import type { Viewer } from '../domain/tenancy/access.js';
import { tracked } from './activity.js';
import type { Db, Tx } from './client.js';

/** The non-owner role every request runs as; created by the security migration. */
export const APP_ROLE = 'tianping_app';

export interface TenantTxOptions {
  readOnly?: boolean;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * Runs `fn` in one transaction as the application role with the viewer's tenant and user set
 * locally (bound parameters, `is_local = true`): row-level security applies to everything inside,
 * also on PGlite, which connects as a superuser (STACK.md trap 1). Anonymous viewers get empty
 * settings, which the policies treat as "nobody". When the transaction ends the settings and the
 * role end with it, so a pooled connection never carries one request's context into the next.
 * All of it is one statement on both drivers (read-only included), so statement counts compare.
 * JIT is off: these are short OLTP statements, and policies with subqueries over large tables
 * made the planner's estimates (and so JIT compilation, ~1 s) fire on one-case reads.
 */
export async function withTenant<T>(
  db: Db,
  viewer: Pick<Viewer, 'tenantId' | 'userId'> | null,
  options: TenantTxOptions,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let contextSet = false;
    try {
      return await tracked(db, () => db.transaction(async (tx) => {
        await tx.execute(sql`select
          set_config('role', ${APP_ROLE}, true),
          set_config('app.tenant_id', ${viewer?.tenantId ?? ''}, true),
          set_config('app.user_id', ${viewer?.userId ?? ''}, true),
          set_config('statement_timeout', ${String(options.statementTimeoutMs)}, true),
          set_config('idle_in_transaction_session_timeout', ${String(options.idleInTransactionTimeoutMs)}, true),
          set_config('transaction_read_only', ${options.readOnly ? 'on' : 'off'}, true),
          set_config('jit', 'off', true)`);
        contextSet = true;
        return fn(tx);
      }));
    } catch (err) {
      // A pooled connection whose server went away fails at BEGIN or at the first statement.
      // Nothing of `fn` has run then, so taking another connection is safe; later failures are not
      // retried (the work may have happened).
      if (!contextSet && attempt < 3 && isConnectionLost(err)) continue;
      throw err;
    }
  }
}

const CONNECTION_LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'ECONNRESET', 'EPIPE', '57P01']);

function isConnectionLost(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && CONNECTION_LOST.has(e.code)) return true;
  }
  return false;
}

/** Changes the viewer of a running tenant transaction (after a sign-in). */
export async function setViewerSettings(tx: Tx, viewer: Pick<Viewer, 'tenantId' | 'userId'>): Promise<void> {
  await tx.execute(sql`select
    set_config('app.tenant_id', ${viewer.tenantId}, true),
    set_config('app.user_id', ${viewer.userId}, true)`);
}

/**
 * Thrown inside a transaction callback to roll it back while still handing a value out:
 * a mutation whose GraphQL result carries errors changes nothing.
 */
export class Rollback<T> extends Error {
  override name = 'Rollback';
  constructor(readonly value: T) {
    super('rolled back');
  }
}

export async function commitUnless<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
}
