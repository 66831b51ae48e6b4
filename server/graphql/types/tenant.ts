import { and, asc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { TENANT_KINDS, TENANT_STATUSES, tenants } from '../../../schema/db/tenancy.js';
import type { TenantRow } from '../../usecases/tenants/queries.js';
import { createTenant } from '../../usecases/tenants/create-tenant.js';
import { moveTenant } from '../../usecases/tenants/move-tenant.js';
import { reactivateTenant, suspendTenant } from '../../usecases/tenants/set-tenant-status.js';
import { updateTenant } from '../../usecases/tenants/update-tenant.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { given } from '../input.js';
import { loadManyOrNull } from '../loaders.js';
import { connectionFrom, pageFor } from '../pagination.js';

export const TenantKind = builder.enumType('TenantKind', { values: TENANT_KINDS });
export const TenantStatus = builder.enumType('TenantStatus', { values: TENANT_STATUSES });

const TenantRef = builder.objectRef<TenantRow>('Tenant');

export const Tenant = builder.node(TenantRef, {
  description: 'An organisation in the tree: the municipal bureau (root), district bureaus, offices, firms, centres.',
  id: { resolve: (t) => t.id },
  loadMany: (ids, ctx) => loadManyOrNull(ctx.loaders.tenantById, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable short name used in public URLs (/public/<slug>).' }),
    kind: t.expose('kind', { type: TenantKind }),
    name: t.exposeString('name'),
    nameEn: t.exposeString('nameEn', { nullable: true }),
    divisionCode: t.exposeString('divisionCode', { nullable: true, description: 'GB/T 2260 division code.' }),
    address: t.exposeString('address', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true, description: 'Public service telephone (Art. 17).' }),
    officeHours: t.exposeString('officeHours', { nullable: true }),
    statutoryDuties: t.exposeString('statutoryDuties', { nullable: true }),
    introduction: t.exposeString('introduction', { nullable: true }),
    status: t.expose('status', { type: TenantStatus }),
    depth: t.exposeInt('depth', { description: '0 for the root.' }),
    version: t.exposeInt('version'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    isRoot: t.boolean({ resolve: (t) => t.parentId === null }),
    parent: t.field({
      type: TenantRef,
      nullable: true,
      description: 'Null for the root.',
      resolve: (t, _a, ctx) => (t.parentId ? ctx.loaders.tenantById.load(t.parentId) : null),
    }),
    children: t.field({
      type: [TenantRef],
      description: 'Direct children the viewer may see, by name.',
      resolve: (t, _a, ctx) => ctx.loaders.childrenOf.load(t.id),
    }),
    ancestors: t.field({
      type: [TenantRef],
      description: 'From the root down to the parent.',
      resolve: (t, _a, ctx) => ctx.loaders.ancestorsOf.load(t.id),
    }),
  }),
});

const TenantConnection = builder.connectionObject(
  { type: Tenant, name: 'TenantConnection' },
  { name: 'TenantEdge' },
);
builder.objectField(TenantConnection, 'totalCount', (t) =>
  t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }),
);

