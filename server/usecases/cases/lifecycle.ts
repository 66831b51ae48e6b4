import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { serviceItemVersions } from '../../../schema/db/catalogue.js';
import { CHANNELS } from '../../../schema/db/catalogue.js';
import { users } from '../../../schema/db/tenancy.js';
import { canApproveExtension, canHandleCase, canSeeCase } from '../../domain/cases/access.js';
import { CLOCK_KINDS, clockOf, extendClock, NOTICE_METHODS, resumeClocks } from '../../domain/cases/clocks.js';
import { checkMaterialsRequest } from '../../domain/cases/materials.js';
import { parseCaseEvent, type CaseEventPayloadInput } from '../../domain/cases/projection.js';
import { checkResolution, CONSULTATION_CATEGORIES, OUTCOMES, quietPeriodEndsAt } from '../../domain/cases/resolution.js';
import { nextState, type CaseEventType } from '../../domain/cases/states.js';
import { HANDLING_MODES, STRATEGIES } from '../../domain/cases/vocabulary.js';
import { TIME_LIMIT_UNITS } from '../../domain/calendar/deadlines.js';
import { computeAllowingProvisional } from '../../domain/calendar/calendar.js';
import { badInput, forbidden, notFound } from '../../domain/shared/errors.js';
import type { Viewer } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import { loadWorkCalendar } from '../calendar/work-calendar.js';
import type { CommandContext } from '../context.js';
import { noticeTitle, notify } from '../notifications/notifications.js';
import { assertPublicText } from '../phrases/public-text.js';
import { enumOf, optionalText, parseInput, requiredText, uuidString, versionTarget } from '../validation.js';
import { loadCaseSettings } from './settings.js';
import { appendEvent, loadCase, type Append, type CaseRow, type LoadedCase } from './store.js';

const Target = versionTarget();

type Rule = (viewer: Viewer, loaded: LoadedCase) => string | null;

const handler: Rule = (viewer, c) =>
  canHandleCase(viewer, c.projection) ? null : 'only STAFF and SUPERVISORs of the tenant handling the case may do this';

/** Loads the case (NOT_FOUND when invisible, sensitive ones included) and applies the access rule. */
export async function caseFor(ctx: CommandContext, id: string, rule: Rule): Promise<{ viewer: Viewer; loaded: LoadedCase }> {
  const viewer = requireViewer(ctx);
  const loaded = await loadCase(ctx.tx, id);
  if (!canSeeCase(viewer, partiesOf(loaded.row), loaded.handledInSubtree)) throw notFound('case');
  const refusal = rule(viewer, loaded);
  if (refusal) throw forbidden(refusal);
  return { viewer, loaded };
}

export const partiesOf = (row: CaseRow) => ({
  handlerTenantId: row.handlerTenantId,
  assigneeUserId: row.assigneeUserId,
  firstResponderUserId: row.firstResponderUserId,
  sensitive: row.sensitive,
  pendingTransferTenantId: row.pendingTransferTenantId,
});

async function append<K extends CaseEventType>(
  ctx: CommandContext,
  viewer: Viewer,
  loaded: LoadedCase,
  version: number,
  type: K,
  payload: CaseEventPayloadInput<K>,
  extra?: Append['extra'],
): Promise<LoadedCase> {
  return appendEvent(ctx.tx, loaded, {
    expectedVersion: version,
    event: parseCaseEvent({ type, at: ctx.now, payload }),
    actor: { userId: viewer.userId, tenantId: viewer.tenantId },
    recordedAt: ctx.now,
    extra,
  });
}

const StartInput = z.object({
  ...Target,
  strategy: enumOf(STRATEGIES).nullish(),
  handlingMode: enumOf(HANDLING_MODES).nullish(),
  appointmentAt: z.date().nullish(),
});

