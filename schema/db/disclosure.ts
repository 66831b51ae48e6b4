import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgEnum, text, uuid } from 'drizzle-orm/pg-core';
import { id, table, timestamps, version } from './columns.js';
import { tenants } from './tenancy.js';

export const COMMITMENT_KINDS = ['ATTITUDE', 'TIME_LIMIT', 'QUALITY', 'RESPONSE_TIME', 'OTHER'] as const;
export const COMMITMENT_METRICS = [
  'ON_TIME_RATE',
  'HOTLINE_ANSWER_SECONDS',
  'CHAT_ANSWER_SECONDS',
  'MESSAGE_REPLY_MINUTES',
  'SATISFACTION_RATE',
] as const;
export type CommitmentMetric = (typeof COMMITMENT_METRICS)[number];

export const commitmentKind = pgEnum('commitment_kind', COMMITMENT_KINDS);
export const commitmentMetric = pgEnum('commitment_metric', COMMITMENT_METRICS);

/** Published service commitments (Art. 16), optionally bound to a measured metric (Art. 21). */
export const commitments = table(
  'commitments',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    kind: commitmentKind().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    sortOrder: integer().notNull().default(0),
    metric: commitmentMetric(),
    target: numeric({ precision: 10, scale: 2, mode: 'number' }),
    published: boolean().notNull().default(false),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('commitments_tenant_idx').on(t.tenantId, t.sortOrder),
    check('commitments_metric_target', sql`(${t.metric} is null) = (${t.target} is null)`),
  ],
);

export const PHRASE_KINDS = ['STANDARD', 'FORBIDDEN'] as const;
export const phraseKind = pgEnum('phrase_kind', PHRASE_KINDS);

/**
 * The phrase library (Art. 23, 26): standard reply templates and forbidden phrases. A tenant's
 * effective lists are its own plus its ancestors' (the root's apply to everyone).
 */
export const phrases = table(
  'phrases',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'restrict' }),
    kind: phraseKind().notNull(),
    text: text().notNull(),
    note: text(),
    active: boolean().notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('phrases_tenant_kind_idx').on(t.tenantId, t.kind)],
);

/** Municipal response-time defaults (Art. 21), set by root admins; tenants may commit to better. */
export interface ResponseTimeDefaults {
  hotlineAnswerSeconds: number;
  chatAnswerSeconds: number;
  messageReplyMinutes: number;
}

/** Platform-wide settings, one row per key; reference data everyone reads, the root writes. */
export const platformSettings = table('platform_settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  version: version(),
  ...timestamps(),
});
