import { eq, sql } from 'drizzle-orm';
import { supervisionOrders } from '../../../schema/db/cases.js';
import { publicTenants } from '../../../schema/db/public-views.js';
import type { Config } from '../../config.js';
import { rowsOf, type Database, type Tx } from '../../db/client.js';
import { withJobLock } from '../../db/job-lock.js';
import { withTenant } from '../../db/with-tenant.js';
import type { WorkCalendar } from '../../domain/calendar/calendar.js';
import { computeAllowingProvisional } from '../../domain/calendar/calendar.js';
import { fractionElapsed, isOverdue } from '../../domain/cases/clocks.js';
import { parseCaseEvent } from '../../domain/cases/projection.js';
import { isAllowed } from '../../domain/cases/states.js';
import type { CaseFlag } from '../../domain/cases/vocabulary.js';
import { DomainError } from '../../domain/shared/errors.js';
import { loadWorkCalendar } from '../calendar/work-calendar.js';
import { noticeTitle, notify } from '../notifications/notifications.js';
import { closeQuietCases } from './close-quiet.js';
import { recomputeProvisionalClocks } from './recompute-clocks.js';
import { appendEvent, loadCase, type LoadedCase } from './store.js';
import { respondByFor, writeOrder } from './supervision.js';
import { escalateIncidentLevel } from '../incidents/incidents.js';

/** The committed clock's share of its allowance at which the assignee is warned (DESIGN.md "Supervision"). */
export const WARNING_FRACTION = 0.8;
const BATCH = 500;
const SYSTEM = { userId: null, tenantId: null };

export interface SweepReport {
  warnings: number;
  overdueNotices: number;
  automaticOrders: number;
  escalations: number;
  undecidedTransfers: number;
  overdueFollowUps: number;
  closed: number;
  recomputed: number;
  /** Incident levels escalated for not acknowledging in time (Art. 19). */
  incidentEscalations: number;
  /** Cases sent down (交办) whose handler has not reported by the report-by date (Art. 12). */
  overdueReports: number;
}

/**
 * The deadline sweeper (Art. 12, 15): one pass over what time has changed, at `now` (injected, so
 * tests drive time). Every step is idempotent — a warning or notice carries a dedupe key, an
 * order, a flag or a close is recorded once and checked before it is made — so a second pass at
 * the same time changes nothing, and two runners could not double up even without the job lock
 * that keeps them to one at a time. Each case is handled in its own transaction acting for its
 * handler tenant; a case changed meanwhile is left for the next pass.
 */
export async function sweep(database: Database, config: Config, now: Date): Promise<SweepReport | null> {
  let report: SweepReport | null = null;
  await withJobLock(database, 'case-sweeper', async () => {
    const r: SweepReport = { warnings: 0, overdueNotices: 0, automaticOrders: 0, escalations: 0, undecidedTransfers: 0, overdueFollowUps: 0, closed: 0, recomputed: 0, incidentEscalations: 0, overdueReports: 0 };
    r.incidentEscalations = await incidentEscalations(database, config, now);
    r.recomputed = await recomputeProvisionalClocks(database, config, now);
    await deadlines(database, config, now, r);
    await escalations(database, config, now, r);
    await flags(database, config, now, r);
    r.overdueReports = await overdueReports(database, config, now);
    r.closed = await closeQuietCases(database, config, now);
    report = r;
  });
  return report;
}

type Work = (tx: Tx, loaded: LoadedCase, cal: () => Promise<WorkCalendar>) => Promise<void>;

/** Runs `work` for one case in a transaction acting for its handler tenant; a conflict skips it. */
async function forCase(database: Database, config: Config, c: { id: string; handler_tenant_id: string }, work: Work): Promise<void> {
  try {
    await withTenant(
      database.db,
      { tenantId: c.handler_tenant_id, userId: '' },
      { statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
      async (tx) => {
        const loaded = await loadCase(tx, c.id);
        let cal: WorkCalendar | null = null;
        await work(tx, loaded, async () => (cal ??= await loadWorkCalendar(tx, loaded.projection.handlerTenantId)));
      },
    );
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) return;
    throw err;
  }
}

const title = (c: LoadedCase, what: string) => noticeTitle(what, c.projection.number);

