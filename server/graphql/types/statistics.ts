import { PERIOD_KINDS, periodLength, periodOf, previousPeriod, type Period } from '../../domain/stats/periods.js';
import {
  authorizeStatistics,
  MAX_SERVICE_ITEMS,
  statisticsReport,
  type CountOf,
  type OnTime,
  type ReceivedStatistics as ReceivedData,
  type ResolvedStatistics as ResolvedData,
  type StatisticsReport,
  type TenantHeadline,
  type ActivityStatistics,
  type RatingStatistics as RatingData,
} from '../../usecases/stats/statistics.js';
import { badInput } from '../../domain/shared/errors.js';
import { builder } from '../builder.js';
import { encodeGlobalId, optionalIdOf } from '../global-id.js';
import { ServiceItem } from './catalogue.js';
import { Tenant } from './tenant.js';

/**
 * Statistics (Art. 12, 16, 17): `statistics(tenantId, subtree, period)` for a tenant or rolled up
 * over its subtree, with the previous period beside it. Every section is computed when selected,
 * once; the statements of a request do not grow with the number of tenants or service items.
 */

/** What a Statistics object resolves from: its period and the report computing its sections lazily. */
export interface StatisticsParent {
  period: Period;
  report: StatisticsReport;
}

const StatisticsPeriodKind = builder.enumType('StatisticsPeriodKind', {
  description: 'Calendar periods contain a date (weeks are ISO weeks, Monday to Sunday); CUSTOM is a range of days.',
  values: PERIOD_KINDS,
});

const StatisticsPeriodInput = builder.inputType('StatisticsPeriodInput', {
  description: 'A reporting period of Asia/Shanghai days.',
  fields: (t) => ({
    kind: t.field({ type: StatisticsPeriodKind }),
    date: t.field({ type: 'Date', required: false, description: 'For DAY, WEEK, MONTH, QUARTER and YEAR: any day inside the period.' }),
    from: t.field({ type: 'Date', required: false, description: 'For CUSTOM: the first day, inclusive.' }),
    to: t.field({ type: 'Date', required: false, description: 'For CUSTOM: the last day, inclusive; at most 366 days counting both ends.' }),
  }),
});

const StatisticsPeriod = builder.objectRef<Period>('StatisticsPeriod').implement({
  description: 'The days a report counts, both ends included.',
  fields: (t) => ({
    kind: t.field({ type: StatisticsPeriodKind, resolve: (p) => p.kind }),
    from: t.field({ type: 'Date', description: 'First day.', resolve: (p) => p.from }),
    to: t.field({ type: 'Date', description: 'Last day.', resolve: (p) => p.to }),
    days: t.int({ description: 'Number of days.', resolve: (p) => periodLength(p) }),
  }),
});

const StatisticsCount = builder.objectRef<CountOf>('StatisticsCount').implement({
  description: "One value of a breakdown: the enum value, its Chinese label where one exists, and the number of cases.",
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The enum value (e.g. HOTLINE, VERY_SATISFIED); NONE for cases without a service item category.' }),
    label: t.exposeString('label', { nullable: true, description: 'zh-CN label (ratings: 非常满意 …).' }),
    count: t.exposeInt('count'),
  }),
});

const ServiceItemCount = builder.objectRef<{ serviceItemId: string; count: number }>('ServiceItemCount').implement({
  fields: (t) => ({
    serviceItemId: t.id({ resolve: (r) => encodeGlobalId('ServiceItem', r.serviceItemId) }),
    serviceItem: t.field({
      type: ServiceItem,
      nullable: true,
      description: 'Null when the viewer may not read the item.',
      resolve: (r, _a, ctx) => ctx.loaders.serviceItemById.load(r.serviceItemId),
    }),
    count: t.exposeInt('count'),
  }),
});

