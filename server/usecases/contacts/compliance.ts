/**
 * Response-time compliance (Art. 21) over a period, for a set of tenants or a subtree: one SQL
 * aggregate per grouping (by channel; by tenant and channel; by agent and channel), each tenant's
 * contacts measured against that tenant's own effective policy.
 *
 * The plain functions take any executor: a request transaction (row-level security applies on
 * top of the explicit tenant filter) or the owner connection (public disclosure pages, which have
 * no viewer and must name their tenants themselves).
 */
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { commitments } from '../../../schema/db/disclosure.js';
import { tenantCaseSettings } from '../../../schema/db/cases.js';
import { CONTACT_CHANNELS } from '../../../schema/db/stats.js';
import { tenantClosure } from '../../../schema/db/tenancy.js';
import { rowsOf, type Executor } from '../../db/client.js';
import { withDefaults } from '../../domain/cases/settings.js';
import type { CivilDate } from '../../domain/calendar/civil-date.js';
import { effectivePolicy, policyOfDefaults, RESPONSE_METRIC, type ContactChannel, type ResponseTimePolicy } from '../../domain/contacts/policy.js';
import { periodOf } from '../../domain/contacts/period.js';
import { responseTimeDefaults } from '../commitments/commitments.js';

/** Whose contacts: these tenants, or a tenant and every tenant below it. */
export type TenantScope = { tenantIds: readonly string[] } | { subtreeOf: string };

export interface ComplianceQuery {
  scope: TenantScope;
  /** Asia/Shanghai civil dates, both included (at most 366 days); a contact counts on the day it arrived. */
  from: CivilDate;
  to: CivilDate;
  /** Only the contacts this user answered (a staff member's own numbers). */
  agentUserId?: string | null;
  /** The policies, when the caller already has them (responsePoliciesOf over the same scope). */
  policies?: ResponsePolicies;
}

export interface ChannelCompliance {
  channel: ContactChannel;
  total: number;
  /** Answered at all (abandoned contacts never are). */
  answered: number;
  /** Answered within the tenant's limit, the limit included. */
  answeredInTime: number;
  abandoned: number;
  /** answeredInTime / total, a fraction from 0 to 1; null when there were no contacts. */
  complianceRate: number | null;
  /** Over answered contacts; null when none was answered. */
  averageAnswerSeconds: number | null;
  /** 90th percentile of the answer time (continuous, interpolated), over answered contacts. */
  p90AnswerSeconds: number | null;
}

export interface ComplianceGroup {
  /** The tenant (byTenant) or the agent's user id (byAgent). */
  id: string;
  channels: ChannelCompliance[];
}

export interface ResponsePolicies {
  /** The municipal defaults, which apply where nothing stricter does. */
  defaults: ResponseTimePolicy;
  /** Tenants whose effective policy is stricter than the defaults. */
  stricter: ReadonlyMap<string, ResponseTimePolicy>;
}

export const policyOf = (p: ResponsePolicies, tenantId: string): ResponseTimePolicy => p.stricter.get(tenantId) ?? p.defaults;

function tenantFilter(column: SQL, scope: TenantScope): SQL {
  if ('subtreeOf' in scope) {
    return sql`${column} in (select ${tenantClosure.descendantId} from ${tenantClosure} where ${tenantClosure.ancestorId} = ${scope.subtreeOf})`;
  }
  return scope.tenantIds.length ? inArray(column, [...scope.tenantIds]) : sql`false`;
}

/**
 * Every tenant's effective response-time policy in the scope (Art. 21): three statements
 * whatever the number of tenants (the defaults, the tenants' settings, their published
 * response-time commitments); only tenants stricter than the defaults are listed.
 */
export async function responsePoliciesOf(db: Executor, scope: TenantScope): Promise<ResponsePolicies> {
  const municipal = await responseTimeDefaults(db);
  const settings = await db
    .select({ tenantId: tenantCaseSettings.tenantId, settings: tenantCaseSettings.settings })
    .from(tenantCaseSettings)
    .where(and(tenantFilter(sql`${tenantCaseSettings.tenantId}`, scope), sql`${tenantCaseSettings.settings} ? 'responseTimes'`));
  const promised = await db
    .select({ tenantId: commitments.tenantId, metric: commitments.metric, target: sql<number>`min(${commitments.target})::float8` })
    .from(commitments)
    .where(and(tenantFilter(sql`${commitments.tenantId}`, scope), eq(commitments.published, true), isNotNull(commitments.metric), inArray(commitments.metric, Object.values(RESPONSE_METRIC))))
    .groupBy(commitments.tenantId, commitments.metric);
  const defaults = policyOfDefaults(municipal);
  const stricter = new Map<string, ResponseTimePolicy>();
  const ids = new Set([...settings.map((s) => s.tenantId), ...promised.map((p) => p.tenantId)]);
  for (const id of ids) {
    const own = settings.find((s) => s.tenantId === id);
    const policy = effectivePolicy(
      municipal,
      own ? withDefaults(own.settings).responseTimes : null,
      promised.filter((p) => p.tenantId === id).map((p) => ({ metric: p.metric, target: Number(p.target) })),
    );
    if (policy.hotlineSeconds < defaults.hotlineSeconds || policy.chatSeconds < defaults.chatSeconds || policy.messageMinutes < defaults.messageMinutes) {
      stricter.set(id, policy);
    }
  }
  return { defaults, stricter };
}

