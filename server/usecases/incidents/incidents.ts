import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { incidentAlerts, incidentLevels, incidents, incidentUpdates, ALERT_KINDS } from '../../../schema/db/incidents.js';
import type { Executor, Tx } from '../../db/client.js';
import {
  ackDueAt,
  INCIDENT_CATEGORIES,
  levelsToEscalate,
  SEVERITIES,
  type Severity,
} from '../../domain/incidents/incident.js';
import { badInput, conflict, forbidden, notFound, staleVersion } from '../../domain/shared/errors.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadAncestry } from '../tenants/queries.js';
import { enumOf, parseInput, requiredText, uuidString } from '../validation.js';
import { loadCaseSettings } from '../cases/settings.js';

export type IncidentRow = typeof incidents.$inferSelect;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * An alert row in the same transaction as the change (stored before it is sent), and a NOTIFY
 * carrying its number that wakes every server instance once — and only if — the change commits.
 */
export async function writeAlert(tx: Executor, incident: IncidentRow, kind: AlertKind, at: Date, extra: { levelTenantId?: string | null; note?: string } = {}) {
  await tx
    .insert(incidentAlerts)
    .values({
      tenantId: incident.tenantId,
      incidentId: incident.id,
      kind,
      levelTenantId: extra.levelTenantId ?? null,
      payload: { category: incident.category, severity: incident.severity, status: incident.status, place: incident.place, note: extra.note ?? null },
      at,
    });
  // A deferred trigger numbers the row at commit, in commit order, and sends the NOTIFY that
  // wakes readers (migration live_delivery_order).
}

const ReportInput = z.object({
  category: enumOf(INCIDENT_CATEGORIES),
  severity: enumOf(SEVERITIES),
  occurredAt: z.date(),
  place: requiredText(200),
  peopleCount: z.number().int('must be a whole number').min(0, 'must be >= 0').max(100_000, 'must be at most 100000'),
  description: requiredText(5000),
  actionsTaken: requiredText(5000),
});

/**
 * 重大情况报告 (Art. 19): any STAFF, SUPERVISOR or ADMIN reports for their tenant; it goes to every
 * tenant above at once (one level row each, with the time it must acknowledge by) and as an alert.
 */
export async function reportIncident(ctx: CommandContext, raw: z.input<typeof ReportInput>): Promise<IncidentRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(ReportInput, raw);
  if (input.occurredAt.getTime() > ctx.now.getTime() + 5 * 60_000) throw badInput({ occurredAt: 'is in the future' });
  const [row] = await ctx.tx
    .insert(incidents)
    .values({ ...input, tenantId: viewer.tenantId, reporterUserId: viewer.userId, reportedAt: ctx.now, updatedAt: ctx.now })
    .returning();
  const incident = row!;
  const ancestry = await loadAncestry(ctx.tx, viewer.tenantId); // root first, ending with the tenant
  const above = ancestry.slice(0, -1).reverse(); // parent first
  for (const [i, levelTenantId] of above.entries()) {
    const minutes = (await loadCaseSettings(ctx.tx, levelTenantId)).incidentAckMinutes;
    await ctx.tx.insert(incidentLevels).values({
      incidentId: incident.id,
      tenantId: viewer.tenantId,
      levelTenantId,
      depth: i + 1,
      ackDueAt: ackDueAt(ctx.now, input.severity as Severity, minutes),
    });
  }
  await writeAlert(ctx.tx, incident, 'REPORTED', ctx.now);
  return incident;
}

async function loadIncident(tx: Executor, id: string): Promise<IncidentRow> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id));
  if (!row) throw notFound('incident');
  return row;
}

const UpdateInput = z.object({ id: uuidString(), version: z.number().int().positive('must be a positive integer'), text: requiredText(5000) });

