import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  CHANNELS,
  LIMIT_UNITS,
  SERVICE_CATEGORIES,
  SERVICE_ITEM_STATUSES,
  type ServiceItemContent,
  serviceItems,
  serviceItemVersions,
} from '../../../schema/db/catalogue.js';
import { adoptServiceItemTemplate } from '../../usecases/catalogue/adopt-template.js';
import { createServiceItem } from '../../usecases/catalogue/create-service-item.js';
import { archiveServiceItem, publishServiceItem } from '../../usecases/catalogue/publish-service-item.js';
import type { ServiceItemRow } from '../../usecases/catalogue/queries.js';
import { updateServiceItem } from '../../usecases/catalogue/update-service-item.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { connectionFrom, pageFor } from '../pagination.js';
import { Tenant } from './tenant.js';

export const ServiceCategory = builder.enumType('ServiceCategory', { values: SERVICE_CATEGORIES });
export const Channel = builder.enumType('Channel', { values: CHANNELS });
export const LimitUnit = builder.enumType('LimitUnit', { values: LIMIT_UNITS });
export const ServiceItemStatus = builder.enumType('ServiceItemStatus', { values: SERVICE_ITEM_STATUSES });

type Content = ServiceItemContent;

export const TimeLimit = builder.objectRef<Content['statutoryLimit']>('TimeLimit').implement({
  fields: (t) => ({ unit: t.expose('unit', { type: LimitUnit }), amount: t.exposeInt('amount') }),
});
const ProcedureStep = builder.objectRef<Content['procedure'][number]>('ProcedureStep').implement({
  fields: (t) => ({ title: t.exposeString('title'), description: t.exposeString('description') }),
});
const Material = builder.objectRef<Content['materials'][number]>('Material').implement({
  description: 'One entry of the materials checklist (Art. 14: everything missing is asked for at once).',
  fields: (t) => ({
    key: t.exposeString('key'),
    name: t.exposeString('name'),
    required: t.exposeBoolean('required'),
    note: t.exposeString('note', { nullable: true }),
  }),
});
const FormField = builder.objectRef<Content['form']['fields'][number]>('FormField').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    label: t.exposeString('label'),
    type: t.exposeString('type', { description: 'TEXT, LONG_TEXT, NUMBER, DATE, SELECT, MULTI_SELECT, YES_NO, PHONE or RESIDENT_ID.' }),
    required: t.exposeBoolean('required'),
    helpText: t.exposeString('helpText', { nullable: true }),
    config: t.field({ type: 'JSON', resolve: (f) => f.config }),
  }),
});
const Stage = builder.objectRef<Content['stages'][number]>('Stage').implement({
  fields: (t) => ({ key: t.exposeString('key'), name: t.exposeString('name'), budgetWorkingDays: t.exposeInt('budgetWorkingDays') }),
});

export const ServiceItemContentRef = builder.objectRef<Content>('ServiceItemContent').implement({
  description: 'Everything a service item says (Art. 10, 17, 24).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    category: t.expose('category', { type: ServiceCategory }),
    legalBasis: t.exposeString('legalBasis'),
    conditions: t.exposeString('conditions'),
    procedure: t.field({ type: [ProcedureStep], resolve: (c) => c.procedure }),
    rightsAndObligations: t.exposeString('rightsAndObligations'),
    fee: t.exposeString('fee'),
    results: t.exposeString('results'),
    statutoryLimit: t.field({ type: TimeLimit, resolve: (c) => c.statutoryLimit }),
    committedLimit: t.field({ type: TimeLimit, resolve: (c) => c.committedLimit }),
    channels: t.field({ type: [Channel], resolve: (c) => c.channels }),
    materials: t.field({ type: [Material], resolve: (c) => c.materials }),
    formFields: t.field({ type: [FormField], resolve: (c) => c.form.fields }),
    stages: t.field({ type: [Stage], resolve: (c) => c.stages }),
  }),
});

