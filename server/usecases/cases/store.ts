import { and, eq, sql } from 'drizzle-orm';
import { caseEvents, cases } from '../../../schema/db/cases.js';
import { caseActivity } from '../../../schema/db/stats.js';
import { activityOf } from '../../domain/stats/activity.js';
import type { Executor, Tx } from '../../db/client.js';
import { applyEvent, type CaseEvent, type CaseProjection } from '../../domain/cases/projection.js';
import { canonicalJson } from '../../domain/ledger/canonical.js';
import { nextEntry } from '../../domain/ledger/chain.js';
import { notFound, staleVersion } from '../../domain/shared/errors.js';
import { parseCaseNumber } from '../../domain/cases/case-number.js';

export type CaseRow = typeof cases.$inferSelect;

/** A case as commands see it: the row, its projection with real Dates, and whether the viewer's subtree holds it. */
export interface LoadedCase {
  row: CaseRow;
  projection: CaseProjection;
  /** The handler tenant is the viewer's tenant or below it. */
  handledInSubtree: boolean;
}

/** Who did it: a user of a tenant, or nobody (an anonymous visitor, a system job). */
export interface Actor {
  userId: string | null;
  tenantId: string | null;
}

// Keys whose string values are instants in a stored projection. Personal and form data are never
// revived (a form answer may look like a date-time and must stay the text it was).
const INSTANT_KEY = /^(at|reportBy|decideBy|respondBy|pausedSince)$|At$/;
const OPAQUE_KEYS = new Set(['formData', 'requester']);

