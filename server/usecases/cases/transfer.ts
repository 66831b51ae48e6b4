import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { serviceItems, serviceItemVersions } from '../../../schema/db/catalogue.js';
import { publicTenants } from '../../../schema/db/public-views.js';
import { users } from '../../../schema/db/tenancy.js';
import { rowsOf } from '../../db/client.js';
import { computeAllowingProvisional } from '../../domain/calendar/calendar.js';
import { addWorkingDays } from '../../domain/calendar/deadlines.js';
import { canHandleCase, decidesTransfer } from '../../domain/cases/access.js';
import { openClocks } from '../../domain/cases/clocks.js';
import { parseCaseEvent } from '../../domain/cases/projection.js';
import { badInput, staleVersion } from '../../domain/shared/errors.js';
import { nextState } from '../../domain/cases/states.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { loadWorkCalendar } from '../calendar/work-calendar.js';
import type { CommandContext } from '../context.js';
import { noticeTitle, notify } from '../notifications/notifications.js';
import { loadTenant } from '../tenants/queries.js';
import { optionalText, parseInput, requiredText, uuidString, versionTarget } from '../validation.js';
import { caseFor } from './lifecycle.js';
import { endOrdersOutOfReach } from './supervision.js';
import { loadCaseSettings } from './settings.js';
import { appendEvent, loadCase, type LoadedCase } from './store.js';

const Target = versionTarget();
const actorOf = (v: Viewer) => ({ userId: v.userId, tenantId: v.tenantId });
const titleOf = (c: LoadedCase, what: string) => noticeTitle(what, c.projection.number);

const handlerRule = (v: Viewer, c: LoadedCase) =>
  canHandleCase(v, c.projection) ? null : 'only STAFF and SUPERVISORs of the tenant handling the case may do this';

/**
 * The receiving tenant's caseworkers decide while a transfer to it waits. Once it has decided (it
 * is the handler now), a second decision is left to the state machine: CONFLICT, not FORBIDDEN.
 */
const receiverRule = (v: Viewer, c: LoadedCase) => {
  const caseworker = hasRole(v, 'STAFF') || hasRole(v, 'SUPERVISOR');
  const waitsForMe = c.projection.status === 'TRANSFER_PENDING' && decidesTransfer(v, c.projection);
  const decidedByMe = c.projection.status !== 'TRANSFER_PENDING' && c.projection.handlerTenantId === v.tenantId;
  return caseworker && (waitsForMe || decidedByMe)
    ? null
    : 'only STAFF and SUPERVISORs of the tenant a transfer waits for decide on it';
};

async function activeUserOf(ctx: CommandContext, tenantId: string, userId: string, field: string): Promise<string> {
  const [u] = await ctx.tx
    .select({ id: users.id, roles: users.roles, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.tenantId, tenantId)));
  // Users outside the caller's tree are not visible to it: the same answer as for a stranger.
  if (!u) throw badInput({ [field]: 'is not a user of that tenant you can see (leave it out and the tenant assigns its own staff)' });
  if (!u.active) throw badInput({ [field]: 'is deactivated' });
  if (!u.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR')) throw badInput({ [field]: 'handles no cases (needs STAFF or SUPERVISOR)' });
  return u.id;
}

const TransferInput = z.object({ ...Target, toTenantId: uuidString(), reason: requiredText(2000) });

/**
 * 转办 (Art. 10, 13): passes the case to any other active tenant with a reason; it waits in that
 * tenant's incoming queue until it accepts or rejects, within the sender's decision deadline.
 */
export async function transferCase(ctx: CommandContext, raw: z.input<typeof TransferInput>) {
  const input = parseInput(TransferInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handlerRule);
  const [to] = await ctx.tx.select({ id: publicTenants.id }).from(publicTenants).where(eq(publicTenants.id, input.toTenantId));
  if (!to) throw badInput({ toTenantId: 'is not an active organisation' });
  if (to.id === loaded.projection.handlerTenantId) throw badInput({ toTenantId: 'is the tenant already handling the case' });
  const settings = await loadCaseSettings(ctx.tx, loaded.projection.handlerTenantId);
  const cal = await loadWorkCalendar(ctx.tx, loaded.projection.handlerTenantId);
  const decideBy = computeAllowingProvisional(cal, (c) => addWorkingDays(c, ctx.now, settings.transferDecisionWorkingDays)).value;
  const result = await appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({ type: 'TRANSFER_REQUESTED', at: ctx.now, payload: { toTenantId: to.id, reason: input.reason, decideBy } }),
    actor: actorOf(viewer),
    recordedAt: ctx.now,
  });
  await notify(ctx.tx, { tenantId: to.id, kind: 'TRANSFER_RECEIVED', caseId: loaded.row.id, title: titleOf(loaded, '收到转办'), at: ctx.now });
  return result;
}

