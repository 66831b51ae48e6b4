import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { cases, supervisionOrders } from '../../../schema/db/cases.js';
import { rowsOf, type Executor, type Tx } from '../../db/client.js';
import { computeAllowingProvisional } from '../../domain/calendar/calendar.js';
import { addWorkingDays } from '../../domain/calendar/deadlines.js';
import { canHandleCase } from '../../domain/cases/access.js';
import { parseCaseEvent } from '../../domain/cases/projection.js';
import { conflict, forbidden, notFound, staleVersion } from '../../domain/shared/errors.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import { loadWorkCalendar } from '../calendar/work-calendar.js';
import type { CommandContext } from '../context.js';
import { noticeTitle, notify } from '../notifications/notifications.js';
import { loadAncestry } from '../tenants/queries.js';
import { optionalText, parseInput, requiredText, uuidString, versionTarget } from '../validation.js';
import { caseFor } from './lifecycle.js';
import { loadCaseSettings } from './settings.js';
import { appendEvent, loadCase, type Actor, type LoadedCase } from './store.js';

export type OrderRow = typeof supervisionOrders.$inferSelect;

const title = (c: LoadedCase, what: string) => noticeTitle(what, c.projection.number);

/** The respond-by date of an order issued by `issuerTenantId` now (its settings, its calendar). */
export async function respondByFor(tx: Executor, issuerTenantId: string, now: Date, workingDays?: number | null): Promise<Date> {
  const days = workingDays ?? (await loadCaseSettings(tx, issuerTenantId)).supervisionRespondWorkingDays;
  const cal = await loadWorkCalendar(tx, issuerTenantId);
  return computeAllowingProvisional(cal, (c) => addWorkingDays(c, now, days)).value;
}

/**
 * Writes a new order: its row and its SUPERVISION_ISSUED event (or SUPERVISION_ESCALATED when it
 * replaces `escalatedFrom`), and tells the handler tenant. Used by people and by the sweeper.
 */
export async function writeOrder(
  tx: Tx,
  loaded: LoadedCase,
  o: { issuerTenantId: string; issuerUserId: string | null; reason: string; respondBy: Date; automatic: boolean; escalatedFrom?: OrderRow | null },
  actor: Actor,
  now: Date,
): Promise<{ loaded: LoadedCase; order: OrderRow }> {
  const id = randomUUID();
  const [order] = await tx
    .insert(supervisionOrders)
    .values({
      id,
      caseId: loaded.row.id,
      tenantId: loaded.projection.handlerTenantId,
      issuerTenantId: o.issuerTenantId,
      issuerUserId: o.issuerUserId,
      reason: o.reason,
      respondBy: o.respondBy,
      automatic: o.automatic,
      escalatedFromId: o.escalatedFrom?.id ?? null,
      issuedAt: now,
      updatedAt: now,
    })
    .returning();
  const event = o.escalatedFrom
    ? parseCaseEvent({
        type: 'SUPERVISION_ESCALATED',
        at: now,
        payload: { orderId: o.escalatedFrom.id, newOrderId: id, byTenantId: o.issuerTenantId, reason: o.reason, respondBy: o.respondBy },
      })
    : parseCaseEvent({
        type: 'SUPERVISION_ISSUED',
        at: now,
        payload: { orderId: id, byTenantId: o.issuerTenantId, reason: o.reason, respondBy: o.respondBy, automatic: o.automatic },
      });
  const next = await appendEvent(tx, loaded, { expectedVersion: loaded.row.version, event, actor, recordedAt: now });
  await notify(tx, {
    tenantId: loaded.projection.handlerTenantId,
    kind: o.escalatedFrom ? 'SUPERVISION_ESCALATED' : 'SUPERVISION_ISSUED',
    caseId: loaded.row.id,
    title: title(loaded, o.escalatedFrom ? '提级督办' : '督办'),
    dedupeKey: `supervision:${id}`,
    at: now,
  });
  return { loaded: next, order: order! };
}

const IssueInput = z.object({
  caseId: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
  reason: requiredText(2000),
  respondWorkingDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(30, 'must be at most 30').nullish(),
});

