import { eq, inArray } from 'drizzle-orm';
import { NOTIFICATION_KINDS, SUPERVISION_ORDER_STATUSES, supervisionOrders } from '../../../schema/db/cases.js';
import type { CaseProjection } from '../../domain/cases/projection.js';
import { markNotificationsRead, notificationsOf, unreadCount } from '../../usecases/notifications/notifications.js';
import { closeSupervision, issueSupervision, listOrders, ORDER_SCOPES, remindSupervision, respondToSupervision, type OrderRow } from '../../usecases/cases/supervision.js';
import { acceptTransfer, assignCase, postFeedback, rejectTransfer, transferCase, withdrawTransfer } from '../../usecases/cases/transfer.js';
import type { CaseView } from '../../usecases/cases/queries.js';
import { builder } from '../builder.js';
import { cursorOf, openLive } from '../live/subscribe.js';
import { noticeTopic } from '../live/topics.js';
import { commandOf } from '../context.js';
import { encodeGlobalId, idOf, optionalIdOf } from '../global-id.js';
import { connectionFrom, pageFor } from '../pagination.js';
import { Case, CasePayload, caseTarget, payload } from './cases.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';

/**
 * Transfer (转办), assignment down the tree (交办), feedback (反馈), supervision (督办) and
 * notifications (DESIGN.md "Transfer and assignment", "Supervision"; Art. 10, 12, 13, 15).
 */

type P = CaseProjection;

const CaseTransfer = builder.objectRef<NonNullable<P['transfer']>>('CaseTransfer').implement({
  description: 'A transfer waiting for the receiving tenant to decide.',
  fields: (t) => ({
    toTenant: t.field({ type: Tenant, nullable: true, resolve: (x, _a, ctx) => ctx.loaders.tenantById.load(x.toTenantId) }),
    toTenantName: t.string({ nullable: true, resolve: async (x, _a, ctx) => (await ctx.loaders.publicTenantById.load(x.toTenantId))?.name ?? null }),
    reason: t.exposeString('reason'),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    decideBy: t.expose('decideBy', { type: 'DateTime', nullable: true }),
  }),
});

const CaseAssignment = builder.objectRef<NonNullable<P['assignment']>>('CaseAssignment').implement({
  description: 'The last 交办: who sent the case down, and by when the handler reports.',
  fields: (t) => ({
    fromTenant: t.field({ type: Tenant, nullable: true, resolve: (x, _a, ctx) => ctx.loaders.tenantById.load(x.fromTenantId) }),
    fromTenantName: t.string({ nullable: true, resolve: async (x, _a, ctx) => (await ctx.loaders.publicTenantById.load(x.fromTenantId))?.name ?? null }),
    at: t.expose('at', { type: 'DateTime' }),
    reportBy: t.expose('reportBy', { type: 'DateTime', nullable: true }),
  }),
});

export const SupervisionStatus = builder.enumType('SupervisionStatus', { values: SUPERVISION_ORDER_STATUSES });
const OrderScope = builder.enumType('SupervisionOrderScope', { values: ORDER_SCOPES });
const NotificationKind = builder.enumType('NotificationKind', { values: NOTIFICATION_KINDS });