/** Warnings at 80 % of the committed time; overdue notices and the parent's automatic order. */
async function deadlines(database: Database, config: Config, now: Date, r: SweepReport) {
  const due = rowsOf<{ id: string; handler_tenant_id: string }>(
    await database.db.execute(sql`
      select id, handler_tenant_id from cases
      where status in ('OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING')
        and committed_due_at is not null
        -- A generous superset of the cases at 80 % of their working time: half their calendar time.
        and opened_at + (committed_due_at - opened_at) / 2 <= ${now.toISOString()}::timestamptz
      order by committed_due_at limit ${BATCH * 4}`),
  );
  for (const c of due) {
    await forCase(database, config, c, async (tx, loaded, calendar) => {
      const p = loaded.projection;
      const dueAt = p.clocks.committed.dueAt;
      const recipient = { tenantId: p.handlerTenantId, userId: p.assigneeUserId };
      if (isOverdue(p.clocks, now, 'COMMITTED')) {
        if (await notify(tx, { ...recipient, kind: 'OVERDUE', caseId: loaded.row.id, title: title(loaded, '已超期'), dedupeKey: `overdue:${loaded.row.id}:${dueAt.toISOString()}`, at: now })) {
          r.overdueNotices++;
        }
        // The handler's parent supervises an overdue case, once per due date (Art. 15).
        const already = p.supervision.some((o) => o.automatic && o.issuedAt >= dueAt);
        const [handler] = await tx.select({ parentId: publicTenants.parentId }).from(publicTenants).where(eq(publicTenants.id, p.handlerTenantId));
        if (!already && handler?.parentId && isAllowed(p.status, 'SUPERVISION_ISSUED')) {
          const respondBy = await respondByFor(tx, handler.parentId, now);
          await writeOrder(tx, loaded, { issuerTenantId: handler.parentId, issuerUserId: null, reason: `超过承诺时限（${dueAt.toISOString()}）未办结，自动督办`, respondBy, automatic: true }, SYSTEM, now);
          r.automaticOrders++;
        }
        return;
      }
      if (p.clocks.pausedSince) return; // waiting for the person: no warning while the clock stands
      const cal = await calendar();
      const used = computeAllowingProvisional(cal, (cc) => fractionElapsed(cc, p.clocks, now, 'COMMITTED')).value;
      if (used >= WARNING_FRACTION) {
        if (await notify(tx, { ...recipient, kind: 'DEADLINE_WARNING', caseId: loaded.row.id, title: title(loaded, '即将到期'), dedupeKey: `warn:${loaded.row.id}:${dueAt.toISOString()}`, at: now })) {
          r.warnings++;
        }
      }
    });
  }
}

/** An order unanswered past its respond-by date goes to the next ancestor up, to the root. */
async function escalations(database: Database, config: Config, now: Date, r: SweepReport) {
  const stale = rowsOf<{ id: string; case_id: string; handler_tenant_id: string }>(
    await database.db.execute(sql`
      select o.id, o.case_id, c.handler_tenant_id from supervision_orders o join cases c on c.id = o.case_id
      where o.status = 'OPEN' and o.respond_by < ${now.toISOString()}::timestamptz
      order by o.respond_by limit ${BATCH}`),
  );
  for (const o of stale) {
    await forCase(database, config, { id: o.case_id, handler_tenant_id: o.handler_tenant_id }, async (tx, loaded) => {
      const [order] = await tx.select().from(supervisionOrders).where(eq(supervisionOrders.id, o.id));
      if (!order || order.status !== 'OPEN' || order.respondBy >= now) return;
      const [issuer] = await tx.select({ parentId: publicTenants.parentId }).from(publicTenants).where(eq(publicTenants.id, order.issuerTenantId));
      if (!issuer?.parentId) return; // the root: nobody above; it stays overdue in the root's queue
      const respondBy = await respondByFor(tx, issuer.parentId, now);
      await tx
        .update(supervisionOrders)
        .set({ status: 'ESCALATED', closedAt: now, version: sql`${supervisionOrders.version} + 1`, updatedAt: now })
        .where(eq(supervisionOrders.id, order.id));
      await writeOrder(
        tx,
        loaded,
        { issuerTenantId: issuer.parentId, issuerUserId: null, reason: `督办逾期未答复（原督办：${order.reason}），提级督办`.slice(0, 2000), respondBy, automatic: true, escalatedFrom: order },
        SYSTEM,
        now,
      );
      r.escalations++;
    });
  }
}

