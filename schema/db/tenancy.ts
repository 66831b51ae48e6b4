import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, id, table, timestamps, version } from './columns.js';

export const TENANT_KINDS = [
  'MUNICIPAL_BUREAU',
  'DISTRICT_BUREAU',
  'JUDICIAL_OFFICE',
  'HOTLINE_CENTER',
  'LEGAL_AID_CENTER',
  'LAW_FIRM',
  'NOTARY_OFFICE',
  'MEDIATION_COMMITTEE',
  'APPRAISAL_INSTITUTION',
] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

export const TENANT_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const USER_ROLES = ['ADMIN', 'STAFF', 'SUPERVISOR'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const tenantKind = pgEnum('tenant_kind', TENANT_KINDS);
export const tenantStatus = pgEnum('tenant_status', TENANT_STATUSES);

/**
 * The tenant tree. Exactly one root (parent_id null), the municipal bureau.
 * The profile columns feed the public disclosure pages (Art. 17).
 * `depth` and the closure table are maintained by a database trigger (see the security migration),
 * so a create or move can never leave them inconsistent.
 */
export const tenants = table(
  'tenants',
  {
    id: id(),
    parentId: uuid().references((): AnyPgColumn => tenants.id, { onDelete: 'restrict' }),
    kind: tenantKind().notNull(),
    slug: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    divisionCode: text(),
    address: text(),
    phone: text(),
    officeHours: text(),
    statutoryDuties: text(),
    introduction: text(),
    status: tenantStatus().notNull().default('ACTIVE'),
    depth: integer().notNull().default(0),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('tenants_slug_key').on(t.slug),
    uniqueIndex('tenants_single_root').on(sql`(true)`).where(sql`${t.parentId} is null`),
    index('tenants_parent_idx').on(t.parentId),
    check('tenants_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
  ],
);

/** Closure table: one row per (ancestor, descendant) pair, including (t, t, 0). */
export const tenantClosure = table(
  'tenant_closure',
  {
    ancestorId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    descendantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    depth: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index('tenant_closure_descendant_idx').on(t.descendantId, t.ancestorId),
  ],
);

/** Users belong to one tenant. Usernames are unique platform-wide, case-insensitively. */
export const users = table(
  'users',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    username: text().notNull(),
    displayName: text().notNull(),
    phone: text(),
    roles: text().array().notNull().default(sql`'{}'::text[]`),
    active: boolean().notNull().default(true),
    passwordHash: text().notNull(),
    /** Bumped on password change and deactivation: tokens carrying an older value are refused. */
    tokenVersion: integer().notNull().default(1),
    passwordChangedAt: at().notNull().defaultNow(),
    lastLoginAt: at(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    index('users_tenant_idx').on(t.tenantId),
    check('users_roles_known', sql`${t.roles} <@ array['ADMIN','STAFF','SUPERVISOR']::text[]`),
  ],
);
