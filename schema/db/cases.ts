import { boolean, index, integer, jsonb, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { serviceItems } from './catalogue.js';
import { at, id, table, version } from './columns.js';
import { tenants, users } from './tenancy.js';

/**
 * A case (DESIGN.md "Case"): the projection of its ledger events (server/domain/cases/projection.ts)
 * kept as one JSON document, plus the columns queues filter and sort on. States, kinds and
 * channels are the domain's vocabularies (text here; the domain validates every write).
 */
export const cases = table(
  'cases',
  {
    id: id(),
    originTenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    handlerTenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    firstResponderTenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    firstResponderUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    assigneeUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    number: text().notNull(),
    year: integer().notNull(),
    status: text().notNull(),
    kind: text().notNull(),
    channel: text().notNull(),
    serviceItemId: uuid().references(() => serviceItems.id, { onDelete: 'restrict' }),
    serviceItemVersion: integer(),
    subject: text().notNull(),
    sensitive: boolean().notNull().default(false),
    prioritySort: integer().notNull(),
    openedAt: at().notNull(),
    statutoryDueAt: at(),
    committedDueAt: at(),
    updatedAt: at().notNull(),
    projection: jsonb().notNull(),
    /** The ledger's head: a truncated or rewritten tail is caught against these. */
    lastSeq: integer().notNull(),
    lastHash: text().notNull(),
    version: version(),
  },
  (t) => [
    uniqueIndex('cases_origin_number_key').on(t.originTenantId, t.number),
    index('cases_handler_status_idx').on(t.handlerTenantId, t.status, t.committedDueAt),
    index('cases_assignee_idx').on(t.assigneeUserId, t.status),
    index('cases_first_responder_idx').on(t.firstResponderTenantId),
  ],
);

/**
 * The work ledger (Art. 18): append-only, hash-chained per case (server/domain/ledger/chain.ts).
 * The database refuses UPDATE, DELETE and TRUNCATE, for the owner too (see the cases_security
 * migration). `business_at` is when it happened, `recorded_at` when it was written.
 */
export const caseEvents = table(
  'case_events',
  {
    id: id(),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    seq: integer().notNull(),
    type: text().notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: 'restrict' }),
    actorTenantId: uuid().references(() => tenants.id, { onDelete: 'restrict' }),
    businessAt: at().notNull(),
    recordedAt: at().notNull(),
    payload: jsonb().notNull(),
    prevHash: text(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex('case_events_case_seq_key').on(t.caseId, t.seq),
    index('case_events_tenant_recorded_idx').on(t.tenantId, t.recordedAt),
  ],
);

/** Readable case numbers (Art. 18): one counter per tenant and year, allocated under a row lock. */
export const caseNumberCounters = table(
  'case_number_counters',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    year: integer().notNull(),
    lastSeq: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

