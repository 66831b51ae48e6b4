import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, id, table, version } from './columns.js';
import { tenants, users } from './tenancy.js';

/**
 * Major incidents (Art. 19): reported by a tenant, seen by every tenant above it. The history
 * (updates, resolution) is in incident_updates; each level's acknowledgement in incident_levels.
 */
export const incidents = table(
  'incidents',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    reporterUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    category: text().notNull(),
    severity: text().notNull(),
    occurredAt: at().notNull(),
    place: text().notNull(),
    peopleCount: integer().notNull(),
    description: text().notNull(),
    actionsTaken: text().notNull(),
    status: text().notNull().default('OPEN'),
    resolvedAt: at(),
    reportedAt: at().notNull(),
    version: version(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [index('incidents_tenant_idx').on(t.tenantId, t.reportedAt), index('incidents_status_idx').on(t.status, t.severity)],
);

export const incidentUpdates = table(
  'incident_updates',
  {
    id: id(),
    incidentId: uuid().notNull().references(() => incidents.id, { onDelete: 'restrict' }),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    kind: text().notNull(),
    text: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    at: at().notNull(),
  },
  (t) => [index('incident_updates_incident_idx').on(t.incidentId, t.at)],
);

/** One row per tenant above the reporting one: when it must acknowledge, and whether it did. */
export const incidentLevels = table(
  'incident_levels',
  {
    incidentId: uuid().notNull().references(() => incidents.id, { onDelete: 'restrict' }),
    /** The reporting tenant, for row-level security. */
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    levelTenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    depth: integer().notNull(),
    ackDueAt: at().notNull(),
    acknowledgedAt: at(),
    acknowledgedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    escalatedAt: at(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.levelTenantId] }), index('incident_levels_due_idx').on(t.ackDueAt).where(sql`${t.acknowledgedAt} is null and ${t.escalatedAt} is null`)],
);

export const ALERT_KINDS = ['REPORTED', 'UPDATED', 'ESCALATED', 'ACKNOWLEDGED', 'RESOLVED'] as const;

/**
 * Incident alerts: written in the same transaction as the change, numbered by a sequence, read by
 * subscribers from a cursor — stored before sent, so none is lost. `tenant_id` is the reporting
 * tenant: every tenant above it (and it) may read them.
 */
export const incidentAlerts = table(
  'incident_alerts',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    incidentId: uuid().notNull().references(() => incidents.id, { onDelete: 'restrict' }),
    kind: text().notNull(),
    /** For an escalation: the level that did not acknowledge in time. */
    levelTenantId: uuid().references(() => tenants.id, { onDelete: 'restrict' }),
    payload: jsonb().notNull(),
    at: at().notNull(),
  },
  (t) => [index('incident_alerts_tenant_seq_idx').on(t.tenantId, t.seq)],
);