builder.queryFields((t) => ({
  tenants: t.field({
    type: TenantConnection,
    authScopes: { authenticated: true },
    description:
      'Tenants the viewer may see (its subtree and its ancestors), ordered by depth, then name. ' +
      'Filters combine with AND.',
    args: {
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
      kind: t.arg({ type: [TenantKind], required: false }),
      status: t.arg({ type: TenantStatus, required: false }),
      parentId: t.arg.id({ required: false, description: 'Only direct children of this tenant.' }),
      search: t.arg.string({ required: false, description: 'Substring of the Chinese or English name.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const where: SQL[] = [];
      if (args.kind?.length) where.push(inArray(tenants.kind, args.kind));
      if (args.status) where.push(eq(tenants.status, args.status));
      const parentId = optionalIdOf(args.parentId, 'Tenant', 'parentId');
      if (parentId) where.push(eq(tenants.parentId, parentId));
      const search = args.search?.trim();
      if (search) {
        const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(sql`(${ilike(tenants.name, pattern)} or ${ilike(tenants.nameEn, pattern)})`);
      }
      // The hot list: one statement for the page and its total.
      const rows = await ctx.tx
        .select({ tenant: tenants, total: sql<number>`(count(*) over ())::int` })
        .from(tenants)
        .where(and(...where))
        .orderBy(asc(tenants.depth), asc(tenants.name), asc(tenants.id))
        .limit(page.limit + 1)
        .offset(page.offset);
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && page.offset > 0) {
        const [c] = await ctx.tx.select({ n: sql<number>`count(*)::int` }).from(tenants).where(and(...where));
        total = c?.n ?? 0;
      }
      return connectionFrom(rows.map((r) => r.tenant), page, total);
    },
  }),
  tenant: t.field({
    type: Tenant,
    nullable: true,
    authScopes: { authenticated: true },
    description: 'A tenant by its slug, or null if it does not exist or the viewer may not see it.',
    args: { slug: t.arg.string() },
    resolve: async (_root, { slug }, ctx) => {
      const [row] = await ctx.tx.select().from(tenants).where(eq(tenants.slug, slug.trim().toLowerCase()));
      return row ?? null;
    },
  }),
}));


const CreateTenantInput = builder.inputType('CreateTenantInput', {
  fields: (t) => ({
    parentId: t.id(),
    kind: t.field({ type: TenantKind }),
    slug: t.string(),
    name: t.string(),
    nameEn: t.string({ required: false }),
    divisionCode: t.string({ required: false }),
    address: t.string({ required: false }),
    phone: t.string({ required: false }),
    officeHours: t.string({ required: false }),
    statutoryDuties: t.string({ required: false }),
    introduction: t.string({ required: false }),
  }),
});

const UpdateTenantInput = builder.inputType('UpdateTenantInput', {
  description: 'Only the fields given change; an empty string clears an optional text.',
  fields: (t) => ({
    id: t.id(),
    version: t.int(),
    kind: t.field({ type: TenantKind, required: false }),
    slug: t.string({ required: false }),
    name: t.string({ required: false }),
    nameEn: t.string({ required: false }),
    divisionCode: t.string({ required: false }),
    address: t.string({ required: false }),
    phone: t.string({ required: false }),
    officeHours: t.string({ required: false }),
    statutoryDuties: t.string({ required: false }),
    introduction: t.string({ required: false }),
  }),
});

const MoveTenantInput = builder.inputType('MoveTenantInput', {
  fields: (t) => ({ id: t.id(), version: t.int(), newParentId: t.id() }),
});

const TenantStatusInput = builder.inputType('TenantStatusInput', {
  fields: (t) => ({ id: t.id(), version: t.int() }),
});

const TenantPayload = builder.objectRef<{ tenant: TenantRow }>('TenantPayload').implement({
  fields: (t) => ({ tenant: t.field({ type: Tenant, resolve: (p) => p.tenant }) }),
});

builder.mutationFields((t) => ({
  createTenant: t.field({
    type: TenantPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateTenantInput }) },
    resolve: async (_r, { input }, ctx) => ({
      tenant: await createTenant(commandOf(ctx), { ...given(input), parentId: idOf(input.parentId, 'Tenant', 'parentId') }),
    }),
  }),
  updateTenant: t.field({
    type: TenantPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateTenantInput }) },
    resolve: async (_r, { input }, ctx) => ({
      tenant: await updateTenant(commandOf(ctx), { ...given(input), id: idOf(input.id, 'Tenant', 'id') }),
    }),
  }),
  moveTenant: t.field({
    type: TenantPayload,
    authScopes: { admin: true },
    description: 'Moves a tenant and its subtree under another parent (never into its own subtree).',
    args: { input: t.arg({ type: MoveTenantInput }) },
    resolve: async (_r, { input }, ctx) => ({
      tenant: await moveTenant(commandOf(ctx), {
        id: idOf(input.id, 'Tenant', 'id'),
        version: input.version,
        newParentId: idOf(input.newParentId, 'Tenant', 'newParentId'),
      }),
    }),
  }),
  suspendTenant: t.field({
    type: TenantPayload,
    authScopes: { admin: true },
    description: 'Its users can no longer sign in and their tokens stop working; its data is kept.',
    args: { input: t.arg({ type: TenantStatusInput }) },
    resolve: async (_r, { input }, ctx) => ({
      tenant: await suspendTenant(commandOf(ctx), { id: idOf(input.id, 'Tenant', 'id'), version: input.version }),
    }),
  }),
  reactivateTenant: t.field({
    type: TenantPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: TenantStatusInput }) },
    resolve: async (_r, { input }, ctx) => ({
      tenant: await reactivateTenant(commandOf(ctx), { id: idOf(input.id, 'Tenant', 'id'), version: input.version }),
    }),
  }),
}));