/** 督办 (Art. 12, 15): a SUPERVISOR of any tenant above the handler orders it to respond by a date. */
export async function issueSupervision(ctx: CommandContext, raw: z.input<typeof IssueInput>) {
  const input = parseInput(IssueInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.caseId, () => null);
  const ancestry = await loadAncestry(ctx.tx, loaded.projection.handlerTenantId);
  if (!hasRole(viewer, 'SUPERVISOR') || !ancestry.includes(viewer.tenantId) || viewer.tenantId === loaded.projection.handlerTenantId) {
    throw forbidden('a supervision order is issued by a SUPERVISOR of a tenant above the one handling the case');
  }
  if (loaded.row.version !== input.version) throw staleVersion('the case');
  const respondBy = await respondByFor(ctx.tx, viewer.tenantId, ctx.now, input.respondWorkingDays);
  const { order } = await writeOrder(
    ctx.tx,
    loaded,
    { issuerTenantId: viewer.tenantId, issuerUserId: viewer.userId, reason: input.reason, respondBy, automatic: false },
    { userId: viewer.userId, tenantId: viewer.tenantId },
    ctx.now,
  );
  return order;
}

const OrderTarget = versionTarget();

async function loadOrder(tx: Executor, id: string): Promise<OrderRow> {
  const [row] = await tx.select().from(supervisionOrders).where(eq(supervisionOrders.id, id));
  if (!row) throw notFound('supervision order');
  return row;
}

