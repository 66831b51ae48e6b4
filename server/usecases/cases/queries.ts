import { and, asc, desc, eq, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { caseAccessLog, caseEvents, cases } from '../../../schema/db/cases.js';
import type { Executor } from '../../db/client.js';
import type { CaseState } from '../../domain/cases/states.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { publicTenants } from '../../../schema/db/public-views.js';
import { handledHere, reviveProjection, type CaseRow } from './store.js';

/**
 * VISIBLE: all the viewer may see; HANDLED_HERE: handled by the viewer's tenant; FIRST_RECEIVED_HERE:
 * first received by it (Art. 13); FIRST_RECEIVED_ELSEWHERE: first received by it and now handled by
 * another tenant (to follow up); INCOMING_TRANSFERS: transfers waiting for its decision.
 */
export const CASE_SCOPES = ['VISIBLE', 'HANDLED_HERE', 'FIRST_RECEIVED_HERE', 'FIRST_RECEIVED_ELSEWHERE', 'INCOMING_TRANSFERS'] as const;
export type CaseScope = (typeof CASE_SCOPES)[number];
export const CASE_ORDERS = ['DUE_SOONEST', 'NEWEST', 'PRIORITY'] as const;
export type CaseOrder = (typeof CASE_ORDERS)[number];

export interface CaseFilter {
  scope?: CaseScope | null;
  status?: readonly CaseState[] | null;
  channel?: readonly string[] | null;
  kind?: string | null;
  serviceItemId?: string | null;
  assigneeId?: string | null;
  mine?: boolean | null;
  overdue?: boolean | null;
  dueBefore?: Date | null;
  flagged?: boolean | null;
  search?: string | null;
  order?: CaseOrder | null;
}

/** States whose clocks run or are paused: the ones that can be overdue. */
const ACTIVE: CaseState[] = ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING'];

/**
 * Sensitive cases (Art. 11) in SQL, the same rule as canSeeCase: the assignee, the first responder,
 * and SUPERVISORs of the handler tenant or above.
 */
export function sensitiveVisibility(viewer: Viewer): SQL {
  const supervisor = hasRole(viewer, 'SUPERVISOR')
    ? sql` or ${handledHere()}`
    : sql``;
  return sql`(not ${cases.sensitive} or ${cases.assigneeUserId} = ${viewer.userId} or ${cases.firstResponderUserId} = ${viewer.userId} or ${cases.pendingTransferTenantId} = ${viewer.tenantId}${supervisor})`;
}

export function caseWhere(viewer: Viewer, f: CaseFilter, now: Date): SQL | undefined {
  const where: (SQL | undefined)[] = [sensitiveVisibility(viewer)];
  if (f.scope === 'HANDLED_HERE') where.push(eq(cases.handlerTenantId, viewer.tenantId));
  if (f.scope === 'FIRST_RECEIVED_HERE') where.push(eq(cases.firstResponderTenantId, viewer.tenantId));
  if (f.scope === 'FIRST_RECEIVED_ELSEWHERE') where.push(and(eq(cases.firstResponderTenantId, viewer.tenantId), ne(cases.handlerTenantId, viewer.tenantId)));
  if (f.scope === 'INCOMING_TRANSFERS') where.push(eq(cases.pendingTransferTenantId, viewer.tenantId));
  if (f.status?.length) where.push(inArray(cases.status, [...f.status]));
  if (f.channel?.length) where.push(inArray(cases.channel, [...f.channel]));
  if (f.kind) where.push(eq(cases.kind, f.kind));
  if (f.serviceItemId) where.push(eq(cases.serviceItemId, f.serviceItemId));
  if (f.assigneeId) where.push(eq(cases.assigneeUserId, f.assigneeId));
  if (f.mine) where.push(eq(cases.assigneeUserId, viewer.userId));
  if (f.overdue === true) where.push(and(inArray(cases.status, ACTIVE), lt(cases.committedDueAt, now)));
  if (f.overdue === false) where.push(sql`not (${cases.status} in ('OPEN','IN_PROGRESS','AWAITING_MATERIALS','TRANSFER_PENDING') and ${cases.committedDueAt} < ${now.toISOString()}::timestamptz)`);
  if (f.dueBefore) where.push(and(inArray(cases.status, ACTIVE), lt(cases.committedDueAt, f.dueBefore)));
  if (f.flagged) where.push(sql`cardinality(${cases.flags}) > 0`);
  const search = f.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // A law firm's subjects are confidential to the firm: others find its cases by number only.
    where.push(
      or(
        ilike(cases.number, pattern),
        and(ilike(cases.subject, pattern), sql`(${cases.handlerTenantId} = ${viewer.tenantId} or ${cases.handlerTenantId} not in (select id from tenants where kind = 'LAW_FIRM'))`),
      ),
    );
  }
  return and(...where);
}

export function caseOrder(order: CaseOrder | null | undefined) {
  switch (order ?? 'DUE_SOONEST') {
    case 'NEWEST':
      return [desc(cases.openedAt), asc(cases.id)];
    case 'PRIORITY':
      return [asc(cases.prioritySort), sql`${cases.committedDueAt} asc nulls last`, asc(cases.id)];
    default:
      return [sql`${cases.committedDueAt} asc nulls last`, asc(cases.prioritySort), asc(cases.id)];
  }
}

/**
 * The queue (the hot path): one statement for the page and its total; the people and service items
 * on it are batch-loaded (one statement each), whatever the page size.
 */
export async function listCases(tx: Executor, viewer: Viewer, f: CaseFilter, page: { offset: number; limit: number }, now: Date) {
  const where = caseWhere(viewer, f, now);
  const rows = await tx
    .select({ row: cases, total: sql<number>`(count(*) over ())::int`, inSubtree: handledHere(), handlerKind: publicTenants.kind })
    .from(cases)
    .leftJoin(publicTenants, eq(publicTenants.id, cases.handlerTenantId))
    .where(where)
    .orderBy(...caseOrder(f.order))
    .limit(page.limit + 1)
    .offset(page.offset);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    const [c] = await tx.select({ n: sql<number>`count(*)::int` }).from(cases).where(where);
    total = c?.n ?? 0;
  }
  return { rows: rows.map((r) => ({ ...caseView(r.row, r.inSubtree), handlerKind: r.handlerKind ?? 'LAW_FIRM' })), total };
}

export interface CaseView {
  row: CaseRow;
  projection: ReturnType<typeof reviveProjection>;
  handledInSubtree: boolean;
  /** The handler tenant's kind when the query joined it (queues); otherwise loaded when needed. */
  handlerKind?: string;
}

export const caseView = (row: CaseRow, handledInSubtree: boolean): CaseView => ({
  row,
  projection: reviveProjection(row.projection),
  handledInSubtree,
});

/** A case's ledger, oldest first. */
export function caseLedger(tx: Executor, caseId: string) {
  return tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
}

/** Who revealed what of a case (Art. 26), newest first. */
export function caseAccessEntries(tx: Executor, caseId: string) {
  return tx.select().from(caseAccessLog).where(eq(caseAccessLog.caseId, caseId)).orderBy(desc(caseAccessLog.at));
}
