/**
 * The work-ledger report (工作台账, Art. 18): one row per case received in a period whose handling
 * tenant is the one asked (or, for ADMINs and SUPERVISORs, any tenant under it), in order of
 * receipt, with the columns a bureau files. "Received in the period" and "handling tenant" are
 * the statistics' own (case_facts: received day in Asia/Shanghai, the handler now), so the report
 * lists exactly the cases the statistics count as received.
 *
 * What a viewer sees is what the case queries show them: sensitive cases (Art. 11) only for those
 * who may see them, otherwise left out; the requester masked (Art. 26); a law firm's confidential
 * case without its matter, requester, way of handling and outcome (contentVisibleTo).
 */
import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../schema/db/cases.js';
import { serviceItems } from '../../../schema/db/catalogue.js';
import { caseFacts } from '../../../schema/db/stats.js';
import { tenants, users } from '../../../schema/db/tenancy.js';
import type { Executor } from '../../db/client.js';
import { contentVisibleTo } from '../../domain/cases/access.js';
import { maskRequester } from '../../domain/cases/masking.js';
import type { Rating } from '../../domain/cases/vocabulary.js';
import { type CivilDate, daysBetween, isCivilDate } from '../../domain/calendar/civil-date.js';
import { forbidden } from '../../domain/shared/errors.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import { sensitiveVisibility } from '../cases/queries.js';
import type { CommandContext } from '../context.js';
import { isInViewerSubtree } from '../tenants/queries.js';
import { parseInput, uuidString } from '../validation.js';
import { CHANNEL_LABEL, labelOf, OUTCOME_LABEL, ratingLabel, STATUS_LABEL, STRATEGY_LABEL } from '../../domain/labels.js';
import { CONFIDENTIAL_SUBJECT, ON_TIME_LABEL, RATING_SET_ASIDE } from './labels.js';
import type { TableColumn, TableRow, TableSpec } from './table.js';

/** The longest period one report covers, in days (both ends counted): a leap year. */
export const MAX_REPORT_DAYS = 366;
export const DEFAULT_BATCH_SIZE = 1000;

export const LEDGER_REPORT_COLUMNS = [
  { key: 'number', header: '编号', width: 20 },
  { key: 'channel', header: '渠道', width: 11 },
  { key: 'receivedAt', header: '受理时间', type: 'datetime' },
  { key: 'requesterName', header: '来访人', width: 10 },
  { key: 'requesterPhone', header: '联系电话', width: 14 },
  { key: 'subject', header: '事项', width: 36 },
  { key: 'serviceItem', header: '服务事项', width: 22 },
  { key: 'strategy', header: '处理方式', width: 10 },
  { key: 'handler', header: '承办单位', width: 24 },
  { key: 'assignee', header: '承办人', width: 12 },
  { key: 'statutoryDueAt', header: '法定时限', type: 'datetime' },
  { key: 'committedDueAt', header: '承诺时限', type: 'datetime' },
  { key: 'status', header: '办理状态', width: 11 },
  { key: 'resolvedAt', header: '办结时间', type: 'datetime' },
  { key: 'outcome', header: '办理结果', width: 16 },
  { key: 'onTime', header: '是否按时', width: 9 },
  { key: 'rating', header: '评价', width: 12 },
] as const satisfies readonly TableColumn[];

const civilDate = () =>
  z
    .string({ message: 'is required (YYYY-MM-DD)' })
    .refine(isCivilDate, { message: `is not a date in YYYY-MM-DD form` });

