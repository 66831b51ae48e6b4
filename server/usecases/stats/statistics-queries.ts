/**
 * The statements behind the statistics (Art. 12, 16, 17): plain aggregates over case_facts and
 * case_activity, one pass per table and date column, each starting from its day index
 * (received_day, resolved_day, rated_day, day) so a month of a million-case city reads only that
 * month's rows. Breakdowns come out of the same pass (GROUPING SETS, FILTER), never one statement
 * per breakdown or per tenant. Everything runs in the request transaction: row-level security
 * still limits the rows to the viewer's subtree underneath the tenant condition here.
 */
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/client.js';
import type { CivilDate } from '../../domain/calendar/civil-date.js';
import { CASE_STATE_INFO, CASE_STATES } from '../../domain/cases/states.js';

/** Which cases a report counts: one tenant's own, or its whole subtree; over which days. */
export interface StatisticsScope {
  tenantId: string;
  subtree: boolean;
  from: CivilDate;
  to: CivilDate;
  /** "Now" for cases still open past their committed due date. */
  now: Date;
}

/** Most service items a report lists (the GraphQL field takes up to this many). */
export const MAX_SERVICE_ITEMS = 50;

/** States whose clocks still run or are paused: a case in one of them can be overdue now. */
const CLOCK_STATES = CASE_STATES.filter((s) => CASE_STATE_INFO[s].clocks !== 'STOPPED');

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The tenant condition on `tenant_id`: the tenant itself, or every tenant of its subtree. */
function tenantCondition(scope: Pick<StatisticsScope, 'tenantId' | 'subtree'>): SQL {
  return scope.subtree
    ? sql`tenant_id in (select tc.descendant_id from tenant_closure tc where tc.ancestor_id = ${scope.tenantId}::uuid)`
    : sql`tenant_id = ${scope.tenantId}::uuid`;
}

const inPeriod = (column: SQL, scope: StatisticsScope) => sql`${column} between ${scope.from}::date and ${scope.to}::date`;

/**
 * Overdue, for a case received in the period: resolved after its committed due date, or still in
 * the handler's hands (clock running or paused) with that date passed.
 */
const overdue = (scope: StatisticsScope) =>
  sql`(on_time_committed = false or (resolved_at is null and status in (${list(CLOCK_STATES)}) and committed_due_at < ${scope.now.toISOString()}::timestamptz))`;

export type ReceivedDimension = 'total' | 'channel' | 'kind' | 'category' | 'status' | 'item';

export interface ReceivedRow {
  dim: ReceivedDimension;
  /** The dimension's value (null for 'total', and for cases without a category or item). */
  key: string | null;
  n: number;
  overdue: number;
  extended: number;
}

/**
 * Cases received in the period, counted in total (with overdue and extended) and by channel, kind,
 * category, current state and service item, in one pass over the received_day index. Only the
 * MAX_SERVICE_ITEMS biggest items come back.
 */
export async function receivedRows(tx: Executor, scope: StatisticsScope): Promise<ReceivedRow[]> {
  const dim = sql`case when grouping(channel) = 0 then 'channel' when grouping(kind) = 0 then 'kind'
    when grouping(category) = 0 then 'category' when grouping(status) = 0 then 'status'
    when grouping(service_item_id) = 0 then 'item' else 'total' end`;
  return rowsOf<ReceivedRow>(
    await tx.execute(sql`
      select dim, key, n, overdue, extended from (
        select ${dim} as dim,
          coalesce(channel, kind, category, status, service_item_id::text) as key,
          count(*)::int as n,
          count(*) filter (where ${overdue(scope)})::int as overdue,
          count(*) filter (where extended)::int as extended,
          row_number() over (partition by ${dim} order by (service_item_id is null), count(*) desc, service_item_id) as item_rank
        from case_facts
        where ${inPeriod(sql`received_day`, scope)} and ${tenantCondition(scope)}
        group by grouping sets ((), (channel), (kind), (category), (status), (service_item_id))
      ) g
      where dim <> 'item' or (key is not null and item_rank <= ${MAX_SERVICE_ITEMS})`),
  );
}

export interface ResolvedRow {
  /** Null: the row of all outcomes. */
  outcome: string | null;
  total: boolean;
  n: number;
  on_time_statutory: number;
  on_time_committed: number;
  avg_days: number | null;
  p90_days: number | null;
}

/**
 * Cases resolved in the period, in total and by outcome: on time against each clock, and the
 * average and 90th percentile of working days to resolve (one decimal), in one pass over the
 * resolved_day index.
 */
export async function resolvedRows(tx: Executor, scope: StatisticsScope): Promise<ResolvedRow[]> {
  return rowsOf<ResolvedRow>(
    await tx.execute(sql`
      select outcome, grouping(outcome) = 1 as total, count(*)::int as n,
        count(*) filter (where on_time_statutory)::int as on_time_statutory,
        count(*) filter (where on_time_committed)::int as on_time_committed,
        round(avg(working_days)::numeric, 1)::float8 as avg_days,
        round((percentile_cont(0.9) within group (order by working_days))::numeric, 1)::float8 as p90_days
      from case_facts
      where ${inPeriod(sql`resolved_day`, scope)} and ${tenantCondition(scope)}
      group by grouping sets ((), (outcome))`),
  );
}

