import { COMMITMENT_KINDS, COMMITMENT_METRICS } from '../../../schema/db/disclosure.js';
import {
  type DirectoryEntry,
  type Disclosure,
  type PublicCommitmentRow,
  type PublicServiceItemRow,
  type PublicTenantRow,
  DIRECTORY_SORTS,
  publicDirectorySorted,
  publicDisclosure,
} from '../../usecases/public/disclosure.js';
import { headlineRates, MEASURE_WINDOW_DAYS, measureCommitment, type Measure } from '../../domain/stats/measures.js';
import { OUTCOMES } from '../../domain/cases/resolution.js';
import { civilDateAt } from '../../domain/calendar/civil-date.js';
import { contactCountsOf, publicResultsOf } from '../../usecases/public/measures.js';
import { OUTCOME_LABEL } from '../../domain/labels.js';
import { badInput } from '../../domain/shared/errors.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { ServiceItemContentRef } from './catalogue.js';
import { TenantKind } from './tenant.js';

// Anonymous, read-only: the public disclosure (Art. 17). Everything here comes from the public
// views, so a draft, an archived item, a suspended tenant or a person's data cannot appear.

export const CommitmentKind = builder.enumType('CommitmentKind', { values: COMMITMENT_KINDS });
export const CommitmentMetric = builder.enumType('CommitmentMetric', { values: COMMITMENT_METRICS });

const DirectorySort = builder.enumType('PublicDirectorySort', {
  values: DIRECTORY_SORTS,
  description: 'DISTRICT: by district and kind; SATISFACTION, ON_TIME: by the measured rate over the last 90 days, best first.',
});
const Outcome = builder.enumType('CaseOutcome', { values: OUTCOMES });

const Measured = builder.objectRef<Measure>('CommitmentMeasure').implement({
  description: `What the platform measured over the last ${MEASURE_WINDOW_DAYS} days (Art. 16, 21): a percent — on time, satisfied, or answered within the target time.`,
  fields: (t) => ({
    value: t.exposeFloat('value', { nullable: true, description: 'Percent (0–100, one decimal); null when there is not enough data.' }),
    sample: t.exposeInt('sample', { description: 'The cases (resolved or rated) or contacts it is based on.' }),
    enoughData: t.exposeBoolean('enoughData', { description: 'False below the minimum sample: "not enough data".' }),
    met: t.exposeBoolean('met', { nullable: true, description: 'For a percent target: reached or not.' }),
    windowDays: t.int({ resolve: () => MEASURE_WINDOW_DAYS }),
  }),
});

type Rates = ReturnType<typeof headlineRates>;
const PublicRates = builder.objectRef<Rates>('PublicTenantRates').implement({
  description: `Measured over the last ${MEASURE_WINDOW_DAYS} days; a rate is null below the minimum sample.`,
  fields: (t) => ({
    onTimeRate: t.exposeFloat('onTimeRate', { nullable: true, description: 'Percent of resolved cases resolved by their committed date.' }),
    satisfactionRate: t.exposeFloat('satisfactionRate', { nullable: true, description: 'Percent of ratings 非常满意, 满意 or 基本满意.' }),
    resolved: t.exposeInt('resolved'),
    rated: t.exposeInt('rated'),
  }),
});

type ResultRow = { serviceItemName: string | null; outcome: string; cases: number };
const PublicResult = builder.objectRef<ResultRow>('PublicResult').implement({
  description: 'Published results (Art. 17): resolved cases by service item and outcome; no personal data, sensitive cases left out.',
  fields: (t) => ({
    serviceItemName: t.exposeString('serviceItemName', { nullable: true, description: 'Null: cases without a service item (consultations).' }),
    outcome: t.field({ type: Outcome, resolve: (r) => r.outcome as never }),
    outcomeLabel: t.string({ resolve: (r) => OUTCOME_LABEL[r.outcome as keyof typeof OUTCOME_LABEL] ?? r.outcome }),
    cases: t.exposeInt('cases'),
  }),
});

const District = builder.objectRef<{ slug: string; name: string }>('PublicDistrict').implement({
  fields: (t) => ({ slug: t.exposeString('slug'), name: t.exposeString('name') }),
});