/** A projection read back from jsonb, with its instants as Dates again. */
export function reviveProjection(json: unknown): CaseProjection {
  const walk = (value: unknown, key: string): unknown => {
    if (OPAQUE_KEYS.has(key)) return value;
    if (typeof value === 'string') return INSTANT_KEY.test(key) ? new Date(value) : value;
    if (Array.isArray(value)) return value.map((v) => walk(v, ''));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk(json, '') as CaseProjection;
}

/** JSON data as jsonb stores it (Dates as ISO strings, no undefined). */
export const asJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * Whether the case is handled in the viewer's subtree, or waits there for a transfer decision:
 * where its supervisors may see it whole (sensitive cases, Art. 11).
 */
export const handledHere = () =>
  sql<boolean>`(${cases.handlerTenantId} in (select tp_subtree()) or coalesce(${cases.pendingTransferTenantId} in (select tp_subtree()), false))`;

/** Loads a case the viewer can see (row-level security decides); NOT_FOUND otherwise. */
export async function loadCase(tx: Executor, id: string): Promise<LoadedCase> {
  const [found] = await tx
    .select({ row: cases, handledInSubtree: handledHere() })
    .from(cases)
    .where(eq(cases.id, id));
  if (!found) throw notFound('case');
  return { row: found.row, projection: reviveProjection(found.row.projection), handledInSubtree: found.handledInSubtree };
}

/** The columns queues filter and sort on, from the projection. */
export function columnsOf(p: CaseProjection) {
  return {
    handlerTenantId: p.handlerTenantId,
    firstResponderUserId: p.firstResponder.userId,
    assigneeUserId: p.assigneeUserId,
    status: p.status,
    kind: p.kind,
    channel: p.channel,
    serviceItemId: p.serviceItem?.id ?? null,
    serviceItemVersion: p.serviceItem?.version ?? null,
    subject: p.subject,
    sensitive: p.sensitive,
    prioritySort: p.priority.sortKey,
    statutoryDueAt: p.clocks.statutory.dueAt,
    committedDueAt: p.clocks.committed.dueAt,
    updatedAt: p.updatedAt,
    flags: p.flags,
    followUpDueAt: p.followUpPending ? p.followUpDueAt : null,
    appealStatus: p.rating?.appeal?.status ?? null,
    pendingTransferTenantId: p.status === 'TRANSFER_PENDING' ? (p.transfer?.toTenantId ?? null) : null,
    assignedByTenantId: p.assignment?.fromTenantId ?? null,
  };
}

function ledgerRow(caseId: string, tenantId: string, actor: Actor, event: CaseEvent, recordedAt: Date, prev: { seq: number; hash: string } | null) {
  const payload = asJson(event.payload);
  canonicalJson(payload); // refuses what has no canonical form before anything is written
  const entry = nextEntry(prev, {
    caseId,
    type: event.type,
    tenantId,
    actorUserId: actor.userId,
    actorTenantId: actor.tenantId,
    businessAt: event.at.toISOString(),
    recordedAt: recordedAt.toISOString(),
    payload,
  });
  return {
    entry,
    values: {
      caseId,
      tenantId,
      seq: entry.seq,
      type: entry.type,
      actorUserId: actor.userId,
      actorTenantId: actor.tenantId,
      businessAt: event.at,
      recordedAt,
      payload,
      prevHash: entry.prevHash,
      hash: entry.hash,
    },
  };
}

export interface NewCase {
  id?: string;
  event: CaseEvent & { type: 'OPENED' };
  actor: Actor;
  recordedAt: Date;
  extra?: Partial<Pick<CaseRow, 'idempotencyKey' | 'requestHash' | 'trackingCode' | 'trackingSecretHash'>>;
}

/** Creates a case from its OPENED event: the row and the first ledger entry, in the caller's transaction. */
export async function insertCase(tx: Tx, c: NewCase): Promise<LoadedCase> {
  const projection = applyEvent(null, c.event);
  const year = parseCaseNumber(projection.number)!.year;
  const [row] = await tx
    .insert(cases)
    .values({
      ...(c.id ? { id: c.id } : {}),
      ...columnsOf(projection),
      originTenantId: projection.originTenantId,
      firstResponderTenantId: projection.firstResponder.tenantId,
      number: projection.number,
      year,
      openedAt: projection.openedAt,
      projection: asJson(projection),
      lastSeq: 0,
      lastHash: '',
      ...c.extra,
    })
    .returning({ id: cases.id });
  const { entry, values } = ledgerRow(row!.id, projection.handlerTenantId, c.actor, c.event, c.recordedAt, null);
  await tx.insert(caseEvents).values(values);
  const [saved] = await tx
    .update(cases)
    .set({ lastSeq: entry.seq, lastHash: entry.hash })
    .where(eq(cases.id, row!.id))
    .returning();
  return { row: saved!, projection, handledInSubtree: true };
}

export interface Append {
  /** The version the caller read; a different current version is CONFLICT. */
  expectedVersion: number;
  event: CaseEvent;
  actor: Actor;
  recordedAt: Date;
  /** Columns the projection does not carry (the quiet-period close time). */
  extra?: Partial<Pick<CaseRow, 'closesAt' | 'transferRejectedByTenantId'>>;
  /** The tenant whose ledger the event belongs to; default: the tenant holding the case before it. */
  ledgerTenantId?: string;
  /** A rejected transfer goes back to its sender: the writer may read the row only while writing it. */
  handingBack?: boolean;
}

/**
 * Appends one event: the state machine and the case rules decide (applyEvent), then the row is
 * updated only if its version is still the one the caller read, and the ledger entry chained to
 * the row's head is inserted in the same transaction. Of concurrent appends on one version
 * exactly one succeeds; the others are CONFLICT and write nothing.
 */
export async function appendEvent(tx: Tx, current: LoadedCase, a: Append): Promise<LoadedCase> {
  if (current.row.version !== a.expectedVersion) throw staleVersion('the case');
  const projection = applyEvent(current.projection, a.event);
  const tenantId = a.ledgerTenantId ?? current.projection.handlerTenantId;
  const prev = current.row.lastSeq > 0 ? { seq: current.row.lastSeq, hash: current.row.lastHash } : null;
  const { entry, values } = ledgerRow(current.row.id, tenantId, a.actor, a.event, a.recordedAt, prev);
  const set = {
    ...columnsOf(projection),
    ...(projection.status === 'RESOLVED' ? {} : { closesAt: null }),
    ...a.extra,
    projection: asJson(projection),
    lastSeq: entry.seq,
    lastHash: entry.hash,
    version: sql`${cases.version} + 1`,
  };
  if (a.handingBack) {
    // The statements in which a rejecting tenant may read the row it hands back (see the
    // transfers security migration); the setting ends with the transaction.
    await tx.execute(sql`select set_config('app.handing_back', ${current.row.id}, true)`);
  }
  const [row] = await tx
    .update(cases)
    .set(set)
    .where(and(eq(cases.id, current.row.id), eq(cases.version, a.expectedVersion)))
    .returning();
  if (!row) {
    if (a.handingBack) await tx.execute(sql`select set_config('app.handing_back', '', true)`);
    throw staleVersion('the case');
  }
  // Counted once the version check has passed (a lost race is a CONFLICT, nothing else), and while
  // a tenant handing a transfer back may still read the row (the activity's policy asks).
  const activity = activityOf(current.projection, a.event);
  if (activity.length) await tx.insert(caseActivity).values(activity.map((x) => ({ ...x, caseId: current.row.id })));
  if (a.handingBack) await tx.execute(sql`select set_config('app.handing_back', '', true)`);
  await tx.insert(caseEvents).values(values);
  return { row, projection, handledInSubtree: current.handledInSubtree };
}
