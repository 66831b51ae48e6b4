import { integer, jsonb, numeric, pgView, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { commitmentKind, commitmentMetric } from './disclosure.js';
import type { ServiceItemContent } from './catalogue.js';
import { tenantKind } from './tenancy.js';

// The public part (Art. 17): views created in the catalogue_security migration, declared here
// for typed queries. Only published content of active tenants; no personal data.

export const publicTenants = pgView('public_tenants', {
  id: uuid('id').notNull(),
  parentId: uuid('parent_id'),
  kind: tenantKind('kind').notNull(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  divisionCode: text('division_code'),
  address: text('address'),
  phone: text('phone'),
  officeHours: text('office_hours'),
  statutoryDuties: text('statutory_duties'),
  introduction: text('introduction'),
  depth: integer('depth').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
}).existing();

export const publicServiceItems = pgView('public_service_items', {
  id: uuid('id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  sortOrder: integer('sort_order').notNull(),
  versionNo: integer('version_no').notNull(),
  content: jsonb('content').$type<ServiceItemContent>().notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
}).existing();

export const publicCommitments = pgView('public_commitments', {
  id: uuid('id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  kind: commitmentKind('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  sortOrder: integer('sort_order').notNull(),
  metric: commitmentMetric('metric'),
  target: numeric('target', { precision: 10, scale: 2, mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
}).existing();