export interface ActivityRow {
  transfers_out: number;
  transfers_in: number;
  transfers_accepted: number;
  transfers_rejected: number;
  orders_issued: number;
  orders_responded: number;
  orders_responded_on_time: number;
  orders_escalated: number;
  follow_ups_answered: number;
  follow_ups_answered_on_time: number;
}

/** Transfers, supervision orders and negative-rating follow-ups in the period: one pass over case_activity's day index. */
export async function activityRow(tx: Executor, scope: StatisticsScope): Promise<ActivityRow> {
  const [row] = rowsOf<ActivityRow>(
    await tx.execute(sql`
      select
        count(*) filter (where kind = 'TRANSFER_OUT')::int as transfers_out,
        count(*) filter (where kind = 'TRANSFER_IN')::int as transfers_in,
        count(*) filter (where kind = 'TRANSFER_ACCEPTED')::int as transfers_accepted,
        count(*) filter (where kind = 'TRANSFER_REJECTED')::int as transfers_rejected,
        count(*) filter (where kind = 'ORDER_ISSUED')::int as orders_issued,
        count(*) filter (where kind = 'ORDER_RESPONDED')::int as orders_responded,
        count(*) filter (where kind = 'ORDER_RESPONDED' and on_time)::int as orders_responded_on_time,
        count(*) filter (where kind = 'ORDER_ESCALATED')::int as orders_escalated,
        count(*) filter (where kind = 'FOLLOW_UP_ANSWERED')::int as follow_ups_answered,
        count(*) filter (where kind = 'FOLLOW_UP_ANSWERED' and on_time)::int as follow_ups_answered_on_time
      from case_activity
      where ${inPeriod(sql`day`, scope)} and ${tenantCondition(scope)}`),
  );
  return row!;
}

/** Ratings given in the period (1 = 非常不满意 … 5 = 非常满意), counted by score over the rated_day index. */
export async function ratingRows(tx: Executor, scope: StatisticsScope): Promise<{ rating: number; n: number }[]> {
  return rowsOf<{ rating: number; n: number }>(
    await tx.execute(sql`
      select rating::int as rating, count(*)::int as n
      from case_facts
      where ${inPeriod(sql`rated_day`, scope)} and ${tenantCondition(scope)} and rating is not null
      group by rating`),
  );
}

export interface TenantRow {
  tenant_id: string;
  /** False for the asked tenant's own row; true for a child rolled up over its subtree. */
  rolled_up: boolean;
  received: number;
  overdue: number;
  resolved: number;
  on_time_committed: number;
  rated: number;
  satisfied: number;
}

/**
 * The headline numbers per direct child of the tenant, each over the child's own subtree, plus the
 * tenant's own row (its own cases only), the own row first, then the children by name. Children
 * with nothing in the period are listed with zeros. One statement: the facts of the period (any of
 * its three days in range, a bitmap OR of the three day indexes) are summed per tenant, then per
 * bucket through the closure table (child -> its descendants, depth 1 below the tenant).
 */
export async function tenantRows(tx: Executor, scope: StatisticsScope): Promise<TenantRow[]> {
  const t = sql`${scope.tenantId}::uuid`;
  const received = inPeriod(sql`received_day`, scope);
  const resolved = inPeriod(sql`resolved_day`, scope);
  const rated = inPeriod(sql`rated_day`, scope);
  return rowsOf<TenantRow>(
    await tx.execute(sql`
      with buckets as (
        select c1.descendant_id as bucket, c2.descendant_id as tenant_id, true as rolled_up
        from tenant_closure c1 join tenant_closure c2 on c2.ancestor_id = c1.descendant_id
        where c1.ancestor_id = ${t} and c1.depth = 1
        union all
        select ${t}, ${t}, false
      ), per_tenant as (
        select tenant_id,
          count(*) filter (where ${received})::int as received,
          count(*) filter (where ${received} and ${overdue(scope)})::int as overdue,
          count(*) filter (where ${resolved})::int as resolved,
          count(*) filter (where ${resolved} and on_time_committed)::int as on_time_committed,
          count(*) filter (where ${rated} and rating is not null)::int as rated,
          -- 3 (基本满意) and up: the ratings that are not negative (RATING_SCALE).
          count(*) filter (where ${rated} and rating >= 3)::int as satisfied
        from case_facts
        where (${received} or ${resolved} or ${rated}) and ${tenantCondition({ tenantId: scope.tenantId, subtree: true })}
        group by tenant_id
      )
      select b.bucket as tenant_id, b.rolled_up,
        coalesce(sum(p.received), 0)::int as received, coalesce(sum(p.overdue), 0)::int as overdue,
        coalesce(sum(p.resolved), 0)::int as resolved, coalesce(sum(p.on_time_committed), 0)::int as on_time_committed,
        coalesce(sum(p.rated), 0)::int as rated, coalesce(sum(p.satisfied), 0)::int as satisfied
      from buckets b
      join tenants tn on tn.id = b.bucket
      left join per_tenant p on p.tenant_id = b.tenant_id
      group by b.bucket, b.rolled_up, tn.name
      order by b.rolled_up, tn.name, b.bucket`),
  );
}