/** Takes the case up (Art. 7-8): strategy and handling mode; an appointment needs its time. */
export async function startCase(ctx: CommandContext, raw: z.input<typeof StartInput>) {
  const input = parseInput(StartInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  if (input.handlingMode === 'BY_APPOINTMENT' && !input.appointmentAt) throw badInput({ appointmentAt: 'an appointment needs its time (Art. 9, 10)' });
  return append(ctx, viewer, loaded, input.version, 'STARTED', {
    strategy: input.strategy ?? null,
    handlingMode: input.handlingMode ?? null,
    appointmentAt: input.appointmentAt ?? null,
    userId: viewer.userId,
  });
}

const ReassignInput = z.object({ ...Target, assigneeId: uuidString() });

/** Routes the case to the right post inside the handler tenant (Art. 10). */
export async function reassignCase(ctx: CommandContext, raw: z.input<typeof ReassignInput>) {
  const input = parseInput(ReassignInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  const [assignee] = await ctx.tx
    .select({ id: users.id, roles: users.roles, active: users.active })
    .from(users)
    .where(and(eq(users.id, input.assigneeId), eq(users.tenantId, loaded.projection.handlerTenantId)));
  if (!assignee) throw badInput({ assigneeId: 'is not a user of the tenant handling the case' });
  if (!assignee.active) throw badInput({ assigneeId: 'is deactivated' });
  if (!assignee.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR')) throw badInput({ assigneeId: 'handles no cases (needs STAFF or SUPERVISOR)' });
  const result = await append(ctx, viewer, loaded, input.version, 'ASSIGNED', { assigneeUserId: assignee.id });
  if (assignee.id !== viewer.userId) {
    await notify(ctx.tx, { tenantId: loaded.projection.handlerTenantId, userId: assignee.id, kind: 'CASE_ASSIGNED', caseId: loaded.row.id, title: noticeTitle('分派给您', loaded.projection.number), at: ctx.now });
  }
  return result;
}

const MaterialsInput = z.object({
  ...Target,
  items: z.array(z.object({ key: z.string().trim().min(1, 'is required').max(60), note: z.string().max(500, 'must be at most 500 characters') })),
  reason: optionalText(2000),
});

/**
 * One-time notification (Art. 14): every missing or non-conforming item at once, a note each; both
 * clocks pause. A later request naming items the first did not needs a reason and is flagged.
 */
export async function requestMaterials(ctx: CommandContext, raw: z.input<typeof MaterialsInput>) {
  const input = parseInput(MaterialsInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  const p = loaded.projection;
  let checklistKeys: string[] = [];
  if (p.serviceItem) {
    const [v] = await ctx.tx
      .select({ content: serviceItemVersions.content })
      .from(serviceItemVersions)
      .where(and(eq(serviceItemVersions.itemId, p.serviceItem.id), eq(serviceItemVersions.versionNo, p.serviceItem.version)));
    checklistKeys = v?.content.materials.map((m) => m.key) ?? [];
  }
  const items = input.items.map((i) => ({ key: i.key, note: i.note.trim() }));
  const check = checkMaterialsRequest({ checklistKeys, previousRequests: p.materialsRequests, items, reason: input.reason });
  // The notes and the reason are what the person is told.
  await assertPublicText(ctx.tx, p.handlerTenantId, {
    ...Object.fromEntries(items.map((i, n) => [`items.${n}.note`, i.note])),
    reason: input.reason,
  });
  return append(ctx, viewer, loaded, input.version, 'MATERIALS_REQUESTED', {
    items,
    reason: input.reason ?? null,
    flagged: check.flagged,
  });
}

const ReceiveInput = z.object({ ...Target, note: optionalText(2000) });

/** The materials came (Art. 14-15): the clocks run again, both due dates moved by the paused working days. */
export async function receiveMaterials(ctx: CommandContext, raw: z.input<typeof ReceiveInput>) {
  const input = parseInput(ReceiveInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  nextState(loaded.projection.status, 'MATERIALS_RECEIVED');
  const cal = await loadWorkCalendar(ctx.tx, loaded.projection.handlerTenantId);
  const { value: resumed, provisionalYears } = computeAllowingProvisional(cal, (c) => resumeClocks(c, loaded.projection.clocks, ctx.now));
  return append(ctx, viewer, loaded, input.version, 'MATERIALS_RECEIVED', {
    note: input.note ?? null,
    pausedWorkingDays: resumed.pausedWorkingDays - loaded.projection.clocks.pausedWorkingDays,
    statutoryDueAt: resumed.statutory.dueAt,
    committedDueAt: resumed.committed.dueAt,
    provisionalYears,
  });
}

const ExtendInput = z.object({
  ...Target,
  clock: enumOf(CLOCK_KINDS),
  by: z.object({ unit: enumOf(TIME_LIMIT_UNITS), amount: z.number().int('must be a whole number') }),
  reason: requiredText(2000),
  noticeMethod: enumOf(NOTICE_METHODS),
  noticeAt: z.date(),
});

/**
 * Extends one clock (Art. 15): before its due date, once, with a reason, approved (and recorded) by
 * a SUPERVISOR or ADMIN of the handler tenant, after the person was told in writing or by phone.
 */
export async function extendDeadline(ctx: CommandContext, raw: z.input<typeof ExtendInput>) {
  const input = parseInput(ExtendInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, (v, c) =>
    canApproveExtension(v, c.projection) ? null : 'an extension is approved by a SUPERVISOR or ADMIN of the tenant handling the case (Art. 15)',
  );
  const p = loaded.projection;
  await assertPublicText(ctx.tx, p.handlerTenantId, { reason: input.reason });
  const cal = await loadWorkCalendar(ctx.tx, p.handlerTenantId);
  nextState(p.status, 'EXTENDED');
  const { value: extended, provisionalYears } = computeAllowingProvisional(cal, (c) =>
    extendClock(c, p.clocks, input.clock, {
      at: ctx.now,
      by: input.by,
      reason: input.reason,
      approverRoles: viewer.roles,
      approvedBy: viewer.userId,
      noticeMethod: input.noticeMethod,
      noticeAt: input.noticeAt,
    }),
  );
  return append(ctx, viewer, loaded, input.version, 'EXTENDED', {
    clock: input.clock,
    by: input.by,
    reason: input.reason,
    approvedBy: { userId: viewer.userId, roles: [...viewer.roles] },
    noticeMethod: input.noticeMethod,
    noticeAt: input.noticeAt,
    dueAt: clockOf(extended, input.clock).dueAt,
    provisionalYears,
  });
}

const ResolveInput = z.object({
  ...Target,
  outcome: enumOf(OUTCOMES),
  strategy: enumOf(STRATEGIES),
  summary: z.string().max(5000, 'must be at most 5000 characters'),
  category: enumOf(CONSULTATION_CATEGORIES).nullish(),
  legalBasis: optionalText(5000),
  riskNotice: optionalText(2000),
  referredTo: optionalText(500),
});

/**
 * Resolves the case (Art. 9, 11, 22): summary and outcome; a legal consultation cites the provisions
 * and warns of the risks; an out-of-scope or referred case names where the person was sent. Every
 * text is checked against the forbidden phrases; the case closes after a rating or the quiet period.
 */
export async function resolveCase(ctx: CommandContext, raw: z.input<typeof ResolveInput>) {
  const input = parseInput(ResolveInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  const p = loaded.projection;
  nextState(p.status, 'RESOLVED');
  const resolution = checkResolution({ kind: p.kind, ...input });
  await assertPublicText(ctx.tx, p.handlerTenantId, {
    summary: resolution.summary,
    legalBasis: resolution.legalBasis,
    riskNotice: resolution.riskNotice,
    referredTo: resolution.referredTo,
  });
  const event = parseCaseEvent({ type: 'RESOLVED', at: ctx.now, payload: resolution });
  const settings = await loadCaseSettings(ctx.tx, p.handlerTenantId);
  const cal = await loadWorkCalendar(ctx.tx, p.handlerTenantId);
  return appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event,
    actor: { userId: viewer.userId, tenantId: viewer.tenantId },
    recordedAt: ctx.now,
    extra: { closesAt: computeAllowingProvisional(cal, (c) => quietPeriodEndsAt(c, ctx.now, settings.quietPeriod)).value },
  });
}

const ReasonInput = z.object({ ...Target, reason: requiredText(2000) });

/** A resolved case that was not handled after all is reopened with a reason (Art. 22). */
export async function reopenCase(ctx: CommandContext, raw: z.input<typeof ReasonInput>) {
  const input = parseInput(ReasonInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  return append(ctx, viewer, loaded, input.version, 'REOPENED', { reason: input.reason });
}

const RejectInput = z.object({ ...Target, reasons: z.array(requiredText(1000)).min(1, 'give the reasons the case is not accepted').max(20) });

/** Not accepted (Art. 10, 14), with the reasons the person is told. */
export async function rejectCase(ctx: CommandContext, raw: z.input<typeof RejectInput>) {
  const input = parseInput(RejectInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  await assertPublicText(ctx.tx, loaded.projection.handlerTenantId, Object.fromEntries(input.reasons.map((r, i) => [`reasons.${i}`, r])));
  return append(ctx, viewer, loaded, input.version, 'REJECTED', { reasons: input.reasons });
}

const NoteInput = z.object({ ...Target, text: requiredText(5000) });

/** An internal note (staff only; never shown to the public). */
export async function addCaseNote(ctx: CommandContext, raw: z.input<typeof NoteInput>) {
  const input = parseInput(NoteInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  return append(ctx, viewer, loaded, input.version, 'NOTE_ADDED', { text: input.text, feedback: false });
}

const ReplyInput = z.object({ ...Target, text: requiredText(5000), channel: enumOf(CHANNELS).nullish() });

/**
 * A reply to the requester (Art. 6, 21, 23): checked against the forbidden phrases, refused with the
 * phrase named. The first reply is the first response; a reply answers a negative rating's follow-up.
 */
export async function replyToRequester(ctx: CommandContext, raw: z.input<typeof ReplyInput>) {
  const input = parseInput(ReplyInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, handler);
  await assertPublicText(ctx.tx, loaded.projection.handlerTenantId, { text: input.text });
  return append(ctx, viewer, loaded, input.version, 'REPLIED', { text: input.text, channel: input.channel ?? null });
}
