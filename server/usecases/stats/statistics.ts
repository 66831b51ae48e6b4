/**
 * Statistics for a tenant, or rolled up over its subtree (Art. 12, 16, 17): cases received and
 * resolved, on time against both clocks, working days, overdue and extended cases, transfers,
 * supervision orders, ratings and negative-rating follow-ups, over a period of civil days.
 *
 * Who sees what: a tenant in the viewer's subtree (FORBIDDEN otherwise); subtree roll-ups are for
 * SUPERVISORs and ADMINs; everyone else (STAFF) sees their own tenant only, without its subtree.
 * Row-level security on case_facts and case_activity holds the same line underneath.
 */
import type { Executor } from '../../db/client.js';
import type { CivilDate } from '../../domain/calendar/civil-date.js';
import { RATINGS, RATING_SCALE, CASE_KINDS, type Rating } from '../../domain/cases/vocabulary.js';
import { OUTCOMES } from '../../domain/cases/resolution.js';
import { CASE_STATES } from '../../domain/cases/states.js';
import { forbidden, unauthenticated } from '../../domain/shared/errors.js';
import { periodOf } from '../../domain/stats/periods.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { CHANNELS, SERVICE_CATEGORIES } from '../../../schema/db/catalogue.js';
import { isInViewerSubtree } from '../tenants/queries.js';
import {
  activityRow,
  MAX_SERVICE_ITEMS,
  ratingRows,
  receivedRows,
  resolvedRows,
  tenantRows,
  type StatisticsScope,
} from './statistics-queries.js';

export { MAX_SERVICE_ITEMS, type StatisticsScope };

/** One value of a breakdown and how many cases have it; `label` where the vocabulary has one (zh-CN). */
export interface CountOf<K extends string = string> {
  key: K;
  label: string | null;
  count: number;
}

/** Cases without a service item (so without a category) are counted under this key. */
export const NO_CATEGORY = 'NONE';

export interface ReceivedStatistics {
  total: number;
  byChannel: CountOf[];
  byKind: CountOf[];
  byCategory: CountOf[];
  byStatus: CountOf[];
  /** The biggest service items first (at most MAX_SERVICE_ITEMS); cases without an item are not listed. */
  byServiceItem: { serviceItemId: string; count: number }[];
  /** Received in the period and resolved after the committed due date, or still open past it. */
  overdue: number;
  /** Received in the period with a deadline extension (Art. 15). */
  extended: number;
}

export interface OnTime {
  count: number;
  /** count / resolved; null when nothing was resolved. */
  rate: number | null;
}

export interface ResolvedStatistics {
  total: number;
  byOutcome: CountOf[];
  onTimeStatutory: OnTime;
  onTimeCommitted: OnTime;
  averageWorkingDays: number | null;
  p90WorkingDays: number | null;
}

export interface TransferStatistics {
  out: number;
  in: number;
  accepted: number;
  rejected: number;
  /** accepted / (accepted + rejected); null when none was decided. */
  acceptanceRate: number | null;
}

export interface SupervisionStatistics {
  issued: number;
  responded: number;
  respondedOnTime: number;
  escalated: number;
}

export interface FollowUpStatistics {
  answered: number;
  answeredOnTime: number;
}

export interface ActivityStatistics {
  transfers: TransferStatistics;
  supervision: SupervisionStatistics;
  followUps: FollowUpStatistics;
}

export interface RatingStatistics {
  total: number;
  /** Every rating, best first, zeros included. */
  distribution: CountOf<Rating>[];
  /** (非常满意 + 满意 + 基本满意) / total; null without ratings. */
  satisfactionRate: number | null;
}

export interface TenantHeadline {
  tenantId: string;
  /** True for a child of the asked tenant (its whole subtree); false for the asked tenant's own cases. */
  includesSubtree: boolean;
  received: number;
  resolved: number;
  onTimeCommittedRate: number | null;
  satisfactionRate: number | null;
  overdue: number;
}

/** Ratings as case_facts stores them (the refresh function in the statistics migration). */
const RATING_SCORE: Record<Rating, number> = { VERY_SATISFIED: 5, SATISFIED: 4, BASICALLY_SATISFIED: 3, DISSATISFIED: 2, VERY_DISSATISFIED: 1 };

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Every value of a vocabulary in its order, zeros included. */
function breakdown<K extends string>(values: readonly K[], counts: Map<string | null, number>, label?: (k: K) => string): CountOf<K>[] {
  return values.map((key) => ({ key, label: label ? label(key) : null, count: counts.get(key) ?? 0 }));
}

/**
 * Checks the viewer may see statistics of `tenantId` (default: the viewer's tenant), over its
 * subtree or not, and returns the tenant.
 */
export async function authorizeStatistics(tx: Executor, viewer: Viewer | null, input: { tenantId?: string | null; subtree?: boolean | null }): Promise<string> {
  if (!viewer) throw unauthenticated();
  const tenantId = input.tenantId ?? viewer.tenantId;
  const oversees = hasRole(viewer, 'SUPERVISOR') || hasRole(viewer, 'ADMIN');
  if (input.subtree && !oversees) throw forbidden('statistics over a subtree are for supervisors and admins');
  if (tenantId !== viewer.tenantId) {
    if (!oversees) throw forbidden('staff see the statistics of their own tenant');
    if (!(await isInViewerSubtree(tx, tenantId))) throw forbidden('the tenant is outside your subtree');
  }
  return tenantId;
}

/**
 * The sections of one report, each computed on first use and then kept: a GraphQL request runs
 * only the statements its selection needs, and each at most once.
 */