/** Moves an order on: its row (versioned) and the case's ledger, in one transaction. */
async function step(
  ctx: CommandContext,
  viewer: Viewer,
  order: OrderRow,
  version: number,
  set: Partial<OrderRow>,
  event: Parameters<typeof parseCaseEvent>[0],
): Promise<OrderRow> {
  if (order.version !== version) throw staleVersion('the supervision order');
  const loaded = await loadCase(ctx.tx, order.caseId);
  // The ledger decides whether the step is allowed (state of the order), before anything is written.
  await appendEvent(ctx.tx, loaded, {
    expectedVersion: loaded.row.version,
    event: parseCaseEvent(event),
    actor: { userId: viewer.userId, tenantId: viewer.tenantId },
    recordedAt: ctx.now,
  });
  const [row] = await ctx.tx
    .update(supervisionOrders)
    .set({ ...set, version: sql`${supervisionOrders.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(supervisionOrders.id, order.id), eq(supervisionOrders.version, version)))
    .returning();
  if (!row) throw staleVersion('the supervision order');
  return row;
}

const RespondInput = z.object({ ...OrderTarget, response: requiredText(5000) });

/** The handler answers the order (STAFF or SUPERVISOR of the tenant handling the case). */
export async function respondToSupervision(ctx: CommandContext, raw: z.input<typeof RespondInput>) {
  const viewer = requireViewer(ctx);
  const input = parseInput(RespondInput, raw);
  const order = await loadOrder(ctx.tx, input.id);
  const loaded = await loadCase(ctx.tx, order.caseId);
  if (!canHandleCase(viewer, loaded.projection)) throw forbidden('the tenant handling the case answers its supervision orders');
  const row = await step(ctx, viewer, order, input.version, { status: 'RESPONDED', response: input.response, respondedAt: ctx.now, respondedBy: viewer.userId }, {
    type: 'SUPERVISION_RESPONDED',
    at: ctx.now,
    payload: { orderId: order.id, response: input.response },
  });
  await notify(ctx.tx, { tenantId: order.issuerTenantId, userId: order.issuerUserId, kind: 'SUPERVISION_RESPONDED', caseId: order.caseId, title: title(loaded, '督办已回复'), at: ctx.now });
  return row;
}

/** Only the issuing tenant's SUPERVISORs remind or close an order. */
function requireIssuer(viewer: Viewer, order: OrderRow) {
  if (!hasRole(viewer, 'SUPERVISOR') || viewer.tenantId !== order.issuerTenantId) {
    throw forbidden('only SUPERVISORs of the tenant that issued the order remind or close it');
  }
}

const RemindInput = z.object({ ...OrderTarget, note: optionalText(2000) });

/** 催办: the issuer asks again (the answer did not do, or none came); the order is open again. */
export async function remindSupervision(ctx: CommandContext, raw: z.input<typeof RemindInput>) {
  const viewer = requireViewer(ctx);
  const input = parseInput(RemindInput, raw);
  const order = await loadOrder(ctx.tx, input.id);
  requireIssuer(viewer, order);
  const row = await step(ctx, viewer, order, input.version, { status: 'OPEN', reminders: order.reminders + 1 }, {
    type: 'SUPERVISION_REMINDED',
    at: ctx.now,
    payload: { orderId: order.id, note: input.note ?? null },
  });
  const loaded = await loadCase(ctx.tx, order.caseId);
  await notify(ctx.tx, { tenantId: loaded.projection.handlerTenantId, kind: 'SUPERVISION_ISSUED', caseId: order.caseId, title: title(loaded, '催办'), at: ctx.now });
  return row;
}

const CloseInput = z.object({ ...OrderTarget, note: optionalText(2000) });

/** The issuer accepts the answer and closes the order. */
export async function closeSupervision(ctx: CommandContext, raw: z.input<typeof CloseInput>) {
  const viewer = requireViewer(ctx);
  const input = parseInput(CloseInput, raw);
  const order = await loadOrder(ctx.tx, input.id);
  requireIssuer(viewer, order);
  if (order.status !== 'RESPONDED') throw conflict(`the order is ${order.status}; it is closed once the handler has answered`);
  return step(ctx, viewer, order, input.version, { status: 'CLOSED', closedAt: ctx.now }, {
    type: 'SUPERVISION_CLOSED',
    at: ctx.now,
    payload: { orderId: order.id, note: input.note ?? null },
  });
}

export const ORDER_SCOPES = ['ISSUED_BY_MY_TENANT', 'ON_MY_TENANTS_CASES'] as const;

/** Supervision queues: orders the viewer's tenant issued, or on the cases it handles. */
export async function listOrders(
  tx: Executor,
  viewer: Viewer,
  f: { scope: (typeof ORDER_SCOPES)[number]; status?: readonly string[] | null; overdue?: boolean | null },
  page: { offset: number; limit: number },
  now: Date,
) {
  const where: (SQL | undefined)[] = [
    f.scope === 'ISSUED_BY_MY_TENANT' ? eq(supervisionOrders.issuerTenantId, viewer.tenantId) : eq(cases.handlerTenantId, viewer.tenantId),
  ];
  if (f.status?.length) where.push(inArray(supervisionOrders.status, [...f.status]));
  if (f.overdue) where.push(and(eq(supervisionOrders.status, 'OPEN'), lt(supervisionOrders.respondBy, now)));
  const rows = await tx
    .select({ order: supervisionOrders, total: sql<number>`(count(*) over ())::int` })
    .from(supervisionOrders)
    .innerJoin(cases, eq(cases.id, supervisionOrders.caseId))
    .where(and(...where))
    .orderBy(asc(supervisionOrders.respondBy), asc(supervisionOrders.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    const [c] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(supervisionOrders)
      .innerJoin(cases, eq(cases.id, supervisionOrders.caseId))
      .where(and(...where));
    total = c?.n ?? 0;
  }
  return { rows: rows.map((r) => r.order), total };
}

/**
 * When a case is accepted by a tenant outside the issuing tenant's subtree, that tenant no longer
 * supervises it (Art. 12: supervision runs down the tree): its open orders on the case end, on the
 * ledger and in the queues, and the issuer is told. Runs in the accepting transaction, after the
 * handler changed.
 */
export async function endOrdersOutOfReach(tx: Tx, loaded: LoadedCase, actor: Actor, now: Date): Promise<LoadedCase> {
  let current = loaded;
  for (const o of loaded.projection.supervision) {
    if (o.status !== 'OPEN' && o.status !== 'RESPONDED') continue;
    const [rel] = rowsOf<{ above: boolean }>(
      await tx.execute(sql`select tp_is_strict_ancestor(${o.byTenantId}::uuid, ${loaded.projection.handlerTenantId}::uuid) as above`),
    );
    if (rel?.above) continue;
    current = await appendEvent(tx, current, {
      expectedVersion: current.row.version,
      event: parseCaseEvent({ type: 'SUPERVISION_CLOSED', at: now, payload: { orderId: o.orderId, note: '案件已转办至督办单位辖区以外，本督办随之结束' } }),
      actor,
      recordedAt: now,
    });
    await tx
      .update(supervisionOrders)
      .set({ status: 'CLOSED', closedAt: now, version: sql`${supervisionOrders.version} + 1`, updatedAt: now })
      .where(eq(supervisionOrders.id, o.orderId));
    await notify(tx, { tenantId: o.byTenantId, kind: 'TRANSFER_DECIDED', caseId: loaded.row.id, title: title(loaded, '督办案件已转出辖区'), at: now });
  }
  return current;
}