type VersionRow = typeof serviceItemVersions.$inferSelect;
const ServiceItemVersion = builder.objectRef<VersionRow>('ServiceItemVersion').implement({
  description: 'A published, frozen version: it never changes.',
  fields: (t) => ({
    versionNo: t.exposeInt('versionNo'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    content: t.field({ type: ServiceItemContentRef, resolve: (v) => v.content }),
  }),
});

const ServiceItemRef = builder.objectRef<ServiceItemRow>('ServiceItem');
export const ServiceItem = builder.node(ServiceItemRef, {
  id: { resolve: (i) => i.id },
  loadMany: async (ids, ctx) => {
    const rows = await ctx.tx.select().from(serviceItems).where(inArray(serviceItems.id, ids));
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  },
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    category: t.expose('category', { type: ServiceCategory }),
    status: t.expose('status', { type: ServiceItemStatus }),
    isTemplate: t.exposeBoolean('isTemplate'),
    hasUnpublishedChanges: t.exposeBoolean('hasUnpublishedChanges'),
    publishedVersionNo: t.exposeInt('publishedVersion', { nullable: true }),
    version: t.exposeInt('version'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    draft: t.field({ type: ServiceItemContentRef, resolve: (i) => i.draft }),
    tenant: t.field({
      type: Tenant,
      resolve: async (i, _a, ctx) => {
        const tenant = await ctx.loaders.tenantById.load(i.tenantId);
        if (!tenant) throw new Error('service item without a visible tenant');
        return tenant;
      },
    }),
    published: t.field({
      type: ServiceItemVersion,
      nullable: true,
      description: 'The version the public and new cases see.',
      resolve: async (i, _a, ctx) => {
        if (!i.publishedVersion) return null;
        const [v] = await ctx.tx
          .select()
          .from(serviceItemVersions)
          .where(and(eq(serviceItemVersions.itemId, i.id), eq(serviceItemVersions.versionNo, i.publishedVersion)));
        return v ?? null;
      },
    }),
    versions: t.field({
      type: [ServiceItemVersion],
      resolve: (i, _a, ctx) =>
        ctx.tx.select().from(serviceItemVersions).where(eq(serviceItemVersions.itemId, i.id)).orderBy(asc(serviceItemVersions.versionNo)),
    }),
    adoptedFrom: t.field({
      type: ServiceItemRef,
      nullable: true,
      description: 'The template this item was adopted from, if any (see adoptedFromVersionNo).',
      resolve: async (i, _a, ctx) => {
        if (!i.adoptedFromItemId) return null;
        const [row] = await ctx.tx.select().from(serviceItems).where(eq(serviceItems.id, i.adoptedFromItemId));
        return row ?? null;
      },
    }),
    adoptedFromVersionNo: t.exposeInt('adoptedFromVersion', { nullable: true }),
  }),
});

const ServiceItemConnection = builder.connectionObject({ type: ServiceItem, name: 'ServiceItemConnection' }, { name: 'ServiceItemEdge' });
builder.objectField(ServiceItemConnection, 'totalCount', (t) =>
  t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }),
);