export interface StatisticsReport {
  scope: StatisticsScope;
  received(): Promise<ReceivedStatistics>;
  resolved(): Promise<ResolvedStatistics>;
  activity(): Promise<ActivityStatistics>;
  ratings(): Promise<RatingStatistics>;
  /** Null unless the scope is a subtree. */
  byTenant(): Promise<TenantHeadline[] | null>;
}

export function statisticsReport(tx: Executor, scope: StatisticsScope): StatisticsReport {
  const once = <T>(compute: () => Promise<T>) => {
    let value: Promise<T> | null = null;
    return () => (value ??= compute());
  };
  return {
    scope,
    received: once(() => receivedSection(tx, scope)),
    resolved: once(() => resolvedSection(tx, scope)),
    activity: once(() => activitySection(tx, scope)),
    ratings: once(() => ratingsSection(tx, scope)),
    byTenant: once(async () => (scope.subtree ? byTenantSection(tx, scope) : null)),
  };
}

export interface Statistics {
  tenantId: string;
  subtree: boolean;
  from: CivilDate;
  to: CivilDate;
  received: ReceivedStatistics;
  resolved: ResolvedStatistics;
  activity: ActivityStatistics;
  ratings: RatingStatistics;
  byTenant: TenantHeadline[] | null;
}

/**
 * Everything at once (exports, scripts): authorizes, checks the range (`from` <= `to`, at most
 * 366 days) and computes every section.
 */
export async function statisticsOf(
  tx: Executor,
  viewer: Viewer | null,
  input: { tenantId?: string | null; subtree?: boolean | null; from: CivilDate; to: CivilDate; now: Date },
): Promise<Statistics> {
  const period = periodOf({ kind: 'CUSTOM', from: input.from, to: input.to });
  const tenantId = await authorizeStatistics(tx, viewer, input);
  const report = statisticsReport(tx, { tenantId, subtree: !!input.subtree, from: period.from, to: period.to, now: input.now });
  return {
    tenantId,
    subtree: !!input.subtree,
    from: period.from,
    to: period.to,
    received: await report.received(),
    resolved: await report.resolved(),
    activity: await report.activity(),
    ratings: await report.ratings(),
    byTenant: await report.byTenant(),
  };
}

async function receivedSection(tx: Executor, scope: StatisticsScope): Promise<ReceivedStatistics> {
  const rows = await receivedRows(tx, scope);
  const of = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key, r.n]));
  const total = rows.find((r) => r.dim === 'total');
  const categories = of('category');
  const noCategory = categories.get(null) ?? 0;
  return {
    total: total?.n ?? 0,
    byChannel: breakdown(CHANNELS, of('channel')),
    byKind: breakdown(CASE_KINDS, of('kind')),
    byCategory: [
      ...breakdown(SERVICE_CATEGORIES, categories),
      ...(noCategory > 0 ? [{ key: NO_CATEGORY, label: null, count: noCategory }] : []),
    ],
    byStatus: breakdown(CASE_STATES, of('status')),
    byServiceItem: rows.filter((r) => r.dim === 'item' && r.key).map((r) => ({ serviceItemId: r.key!, count: r.n })),
    overdue: total?.overdue ?? 0,
    extended: total?.extended ?? 0,
  };
}

async function resolvedSection(tx: Executor, scope: StatisticsScope): Promise<ResolvedStatistics> {
  const rows = await resolvedRows(tx, scope);
  const all = rows.find((r) => r.total);
  const total = all?.n ?? 0;
  return {
    total,
    byOutcome: breakdown(OUTCOMES, new Map(rows.filter((r) => !r.total).map((r) => [r.outcome, r.n]))),
    onTimeStatutory: { count: all?.on_time_statutory ?? 0, rate: rate(all?.on_time_statutory ?? 0, total) },
    onTimeCommitted: { count: all?.on_time_committed ?? 0, rate: rate(all?.on_time_committed ?? 0, total) },
    averageWorkingDays: all?.avg_days ?? null,
    p90WorkingDays: all?.p90_days ?? null,
  };
}

async function activitySection(tx: Executor, scope: StatisticsScope): Promise<ActivityStatistics> {
  const a = await activityRow(tx, scope);
  return {
    transfers: {
      out: a.transfers_out,
      in: a.transfers_in,
      accepted: a.transfers_accepted,
      rejected: a.transfers_rejected,
      acceptanceRate: rate(a.transfers_accepted, a.transfers_accepted + a.transfers_rejected),
    },
    supervision: { issued: a.orders_issued, responded: a.orders_responded, respondedOnTime: a.orders_responded_on_time, escalated: a.orders_escalated },
    followUps: { answered: a.follow_ups_answered, answeredOnTime: a.follow_ups_answered_on_time },
  };
}

async function ratingsSection(tx: Executor, scope: StatisticsScope): Promise<RatingStatistics> {
  const byScore = new Map((await ratingRows(tx, scope)).map((r) => [r.rating, r.n]));
  const distribution = RATINGS.map((key) => ({ key, label: RATING_SCALE[key].label, count: byScore.get(RATING_SCORE[key]) ?? 0 }));
  const total = distribution.reduce((s, d) => s + d.count, 0);
  const satisfied = distribution.filter((d) => !RATING_SCALE[d.key].negative).reduce((s, d) => s + d.count, 0);
  return { total, distribution, satisfactionRate: rate(satisfied, total) };
}

async function byTenantSection(tx: Executor, scope: StatisticsScope): Promise<TenantHeadline[]> {
  return (await tenantRows(tx, scope)).map((r) => ({
    tenantId: r.tenant_id,
    includesSubtree: r.rolled_up,
    received: r.received,
    resolved: r.resolved,
    onTimeCommittedRate: rate(r.on_time_committed, r.resolved),
    satisfactionRate: rate(r.satisfied, r.rated),
    overdue: r.overdue,
  }));
}
