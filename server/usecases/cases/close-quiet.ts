import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { rowsOf, type Database } from '../../db/client.js';
import { withTenant } from '../../db/with-tenant.js';
import { parseCaseEvent } from '../../domain/cases/projection.js';
import { DomainError } from '../../domain/shared/errors.js';
import { appendEvent, loadCase } from './store.js';

/**
 * Closes resolved cases nobody rated once their tenant's quiet period has passed (Art. 22), each in
 * its own transaction acting for the handler tenant. Safe to run from several instances at once: a
 * case another run closed first is a stale version and is skipped. Returns how many it closed.
 */
export async function closeQuietCases(database: Database, config: Config, now: Date): Promise<number> {
  // Which cases are due is read without a viewer (the job serves every tenant); each close is a
  // normal tenant transaction, so row-level security and the ledger rules apply as for a request.
  const due = rowsOf<{ id: string; handler_tenant_id: string }>(
    await database.db.execute(
      sql`select id, handler_tenant_id from cases where status = 'RESOLVED' and closes_at <= ${now.toISOString()}::timestamptz order by closes_at limit 500`,
    ),
  );
  let closed = 0;
  for (const c of due) {
    try {
      await withTenant(
        database.db,
        { tenantId: c.handler_tenant_id, userId: '' },
        { statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
        async (tx) => {
          const loaded = await loadCase(tx, c.id);
          await appendEvent(tx, loaded, {
            expectedVersion: loaded.row.version,
            event: parseCaseEvent({ type: 'CLOSED', at: now, payload: { cause: 'QUIET_PERIOD' } }),
            actor: { userId: null, tenantId: null },
            recordedAt: now,
          });
        },
      );
      closed++;
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) continue; // changed meanwhile
      throw err;
    }
  }
  return closed;
}