const PublicTenant = builder.objectRef<PublicTenantRow & { district?: DirectoryEntry['district'] }>('PublicTenant').implement({
  description: 'An active tenant as the public sees it (Art. 17): basic information and contacts.',
  fields: (t) => ({
    id: t.id({
      description: 'The tenant\'s id (a Tenant id), e.g. the target of a transfer (转办) to a tenant outside the viewer\'s tree; reading the tenant itself still follows the sharing rules.',
      resolve: (p) => encodeGlobalId('Tenant', p.id),
    }),
    slug: t.exposeString('slug'),
    kind: t.expose('kind', { type: TenantKind }),
    name: t.exposeString('name'),
    nameEn: t.exposeString('nameEn', { nullable: true }),
    divisionCode: t.exposeString('divisionCode', { nullable: true }),
    address: t.exposeString('address', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    officeHours: t.exposeString('officeHours', { nullable: true }),
    statutoryDuties: t.exposeString('statutoryDuties', { nullable: true }),
    introduction: t.exposeString('introduction', { nullable: true }),
    district: t.field({ type: District, nullable: true, resolve: (p) => p.district ?? null }),
    rates: t.field({ type: PublicRates, resolve: async (p, _a, ctx) => headlineRates(await ctx.loaders.publicCaseCounts.load(p.id)) }),
  }),
});

const PublicServiceItem = builder.objectRef<PublicServiceItemRow>('PublicServiceItem').implement({
  description: 'A published service item: name, legal basis, conditions, procedure, rights and obligations, time limits, materials.',
  fields: (t) => ({
    versionNo: t.exposeInt('versionNo'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    content: t.field({ type: ServiceItemContentRef, resolve: (i) => i.content }),
  }),
});

const PublicCommitment = builder.objectRef<PublicCommitmentRow>('PublicCommitment').implement({
  description: 'A published service commitment (Art. 16); measured values arrive with the statistics.',
  fields: (t) => ({
    kind: t.expose('kind', { type: CommitmentKind }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    metric: t.expose('metric', { type: CommitmentMetric, nullable: true }),
    target: t.exposeFloat('target', { nullable: true }),
    measured: t.field({
      type: Measured,
      nullable: true,
      description: 'The measured value beside the target; null when the commitment binds no metric.',
      resolve: async (c, _a, ctx) => {
        if (!c.metric || c.target === null) return null;
        const cases = await ctx.loaders.publicCaseCounts.load(c.tenantId);
        const contacts = await contactCountsOf(ctx.tx, c.tenantId, c.metric, c.target, ctx.now);
        return measureCommitment(c.metric, c.target, cases, contacts);
      },
    }),
  }),
});

const PublicDisclosure = builder.objectRef<Disclosure>('PublicDisclosure').implement({
  fields: (t) => ({
    tenant: t.field({ type: PublicTenant, resolve: (d) => d.tenant }),
    parent: t.field({ type: PublicTenant, nullable: true, resolve: (d) => d.parent }),
    serviceItems: t.field({ type: [PublicServiceItem], resolve: (d) => d.serviceItems }),
    commitments: t.field({ type: [PublicCommitment], resolve: (d) => d.commitments }),
    results: t.field({
      type: [PublicResult],
      description: 'Cases resolved in the period (default: this year to date), by service item and outcome.',
      args: { from: t.arg({ type: 'Date', required: false }), to: t.arg({ type: 'Date', required: false }) },
      resolve: async (d, args, ctx) => {
        const today = civilDateAt(ctx.now);
        const from = (args.from as string | null) ?? `${today.slice(0, 4)}-01-01`;
        const to = (args.to as string | null) ?? today;
        if (from > to) throw badInput({ from: 'is after to' });
        const names = new Map(d.serviceItems.map((i) => [i.id, i.content.name]));
        const rows = await publicResultsOf(ctx.tx, d.tenant.id, from, to);
        return rows.map((r) => ({ serviceItemName: r.serviceItemId ? (names.get(r.serviceItemId) ?? null) : null, outcome: r.outcome, cases: r.cases }));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  publicDirectory: t.field({
    type: [PublicTenant],
    description: 'Every active tenant, for anyone: ordered by depth and name; search matches names and addresses.',
    args: {
      search: t.arg.string({ required: false }),
      kind: t.arg({ type: TenantKind, required: false }),
      sort: t.arg({ type: DirectorySort, required: false, defaultValue: 'DISTRICT' }),
    },
    resolve: (_r, args, ctx) => publicDirectorySorted(ctx.tx, { search: args.search, kind: args.kind }, args.sort ?? 'DISTRICT', ctx.now),
  }),
  publicTenant: t.field({
    type: PublicDisclosure,
    nullable: true,
    description: "One tenant's disclosure, for anyone; null for an unknown or suspended tenant.",
    args: { slug: t.arg.string() },
    resolve: (_r, { slug }, ctx) => publicDisclosure(ctx.tx, slug),
  }),
}));
