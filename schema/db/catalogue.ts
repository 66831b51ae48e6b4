import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, jsonb, pgEnum, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, table, timestamps, version } from './columns.js';
import { tenants, users } from './tenancy.js';

export const SERVICE_CATEGORIES = [
  'LAWYER',
  'NOTARY',
  'LEGAL_AID',
  'MEDIATION',
  'APPRAISAL',
  'EXAM',
  'LEGAL_EDUCATION',
  'CONSULTATION',
  'OTHER',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const CHANNELS = ['ONSITE', 'HOTLINE', 'ONLINE', 'MESSAGE', 'APP', 'WECHAT'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LIMIT_UNITS = ['WORKING_DAYS', 'CALENDAR_DAYS', 'HOURS'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export const SERVICE_ITEM_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type ServiceItemStatus = (typeof SERVICE_ITEM_STATUSES)[number];

export interface TimeLimit {
  unit: LimitUnit;
  amount: number;
}

/** A form field as stored; server/domain/forms validates it (type-specific config). */
export interface FormFieldData {
  key: string;
  label: string;
  type: string;
  required: boolean;
  helpText?: string | null;
  config: Record<string, unknown>;
}

/**
 * Everything a service item says (Art. 10, 17, 24), as one document: the draft on the item row,
 * and frozen copies in service_item_versions once published.
 */
export interface ServiceItemContent {
  code: string;
  name: string;
  category: ServiceCategory;
  legalBasis: string;
  conditions: string;
  procedure: { title: string; description: string }[];
  rightsAndObligations: string;
  fee: string;
  results: string;
  statutoryLimit: TimeLimit;
  committedLimit: TimeLimit;
  channels: Channel[];
  materials: { key: string; name: string; required: boolean; note?: string | null }[];
  form: { fields: FormFieldData[] };
  stages: { key: string; name: string; budgetWorkingDays: number }[];
}

export const serviceItemStatus = pgEnum('service_item_status', SERVICE_ITEM_STATUSES);
export const serviceCategory = pgEnum('service_category', SERVICE_CATEGORIES);

/**
 * A tenant's service item. `draft` is what admins edit; `published_version` points at the frozen
 * copy the public and new cases see. Root items may be templates other tenants adopt.
 */
export const serviceItems = table(
  'service_items',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    code: text().notNull(),
    name: text().notNull(),
    category: serviceCategory().notNull(),
    status: serviceItemStatus().notNull().default('DRAFT'),
    draft: jsonb().$type<ServiceItemContent>().notNull(),
    /** True when the draft differs from the published version (edited since publishing). */
    hasUnpublishedChanges: boolean().notNull().default(true),
    publishedVersion: integer(),
    isTemplate: boolean().notNull().default(false),
    adoptedFromItemId: uuid().references((): AnyPgColumn => serviceItems.id, { onDelete: 'set null' }),
    adoptedFromVersion: integer(),
    sortOrder: integer().notNull().default(0),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('service_items_tenant_code_key').on(t.tenantId, t.code),
    index('service_items_tenant_status_idx').on(t.tenantId, t.status),
    index('service_items_templates_idx').on(t.isTemplate).where(sql`${t.isTemplate}`),
  ],
);

/** Frozen, published versions: insert-only (the application role may not update or delete them). */
export const serviceItemVersions = table(
  'service_item_versions',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    itemId: uuid().notNull().references(() => serviceItems.id, { onDelete: 'restrict' }),
    versionNo: integer().notNull(),
    content: jsonb().$type<ServiceItemContent>().notNull(),
    publishedAt: at().notNull().defaultNow(),
    publishedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('service_item_versions_item_no_key').on(t.tenantId, t.itemId, t.versionNo)],
);
