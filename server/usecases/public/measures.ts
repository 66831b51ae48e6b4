import { sql } from 'drizzle-orm';
import type { CommitmentMetric } from '../../../schema/db/disclosure.js';
import { type Executor, rowsOf } from '../../db/client.js';
import { addDays, civilDateAt } from '../../domain/calendar/civil-date.js';
import { type CaseCounts, type ContactCounts, type Measure, MEASURE_WINDOW_DAYS, measureCommitment, METRIC_MEASURES, withinSeconds } from '../../domain/stats/measures.js';
import type { Disclosure } from './disclosure.js';

/**
 * Counts behind measured commitments and the public directory's rates (Art. 16, 17), through the
 * public functions of the public_measures migration: numbers only, active tenants only.
 */

/** The first day of the window ending today (Asia/Shanghai). */
export const windowStart = (now: Date) => addDays(civilDateAt(now), -(MEASURE_WINDOW_DAYS - 1));

/** Case counts per tenant over the window; every asked active tenant has an entry (null: all active tenants). */
export async function caseCountsOf(tx: Executor, tenantIds: string[] | null, now: Date): Promise<Map<string, CaseCounts>> {
  const ids = tenantIds === null ? null : `{${tenantIds.join(',')}}`;
  const rows = rowsOf<{ tenant_id: string; resolved: string; resolved_on_time: string; rated: string; satisfied: string }>(
    await tx.execute(sql`select * from tp_public_case_measures(${ids}::uuid[], ${windowStart(now)}::date)`),
  );
  return new Map(
    rows.map((r) => [r.tenant_id, { resolved: Number(r.resolved), resolvedOnTime: Number(r.resolved_on_time), rated: Number(r.rated), satisfied: Number(r.satisfied) }]),
  );
}

/** Contacts of the metric's channel over the window, and how many were answered within `target`. */
export async function contactCountsOf(tx: Executor, tenantId: string, metric: CommitmentMetric, target: number, now: Date): Promise<ContactCounts | null> {
  const channel = METRIC_MEASURES[metric].channel;
  if (!channel) return null;
  const since = new Date(now.getTime() - MEASURE_WINDOW_DAYS * 86_400_000);
  const [row] = rowsOf<{ total: string; within: string }>(
    await tx.execute(sql`select * from tp_public_contact_measure(${tenantId}::uuid, ${channel}, ${withinSeconds(metric, target)}::numeric, ${since.toISOString()}::timestamptz)`),
  );
  return { total: Number(row?.total ?? 0), within: Number(row?.within ?? 0) };
}

/** Published results: resolved cases of the tenant in [from, to] by service item and outcome (sensitive ones left out). */
export async function publicResultsOf(tx: Executor, tenantId: string, from: string, to: string) {
  const rows = rowsOf<{ service_item_id: string | null; outcome: string; cases: string }>(
    await tx.execute(sql`select * from tp_public_results(${tenantId}::uuid, ${from}::date, ${to}::date)`),
  );
  return rows
    .map((r) => ({ serviceItemId: r.service_item_id, outcome: r.outcome, cases: Number(r.cases) }))
    .sort((a, b) => b.cases - a.cases || a.outcome.localeCompare(b.outcome));
}

/** Everything measured on one disclosure page: each bound commitment's value and this year's results. */
export async function disclosureMeasures(tx: Executor, d: Disclosure, now: Date) {
  const counts = (await caseCountsOf(tx, [d.tenant.id], now)).get(d.tenant.id) ?? { resolved: 0, resolvedOnTime: 0, rated: 0, satisfied: 0 };
  const measured = new Map<string, Measure>();
  for (const c of d.commitments) {
    if (!c.metric || c.target === null) continue;
    measured.set(c.id, measureCommitment(c.metric, c.target, counts, await contactCountsOf(tx, d.tenant.id, c.metric, c.target, now)));
  }
  const to = civilDateAt(now);
  const from = `${to.slice(0, 4)}-01-01`;
  const names = new Map(d.serviceItems.map((i) => [i.id, i.content.name]));
  const results = (await publicResultsOf(tx, d.tenant.id, from, to)).map((r) => ({ ...r, serviceItemName: r.serviceItemId ? (names.get(r.serviceItemId) ?? null) : null }));
  return { measured, results, period: { from, to } };
}

export type DisclosureMeasures = Awaited<ReturnType<typeof disclosureMeasures>>;
