import { and, asc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import { USER_ROLES, users } from '../../../schema/db/tenancy.js';
import { hasRole } from '../../domain/tenancy/access.js';
import { maskMobile } from '../../domain/identity/phone.js';
import { changePassword } from '../../usecases/auth/change-password.js';
import { createUser } from '../../usecases/users/create-user.js';
import { userVisibility, type UserRow } from '../../usecases/users/queries.js';
import { resetUserPassword } from '../../usecases/users/reset-user-password.js';
import { deactivateUser, reactivateUser } from '../../usecases/users/set-user-active.js';
import { updateUser } from '../../usecases/users/update-user.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { given } from '../input.js';
import { loadManyOrNull } from '../loaders.js';
import { connectionFrom, pageFor } from '../pagination.js';
import { Tenant } from './tenant.js';

export const UserRole = builder.enumType('UserRole', { values: USER_ROLES });

export const User = builder.node(builder.objectRef<UserRow>('User'), {
  description: 'A staff account. Belongs to one tenant. The password hash is never exposed.',
  id: { resolve: (u) => u.id },
  loadMany: (ids, ctx) => loadManyOrNull(ctx.loaders.userById, ids),
  fields: (t) => ({
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    phone: t.string({
      nullable: true,
      description: 'Masked (138****5678) except for the user themselves and admins.',
      resolve: (u, _a, ctx) => {
        if (!u.phone) return null;
        const full = ctx.viewer?.userId === u.id || hasRole(ctx.viewer, 'ADMIN');
        return full ? u.phone : maskMobile(u.phone);
      },
    }),
    roles: t.field({ type: [UserRole], resolve: (u) => u.roles as (typeof USER_ROLES)[number][] }),
    active: t.exposeBoolean('active'),
    lastLoginAt: t.expose('lastLoginAt', { type: 'DateTime', nullable: true }),
    passwordChangedAt: t.expose('passwordChangedAt', { type: 'DateTime' }),
    version: t.exposeInt('version'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    tenant: t.field({
      type: Tenant,
      resolve: async (u, _a, ctx) => {
        const tenant = await ctx.loaders.tenantById.load(u.tenantId);
        if (!tenant) throw new Error('user without a visible tenant');
        return tenant;
      },
    }),
  }),
});

const UserConnection = builder.connectionObject({ type: User, name: 'UserConnection' }, { name: 'UserEdge' });
builder.objectField(UserConnection, 'totalCount', (t) =>
  t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }),
);

builder.queryFields((t) => ({
  viewer: t.field({
    type: User,
    nullable: true,
    description: 'The signed-in user; null when anonymous.',
    resolve: (_r, _a, ctx) => (ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null),
  }),
  users: t.field({
    type: UserConnection,
    authScopes: { authenticated: true },
    description:
      'Accounts the viewer may see: admins and supervisors their subtree, staff their own tenant. ' +
      'Ordered by username.',
    args: {
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
      tenantId: t.arg.id({ required: false }),
      role: t.arg({ type: UserRole, required: false }),
      active: t.arg.boolean({ required: false }),
      search: t.arg.string({ required: false, description: 'Substring of username or display name.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const where: (SQL | undefined)[] = [userVisibility(ctx.viewer)];
      const tenantId = optionalIdOf(args.tenantId, 'Tenant', 'tenantId');
      if (tenantId) where.push(eq(users.tenantId, tenantId));
      if (args.role) where.push(sql`${args.role} = any(${users.roles})`);
      if (args.active != null) where.push(eq(users.active, args.active));
      const search = args.search?.trim();
      if (search) {
        const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(sql`(${ilike(users.username, pattern)} or ${ilike(users.displayName, pattern)})`);
      }
      const rows = await ctx.tx
        .select({ user: users, total: sql<number>`(count(*) over ())::int` })
        .from(users)
        .where(and(...where))
        .orderBy(asc(sql`lower(${users.username})`))
        .limit(page.limit + 1)
        .offset(page.offset);
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && page.offset > 0) {
        const [c] = await ctx.tx.select({ n: sql<number>`count(*)::int` }).from(users).where(and(...where));
        total = c?.n ?? 0;
      }
      return connectionFrom(rows.map((r) => r.user), page, total);
    },
  }),
}));

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    tenantId: t.id(),
    username: t.string(),
    displayName: t.string(),
    phone: t.string({ required: false, description: 'Mainland mobile; +86 and spaces are accepted.' }),
    roles: t.field({ type: [UserRole] }),
    password: t.string({ description: 'At least 10 characters, letters and a digit or symbol.' }),
  }),
});
const UpdateUserInput = builder.inputType('UpdateUserInput', {
  description: 'Only the fields given change; an empty phone clears it.',
  fields: (t) => ({
    id: t.id(),
    version: t.int(),
    displayName: t.string({ required: false }),
    phone: t.string({ required: false }),
    roles: t.field({ type: [UserRole], required: false }),
  }),
});
const UserVersionInput = builder.inputType('UserVersionInput', {
  fields: (t) => ({ id: t.id(), version: t.int() }),
});
const ResetUserPasswordInput = builder.inputType('ResetUserPasswordInput', {
  fields: (t) => ({ id: t.id(), version: t.int(), newPassword: t.string() }),
});
const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({ currentPassword: t.string(), newPassword: t.string() }),
});