const ReceivedStatistics = builder.objectRef<ReceivedData>('ReceivedStatistics').implement({
  description: 'Cases received in the period, by their receipt date.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    byChannel: t.field({ type: [StatisticsCount], description: 'Every channel, zeros included.', resolve: (r) => r.byChannel }),
    byKind: t.field({ type: [StatisticsCount], description: 'CONSULTATION and MATTER.', resolve: (r) => r.byKind }),
    byCategory: t.field({
      type: [StatisticsCount],
      description: "The service item's category, every category, zeros included; then NONE for cases without a service item (when any).",
      resolve: (r) => r.byCategory,
    }),
    byStatus: t.field({ type: [StatisticsCount], description: 'The state the cases are in now, every state, zeros included.', resolve: (r) => r.byStatus }),
    byServiceItem: t.field({
      type: [ServiceItemCount],
      description: `The service items with the most cases, most first (at most ${MAX_SERVICE_ITEMS}); cases without an item are not listed.`,
      args: { first: t.arg.int({ required: false, defaultValue: 10 }) },
      resolve: (r, { first }) => {
        const n = first ?? 10;
        if (n < 0 || n > MAX_SERVICE_ITEMS) throw badInput({ first: `must be between 0 and ${MAX_SERVICE_ITEMS}` });
        return r.byServiceItem.slice(0, n);
      },
    }),
  }),
});

const OnTimeStatistics = builder.objectRef<OnTime>('OnTimeStatistics').implement({
  description: 'Resolved cases resolved by the due date of a clock.',
  fields: (t) => ({
    count: t.exposeInt('count'),
    rate: t.exposeFloat('rate', { nullable: true, description: 'count / resolved, 0 to 1; null when nothing was resolved.' }),
  }),
});

const ResolvedStatistics = builder.objectRef<ResolvedData>('ResolvedStatistics').implement({
  description: 'Cases resolved in the period, by their resolution date.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    byOutcome: t.field({ type: [StatisticsCount], description: 'Every outcome, zeros included.', resolve: (r) => r.byOutcome }),
    onTimeStatutory: t.field({ type: OnTimeStatistics, description: 'Against the statutory time limit (法定时限).', resolve: (r) => r.onTimeStatutory }),
    onTimeCommitted: t.field({ type: OnTimeStatistics, description: 'Against the committed time limit (承诺时限).', resolve: (r) => r.onTimeCommitted }),
    averageWorkingDays: t.exposeFloat('averageWorkingDays', {
      nullable: true,
      description: 'Average working days from receipt to resolution, pauses for materials left out (one decimal).',
    }),
    p90WorkingDays: t.exposeFloat('p90WorkingDays', {
      nullable: true,
      description: '90th percentile of the working days to resolve (continuous percentile, one decimal).',
    }),
  }),
});

const TransferStatistics = builder.objectRef<ActivityStatistics['transfers']>('TransferStatistics').implement({
  description: 'Transfers (转交) in the period, for the tenants that sent and received them.',
  fields: (t) => ({
    out: t.exposeInt('out', { description: 'Cases this tenant (or subtree) passed to another tenant.' }),
    in: t.exposeInt('in', { description: 'Transfers this tenant (or subtree) was asked to take.' }),
    accepted: t.exposeInt('accepted', { description: 'Transfers it accepted.' }),
    rejected: t.exposeInt('rejected', { description: 'Transfers it rejected.' }),
    acceptanceRate: t.exposeFloat('acceptanceRate', { nullable: true, description: 'accepted / (accepted + rejected); null when none was decided.' }),
  }),
});

const SupervisionStatistics = builder.objectRef<ActivityStatistics['supervision']>('SupervisionStatistics').implement({
  description: 'Supervision orders (督办) in the period.',
  fields: (t) => ({
    issued: t.exposeInt('issued', { description: 'Orders this tenant (or subtree) issued.' }),
    responded: t.exposeInt('responded', { description: 'Orders answered by the handling tenant.' }),
    respondedOnTime: t.exposeInt('respondedOnTime', { description: 'Of those, answered by the date the order set.' }),
    escalated: t.exposeInt('escalated', { description: 'Orders escalated for want of an answer.' }),
  }),
});

const FollowUpStatistics = builder.objectRef<ActivityStatistics['followUps']>('FollowUpStatistics').implement({
  description: 'Follow-ups of negative ratings answered in the period (Art. 12, 16).',
  fields: (t) => ({
    answered: t.exposeInt('answered'),
    answeredOnTime: t.exposeInt('answeredOnTime', { description: 'Answered by the follow-up due date.' }),
  }),
});

const RatingStatistics = builder.objectRef<RatingData>('RatingStatistics').implement({
  description: 'Ratings (好差评) given in the period; a rating set aside on appeal does not count.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    distribution: t.field({ type: [StatisticsCount], description: 'Every rating, best first, zeros included.', resolve: (r) => r.distribution }),
    satisfactionRate: t.exposeFloat('satisfactionRate', {
      nullable: true,
      description: '(非常满意 + 满意 + 基本满意) / total; null without ratings.',
    }),
  }),
});