const AcceptInput = z.object({ ...Target, assigneeId: uuidString().nullish(), serviceItemId: uuidString().nullish() });

/**
 * The receiver accepts (Art. 10, 12): it becomes the handler, assigns its own staff (the viewer by
 * default), may attach its own published service item, and its clocks run from acceptance.
 */
export async function acceptTransfer(ctx: CommandContext, raw: z.input<typeof AcceptInput>) {
  const input = parseInput(AcceptInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, receiverRule);
  nextState(loaded.projection.status, 'TRANSFER_ACCEPTED'); // decided already: CONFLICT
  if (loaded.row.version !== input.version) throw staleVersion('the case');
  const receiver = viewer.tenantId;
  const assignee = input.assigneeId ? await activeUserOf(ctx, receiver, input.assigneeId, 'assigneeId') : viewer.userId;
  let item: { id: string; version: number; statutoryLimit: { unit: 'WORKING_DAYS' | 'CALENDAR_DAYS' | 'HOURS'; amount: number }; committedLimit: { unit: 'WORKING_DAYS' | 'CALENDAR_DAYS' | 'HOURS'; amount: number } } | null = null;
  if (input.serviceItemId) {
    const [found] = await ctx.tx
      .select({ id: serviceItems.id, version: serviceItems.publishedVersion, status: serviceItems.status, content: serviceItemVersions.content })
      .from(serviceItems)
      .leftJoin(serviceItemVersions, and(eq(serviceItemVersions.itemId, serviceItems.id), eq(serviceItemVersions.versionNo, serviceItems.publishedVersion)))
      .where(and(eq(serviceItems.id, input.serviceItemId), eq(serviceItems.tenantId, receiver)));
    if (!found) throw badInput({ serviceItemId: "is not an item of the receiving tenant's catalogue" });
    if (found.status !== 'PUBLISHED' || !found.content || found.version === null) throw badInput({ serviceItemId: 'is not published' });
    item = { id: found.id, version: found.version, statutoryLimit: found.content.statutoryLimit, committedLimit: found.content.committedLimit };
  }
  const settings = await loadCaseSettings(ctx.tx, receiver);
  const limits = item ? { statutory: item.statutoryLimit, committed: item.committedLimit } : settings.defaultLimits[loaded.projection.kind];
  const cal = await loadWorkCalendar(ctx.tx, receiver);
  const clocks = computeAllowingProvisional(cal, (c) => openClocks(c, ctx.now, limits.statutory, limits.committed)).value;
  const sender = loaded.projection.handlerTenantId;
  const result = await appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({
      type: 'TRANSFER_ACCEPTED',
      at: ctx.now,
      payload: { assigneeUserId: assignee, serviceItem: item ? { id: item.id, version: item.version } : null, clocks },
    }),
    actor: actorOf(viewer),
    recordedAt: ctx.now,
    ledgerTenantId: receiver,
  });
  await notify(ctx.tx, { tenantId: sender, kind: 'TRANSFER_DECIDED', caseId: loaded.row.id, title: titleOf(loaded, '转办已被接收'), at: ctx.now });
  return endOrdersOutOfReach(ctx.tx, result, actorOf(viewer), ctx.now);
}

const RejectInput = z.object({ ...Target, reason: requiredText(2000) });

/**
 * The receiver rejects with a reason (Art. 12, 13): the case goes back to the sender. The receiver
 * keeps nothing of it but what its rejection event recorded (it can no longer read the case).
 */
export async function rejectTransfer(ctx: CommandContext, raw: z.input<typeof RejectInput>): Promise<null> {
  const input = parseInput(RejectInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, receiverRule);
  nextState(loaded.projection.status, 'TRANSFER_REJECTED'); // decided already: CONFLICT
  if (loaded.row.version !== input.version) throw staleVersion('the case');
  // Told to the sender before the case leaves the receiver's sight.
  await notify(ctx.tx, { tenantId: loaded.projection.handlerTenantId, kind: 'TRANSFER_DECIDED', caseId: loaded.row.id, title: titleOf(loaded, '转办被退回'), at: ctx.now });
  await appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({ type: 'TRANSFER_REJECTED', at: ctx.now, payload: { reason: input.reason } }),
    actor: actorOf(viewer),
    recordedAt: ctx.now,
    ledgerTenantId: viewer.tenantId,
    extra: { transferRejectedByTenantId: viewer.tenantId },
    handingBack: true,
  });
  return null;
}

const WithdrawInput = z.object({ ...Target, reason: optionalText(2000) });

