import { asc, eq, sql } from 'drizzle-orm';
import { caseEvents } from '../../../schema/db/cases.js';
import type { Config } from '../../config.js';
import { rowsOf, type Database } from '../../db/client.js';
import { withTenant } from '../../db/with-tenant.js';
import { computeAllowingProvisional } from '../../domain/calendar/calendar.js';
import { clockStepsOf } from '../../domain/cases/clock-steps.js';
import { recomputeDueDates } from '../../domain/cases/clocks.js';
import { parseCaseEvent } from '../../domain/cases/projection.js';
import { isAllowed } from '../../domain/cases/states.js';
import { DomainError } from '../../domain/shared/errors.js';
import { loadWorkCalendar } from '../calendar/work-calendar.js';
import { appendEvent, loadCase } from './store.js';

/**
 * Computes again the due dates that were computed provisionally (a year's holiday arrangement was
 * not loaded at the time; Art. 6, 15), for every case one of whose assumed years is loaded now, and
 * records the result as CLOCKS_RECOMPUTED. Each case in its own transaction acting for its handler
 * tenant; a case changed meanwhile is skipped and picked up by the next run. Returns how many.
 */
export async function recomputeProvisionalClocks(database: Database, config: Config, now: Date): Promise<number> {
  const candidates = rowsOf<{ id: string; handler_tenant_id: string }>(
    await database.db.execute(sql`
      select c.id, c.handler_tenant_id from cases c
      where jsonb_array_length(coalesce(c.projection->'clocks'->'provisionalYears', '[]'::jsonb)) > 0
        and exists (
          select 1 from holiday_years h
          where h.year in (select (y)::int from jsonb_array_elements_text(c.projection->'clocks'->'provisionalYears') y))
      order by c.updated_at limit 500`),
  );
  let done = 0;
  for (const c of candidates) {
    try {
      const changed = await withTenant(
        database.db,
        { tenantId: c.handler_tenant_id, userId: '' },
        { statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
        async (tx) => {
          const loaded = await loadCase(tx, c.id);
          if (!isAllowed(loaded.projection.status, 'CLOCKS_RECOMPUTED')) return false;
          const rows = await tx.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.seq));
          const events = rows.map((e) => parseCaseEvent({ type: e.type, at: e.businessAt, payload: e.payload }));
          const cal = await loadWorkCalendar(tx, loaded.projection.handlerTenantId);
          const before = loaded.projection.clocks.provisionalYears;
          const { value, provisionalYears } = computeAllowingProvisional(cal, (cc) => recomputeDueDates(cc, clockStepsOf(events)));
          const loadedYears = before.filter((y) => !provisionalYears.includes(y));
          await appendEvent(tx, loaded, {
            expectedVersion: loaded.row.version,
            event: parseCaseEvent({
              type: 'CLOCKS_RECOMPUTED',
              at: now,
              payload: { ...value, provisionalYears, reason: `已载入 ${loadedYears.join('、')} 年节假日安排，按正式工作日历重新计算期限` },
            }),
            actor: { userId: null, tenantId: null },
            recordedAt: now,
          });
          return true;
        },
      );
      if (changed) done++;
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) continue;
      throw err;
    }
  }
  return done;
}
