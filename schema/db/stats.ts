import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { at, id, table } from './columns.js';
import { tenants, users } from './tenancy.js';

/**
 * One row per case with what statistics count (Art. 12, 16, 17), kept by the same transaction
 * that writes the case (server/usecases/cases/store.ts), from its projection: so a report over a
 * period and a subtree is a plain aggregate over narrow rows and a day index, whatever the size
 * of the ledgers behind it. Days are Asia/Shanghai civil dates. No personal data.
 */
export const caseFacts = table(
  'case_facts',
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The handling tenant now (the one a report counts the case for). */
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    originTenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    channel: text().notNull(),
    kind: text().notNull(),
    /** The service item's category; null for a case without one. */
    category: text(),
    serviceItemId: uuid(),
    status: text().notNull(),
    outcome: text(),
    receivedAt: at().notNull(),
    receivedDay: date({ mode: 'string' }).notNull(),
    resolvedAt: at(),
    resolvedDay: date({ mode: 'string' }),
    statutoryDueAt: at(),
    committedDueAt: at(),
    /** Resolved by the due date of each clock (null while unresolved). */
    onTimeStatutory: boolean(),
    onTimeCommitted: boolean(),
    /** Working days from receipt to resolution, pauses for materials left out (Art. 15). */
    workingDays: integer(),
    extended: boolean().notNull().default(false),
    /** 1 (非常不满意) … 5 (非常满意). */
    rating: smallint(),
    ratedDay: date({ mode: 'string' }),
    updatedAt: at().notNull(),
  },
  (t) => [
    index('case_facts_received_idx').on(t.receivedDay, t.tenantId),
    index('case_facts_resolved_idx').on(t.resolvedDay, t.tenantId).where(sql`${t.resolvedDay} is not null`),
    index('case_facts_rated_idx').on(t.ratedDay, t.tenantId).where(sql`${t.ratedDay} is not null`),
  ],
);

export const ACTIVITY_KINDS = [
  'TRANSFER_OUT',
  'TRANSFER_IN',
  'TRANSFER_ACCEPTED',
  'TRANSFER_REJECTED',
  'ORDER_ISSUED',
  'ORDER_RESPONDED',
  'ORDER_ESCALATED',
  'FOLLOW_UP_ANSWERED',
] as const;

/**
 * Countable moments of a case's life, for the tenant they count for (transfers sent and received,
 * supervision orders issued, answered and escalated, negative-rating follow-ups answered): written
 * with the ledger event that is the moment. `onTime` for answers that had a date to meet.
 */
export const caseActivity = table(
  'case_activity',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    onTime: boolean(),
    at: at().notNull(),
    day: date({ mode: 'string' }).notNull(),
  },
  (t) => [index('case_activity_day_idx').on(t.day, t.tenantId, t.kind)],
);

export const CONTACT_CHANNELS = ['HOTLINE', 'CHAT', 'MESSAGE'] as const;

/**
 * Contacts (Art. 21): one per hotline call, chat session or left message, as the telephony or chat
 * system reports it (its own id makes a repeated post a no-op), or as staff record it.
 */
export const contacts = table(
  'contacts',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    channel: text().notNull(),
    /** The reporting system's own id (call id, session id). */
    externalId: text().notNull(),
    arrivedAt: at().notNull(),
    /** Null while unanswered, or when abandoned. */
    answeredAt: at(),
    abandoned: boolean().notNull().default(false),
    agentUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    caseId: uuid().references(() => cases.id, { onDelete: 'set null' }),
    /** The API key that posted it (null: recorded by staff). */
    apiKeyId: uuid().references(() => apiKeys.id, { onDelete: 'set null' }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_external_key').on(t.tenantId, t.channel, t.externalId),
    index('contacts_arrived_idx').on(t.tenantId, t.arrivedAt),
    // Periods over a subtree (compliance, statistics) start from the day range, like case_facts.
    index('contacts_arrived_day_idx').on(t.arrivedAt, t.tenantId),
    index('contacts_agent_idx').on(t.agentUserId, t.arrivedAt),
  ],
);

/**
 * Integration keys for a tenant's telephony and chat systems: created and revoked by its admins,
 * stored as a hash (the secret is shown once); `prefix` finds the row, the hash proves the key.
 */
export const apiKeys = table(
  'api_keys',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: at().notNull().defaultNow(),
    revokedAt: at(),
    lastUsedAt: at(),
  },
  (t) => [uniqueIndex('api_keys_prefix_key').on(t.prefix), index('api_keys_tenant_idx').on(t.tenantId)],
);