const SupervisionOrderRef = builder.objectRef<OrderRow>('SupervisionOrder');
export const SupervisionOrder = builder.node(SupervisionOrderRef, {
  description: 'A supervision order (督办) on a case, from a tenant above its handler.',
  id: { resolve: (o) => o.id },
  loadMany: async (ids, ctx) => {
    const rows = await ctx.tx.select().from(supervisionOrders).where(inArray(supervisionOrders.id, ids));
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  },
  fields: (t) => ({
    case: t.field({
      type: Case,
      nullable: true,
      resolve: (o, _a, ctx) => ctx.loaders.caseById.load(o.caseId),
    }),
    issuerTenant: t.field({ type: Tenant, nullable: true, resolve: (o, _a, ctx) => ctx.loaders.tenantById.load(o.issuerTenantId) }),
    issuer: t.field({ type: User, nullable: true, resolve: (o, _a, ctx) => (o.issuerUserId ? ctx.loaders.userById.load(o.issuerUserId) : null) }),
    reason: t.exposeString('reason'),
    respondBy: t.expose('respondBy', { type: 'DateTime' }),
    status: t.field({ type: SupervisionStatus, resolve: (o) => o.status as never }),
    automatic: t.exposeBoolean('automatic', { description: 'Raised by the deadline sweeper for an overdue case.' }),
    overdue: t.boolean({ resolve: (o, _a, ctx) => o.status === 'OPEN' && o.respondBy < ctx.now }),
    response: t.exposeString('response', { nullable: true }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
    reminders: t.exposeInt('reminders'),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    escalatedFrom: t.field({ type: SupervisionOrderRef, nullable: true, resolve: async (o, _a, ctx) => {
      if (!o.escalatedFromId) return null;
      const [row] = await ctx.tx.select().from(supervisionOrders).where(eq(supervisionOrders.id, o.escalatedFromId));
      return row ?? null;
    } }),
    version: t.exposeInt('version'),
  }),
});

const SupervisionRecord = builder.objectRef<P['supervision'][number]>('CaseSupervision').implement({
  description: "A supervision order as the case's ledger records it.",
  fields: (t) => ({
    orderId: t.id({ resolve: (o) => encodeGlobalId('SupervisionOrder', o.orderId) }),
    byTenant: t.field({ type: Tenant, nullable: true, resolve: (o, _a, ctx) => ctx.loaders.tenantById.load(o.byTenantId) }),
    status: t.field({ type: SupervisionStatus, resolve: (o) => o.status }),
    respondBy: t.expose('respondBy', { type: 'DateTime' }),
    automatic: t.exposeBoolean('automatic'),
    reminders: t.exposeInt('reminders'),
  }),
});

builder.objectFields(Case, (t) => ({
  transfer: t.field({ type: CaseTransfer, nullable: true, resolve: (c) => c.projection.transfer }),
  assignment: t.field({ type: CaseAssignment, nullable: true, resolve: (c) => c.projection.assignment }),
  supervision: t.field({ type: [SupervisionRecord], resolve: (c) => c.projection.supervision ?? [] }),
}));

const OrderConnection = builder.connectionObject({ type: SupervisionOrder, name: 'SupervisionOrderConnection' }, { name: 'SupervisionOrderEdge' });
builder.objectField(OrderConnection, 'totalCount', (t) => t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }));

type NoticeRow = Awaited<ReturnType<typeof notificationsOf>>[number];
const Notification = builder.objectRef<NoticeRow>('Notification').implement({
  fields: (t) => ({
    id: t.id({ resolve: (n) => encodeGlobalId('Notification', n.n.id) }),
    kind: t.field({ type: NotificationKind, resolve: (n) => n.n.kind as never }),
    title: t.string({ resolve: (n) => n.n.title }),
    case: t.field({
      type: Case,
      nullable: true,
      // Null when the viewer may not see it (a sensitive case, a transfer it rejected).
      resolve: (n, _a, ctx) => (n.n.caseId ? ctx.loaders.caseById.load(n.n.caseId) : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.n.createdAt }),
    read: t.boolean({ resolve: (n) => n.read }),
    cursor: t.string({ description: 'Resumes `notificationAdded` after this notice.', resolve: (n) => String(n.n.seq) }),
  }),
});
const NotificationConnection = builder.connectionObject({ type: Notification, name: 'NotificationConnection' }, { name: 'NotificationEdge' });
builder.objectFields(NotificationConnection, (t) => ({
  totalCount: t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }),
  unreadCount: t.int({ resolve: (c) => (c as unknown as { unreadCount: number }).unreadCount }),
}));

builder.subscriptionFields((t) => ({
  notificationAdded: t.field({
    type: Notification,
    authScopes: { authenticated: true },
    description:
      'The viewer\'s own notices and their tenant\'s, as they commit. With `after` (a notice\'s `cursor`), everything since comes first, then live, with no gap and no duplicate. Over WebSocket (graphql-transport-ws) only.',
    args: { after: t.arg.string({ required: false, description: 'The last cursor received; omitted: from now.' }) },
    subscribe: (_r, args, ctx) => {
      const after = cursorOf(args.after, 'a notification');
      return openLive(ctx, noticeTopic(ctx.viewer!), after);
    },
    resolve: (row) => row as NoticeRow,
  }),
}));