/** A follow-up (续报) or the resolution (处置完毕) by the reporting tenant; history is kept whole. */
async function follow(ctx: CommandContext, raw: z.input<typeof UpdateInput>, kind: 'UPDATE' | 'RESOLUTION'): Promise<IncidentRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(UpdateInput, raw);
  const incident = await loadIncident(ctx.tx, input.id);
  if (incident.tenantId !== viewer.tenantId) throw forbidden('the reporting tenant follows its incident up');
  if (incident.status === 'RESOLVED') throw conflict('the incident is resolved');
  const set = kind === 'RESOLUTION' ? { status: 'RESOLVED', resolvedAt: ctx.now } : {};
  const [row] = await ctx.tx
    .update(incidents)
    .set({ ...set, version: sql`${incidents.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(incidents.id, incident.id), eq(incidents.version, input.version)))
    .returning();
  if (!row) throw staleVersion('the incident');
  await ctx.tx.insert(incidentUpdates).values({ incidentId: incident.id, tenantId: incident.tenantId, kind, text: input.text, userId: viewer.userId, at: ctx.now });
  await writeAlert(ctx.tx, row, kind === 'RESOLUTION' ? 'RESOLVED' : 'UPDATED', ctx.now);
  return row;
}

export const addIncidentUpdate = (ctx: CommandContext, raw: z.input<typeof UpdateInput>) => follow(ctx, raw, 'UPDATE');
export const resolveIncident = (ctx: CommandContext, raw: z.input<typeof UpdateInput>) => follow(ctx, raw, 'RESOLUTION');

const AckInput = z.object({ id: uuidString() });

/** A level's SUPERVISOR or ADMIN acknowledges for that level (their own tenant's row). */
export async function acknowledgeIncident(ctx: CommandContext, raw: z.input<typeof AckInput>): Promise<IncidentRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(AckInput, raw);
  if (!hasRole(viewer, 'SUPERVISOR') && !hasRole(viewer, 'ADMIN')) throw forbidden('a SUPERVISOR or ADMIN acknowledges for their level');
  const incident = await loadIncident(ctx.tx, input.id);
  const [level] = await ctx.tx
    .select()
    .from(incidentLevels)
    .where(and(eq(incidentLevels.incidentId, incident.id), eq(incidentLevels.levelTenantId, viewer.tenantId)));
  if (!level) throw forbidden('your tenant is not a level this incident was reported to');
  if (level.acknowledgedAt) throw conflict('your level has already acknowledged this incident');
  // Only if nobody of the level acknowledged meanwhile (a concurrent acknowledgement waits for this
  // row and then finds it taken): one acknowledgement, one alert.
  const done = await ctx.tx
    .update(incidentLevels)
    .set({ acknowledgedAt: ctx.now, acknowledgedBy: viewer.userId })
    .where(and(eq(incidentLevels.incidentId, incident.id), eq(incidentLevels.levelTenantId, viewer.tenantId), isNull(incidentLevels.acknowledgedAt)))
    .returning({ at: incidentLevels.acknowledgedAt });
  if (done.length === 0) throw conflict('your level has already acknowledged this incident');
  await writeAlert(ctx.tx, incident, 'ACKNOWLEDGED', ctx.now, { levelTenantId: viewer.tenantId });
  return incident;
}

export interface IncidentFilter {
  status?: readonly string[] | null;
  severity?: readonly string[] | null;
  category?: readonly string[] | null;
  tenantId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Incidents the viewer's tenant and its subtree reported (row-level security), newest first. */
export async function listIncidents(tx: Executor, _viewer: Viewer, f: IncidentFilter, page: { offset: number; limit: number }) {
  const where: (SQL | undefined)[] = [];
  if (f.status?.length) where.push(inArray(incidents.status, [...f.status]));
  if (f.severity?.length) where.push(inArray(incidents.severity, [...f.severity]));
  if (f.category?.length) where.push(inArray(incidents.category, [...f.category]));
  if (f.tenantId) where.push(eq(incidents.tenantId, f.tenantId));
  if (f.from) where.push(gte(incidents.occurredAt, f.from));
  if (f.to) where.push(lte(incidents.occurredAt, f.to));
  const rows = await tx
    .select({ incident: incidents, total: sql<number>`(count(*) over ())::int` })
    .from(incidents)
    .where(and(...where))
    .orderBy(desc(incidents.reportedAt), asc(incidents.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    const [c] = await tx.select({ n: sql<number>`count(*)::int` }).from(incidents).where(and(...where));
    total = c?.n ?? 0;
  }
  return { rows: rows.map((r) => r.incident), total };
}

export const incidentLevelsOf = (tx: Executor, id: string) =>
  tx.select().from(incidentLevels).where(eq(incidentLevels.incidentId, id)).orderBy(asc(incidentLevels.depth));
export const incidentHistoryOf = (tx: Executor, id: string) =>
  tx.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).orderBy(asc(incidentUpdates.at));

/**
 * The sweeper's part (Art. 19): a level that has not acknowledged in time is escalated to the next
 * level up, once — the level is marked and an ESCALATED alert names it for everyone above. Runs
 * acting for the late level itself (each level writes only its own row). Returns whether it did.
 */
export async function escalateIncidentLevel(tx: Tx, incidentId: string, levelTenantId: string, now: Date): Promise<boolean> {
  const incident = await loadIncident(tx, incidentId);
  if (incident.status === 'RESOLVED') return false;
  const levels = (await incidentLevelsOf(tx, incidentId)).map((l) => ({ ...l, tenantId: l.levelTenantId }));
  const level = levelsToEscalate(levels, now).find((l) => l.tenantId === levelTenantId);
  if (!level) return false;
  const marked = await tx
    .update(incidentLevels)
    .set({ escalatedAt: now })
    .where(and(eq(incidentLevels.incidentId, incidentId), eq(incidentLevels.levelTenantId, levelTenantId), isNull(incidentLevels.escalatedAt), isNull(incidentLevels.acknowledgedAt)))
    .returning({ at: incidentLevels.escalatedAt });
  if (marked.length === 0) return false;
  await writeAlert(tx, incident, 'ESCALATED', now, { levelTenantId, note: `第${level.depth}级未在时限内签收，已上报上一级` });
  return true;
}

/** The highest alert number (owner connection). */
export async function lastAlertSeq(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<string>`coalesce(max(${incidentAlerts.seq}), 0)::text` }).from(incidentAlerts);
  return Number(row?.n ?? 0);
}

/**
 * Where alerts after a number may go (owner connection, no content): each with the reporting
 * tenant and every tenant above it, the tenants that may read it.
 */
export async function alertRoutesAfter(db: Executor, after: number, limit: number) {
  const rows = await db
    .select({
      seq: incidentAlerts.seq,
      tenants: sql<string>`(select string_agg(c.ancestor_id::text, ',') from tenant_closure c where c.descendant_id = ${incidentAlerts.tenantId})`,
    })
    .from(incidentAlerts)
    .where(gt(incidentAlerts.seq, after))
    .orderBy(asc(incidentAlerts.seq))
    .limit(limit);
  return rows.map((r) => ({ seq: Number(r.seq), tenantIds: r.tenants ? r.tenants.split(',') : [], userId: null }));
}

/**
 * Alerts about incidents in the subtree of `rootTenantId`, by number or in a range, oldest first —
 * read in the viewer's transaction, so row-level security has the last word.
 */
export async function alertsFor(tx: Executor, rootTenantId: string, range: { seqs: number[] } | { after: number; upTo: number; limit: number }) {
  const inScope = sql`${incidentAlerts.tenantId} in (select c.descendant_id from tenant_closure c where c.ancestor_id = ${rootTenantId})`;
  const which = 'seqs' in range ? inArray(incidentAlerts.seq, range.seqs) : and(gt(incidentAlerts.seq, range.after), lte(incidentAlerts.seq, range.upTo));
  const query = tx.select().from(incidentAlerts).where(and(which, inScope)).orderBy(asc(incidentAlerts.seq));
  return 'seqs' in range ? query : query.limit(range.limit);
}
