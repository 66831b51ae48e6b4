import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** While a transfer waits (TRANSFER_PENDING): the tenant deciding, which may then see the case. */
    pendingTransferTenantId: uuid().references(() => tenants.id, { onDelete: 'restrict' }),
    /**
     * The tenant that last rejected a transfer of it: only lets that tenant's rejection write the row
     * it hands back (and may no longer read); grants nothing else (see the security migration).
     */
    transferRejectedByTenantId: uuid().references(() => tenants.id, { onDelete: 'restrict' }),
    /** The tenant that last sent the case down (交办, Art. 12): it keeps following it. */
    assignedByTenantId: uuid().references(() => tenants.id, { onDelete: 'restrict' }),
    /** Supervisors' marks (CASE_FLAGS: late materials request, reopened, negative rating). */
    flags: text().array().notNull().default(sql`'{}'::text[]`),
    /** A resolved case nobody rated closes at this time (the tenant's quiet period). */
    closesAt: at(),
    /** A negative rating's follow-up must be answered by then (null: none pending). */
    followUpDueAt: at(),
    /** PENDING while a rating appeal waits for the parent tenant's supervisor. */
    appealStatus: text(),
    /** Intake retries: the same key returns the same case; `requestHash` tells a different payload. */
    idempotencyKey: text(),
    requestHash: text(),
    /** Public self-service: a code the person quotes, and the hash of the secret only they hold. */
    trackingCode: text(),
    trackingSecretHash: text(),
    /** The ledger's head: a truncated or rewritten tail is caught against these. */
    lastSeq: integer().notNull(),
    lastHash: text().notNull(),
    version: version(),
  },
  (t) => [
    uniqueIndex('cases_origin_number_key').on(t.originTenantId, t.number),
    uniqueIndex('cases_idempotency_key').on(t.originTenantId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    uniqueIndex('cases_tracking_code_key').on(t.trackingCode).where(sql`${t.trackingCode} is not null`),
    index('cases_closes_at_idx').on(t.closesAt).where(sql`${t.status} = 'RESOLVED'`),
    index('cases_opened_idx').on(t.handlerTenantId, t.openedAt),
    index('cases_handler_status_idx').on(t.handlerTenantId, t.status, t.committedDueAt),
    index('cases_assignee_idx').on(t.assigneeUserId, t.status),
    index('cases_first_responder_idx').on(t.firstResponderTenantId),
    index('cases_pending_transfer_idx').on(t.pendingTransferTenantId).where(sql`${t.pendingTransferTenantId} is not null`),
    index('cases_assigned_by_idx').on(t.assignedByTenantId).where(sql`${t.assignedByTenantId} is not null`),
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
    index('case_events_tenant_recorded_idx').on(t.tenantId, t.recordedAt, t.caseId, t.seq),
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


/**
 * Who revealed which personal field of which case, and why (Art. 26). Insert-only: the application
 * role has no UPDATE or DELETE grant and a trigger refuses them for the owner too.
 */
export const caseAccessLog = table(
  'case_access_log',
  {
    id: id(),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
    /** The case's handler tenant at the time. */
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    viewerTenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'restrict' }),
    field: text().notNull(),
    reason: text().notNull(),
    at: at().notNull(),
  },
  (t) => [index('case_access_log_user_at_idx').on(t.userId, t.at), index('case_access_log_case_idx').on(t.caseId, t.at)],
);

/** A tenant's case-handling settings; a tenant without a row uses the defaults (server/domain/cases/settings.ts). */
export const tenantCaseSettings = table('tenant_case_settings', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'restrict' }),
  settings: jsonb().notNull(),
  version: version(),
  updatedAt: at().notNull().defaultNow(),
});

/**
 * Fixed-window counters for anonymous requests (public inquiries, tracking), keyed by a hash of the
 * client, never its address. Reached only through tp_rate_limit_hit (SECURITY DEFINER).
 */
export const rateLimitHits = table(
  'rate_limit_hits',
  {
    bucket: text().notNull(),
    windowStart: at().notNull(),
    hits: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

export const SUPERVISION_ORDER_STATUSES = ['OPEN', 'RESPONDED', 'CLOSED', 'ESCALATED'] as const;

/**
 * Supervision orders (督办, Art. 12, 15): the queue side of the SUPERVISION_* ledger events, kept
 * in the same transaction. `tenant_id` is the handler tenant when the order was issued.
 */
export const supervisionOrders = table(
  'supervision_orders',
  {
    id: uuid().primaryKey(),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    issuerTenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    issuerUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text().notNull(),
    respondBy: at().notNull(),
    status: text().notNull().default('OPEN'),
    automatic: boolean().notNull().default(false),
    escalatedFromId: uuid(),
    response: text(),
    respondedAt: at(),
    respondedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reminders: integer().notNull().default(0),
    closedAt: at(),
    issuedAt: at().notNull(),
    version: version(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index('supervision_orders_issuer_idx').on(t.issuerTenantId, t.status, t.respondBy),
    index('supervision_orders_tenant_idx').on(t.tenantId, t.status, t.respondBy),
    index('supervision_orders_case_idx').on(t.caseId),
  ],
);

export const NOTIFICATION_KINDS = [
  'TRANSFER_RECEIVED',
  'TRANSFER_DECIDED',
  'CASE_ASSIGNED',
  'SUPERVISION_ISSUED',
  'SUPERVISION_ESCALATED',
  'SUPERVISION_RESPONDED',
  'DEADLINE_WARNING',
  'OVERDUE',
  'FEEDBACK_POSTED',
] as const;

/**
 * Durable notifications: to one user, or (user_id null) to every caseworker of a tenant, so a
 * sender never needs to read another tenant's users. `dedupe_key` makes the sweeper's notices
 * idempotent. Read marks are per user (notification_reads).
 */
export const notifications = table(
  'notifications',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    caseId: uuid().references(() => cases.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    dedupeKey: text(),
    createdAt: at().notNull().defaultNow(),
    /**
     * Delivery order for live subscribers (`notificationAdded(after:)`): assigned by a trigger under
     * a lock held to commit, so numbers become visible in order (see the alerts migration).
     */
    seq: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [
    uniqueIndex('notifications_seq_key').on(t.seq),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_tenant_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
  ],
);

export const notificationReads = table(
  'notification_reads',
  {
    notificationId: uuid().notNull().references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    readAt: at().notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