const Input = z
  .object({
    tenantId: uuidString().nullish(),
    from: civilDate(),
    to: civilDate(),
    subtree: z.boolean().default(false),
  })
  .superRefine((i, ctx) => {
    if (!isCivilDate(i.from) || !isCivilDate(i.to)) return;
    const days = daysBetween(i.from, i.to) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days > MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a report covers at most ${MAX_REPORT_DAYS} days` });
  });
export type LedgerReportInput = z.input<typeof Input>;

export interface LedgerReportQuery {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  /** Civil dates in Asia/Shanghai, both included. */
  from: CivilDate;
  to: CivilDate;
  /** The tenant and every tenant below it. */
  subtree: boolean;
}

/**
 * Checks a report request and who asks (Art. 18). ADMINs and SUPERVISORs report on any tenant in
 * their subtree, optionally with everything below it; STAFF on their own tenant only. A tenant
 * outside the viewer's subtree is FORBIDDEN whether or not it exists.
 */
export async function authorizeLedgerReport(ctx: CommandContext, raw: LedgerReportInput): Promise<LedgerReportQuery> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  const overseer = hasRole(viewer, 'ADMIN') || hasRole(viewer, 'SUPERVISOR');
  if (!overseer) {
    if (!hasRole(viewer, 'STAFF')) throw forbidden('work-ledger reports are for staff, supervisors and admins');
    if (tenantId !== viewer.tenantId) throw forbidden("staff report on their own tenant's cases only");
    if (input.subtree) throw forbidden('reports over a subtree are for ADMINs and SUPERVISORs');
  }
  const outside = forbidden("reports cover the viewer's own tenant and the tenants below it");
  if (!(await isInViewerSubtree(ctx.tx, tenantId))) throw outside;
  const [tenant] = await ctx.tx.select({ name: tenants.name, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw outside;
  return { tenantId, tenantName: tenant.name, tenantSlug: tenant.slug, from: input.from, to: input.to, subtree: input.subtree };
}

/** The table's heading: who, what period. */
export function ledgerReportSpec(q: LedgerReportQuery): TableSpec {
  return {
    columns: LEDGER_REPORT_COLUMNS,
    sheetName: '工作台账',
    title: `工作台账　${q.tenantName}${q.subtree ? '（含下级单位）' : ''}　${q.from} 至 ${q.to}`,
  };
}

/** Where the next batch starts: after this case, in (received day, received time, id) order. */
export interface LedgerReportCursor {
  day: CivilDate;
  receivedAt: Date;
  caseId: string;
}

/**
 * One batch of report rows after `cursor`, at most `limit`, in order of receipt then id. Reads
 * use the facts' (received_day, tenant_id) index; the keyset never revisits a row, so a period of
 * any length costs one short read per batch.
 */
export async function ledgerReportBatch(
  tx: Executor,
  viewer: Viewer,
  q: LedgerReportQuery,
  cursor: LedgerReportCursor | null,
  limit: number,
): Promise<{ rows: TableRow[]; next: LedgerReportCursor | null }> {
  const found = await readBatch(tx, viewer, q, cursor, limit);
  const last = found[found.length - 1];
  return {
    rows: found.map((r) => rowOf(viewer, r)),
    next: found.length === limit && last ? { day: last.day, receivedAt: last.receivedAt, caseId: last.caseId } : null,
  };
}

function readBatch(tx: Executor, viewer: Viewer, q: LedgerReportQuery, cursor: LedgerReportCursor | null, limit: number) {
  const scope: SQL = q.subtree
    ? sql`${caseFacts.tenantId} in (select descendant_id from tenant_closure where ancestor_id = ${q.tenantId}::uuid)`
    : eq(caseFacts.tenantId, q.tenantId);
  const p = cases.projection;
  return tx
    .select({
      caseId: caseFacts.caseId,
      day: caseFacts.receivedDay,
      receivedAt: caseFacts.receivedAt,
      status: caseFacts.status,
      outcome: caseFacts.outcome,
      resolvedAt: caseFacts.resolvedAt,
      statutoryDueAt: caseFacts.statutoryDueAt,
      committedDueAt: caseFacts.committedDueAt,
      onTimeStatutory: caseFacts.onTimeStatutory,
      onTimeCommitted: caseFacts.onTimeCommitted,
      number: cases.number,
      channel: cases.channel,
      subject: cases.subject,
      originTenantId: cases.originTenantId,
      firstResponderTenantId: cases.firstResponderTenantId,
      pendingTransferTenantId: cases.pendingTransferTenantId,
      // Only the parts of the projection a row shows: text, so both drivers hand back the same.
      requesterName: sql<string | null>`${p} -> 'requester' ->> 'name'`,
      requesterPhone: sql<string | null>`${p} -> 'requester' ->> 'phone'`,
      strategy: sql<string | null>`coalesce(${p} -> 'resolution' ->> 'strategy', ${p} ->> 'strategy')`,
      ratingScore: sql<string | null>`${p} -> 'rating' ->> 'score'`,
      ratingAppeal: sql<string | null>`${p} -> 'rating' -> 'appeal' ->> 'status'`,
      supervisionOpen: sql<boolean>`exists (select 1 from jsonb_array_elements(coalesce(${p} -> 'supervision', '[]'::jsonb)) o where o ->> 'status' in ('OPEN', 'RESPONDED'))`,
      handlerTenantId: caseFacts.tenantId,
      handlerName: tenants.name,
      handlerKind: tenants.kind,
      assignee: users.displayName,
      serviceItem: serviceItems.name,
    })
    .from(caseFacts)
    .innerJoin(cases, eq(cases.id, caseFacts.caseId))
    .leftJoin(tenants, eq(tenants.id, caseFacts.tenantId))
    .leftJoin(users, eq(users.id, cases.assigneeUserId))
    .leftJoin(serviceItems, eq(serviceItems.id, cases.serviceItemId))
    .where(
      and(
        scope,
        gte(caseFacts.receivedDay, cursor?.day ?? q.from),
        lte(caseFacts.receivedDay, q.to),
        // Sensitive cases (Art. 11) only for those who may see them, as everywhere else.
        sensitiveVisibility(viewer),
        cursor ? sql`(${caseFacts.receivedAt}, ${caseFacts.caseId}) > (${cursor.receivedAt.toISOString()}::timestamptz, ${cursor.caseId}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(caseFacts.receivedDay), asc(caseFacts.receivedAt), asc(caseFacts.caseId))
    .limit(limit);
}

type Found = Awaited<ReturnType<typeof readBatch>>[number];

function rowOf(viewer: Viewer, r: Found): TableRow {
  const visible = contentVisibleTo(viewer, {
    handlerTenantId: r.handlerTenantId,
    // A handler the viewer cannot read is treated as confidential, to be safe (as Case.subject does).
    handlerKind: r.handlerKind ?? 'LAW_FIRM',
    originTenantId: r.originTenantId,
    firstResponderTenantId: r.firstResponderTenantId,
    pendingTransferTenantId: r.pendingTransferTenantId,
    supervisionOpen: r.supervisionOpen,
  });
  const requester = visible ? maskRequester({ name: r.requesterName, phone: r.requesterPhone, residentId: null, otherContact: null }) : null;
  const onTime =
    r.onTimeStatutory === null || r.onTimeCommitted === null ? ON_TIME_LABEL.none : r.onTimeStatutory && r.onTimeCommitted ? ON_TIME_LABEL.yes : ON_TIME_LABEL.no;
  const rating = r.ratingScore ? ratingLabel(r.ratingScore as Rating) + (r.ratingAppeal === 'UPHELD' ? RATING_SET_ASIDE : '') : null;
  return {
    number: r.number,
    channel: labelOf(CHANNEL_LABEL, r.channel),
    receivedAt: r.receivedAt,
    requesterName: requester?.name ?? null,
    requesterPhone: requester?.phone ?? null,
    subject: visible ? r.subject : CONFIDENTIAL_SUBJECT,
    serviceItem: r.serviceItem,
    strategy: visible ? labelOf(STRATEGY_LABEL, r.strategy) : null,
    handler: r.handlerName,
    assignee: r.assignee,
    statutoryDueAt: r.statutoryDueAt,
    committedDueAt: r.committedDueAt,
    status: labelOf(STATUS_LABEL, r.status),
    resolvedAt: r.resolvedAt,
    outcome: visible ? labelOf(OUTCOME_LABEL, r.outcome) : null,
    // On time: resolved by both due dates (statutory and committed, Art. 15).
    onTime,
    rating,
  };
}

/** Runs one read in its own short tenant transaction (the caller's: withTenant, read-only). */
export type ReadRunner = <T>(read: (tx: Executor) => Promise<T>) => Promise<T>;

/**
 * The report's rows, batch by batch, each batch read in its own transaction through `run`: no
 * transaction stays open while the client reads, and nothing holds more than one batch. A case
 * keeps its place in the order (its receipt time never changes), so every case comes out at most
 * once, in order, even when cases change between batches.
 */
export async function* ledgerReportRows(
  run: ReadRunner,
  viewer: Viewer,
  q: LedgerReportQuery,
  options: { batchSize?: number } = {},
): AsyncGenerator<TableRow, void, undefined> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer: ${batchSize}`);
  let cursor: LedgerReportCursor | null = null;
  do {
    const at: LedgerReportCursor | null = cursor;
    const batch: Awaited<ReturnType<typeof ledgerReportBatch>> = await run((tx) => ledgerReportBatch(tx, viewer, q, at, batchSize));
    yield* batch.rows;
    cursor = batch.next;
  } while (cursor);
}