builder.queryFields((t) => ({
  serviceItems: t.field({
    type: ServiceItemConnection,
    authScopes: { authenticated: true },
    description:
      "Service items the viewer may see: every state in its subtree's catalogues, published ones of its ancestors " +
      '(templates among them). Ordered by tenant, then sort order and code.',
    args: {
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
      tenantId: t.arg.id({ required: false }),
      status: t.arg({ type: [ServiceItemStatus], required: false }),
      category: t.arg({ type: ServiceCategory, required: false }),
      templates: t.arg.boolean({ required: false, description: 'Only templates (true) or only non-templates (false).' }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const where: SQL[] = [];
      const tenantId = optionalIdOf(args.tenantId, 'Tenant', 'tenantId');
      if (tenantId) where.push(eq(serviceItems.tenantId, tenantId));
      if (args.status?.length) where.push(inArray(serviceItems.status, args.status));
      if (args.category) where.push(eq(serviceItems.category, args.category));
      if (args.templates != null) where.push(eq(serviceItems.isTemplate, args.templates));
      const rows = await ctx.tx
        .select({ item: serviceItems, total: sql<number>`(count(*) over ())::int` })
        .from(serviceItems)
        .where(and(...where))
        .orderBy(asc(serviceItems.tenantId), asc(serviceItems.sortOrder), asc(serviceItems.code))
        .limit(page.limit + 1)
        .offset(page.offset);
      return connectionFrom(rows.map((r) => r.item), page, rows[0]?.total ?? 0);
    },
  }),
}));

export const LimitInput = builder.inputType('TimeLimitInput', {
  fields: (t) => ({ unit: t.field({ type: LimitUnit }), amount: t.int() }),
});
const StepInput = builder.inputType('ProcedureStepInput', {
  fields: (t) => ({ title: t.string(), description: t.string({ required: false }) }),
});
const MaterialInput = builder.inputType('MaterialInput', {
  fields: (t) => ({ key: t.string(), name: t.string(), required: t.boolean(), note: t.string({ required: false }) }),
});
const FormFieldInput = builder.inputType('FormFieldInput', {
  fields: (t) => ({
    key: t.string(),
    label: t.string(),
    type: t.string(),
    required: t.boolean(),
    helpText: t.string({ required: false }),
    config: t.field({ type: 'JSON', required: false }),
  }),
});
const StageInput = builder.inputType('StageInput', {
  fields: (t) => ({ key: t.string(), name: t.string(), budgetWorkingDays: t.int() }),
});
const ContentInput = builder.inputType('ServiceItemContentInput', {
  fields: (t) => ({
    code: t.string(),
    name: t.string(),
    category: t.field({ type: ServiceCategory }),
    legalBasis: t.string(),
    conditions: t.string({ required: false }),
    procedure: t.field({ type: [StepInput] }),
    rightsAndObligations: t.string({ required: false }),
    fee: t.string(),
    results: t.string({ required: false }),
    statutoryLimit: t.field({ type: LimitInput }),
    committedLimit: t.field({ type: LimitInput }),
    channels: t.field({ type: [Channel] }),
    materials: t.field({ type: [MaterialInput] }),
    formFields: t.field({ type: [FormFieldInput] }),
    stages: t.field({ type: [StageInput], required: false }),
  }),
});

type ContentArg = typeof ContentInput.$inferInput;
function toContent(c: ContentArg): unknown {
  return {
    code: c.code,
    name: c.name,
    category: c.category,
    legalBasis: c.legalBasis,
    conditions: c.conditions ?? '',
    procedure: c.procedure.map((s) => ({ title: s.title, description: s.description ?? '' })),
    rightsAndObligations: c.rightsAndObligations ?? '',
    fee: c.fee,
    results: c.results ?? '',
    statutoryLimit: c.statutoryLimit,
    committedLimit: c.committedLimit,
    channels: c.channels,
    materials: c.materials.map((m) => ({ key: m.key, name: m.name, required: m.required, note: m.note ?? null })),
    form: {
      fields: c.formFields.map((f) => ({
        key: f.key,
        label: f.label,
        type: f.type,
        required: f.required,
        helpText: f.helpText ?? null,
        config: f.config ?? {},
      })),
    },
    stages: c.stages ?? [],
  };
}

const CreateServiceItemInput = builder.inputType('CreateServiceItemInput', {
  fields: (t) => ({
    tenantId: t.id({ required: false, description: "Defaults to the viewer's tenant." }),
    isTemplate: t.boolean({ required: false, description: 'Municipal bureau only: a template other tenants adopt.' }),
    content: t.field({ type: ContentInput }),
  }),
});
const UpdateServiceItemInput = builder.inputType('UpdateServiceItemInput', {
  fields: (t) => ({ id: t.id(), version: t.int(), content: t.field({ type: ContentInput }) }),
});
const ServiceItemVersionInput = builder.inputType('ServiceItemVersionInput', {
  fields: (t) => ({ id: t.id(), version: t.int() }),
});
const AdoptTemplateInput = builder.inputType('AdoptServiceItemTemplateInput', {
  fields: (t) => ({
    templateId: t.id(),
    tenantId: t.id({ required: false }),
    code: t.string({ required: false, description: "A code of the tenant's own, if the template's is taken." }),
  }),
});
const ServiceItemPayload = builder.objectRef<{ serviceItem: ServiceItemRow }>('ServiceItemPayload').implement({
  fields: (t) => ({ serviceItem: t.field({ type: ServiceItem, resolve: (p) => p.serviceItem }) }),
});

builder.mutationFields((t) => ({
  createServiceItem: t.field({
    type: ServiceItemPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateServiceItemInput }) },
    resolve: async (_r, { input }, ctx) => ({
      serviceItem: await createServiceItem(commandOf(ctx), {
        tenantId: optionalIdOf(input.tenantId, 'Tenant', 'tenantId'),
        isTemplate: input.isTemplate ?? undefined,
        content: toContent(input.content),
      }),
    }),
  }),
  updateServiceItem: t.field({
    type: ServiceItemPayload,
    authScopes: { admin: true },
    description: 'Replaces the draft; the published version stays until the next publishServiceItem.',
    args: { input: t.arg({ type: UpdateServiceItemInput }) },
    resolve: async (_r, { input }, ctx) => ({
      serviceItem: await updateServiceItem(commandOf(ctx), {
        id: idOf(input.id, 'ServiceItem', 'id'),
        version: input.version,
        content: toContent(input.content),
      }),
    }),
  }),
  publishServiceItem: t.field({
    type: ServiceItemPayload,
    authScopes: { admin: true },
    description: 'Freezes the draft as the next published version.',
    args: { input: t.arg({ type: ServiceItemVersionInput }) },
    resolve: async (_r, { input }, ctx) => ({
      serviceItem: await publishServiceItem(commandOf(ctx), { id: idOf(input.id, 'ServiceItem', 'id'), version: input.version }),
    }),
  }),
  archiveServiceItem: t.field({
    type: ServiceItemPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: ServiceItemVersionInput }) },
    resolve: async (_r, { input }, ctx) => ({
      serviceItem: await archiveServiceItem(commandOf(ctx), { id: idOf(input.id, 'ServiceItem', 'id'), version: input.version }),
    }),
  }),
  adoptServiceItemTemplate: t.field({
    type: ServiceItemPayload,
    authScopes: { admin: true },
    description: "Copies a published template of the municipal bureau into a tenant's catalogue as a draft.",
    args: { input: t.arg({ type: AdoptTemplateInput }) },
    resolve: async (_r, { input }, ctx) => ({
      serviceItem: await adoptServiceItemTemplate(commandOf(ctx), {
        templateId: idOf(input.templateId, 'ServiceItem', 'templateId'),
        tenantId: optionalIdOf(input.tenantId, 'Tenant', 'tenantId'),
        code: input.code ?? undefined,
      }),
    }),
  }),
}));