const UserPayload = builder.objectRef<{ user: UserRow }>('UserPayload').implement({
  fields: (t) => ({ user: t.field({ type: User, resolve: (p) => p.user }) }),
});

builder.mutationFields((t) => ({
  createUser: t.field({
    type: UserPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateUserInput }) },
    resolve: async (_r, { input }, ctx) => ({
      user: await createUser(commandOf(ctx), { ...given(input), tenantId: idOf(input.tenantId, 'Tenant', 'tenantId') }),
    }),
  }),
  updateUser: t.field({
    type: UserPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateUserInput }) },
    resolve: async (_r, { input }, ctx) => ({
      user: await updateUser(commandOf(ctx), { ...given(input), id: idOf(input.id, 'User', 'id') }),
    }),
  }),
  deactivateUser: t.field({
    type: UserPayload,
    authScopes: { admin: true },
    description: 'The user can no longer sign in and their tokens stop working at once.',
    args: { input: t.arg({ type: UserVersionInput }) },
    resolve: async (_r, { input }, ctx) => ({
      user: await deactivateUser(commandOf(ctx), { id: idOf(input.id, 'User', 'id'), version: input.version }),
    }),
  }),
  reactivateUser: t.field({
    type: UserPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UserVersionInput }) },
    resolve: async (_r, { input }, ctx) => ({
      user: await reactivateUser(commandOf(ctx), { id: idOf(input.id, 'User', 'id'), version: input.version }),
    }),
  }),
  resetUserPassword: t.field({
    type: UserPayload,
    authScopes: { admin: true },
    description: "Sets a new password for a user of the admin's subtree; their existing tokens stop working.",
    args: { input: t.arg({ type: ResetUserPasswordInput }) },
    resolve: async (_r, { input }, ctx) => ({
      user: await resetUserPassword(commandOf(ctx), {
        id: idOf(input.id, 'User', 'id'),
        version: input.version,
        newPassword: input.newPassword,
      }),
    }),
  }),
  changePassword: t.field({
    type: builder.objectRef<{ user: UserRow; token: string; expiresAt: Date }>('ChangePasswordPayload').implement({
      description: 'Tokens issued before the change stop working; use the new token.',
      fields: (f) => ({
        user: f.field({ type: User, resolve: (p) => p.user }),
        token: f.exposeString('token'),
        expiresAt: f.expose('expiresAt', { type: 'DateTime' }),
      }),
    }),
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ChangePasswordInput }) },
    resolve: async (_r, { input }, ctx) => {
      const user = await changePassword(commandOf(ctx), input);
      const { token, expiresAt } = await ctx.services.tokens.sign(
        { userId: user.id, tenantId: user.tenantId, tokenVersion: user.tokenVersion },
        ctx.now,
      );
      return { user, token, expiresAt };
    },
  }),
}));