/** The sender takes the case back before the receiver decides (Art. 13). */
export async function withdrawTransfer(ctx: CommandContext, raw: z.input<typeof WithdrawInput>) {
  const input = parseInput(WithdrawInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handlerRule);
  const to = loaded.projection.transfer?.toTenantId ?? null;
  const result = await appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({ type: 'TRANSFER_WITHDRAWN', at: ctx.now, payload: { reason: input.reason ?? null } }),
    actor: actorOf(viewer),
    recordedAt: ctx.now,
  });
  if (to) await notify(ctx.tx, { tenantId: to, kind: 'TRANSFER_DECIDED', caseId: loaded.row.id, title: titleOf(loaded, '转办已撤回'), at: ctx.now });
  return result;
}

const AssignInput = z.object({
  ...Target,
  toTenantId: uuidString(),
  assigneeId: uuidString().nullish(),
  reportWorkingDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(60, 'must be at most 60'),
  note: optionalText(2000),
});

/**
 * 交办 (Art. 12): the tenant holding a case sends it down to a tenant below it, with a report-by
 * date; it cannot be declined. The 12348 hotline centre dispatches (派单) to any tenant under its
 * parent bureau. The clocks keep running: the person's wait does not restart.
 */
export async function assignCase(ctx: CommandContext, raw: z.input<typeof AssignInput>) {
  const input = parseInput(AssignInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handlerRule);
  const from = await loadTenant(ctx.tx, viewer.tenantId);
  const scope = from.kind === 'HOTLINE_CENTER' && from.parentId ? from.parentId : from.id;
  const [rel] = rowsOf<{ below: boolean; active: boolean | null }>(
    await ctx.tx.execute(sql`select tp_is_strict_ancestor(${scope}::uuid, ${input.toTenantId}::uuid) as below,
      exists (select 1 from public_tenants p where p.id = ${input.toTenantId}::uuid) as active`),
  );
  if (!rel?.below || input.toTenantId === viewer.tenantId) {
    throw badInput({ toTenantId: from.kind === 'HOTLINE_CENTER' ? "is not a tenant under the hotline centre's bureau" : 'is not a tenant below yours' });
  }
  if (!rel.active) throw badInput({ toTenantId: 'is not an active organisation' });
  const assignee = input.assigneeId ? await activeUserOf(ctx, input.toTenantId, input.assigneeId, 'assigneeId') : null;
  const cal = await loadWorkCalendar(ctx.tx, viewer.tenantId);
  const reportBy = computeAllowingProvisional(cal, (c) => addWorkingDays(c, ctx.now, input.reportWorkingDays)).value;
  const result = await appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({
      type: 'ASSIGNED',
      at: ctx.now,
      payload: { assigneeUserId: assignee, handlerTenantId: input.toTenantId, reportBy, note: input.note ?? null },
    }),
    actor: actorOf(viewer),
    recordedAt: ctx.now,
  });
  await notify(ctx.tx, { tenantId: input.toTenantId, userId: assignee, kind: 'CASE_ASSIGNED', caseId: loaded.row.id, title: titleOf(loaded, '交办'), at: ctx.now });
  return loadCase(ctx.tx, result.row.id);
}

const FeedbackInput = z.object({ ...Target, text: requiredText(5000) });

/**
 * Feedback (反馈, Art. 12, 13): progress the handler reports; the first responder's tenant and the
 * tenant that sent the case down see it on the ledger and get a notice.
 */
export async function postFeedback(ctx: CommandContext, raw: z.input<typeof FeedbackInput>) {
  const input = parseInput(FeedbackInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handlerRule);
  const result = await appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({ type: 'NOTE_ADDED', at: ctx.now, payload: { text: input.text, feedback: true } }),
    actor: actorOf(viewer),
    recordedAt: ctx.now,
  });
  const p = loaded.projection;
  const told = new Set<string>();
  if (p.firstResponder.tenantId !== viewer.tenantId) {
    await notify(ctx.tx, { tenantId: p.firstResponder.tenantId, userId: p.firstResponder.userId, kind: 'FEEDBACK_POSTED', caseId: loaded.row.id, title: titleOf(loaded, '办理反馈'), at: ctx.now });
    told.add(p.firstResponder.tenantId);
  }
  if (p.assignment && p.assignment.fromTenantId !== viewer.tenantId && !told.has(p.assignment.fromTenantId)) {
    await notify(ctx.tx, { tenantId: p.assignment.fromTenantId, kind: 'FEEDBACK_POSTED', caseId: loaded.row.id, title: titleOf(loaded, '交办反馈'), at: ctx.now });
  }
  return result;
}