interface AggregateRow {
  id: string | null;
  channel: ContactChannel;
  total: number;
  answered: number;
  in_time: number;
  abandoned: number;
  average: number | string | null;
  p90: number | string | null;
}

type Grouping = 'CHANNEL' | 'TENANT' | 'AGENT';

/** The one aggregate behind every grouping. */
async function aggregate(db: Executor, q: ComplianceQuery, by: Grouping): Promise<ComplianceGroup[]> {
  const period = periodOf(q.from, q.to);
  const policies = q.policies ?? (await responsePoliciesOf(db, q.scope));
  const d = policies.defaults;
  // Tenants stricter than the defaults get their own limits; everyone else the defaults.
  const stricter = [...policies.stricter].map(([id, p]) => sql`(${id}::uuid, ${p.hotlineSeconds}::numeric, ${p.chatSeconds}::numeric, ${p.messageMinutes}::numeric)`);
  const limits = stricter.length
    ? sql`(values ${sql.join(stricter, sql`, `)})`
    : sql`(select null::uuid, null::numeric, null::numeric, null::numeric where false)`;
  const group = by === 'TENANT' ? sql`c.tenant_id` : by === 'AGENT' ? sql`c.agent_user_id` : sql`null::uuid`;
  const agentOnly = q.agentUserId ? sql`and c.agent_user_id = ${q.agentUserId}::uuid` : sql``;
  const agentKnown = by === 'AGENT' ? sql`and c.agent_user_id is not null` : sql``;
  const result = await db.execute(sql`
    with measured as (
      select ${group} as id, c.channel, c.abandoned,
        case when c.abandoned then null else extract(epoch from (c.answered_at - c.arrived_at)) end as waited,
        case c.channel
          when 'HOTLINE' then coalesce(p.hotline, ${d.hotlineSeconds}::numeric)
          when 'CHAT' then coalesce(p.chat, ${d.chatSeconds}::numeric)
          else coalesce(p.message, ${d.messageMinutes}::numeric) * 60
        end as limit_seconds
      from contacts c
      left join ${limits} as p(tenant_id, hotline, chat, message) on p.tenant_id = c.tenant_id
      where ${tenantFilter(sql`c.tenant_id`, q.scope)}
        and c.arrived_at >= ${period.start.toISOString()}::timestamptz and c.arrived_at < ${period.end.toISOString()}::timestamptz
        ${agentOnly} ${agentKnown}
    )
    select id, channel,
      count(*)::int as total,
      count(waited)::int as answered,
      (count(*) filter (where waited <= limit_seconds))::int as in_time,
      (count(*) filter (where abandoned))::int as abandoned,
      avg(waited)::float8 as average,
      percentile_cont(0.9) within group (order by waited::float8) as p90
    from measured
    group by id, channel`);
  const groups = new Map<string, Map<ContactChannel, ChannelCompliance>>();
  for (const r of rowsOf<AggregateRow>(result)) {
    const key = r.id ?? '';
    if (!groups.has(key)) groups.set(key, new Map());
    groups.get(key)!.set(r.channel, {
      channel: r.channel,
      total: r.total,
      answered: r.answered,
      answeredInTime: r.in_time,
      abandoned: r.abandoned,
      complianceRate: r.total ? r.in_time / r.total : null,
      averageAnswerSeconds: r.average == null ? null : Number(r.average),
      p90AnswerSeconds: r.p90 == null ? null : Number(r.p90),
    });
  }
  return [...groups].map(([id, byChannel]) => ({ id, channels: CONTACT_CHANNELS.map((ch) => byChannel.get(ch) ?? empty(ch)) }));
}

const empty = (channel: ContactChannel): ChannelCompliance => ({
  channel,
  total: 0,
  answered: 0,
  answeredInTime: 0,
  abandoned: 0,
  complianceRate: null,
  averageAnswerSeconds: null,
  p90AnswerSeconds: null,
});

/** The scope's numbers per channel (always the three channels, HOTLINE, CHAT, MESSAGE). */
export async function contactComplianceOf(db: Executor, q: ComplianceQuery): Promise<ChannelCompliance[]> {
  const [all] = await aggregate(db, q, 'CHANNEL');
  return all?.channels ?? CONTACT_CHANNELS.map(empty);
}

/** Per tenant of the scope that had contacts in the period. */
export const contactComplianceByTenant = (db: Executor, q: ComplianceQuery) => aggregate(db, q, 'TENANT');

/** Per agent (the user who answered) with contacts in the period; unattributed contacts are left out. */
export const contactComplianceByAgent = (db: Executor, q: ComplianceQuery) => aggregate(db, q, 'AGENT');