/** Marks for supervisors: transfers left undecided, negative-rating follow-ups left unanswered. */
async function flags(database: Database, config: Config, now: Date, r: SweepReport) {
  const at = now.toISOString();
  const undecided = rowsOf<{ id: string; handler_tenant_id: string }>(
    await database.db.execute(sql`
      select id, handler_tenant_id from cases
      where status = 'TRANSFER_PENDING' and (projection->'transfer'->>'decideBy')::timestamptz < ${at}::timestamptz
        and not ('TRANSFER_UNDECIDED' = any(flags))
      limit ${BATCH}`),
  );
  for (const c of undecided) {
    await forCase(database, config, c, async (tx, loaded) => {
      const to = loaded.projection.transfer?.toTenantId;
      if (!to || loaded.projection.flags.includes('TRANSFER_UNDECIDED')) return;
      await flag(tx, loaded, 'TRANSFER_UNDECIDED', '转办超过决定期限未处理', now);
      // The receiver's parent supervises it; the receiver and the sender are told.
      const [receiver] = await tx.select({ parentId: publicTenants.parentId }).from(publicTenants).where(eq(publicTenants.id, to));
      for (const tenantId of new Set([to, loaded.projection.handlerTenantId, ...(receiver?.parentId ? [receiver.parentId] : [])])) {
        await notify(tx, { tenantId, kind: 'SUPERVISION_ESCALATED', caseId: loaded.row.id, title: title(loaded, '转办超期未决定'), dedupeKey: `transfer-undecided:${loaded.row.id}:${tenantId}:${loaded.projection.transfer?.requestedAt.toISOString()}`, at: now });
      }
      r.undecidedTransfers++;
    });
  }
  const followUps = rowsOf<{ id: string; handler_tenant_id: string }>(
    await database.db.execute(sql`
      select id, handler_tenant_id from cases
      where follow_up_due_at < ${at}::timestamptz and not ('FOLLOW_UP_OVERDUE' = any(flags))
      limit ${BATCH}`),
  );
  for (const c of followUps) {
    await forCase(database, config, c, async (tx, loaded) => {
      if (!loaded.projection.followUpPending || loaded.projection.flags.includes('FOLLOW_UP_OVERDUE')) return;
      await flag(tx, loaded, 'FOLLOW_UP_OVERDUE', '差评回访超过期限未答复', now);
      await notify(tx, { tenantId: loaded.projection.handlerTenantId, kind: 'OVERDUE', caseId: loaded.row.id, title: title(loaded, '差评回访超期'), dedupeKey: `follow-up:${loaded.row.id}`, at: now });
      r.overdueFollowUps++;
    });
  }
}

async function flag(tx: Tx, loaded: LoadedCase, f: CaseFlag, note: string, now: Date) {
  await appendEvent(tx, loaded, {
    expectedVersion: loaded.row.version,
    event: parseCaseEvent({ type: 'FLAGGED', at: now, payload: { flag: f, note } }),
    actor: SYSTEM,
    recordedAt: now,
  });
}

/**
 * Incident levels that did not acknowledge in time go up one level (Art. 19), each once. The root
 * (the deepest level) has nowhere to go and is left out, so late root levels never crowd the batch.
 */
async function incidentEscalations(database: Database, config: Config, now: Date): Promise<number> {
  const due = rowsOf<{ incident_id: string; level_tenant_id: string }>(
    await database.db.execute(sql`
      select l.incident_id, l.level_tenant_id from incident_levels l join incidents i on i.id = l.incident_id
      where i.status = 'OPEN' and l.acknowledged_at is null and l.escalated_at is null and l.ack_due_at <= ${now.toISOString()}::timestamptz
        and l.depth < (select max(m.depth) from incident_levels m where m.incident_id = l.incident_id)
      order by l.ack_due_at limit ${BATCH}`),
  );
  let n = 0;
  for (const d of due) {
    const escalated = await withTenant(
      database.db,
      { tenantId: d.level_tenant_id, userId: '' },
      { statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
      (tx) => escalateIncidentLevel(tx, d.incident_id, d.level_tenant_id, now),
    );
    if (escalated) n++;
  }
  return n;
}

/**
 * 交办 must be acted on and reported (Art. 12): a case sent down whose handler has posted no
 * feedback since by its report-by date is reported to the tenant that sent it, once per assignment.
 */
async function overdueReports(database: Database, config: Config, now: Date): Promise<number> {
  const late = rowsOf<{ id: string; handler_tenant_id: string }>(
    await database.db.execute(sql`
      select c.id, c.handler_tenant_id from cases c
      where c.assigned_by_tenant_id is not null
        and c.status in ('OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING')
        and (c.projection->'assignment'->>'reportBy')::timestamptz < ${now.toISOString()}::timestamptz
        and not exists (
          select 1 from case_events e
          where e.case_id = c.id and e.type = 'NOTE_ADDED' and (e.payload->>'feedback')::boolean
            and e.business_at >= (c.projection->'assignment'->>'at')::timestamptz)
      limit ${BATCH}`),
  );
  let n = 0;
  for (const c of late) {
    await forCase(database, config, c, async (tx, loaded) => {
      const a = loaded.projection.assignment;
      if (!a) return;
      const told = await notify(tx, {
        tenantId: a.fromTenantId,
        kind: 'OVERDUE',
        caseId: loaded.row.id,
        title: title(loaded, '交办逾期未反馈'),
        dedupeKey: `report:${loaded.row.id}:${a.at.toISOString()}`,
        at: now,
      });
      if (told) n++;
    });
  }
  return n;
}
