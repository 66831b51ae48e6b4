import type { Config } from '../config.js';
import type { Database, Tx } from '../db/client.js';
import { withTenant } from '../db/with-tenant.js';
import type { Viewer } from '../domain/tenancy/access.js';

/**
 * What a command needs: the request transaction (running as the application role with the viewer
 * set), the viewer, and the time. Commands never open transactions of their own.
 */
export interface CommandContext {
  tx: Tx;
  viewer: Viewer | null;
  now: Date;
  config: Config;
  /** A hash of the client's address (anonymous rate limits); absent outside HTTP. */
  clientKey?: string;
  /** A server-keyed hash (HMAC) for secrets that must be derivable again (idempotent public intake). */
  derive?: (purpose: string, input: string) => string;
  /**
   * Work for the owner connection once the request transaction has ended, committed or rolled
   * back: what must be recorded even when the request fails (e.g. a failed sign-in).
   */
  afterTransaction(work: (db: Database['db']) => Promise<void>): void;
  /**
   * Asks for this command's writes to be committed even though it then fails (a refused sign-in
   * keeps its failure count). Honoured when the command is the operation's only field; otherwise
   * the request is rolled back and `fallback` runs on the owner connection afterwards.
   */
  keepWritesOnError(fallback: (db: Database['db']) => Promise<void>): void;
}

/** Runs commands outside GraphQL (seeds, scripts) exactly as a request would: one tenant transaction. */
export async function runAs<T>(
  database: Database,
  config: Config,
  viewer: Viewer | null,
  fn: (ctx: CommandContext) => Promise<T>,
  now: Date = new Date(),
  extras: Pick<CommandContext, 'clientKey' | 'derive'> = {},
): Promise<T> {
  const after: ((db: Database['db']) => Promise<void>)[] = [];
  try {
    return await withTenant(
      database.db,
      viewer,
      { statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
      (tx) =>
        fn({
          tx,
          viewer,
          now,
          config,
          ...extras,
          afterTransaction: (work) => void after.push(work),
          // Outside GraphQL a thrown error rolls the transaction back: count on the owner connection.
          keepWritesOnError: (fallback) => void after.push(fallback),
        }),
    );
  } finally {
    for (const work of after) await work(database.db);
  }
}