const TenantStatistics = builder.objectRef<TenantHeadline>('TenantStatistics').implement({
  description: "A row of a subtree report: the asked tenant's own cases, or one of its children with everything below it.",
  fields: (t) => ({
    tenant: t.field({ type: Tenant, resolve: async (r, _a, ctx) => (await ctx.loaders.tenantById.load(r.tenantId))! }),
    includesSubtree: t.exposeBoolean('includesSubtree', {
      description: "True for a child (rolled up over its own subtree); false for the asked tenant's own cases.",
    }),
    received: t.exposeInt('received'),
    resolved: t.exposeInt('resolved'),
    onTimeCommittedRate: t.exposeFloat('onTimeCommittedRate', { nullable: true }),
    satisfactionRate: t.exposeFloat('satisfactionRate', { nullable: true }),
    overdue: t.exposeInt('overdue'),
  }),
});

export const Statistics = builder.objectRef<StatisticsParent>('Statistics');
Statistics.implement({
  description: 'Statistics of a tenant (or its subtree) over a period.',
  fields: (t) => ({
    tenant: t.field({ type: Tenant, resolve: async (s, _a, ctx) => (await ctx.loaders.tenantById.load(s.report.scope.tenantId))! }),
    subtree: t.boolean({ description: 'Whether the numbers cover the whole subtree.', resolve: (s) => s.report.scope.subtree }),
    period: t.field({ type: StatisticsPeriod, resolve: (s) => s.period }),
    received: t.field({ type: ReceivedStatistics, resolve: (s) => s.report.received() }),
    resolved: t.field({ type: ResolvedStatistics, resolve: (s) => s.report.resolved() }),
    overdue: t.int({
      description: 'Cases received in the period that were resolved after their committed due date, or are still open past it now.',
      resolve: async (s) => (await s.report.received()).overdue,
    }),
    extended: t.int({ description: 'Cases received in the period whose time limit was extended.', resolve: async (s) => (await s.report.received()).extended }),
    transfers: t.field({ type: TransferStatistics, resolve: async (s) => (await s.report.activity()).transfers }),
    supervision: t.field({ type: SupervisionStatistics, resolve: async (s) => (await s.report.activity()).supervision }),
    followUps: t.field({ type: FollowUpStatistics, resolve: async (s) => (await s.report.activity()).followUps }),
    ratings: t.field({ type: RatingStatistics, resolve: (s) => s.report.ratings() }),
    byTenant: t.field({
      type: [TenantStatistics],
      nullable: true,
      description: "For a subtree report: the tenant's own row first, then each direct child rolled up over its subtree, by name. Null otherwise.",
      resolve: (s) => s.report.byTenant(),
    }),
    previous: t.field({
      type: Statistics,
      description: 'The same statistics for the period before (the previous day, week, month, quarter or year; for CUSTOM the same number of days).',
      resolve: (s, _a, ctx) => {
        const period = previousPeriod(s.period);
        return { period, report: statisticsReport(ctx.tx, { ...s.report.scope, from: period.from, to: period.to }) };
      },
    }),
    // `contacts` (contact compliance, Art. 21) is added to this type by the contacts family
    // (server/graphql/types/contacts.ts) with builder.objectField(Statistics, 'contacts', ...),
    // from `report.scope`; it is not defined here.
  }),
});

builder.queryFields((t) => ({
  statistics: t.field({
    type: Statistics,
    authScopes: { authenticated: true },
    description:
      "Statistics of a tenant (the viewer's by default; it must be in the viewer's subtree). `subtree: true` rolls them up " +
      "over the tenant's subtree (supervisors and admins); staff see their own tenant only.",
    args: {
      tenantId: t.arg.id({ required: false }),
      subtree: t.arg.boolean({ required: false, defaultValue: false }),
      period: t.arg({ type: StatisticsPeriodInput }),
    },
    resolve: async (_r, args, ctx) => {
      const subtree = args.subtree ?? false;
      const tenantId = await authorizeStatistics(ctx.tx, ctx.viewer, { tenantId: optionalIdOf(args.tenantId, 'Tenant', 'tenantId'), subtree });
      const period = periodOf(args.period, 'period.');
      return { period, report: statisticsReport(ctx.tx, { tenantId, subtree, from: period.from, to: period.to, now: ctx.now }) } satisfies StatisticsParent;
    },
  }),
}));