builder.queryFields((t) => ({
  supervisionOrders: t.field({
    type: OrderConnection,
    authScopes: { authenticated: true },
    description: 'Supervision queues: orders my tenant issued, or orders on the cases it handles; soonest respond-by first.',
    args: {
      scope: t.arg({ type: OrderScope }),
      status: t.arg({ type: [SupervisionStatus], required: false }),
      overdue: t.arg.boolean({ required: false, description: 'Open and past the respond-by date.' }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const { rows, total } = await listOrders(ctx.tx, ctx.viewer!, { scope: args.scope, status: args.status, overdue: args.overdue }, page, ctx.now);
      return connectionFrom(rows, page, total);
    },
  }),
  notifications: t.field({
    type: NotificationConnection,
    authScopes: { authenticated: true },
    description: "The viewer's notices and their tenant's, newest first.",
    args: {
      unreadOnly: t.arg.boolean({ required: false }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const rows = await notificationsOf(ctx.tx, ctx.viewer!, { unreadOnly: args.unreadOnly, ...page });
      // Past the last page the window count is gone: count again.
      const total = rows[0]?.total ?? (page.offset > 0 ? (await notificationsOf(ctx.tx, ctx.viewer!, { unreadOnly: args.unreadOnly, offset: 0, limit: 0 }))[0]?.total ?? 0 : 0);
      const connection = connectionFrom(rows, page, total);
      return { ...connection, unreadCount: rows[0]?.unread ?? (await unreadCount(ctx.tx, ctx.viewer!)) };
    },
  }),
  unreadNotificationCount: t.int({ authScopes: { authenticated: true }, resolve: (_r, _a, ctx) => unreadCount(ctx.tx, ctx.viewer!) }),
}));

const TransferInput = builder.inputType('TransferCaseInput', { fields: (t) => ({ id: t.id(), version: t.int(), toTenantId: t.id(), reason: t.string() }) });
const AcceptInput = builder.inputType('AcceptTransferInput', {
  fields: (t) => ({ id: t.id(), version: t.int(), assigneeId: t.id({ required: false }), serviceItemId: t.id({ required: false }) }),
});
const DecisionInput = builder.inputType('TransferDecisionInput', { fields: (t) => ({ id: t.id(), version: t.int(), reason: t.string() }) });
const WithdrawInput = builder.inputType('WithdrawTransferInput', { fields: (t) => ({ id: t.id(), version: t.int(), reason: t.string({ required: false }) }) });
const AssignInput = builder.inputType('AssignCaseInput', {
  fields: (t) => ({
    id: t.id(),
    version: t.int(),
    toTenantId: t.id(),
    assigneeId: t.id({ required: false }),
    reportWorkingDays: t.int({ description: 'The handler reports within this many working days.' }),
    note: t.string({ required: false }),
  }),
});
const FeedbackInput = builder.inputType('PostFeedbackInput', { fields: (t) => ({ id: t.id(), version: t.int(), text: t.string() }) });
const IssueInput = builder.inputType('IssueSupervisionInput', {
  fields: (t) => ({ caseId: t.id(), version: t.int(), reason: t.string(), respondWorkingDays: t.int({ required: false }) }),
});
const RespondInput = builder.inputType('RespondToSupervisionInput', { fields: (t) => ({ id: t.id(), version: t.int(), response: t.string() }) });
const OrderNoteInput = builder.inputType('SupervisionNoteInput', { fields: (t) => ({ id: t.id(), version: t.int(), note: t.string({ required: false }) }) });
const MarkReadInput = builder.inputType('MarkNotificationsReadInput', { fields: (t) => ({ ids: t.idList({ required: false }), all: t.boolean({ required: false }) }) });

const TransferDecisionPayload = builder.objectRef<{ case: CaseView | null }>('TransferDecisionPayload').implement({
  fields: (t) => ({ case: t.field({ type: Case, nullable: true, description: 'Null after a rejection: the case went back to its sender.', resolve: (p) => p.case }) }),
});
const OrderPayload = builder.objectRef<{ order: OrderRow }>('SupervisionOrderPayload').implement({
  fields: (t) => ({ order: t.field({ type: SupervisionOrder, resolve: (p) => p.order }) }),
});
const MarkReadPayload = builder.objectRef<{ unreadCount: number }>('MarkNotificationsReadPayload').implement({
  fields: (t) => ({ unreadCount: t.exposeInt('unreadCount') }),
});

const orderTarget = (i: { id: string | number; version: number }) => ({ id: idOf(String(i.id), 'SupervisionOrder', 'id'), version: i.version });

builder.mutationFields((t) => ({
  transferCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: '转办 (Art. 10, 13): pass the case to another active tenant, with a reason.',
    args: { input: t.arg({ type: TransferInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(await transferCase(commandOf(ctx), { ...caseTarget(input), toTenantId: idOf(String(input.toTenantId), 'Tenant', 'toTenantId'), reason: input.reason })),
  }),
  acceptTransfer: t.field({
    type: TransferDecisionPayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: AcceptInput }) },
    resolve: async (_r, { input }, ctx) => {
      const c = await acceptTransfer(commandOf(ctx), {
        ...caseTarget(input),
        assigneeId: optionalIdOf(input.assigneeId, 'User', 'assigneeId'),
        serviceItemId: optionalIdOf(input.serviceItemId, 'ServiceItem', 'serviceItemId'),
      });
      return payload(c);
    },
  }),
  rejectTransfer: t.field({
    type: TransferDecisionPayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: DecisionInput }) },
    resolve: async (_r, { input }, ctx) => ({ case: await rejectTransfer(commandOf(ctx), { ...caseTarget(input), reason: input.reason }) }),
  }),
  withdrawTransfer: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: WithdrawInput }) },
    resolve: async (_r, { input }, ctx) => payload(await withdrawTransfer(commandOf(ctx), { ...caseTarget(input), reason: input.reason })),
  }),
  assignCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: '交办 (Art. 12): send the case down to a tenant below (the 12348 centre: anywhere under its bureau), with a report-by date.',
    args: { input: t.arg({ type: AssignInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(
        await assignCase(commandOf(ctx), {
          ...caseTarget(input),
          toTenantId: idOf(String(input.toTenantId), 'Tenant', 'toTenantId'),
          assigneeId: optionalIdOf(input.assigneeId, 'User', 'assigneeId'),
          reportWorkingDays: input.reportWorkingDays,
          note: input.note,
        }),
      ),
  }),
  postFeedback: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: '反馈 (Art. 12, 13): progress the first responder and the assigning tenant see.',
    args: { input: t.arg({ type: FeedbackInput }) },
    resolve: async (_r, { input }, ctx) => payload(await postFeedback(commandOf(ctx), { ...caseTarget(input), text: input.text })),
  }),
  issueSupervision: t.field({
    type: OrderPayload,
    authScopes: { supervisor: true },
    description: '督办 (Art. 12, 15): a SUPERVISOR of a tenant above the handler orders a response by a date.',
    args: { input: t.arg({ type: IssueInput }) },
    resolve: async (_r, { input }, ctx) => ({
      order: await issueSupervision(commandOf(ctx), {
        caseId: idOf(String(input.caseId), 'Case', 'caseId'),
        version: input.version,
        reason: input.reason,
        respondWorkingDays: input.respondWorkingDays,
      }),
    }),
  }),
  respondToSupervision: t.field({
    type: OrderPayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: RespondInput }) },
    resolve: async (_r, { input }, ctx) => ({ order: await respondToSupervision(commandOf(ctx), { ...orderTarget(input), response: input.response }) }),
  }),
  remindSupervision: t.field({
    type: OrderPayload,
    authScopes: { supervisor: true },
    description: '催办: ask again; the order is open until answered.',
    args: { input: t.arg({ type: OrderNoteInput }) },
    resolve: async (_r, { input }, ctx) => ({ order: await remindSupervision(commandOf(ctx), { ...orderTarget(input), note: input.note }) }),
  }),
  closeSupervision: t.field({
    type: OrderPayload,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: OrderNoteInput }) },
    resolve: async (_r, { input }, ctx) => ({ order: await closeSupervision(commandOf(ctx), { ...orderTarget(input), note: input.note }) }),
  }),
  markNotificationsRead: t.field({
    type: MarkReadPayload,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: MarkReadInput }) },
    resolve: async (_r, { input }, ctx) => ({
      unreadCount: await markNotificationsRead(commandOf(ctx), { ids: input.ids?.map((id) => idOf(String(id), 'Notification', 'ids')), all: input.all }),
    }),
  }),
}));

