import { and, eq } from 'drizzle-orm';
import { serviceItemVersions } from '../../../schema/db/catalogue.js';
import { cases } from '../../../schema/db/cases.js';
import { contentVisibleTo, eventsViewerMayRecord } from '../../domain/cases/access.js';
import { CLOCK_KINDS, isOverdue, NOTICE_METHODS, type Clock } from '../../domain/cases/clocks.js';
import { maskRequester, REQUESTER_FIELDS } from '../../domain/cases/masking.js';
import { PRIORITY_LEVELS, PROTECTED_GROUPS, URGENCIES } from '../../domain/cases/priority.js';
import type { CaseProjection } from '../../domain/cases/projection.js';
import { CONSULTATION_CATEGORIES, OUTCOMES } from '../../domain/cases/resolution.js';
import { allowedEvents, CASE_EVENT_TYPES, CASE_STATES, TRANSITIONS } from '../../domain/cases/states.js';
import { CASE_FLAGS, CASE_KINDS, HANDLING_MODES, RATING_SCALE, RATINGS, STRATEGIES } from '../../domain/cases/vocabulary.js';
import type { FormDefinition } from '../../domain/forms/definition.js';
import { maskSubmission } from '../../domain/forms/submission.js';
import { appealRating, decideRatingAppeal } from '../../usecases/cases/appeals.js';
import {
  addCaseNote,
  extendDeadline,
  reassignCase,
  receiveMaterials,
  rejectCase,
  reopenCase,
  replyToRequester,
  requestMaterials,
  resolveCase,
  startCase,
} from '../../usecases/cases/lifecycle.js';
import { verifyLedger } from '../../usecases/cases/ledger.js';
import { maskedPayload } from '../../usecases/cases/masked-payload.js';
import { openCase } from '../../usecases/cases/open-case.js';
import { rateCase, submitInquiry, trackCase, type PublicCaseView } from '../../usecases/cases/public-self-service.js';
import { caseAccessEntries, caseLedger, CASE_ORDERS, CASE_SCOPES, caseView, listCases, type CaseView } from '../../usecases/cases/queries.js';
import { revealRequesterField } from '../../usecases/cases/reveal.js';
import { loadCaseSettings, setCaseSettings } from '../../usecases/cases/settings.js';
import type { LoadedCase } from '../../usecases/cases/store.js';
import { builder } from '../builder.js';
import { commandOf, type RequestContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { loadManyOrNull } from '../loaders.js';
import { connectionFrom, pageFor } from '../pagination.js';
import { Channel, LimitInput, ServiceItem, TimeLimit } from './catalogue.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';

export const CaseStatus = builder.enumType('CaseStatus', { values: CASE_STATES });
export const CaseEventType = builder.enumType('CaseEventType', { values: CASE_EVENT_TYPES });
const CaseKind = builder.enumType('CaseKind', { values: CASE_KINDS });
const Strategy = builder.enumType('Strategy', { values: STRATEGIES });
const HandlingMode = builder.enumType('HandlingMode', { values: HANDLING_MODES });
const Urgency = builder.enumType('Urgency', { values: URGENCIES });
const ProtectedGroup = builder.enumType('ProtectedGroup', { values: PROTECTED_GROUPS });
const PriorityLevel = builder.enumType('PriorityLevel', { values: PRIORITY_LEVELS });
const ClockKind = builder.enumType('ClockKind', { values: CLOCK_KINDS });
const NoticeMethod = builder.enumType('NoticeMethod', { values: NOTICE_METHODS });
const Outcome = builder.enumType('Outcome', { values: OUTCOMES });
const ConsultationCategory = builder.enumType('ConsultationCategory', { values: CONSULTATION_CATEGORIES });
const RatingLevel = builder.enumType('RatingLevel', {
  values: Object.fromEntries(RATINGS.map((r) => [r, { description: RATING_SCALE[r].label }])) as Record<(typeof RATINGS)[number], { description: string }>,
});
const CaseFlag = builder.enumType('CaseFlag', { values: CASE_FLAGS });
const RequesterField = builder.enumType('RequesterField', { values: REQUESTER_FIELDS });
const CaseScope = builder.enumType('CaseScope', { values: CASE_SCOPES });
export { CaseScope };
const CaseOrder = builder.enumType('CaseOrder', { values: CASE_ORDERS });
const AppealDecision = builder.enumType('AppealDecision', { values: ['UPHELD', 'DISMISSED'] as const });

type P = CaseProjection;

const CaseTransition = builder
  .objectRef<{ event: (typeof CASE_EVENT_TYPES)[number] }>('CaseTransition')
  .implement({
    description: 'One row of the state machine (data, shared with clients): the event, the states it is allowed in, the state after it.',
    fields: (t) => ({
      event: t.field({ type: CaseEventType, resolve: (r) => r.event }),
      from: t.field({ type: [CaseStatus], resolve: (r) => [...TRANSITIONS[r.event].from] }),
      to: t.field({ type: CaseStatus, nullable: true, description: 'Null: the state stays as it is.', resolve: (r) => (TRANSITIONS[r.event].to === 'SAME' ? null : (TRANSITIONS[r.event].to as never)) }),
      basis: t.string({ resolve: (r) => TRANSITIONS[r.event].basis }),
    }),
  });

const Requester = builder.objectRef<P['requester']>('Requester').implement({
  description: 'The person asking, masked (Art. 26): reveal one field with revealRequesterField.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    residentId: t.exposeString('residentId', { nullable: true }),
    otherContact: t.exposeString('otherContact', { nullable: true }),
  }),
});

const Extension = builder.objectRef<NonNullable<Clock['extension']>>('ClockExtension').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    by: t.field({ type: TimeLimit, resolve: (e) => e.by }),
    reason: t.exposeString('reason'),
    approvedBy: t.field({ type: User, nullable: true, resolve: (e, _a, ctx) => (e.approvedBy ? ctx.loaders.userById.load(e.approvedBy) : null) }),
    noticeMethod: t.field({ type: NoticeMethod, resolve: (e) => e.noticeMethod }),
    noticeAt: t.expose('noticeAt', { type: 'DateTime' }),
    previousDueAt: t.expose('previousDueAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
  }),
});

const CaseClock = builder.objectRef<{ clock: Clock; p: P; now: Date; kind: (typeof CLOCK_KINDS)[number] }>('CaseClock').implement({
  description: 'One of the two clocks (Art. 15): the statutory limit and the committed one.',
  fields: (t) => ({
    limit: t.field({ type: TimeLimit, resolve: (c) => c.clock.limit }),
    originalDueAt: t.field({ type: 'DateTime', resolve: (c) => c.clock.originalDueAt }),
    dueAt: t.field({ type: 'DateTime', resolve: (c) => c.clock.dueAt }),
    extension: t.field({ type: Extension, nullable: true, resolve: (c) => c.clock.extension }),
    provisional: t.boolean({
      description: "The due date assumed plain weeks for a year whose holiday arrangement is not loaded yet (see the case's provisionalYears); it is computed again once it is.",
      resolve: (c) => (c.p.clocks.provisionalYears ?? []).length > 0,
    }),
    overdue: t.boolean({
      description: 'The due date passed while the case was with the handler (judged at the pause while waiting for materials).',
      resolve: (c) => {
        const stoppedAt = c.p.resolution?.resolvedAt ?? c.p.rejection?.rejectedAt ?? c.p.closedAt ?? null;
        return isOverdue(c.p.clocks, stoppedAt ?? c.now, c.kind);
      },
    }),
  }),
});

const MaterialsRequest = builder.objectRef<P['materialsRequests'][number]>('MaterialsRequest').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    items: t.field({
      type: [builder.objectRef<{ key: string; note: string }>('MaterialsRequestItem').implement({ fields: (f) => ({ key: f.exposeString('key'), note: f.exposeString('note') }) })],
      resolve: (m) => m.items,
    }),
    reason: t.exposeString('reason', { nullable: true }),
    flagged: t.exposeBoolean('flagged', { description: 'Named items the first notification did not (Art. 14): shown to supervisors.' }),
  }),
});

const Resolution = builder.objectRef<NonNullable<P['resolution']>>('Resolution').implement({
  fields: (t) => ({
    outcome: t.field({ type: Outcome, resolve: (r) => r.outcome }),
    strategy: t.field({ type: Strategy, resolve: (r) => r.strategy }),
    summary: t.exposeString('summary'),
    category: t.field({ type: ConsultationCategory, nullable: true, resolve: (r) => r.category }),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
    riskNotice: t.exposeString('riskNotice', { nullable: true }),
    referredTo: t.exposeString('referredTo', { nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime' }),
  }),
});

const RatingAppeal = builder.objectRef<NonNullable<NonNullable<P['rating']>['appeal']>>('RatingAppeal').implement({
  fields: (t) => ({
    reason: t.exposeString('reason'),
    at: t.expose('at', { type: 'DateTime' }),
    status: t.exposeString('status', { description: 'PENDING, UPHELD (malicious: left out of the statistics) or DISMISSED.' }),
    note: t.exposeString('note', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
  }),
});

const Rating = builder.objectRef<NonNullable<P['rating']>>('Rating').implement({
  fields: (t) => ({
    level: t.field({ type: RatingLevel, resolve: (r) => r.score }),
    label: t.string({ resolve: (r) => RATING_SCALE[r.score].label }),
    comment: t.exposeString('comment', { nullable: true }),
    ratedAt: t.expose('ratedAt', { type: 'DateTime' }),
    appeal: t.field({ type: RatingAppeal, nullable: true, resolve: (r) => r.appeal }),
  }),
});

const Priority = builder.objectRef<P['priority']>('CasePriority').implement({
  description: 'From legal urgency and protected groups only; nothing paid changes it (Art. 25-26).',
  fields: (t) => ({
    level: t.field({ type: PriorityLevel, resolve: (p) => p.level }),
    urgency: t.field({ type: Urgency, resolve: (p) => p.urgency }),
    protectedGroups: t.field({ type: [ProtectedGroup], resolve: (p) => [...p.protectedGroups] }),
  }),
});

type EventRow = Awaited<ReturnType<typeof caseLedger>>[number];
const CaseEventRef = builder.objectRef<EventRow>('CaseEvent').implement({
  description: 'One entry of the work ledger (Art. 18), hash-chained to the one before.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.field({ type: CaseEventType, resolve: (e) => e.type as never }),
    at: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.businessAt }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    actor: t.field({ type: User, nullable: true, resolve: (e, _a, ctx) => (e.actorUserId ? ctx.loaders.userById.load(e.actorUserId) : null) }),
    actorTenant: t.field({ type: Tenant, nullable: true, resolve: (e, _a, ctx) => (e.actorTenantId ? ctx.loaders.tenantById.load(e.actorTenantId) : null) }),
    tenant: t.field({ type: Tenant, nullable: true, resolve: (e, _a, ctx) => ctx.loaders.tenantById.load(e.tenantId) }),
    payload: t.field({ type: 'JSON', nullable: true, description: 'Personal data masked; null where the content is confidential.', resolve: (e) => (e.payload === null ? null : maskedPayload(e.type, e.payload)) }),
    prevHash: t.exposeString('prevHash', { nullable: true }),
    hash: t.exposeString('hash'),
  }),
});

type AccessRow = Awaited<ReturnType<typeof caseAccessEntries>>[number];
const AccessLogEntry = builder.objectRef<AccessRow>('CaseAccessLogEntry').implement({
  fields: (t) => ({
    field: t.field({ type: RequesterField, resolve: (a) => a.field as never }),
    reason: t.exposeString('reason'),
    at: t.expose('at', { type: 'DateTime' }),
    user: t.field({ type: User, nullable: true, resolve: (a, _x, ctx) => ctx.loaders.userById.load(a.userId) }),
  }),
});

/** Whether the viewer may read the case's content (law-firm confidentiality; contentVisibleTo). */
export async function contentVisible(ctx: RequestContext, c: CaseView): Promise<boolean> {
  if (!ctx.viewer) return false;
  if (ctx.viewer.tenantId === c.row.handlerTenantId) return true;
  const handlerKind = c.handlerKind ?? (await ctx.loaders.publicTenantById.load(c.row.handlerTenantId))?.kind;
  return contentVisibleTo(ctx.viewer, {
    handlerTenantId: c.row.handlerTenantId,
    // A handler whose public face is gone (suspended) is treated as confidential, to be safe.
    handlerKind: handlerKind ?? 'LAW_FIRM',
    originTenantId: c.row.originTenantId,
    firstResponderTenantId: c.row.firstResponderTenantId,
    pendingTransferTenantId: c.row.pendingTransferTenantId,
    supervisionOpen: (c.projection.supervision ?? []).some((o) => o.status === 'OPEN' || o.status === 'RESPONDED'),
  });
}
const CONFIDENTIAL_SUBJECT = '（律师事务所保密事项）';
/** A resolver that gives `hidden` instead of the content when the case is confidential to the viewer. */
const guarded =
  <T>(hidden: T, read: (c: CaseView, ctx: RequestContext) => T | Promise<T>) =>
  async (c: CaseView, _a: unknown, ctx: RequestContext): Promise<T> =>
    (await contentVisible(ctx, c)) ? read(c, ctx) : hidden;

const CaseRef = builder.objectRef<CaseView>('Case');
export const Case = builder.node(CaseRef, {
  description: 'A consultation or matter (Art. 6-15, 22): the projection of its ledger.',
  id: { resolve: (c) => c.row.id },
  loadMany: (ids, ctx) => loadManyOrNull(ctx.loaders.caseById, ids),
  fields: (t) => ({
    number: t.string({ resolve: (c) => c.projection.number }),
    status: t.field({ type: CaseStatus, resolve: (c) => c.projection.status }),
    kind: t.field({ type: CaseKind, resolve: (c) => c.projection.kind }),
    channel: t.field({ type: Channel, resolve: (c) => c.projection.channel }),
    subject: t.string({ resolve: guarded(CONFIDENTIAL_SUBJECT, (c) => c.projection.subject) }),
    confidential: t.boolean({ description: "The content is confidential to the law firm handling it (you see its state and deadlines).", resolve: async (c, _a, ctx) => !(await contentVisible(ctx, c)) }),
    description: t.string({ nullable: true, resolve: guarded<string | null>(null, (c) => c.projection.description) }),
    requester: t.field({
      type: Requester,
      resolve: guarded<P['requester']>({ name: null, phone: null, residentId: null, otherContact: null }, (c) => maskRequester(c.projection.requester)),
    }),
    formData: t.field({
      type: 'JSON',
      description: "The intake form's answers, personal values masked.",
      resolve: async (c, _a, ctx) => {
        const item = c.projection.serviceItem;
        if (!item || !(await contentVisible(ctx, c))) return {};
        const [v] = await ctx.tx
          .select({ content: serviceItemVersions.content })
          .from(serviceItemVersions)
          .where(and(eq(serviceItemVersions.itemId, item.id), eq(serviceItemVersions.versionNo, item.version)));
        return v ? maskSubmission(v.content.form as unknown as FormDefinition, c.projection.formData) : {};
      },
    }),
    serviceItem: t.field({ type: ServiceItem, nullable: true, resolve: (c, _a, ctx) => (c.row.serviceItemId ? ctx.loaders.serviceItemById.load(c.row.serviceItemId) : null) }),
    serviceItemVersion: t.int({ nullable: true, resolve: (c) => c.projection.serviceItem?.version ?? null }),
    originTenant: t.field({ type: Tenant, nullable: true, resolve: (c, _a, ctx) => ctx.loaders.tenantById.load(c.row.originTenantId) }),
    handlerTenant: t.field({ type: Tenant, nullable: true, description: 'Null when the handler is outside what the viewer may see of the tree (use handlerTenantName).', resolve: (c, _a, ctx) => ctx.loaders.tenantById.load(c.row.handlerTenantId) }),
    handlerTenantName: t.string({ nullable: true, description: 'The handler\'s public name, for every party (a first responder following a transferred case).', resolve: async (c, _a, ctx) => (await ctx.loaders.publicTenantById.load(c.row.handlerTenantId))?.name ?? null }),
    firstResponder: t.field({ type: User, nullable: true, description: 'Who first received it (Art. 13); never changes.', resolve: (c, _a, ctx) => (c.row.firstResponderUserId ? ctx.loaders.userById.load(c.row.firstResponderUserId) : null) }),
    firstResponderTenant: t.field({ type: Tenant, nullable: true, resolve: (c, _a, ctx) => ctx.loaders.tenantById.load(c.row.firstResponderTenantId) }),
    firstResponderTenantName: t.string({ nullable: true, description: 'Whom the handler reports back to (Art. 13), by public name, for every party.', resolve: async (c, _a, ctx) => (await ctx.loaders.publicTenantById.load(c.row.firstResponderTenantId))?.name ?? null }),
    originTenantName: t.string({ nullable: true, resolve: async (c, _a, ctx) => (await ctx.loaders.publicTenantById.load(c.row.originTenantId))?.name ?? null }),
    assignee: t.field({ type: User, nullable: true, resolve: (c, _a, ctx) => (c.row.assigneeUserId ? ctx.loaders.userById.load(c.row.assigneeUserId) : null) }),
    strategy: t.field({ type: Strategy, nullable: true, resolve: (c) => c.projection.strategy }),
    handlingMode: t.field({ type: HandlingMode, nullable: true, resolve: (c) => c.projection.handlingMode }),
    appointmentAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.projection.appointmentAt }),
    sensitive: t.boolean({ resolve: (c) => c.projection.sensitive }),
    priority: t.field({ type: Priority, resolve: (c) => c.projection.priority }),
    receivedAt: t.field({ type: 'DateTime', resolve: (c) => c.projection.receivedAt }),
    firstResponseAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.projection.firstResponseAt }),
    statutoryClock: t.field({ type: CaseClock, resolve: (c, _a, ctx) => ({ clock: c.projection.clocks.statutory, p: c.projection, now: ctx.now, kind: 'STATUTORY' as const }) }),
    committedClock: t.field({ type: CaseClock, resolve: (c, _a, ctx) => ({ clock: c.projection.clocks.committed, p: c.projection, now: ctx.now, kind: 'COMMITTED' as const }) }),
    pausedSince: t.field({ type: 'DateTime', nullable: true, description: 'Set while waiting for materials (Art. 14): both clocks stopped.', resolve: (c) => c.projection.clocks.pausedSince }),
    pausedWorkingDays: t.int({ resolve: (c) => c.projection.clocks.pausedWorkingDays }),
    provisionalYears: t.intList({ description: 'Years the due dates were computed for without their holiday arrangement (empty: final).', resolve: (c) => c.projection.clocks.provisionalYears ?? [] }),
    materialsRequests: t.field({ type: [MaterialsRequest], resolve: guarded<P['materialsRequests']>([], (c) => c.projection.materialsRequests) }),
    resolution: t.field({ type: Resolution, nullable: true, resolve: guarded<P['resolution']>(null, (c) => c.projection.resolution) }),
    rejectionReasons: t.stringList({ nullable: true, resolve: guarded<string[] | null>(null, (c) => c.projection.rejection?.reasons ?? null) }),
    reopenCount: t.int({ resolve: (c) => c.projection.reopenCount }),
    rating: t.field({ type: Rating, nullable: true, resolve: (c) => c.projection.rating }),
    followUpPending: t.boolean({ resolve: (c) => c.projection.followUpPending }),
    followUpDueAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.projection.followUpDueAt }),
    closesAt: t.field({ type: 'DateTime', nullable: true, description: 'When a resolved case nobody rated closes (quiet period).', resolve: (c) => (c.projection.status === 'RESOLVED' ? c.row.closesAt : null) }),
    closedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.projection.closedAt }),
    flags: t.field({ type: [CaseFlag], resolve: (c) => c.projection.flags }),
    allowedEvents: t.field({ type: [CaseEventType], description: 'What the state machine allows next (which actions a client offers).', resolve: (c) => allowedEvents(c.projection.status) }),
    viewerEvents: t.field({
      type: [CaseEventType],
      description:
        'Of `allowedEvents`, those the viewer may record on the case page now, by the rules the mutations apply: the handling tenant\'s STAFF and SUPERVISORs; its SUPERVISORs and ADMINs for an extension (Art. 15); the caseworkers of the tenant a transfer waits for (Art. 10, 13); the handling tenant (ADMINs too) for a rating appeal. Supervision orders and appeal decisions have their own rules.',
      resolve: (c, _a, ctx) => (ctx.viewer ? eventsViewerMayRecord(ctx.viewer, c.projection, allowedEvents(c.projection.status)) : []),
    }),
    openedAt: t.field({ type: 'DateTime', resolve: (c) => c.projection.openedAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (c) => c.projection.updatedAt }),
    version: t.int({ resolve: (c) => c.row.version }),
    ledger: t.field({
      type: [CaseEventRef],
      description: 'The timeline: every event, oldest first (for a case confidential to a law firm: types and times only).',
      resolve: async (c, _a, ctx) => {
        const events = await caseLedger(ctx.tx, c.row.id);
        return (await contentVisible(ctx, c)) ? events : events.map((e) => ({ ...e, payload: null }));
      },
    }),
    accessLog: t.field({
      type: [AccessLogEntry],
      description: 'Who revealed which personal field, and why (Art. 26).',
      resolve: async (c, _a, ctx) => ((await contentVisible(ctx, c)) ? caseAccessEntries(ctx.tx, c.row.id) : []),
    }),
  }),
});

const CaseConnection = builder.connectionObject({ type: Case, name: 'CaseConnection' }, { name: 'CaseEdge' });
builder.objectField(CaseConnection, 'totalCount', (t) => t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }));

const CaseSettingsRef = builder.objectRef<Awaited<ReturnType<typeof loadCaseSettings>>>('CaseSettings').implement({
  fields: (t) => ({
    settings: t.field({
      type: 'JSON',
      description: 'defaultLimits (per kind: statutory, committed), quietPeriod, followUpWorkingDays, transferDecisionWorkingDays, supervisionRespondWorkingDays, incidentAckMinutes, responseTimes ({ hotlineSeconds, chatSeconds, messageMinutes }: stricter than the municipal defaults, or null to follow them; Art. 21).',
      resolve: ({ version: _v, ...settings }) => settings,
    }),
    version: t.exposeInt('version', { description: '0 until the tenant sets them (defaults apply).' }),
  }),
});

const BrokenLink = builder.objectRef<{ caseId: string; seq: number; reason: string; detail: string; number?: string }>('LedgerBrokenLink').implement({
  fields: (t) => ({
    case: t.field({ type: Case, nullable: true, resolve: async (b, _a, ctx) => {
      const [row] = await ctx.tx.select().from(cases).where(eq(cases.id, b.caseId));
      return row ? caseView(row, true) : null;
    } }),
    caseNumber: t.string({ nullable: true, resolve: (b) => b.number ?? null }),
    seq: t.exposeInt('seq'),
    reason: t.exposeString('reason', { description: 'HASH_MISMATCH, PREV_HASH_MISMATCH, SEQ_GAP, TRUNCATED, HEAD_MISMATCH …' }),
    detail: t.exposeString('detail'),
  }),
});

const LedgerVerification = builder.objectRef<Awaited<ReturnType<typeof verifyLedger>>>('LedgerVerification').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    casesChecked: t.int({ resolve: (v) => (v.ok ? v.cases : 0) }),
    eventsChecked: t.int({ resolve: (v) => (v.ok ? v.count : 0) }),
    brokenAt: t.field({ type: BrokenLink, nullable: true, resolve: (v) => (v.ok ? null : { ...v.brokenAt, number: v.brokenCaseNumber }) }),
  }),
});

const PublicReply = builder.objectRef<PublicCaseView['replies'][number]>('PublicReply').implement({
  fields: (t) => ({ at: t.expose('at', { type: 'DateTime' }), text: t.exposeString('text') }),
});
const PublicCase = builder.objectRef<PublicCaseView>('PublicCase').implement({
  description: 'What the person who left a message sees: status, due date, replies — nothing internal.',
  fields: (t) => ({
    trackingCode: t.exposeString('trackingCode'),
    number: t.exposeString('number'),
    status: t.field({ type: CaseStatus, resolve: (p) => p.status }),
    subject: t.exposeString('subject'),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true }),
    replies: t.field({ type: [PublicReply], resolve: (p) => p.replies }),
    materialsRequested: t.field({ type: [MaterialsRequest], resolve: (p) => p.materialsRequested.map((m) => ({ ...m, reason: null, flagged: false })) }),
    resolution: t.field({
      type: builder.objectRef<NonNullable<PublicCaseView['resolution']>>('PublicResolution').implement({
        fields: (f) => ({
          summary: f.exposeString('summary'),
          legalBasis: f.exposeString('legalBasis', { nullable: true }),
          riskNotice: f.exposeString('riskNotice', { nullable: true }),
          referredTo: f.exposeString('referredTo', { nullable: true }),
          at: f.expose('at', { type: 'DateTime' }),
        }),
      }),
      nullable: true,
      resolve: (p) => p.resolution,
    }),
    rejectionReasons: t.stringList({ nullable: true, resolve: (p) => p.rejectionReasons }),
    rating: t.field({
      type: builder.objectRef<NonNullable<PublicCaseView['rating']>>('PublicRating').implement({
        fields: (f) => ({ level: f.field({ type: RatingLevel, resolve: (r) => r.level }), comment: f.exposeString('comment', { nullable: true }), at: f.expose('at', { type: 'DateTime' }) }),
      }),
      nullable: true,
      resolve: (p) => p.rating,
    }),
    canRate: t.exposeBoolean('canRate'),
  }),
});

builder.queryFields((t) => ({
  caseTransitions: t.field({
    type: [CaseTransition],
    description: 'The case state machine as data (one row per event).',
    resolve: () => CASE_EVENT_TYPES.map((event) => ({ event })),
  }),
  cases: t.field({
    type: CaseConnection,
    authScopes: { authenticated: true },
    description: 'The work queue: cases the viewer may see, filtered (AND) and ordered (default DUE_SOONEST).',
    args: {
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
      scope: t.arg({ type: CaseScope, required: false }),
      status: t.arg({ type: [CaseStatus], required: false }),
      channel: t.arg({ type: [Channel], required: false }),
      kind: t.arg({ type: CaseKind, required: false }),
      serviceItemId: t.arg.id({ required: false }),
      assigneeId: t.arg.id({ required: false }),
      mine: t.arg.boolean({ required: false, description: 'Only cases assigned to the viewer.' }),
      overdue: t.arg.boolean({ required: false, description: 'Past the committed due date and still open.' }),
      dueBefore: t.arg({ type: 'DateTime', required: false }),
      flagged: t.arg.boolean({ required: false, description: 'Only cases with a supervisor flag.' }),
      search: t.arg.string({ required: false, description: 'Substring of the case number or subject.' }),
      orderBy: t.arg({ type: CaseOrder, required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const { rows, total } = await listCases(
        ctx.tx,
        ctx.viewer!,
        {
          scope: args.scope,
          status: args.status,
          channel: args.channel,
          kind: args.kind,
          serviceItemId: optionalIdOf(args.serviceItemId, 'ServiceItem', 'serviceItemId'),
          assigneeId: optionalIdOf(args.assigneeId, 'User', 'assigneeId'),
          mine: args.mine,
          overdue: args.overdue,
          dueBefore: args.dueBefore,
          flagged: args.flagged,
          search: args.search,
          order: args.orderBy,
        },
        page,
        ctx.now,
      );
      return connectionFrom(rows, page, total);
    },
  }),
  case: t.field({
    type: Case,
    nullable: true,
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: (_r, args, ctx) => ctx.loaders.caseById.load(idOf(String(args.id), 'Case', 'id')),
  }),
  caseSettings: t.field({
    type: CaseSettingsRef,
    authScopes: { authenticated: true },
    args: { tenantId: t.arg.id({ required: false }) },
    resolve: (_r, args, ctx) => loadCaseSettings(ctx.tx, optionalIdOf(args.tenantId, 'Tenant', 'tenantId') ?? ctx.viewer!.tenantId),
  }),
  verifyLedger: t.field({
    type: LedgerVerification,
    authScopes: { authenticated: true },
    description: "Re-computes the hash chains of a case, or of a tenant's cases (default: the viewer's), and reports the first broken link (ADMIN, SUPERVISOR).",
    args: {
      tenantId: t.arg.id({ required: false }),
      caseId: t.arg.id({ required: false }),
      subtree: t.arg.boolean({ required: false, description: 'Also every tenant below it (the municipal bureau: the whole city).' }),
    },
    resolve: (_r, args, ctx) =>
      verifyLedger(commandOf(ctx), {
        tenantId: optionalIdOf(args.tenantId, 'Tenant', 'tenantId'),
        caseId: optionalIdOf(args.caseId, 'Case', 'caseId'),
        subtree: args.subtree,
      }),
  }),
  trackCase: t.field({
    type: PublicCase,
    description: 'Anonymous: the status of a message left online, by its tracking code and secret.',
    args: { code: t.arg.string(), secret: t.arg.string() },
    resolve: (_r, args, ctx) => trackCase(commandOf(ctx), args),
  }),
}));

// ---- mutations ----

export const CasePayload = builder.objectRef<{ case: CaseView }>('CasePayload').implement({
  fields: (t) => ({ case: t.field({ type: Case, resolve: (p) => p.case }) }),
});
export const payload = (loaded: LoadedCase) => ({ case: { row: loaded.row, projection: loaded.projection, handledInSubtree: loaded.handledInSubtree } });

const RequesterInput = builder.inputType('RequesterInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    phone: t.string({ required: false, description: 'Mainland mobile number.' }),
    residentId: t.string({ required: false, description: 'Resident ID number (check digit verified).' }),
    otherContact: t.string({ required: false }),
  }),
});

const OpenCaseInput = builder.inputType('OpenCaseInput', {
  fields: (t) => ({
    channel: t.field({ type: Channel }),
    kind: t.field({ type: CaseKind }),
    serviceItemId: t.id({ required: false }),
    subject: t.string(),
    description: t.string({ required: false }),
    requester: t.field({ type: RequesterInput, required: false }),
    formData: t.field({ type: 'JSON', required: false }),
    strategy: t.field({ type: Strategy, required: false }),
    handlingMode: t.field({ type: HandlingMode, required: false }),
    appointmentAt: t.field({ type: 'DateTime', required: false }),
    sensitive: t.boolean({ required: false }),
    urgency: t.field({ type: Urgency, required: false }),
    protectedGroups: t.field({ type: [ProtectedGroup], required: false }),
    receivedAt: t.field({ type: 'DateTime', required: false, description: 'When the contact came in (default: now; at most 7 days back).' }),
    idempotencyKey: t.string({ required: false, description: 'A retry with the same key returns the same case.' }),
  }),
});

export const caseTarget = (input: { id: string | number; version: number }) => ({ id: idOf(String(input.id), 'Case', 'id'), version: input.version });
const nn = <T>(v: T | null | undefined) => v ?? undefined;

const StartCaseInput = builder.inputType('StartCaseInput', {
  fields: (t) => ({ id: t.id(), version: t.int(), strategy: t.field({ type: Strategy, required: false }), handlingMode: t.field({ type: HandlingMode, required: false }), appointmentAt: t.field({ type: 'DateTime', required: false }) }),
});
const ReassignCaseInput = builder.inputType('ReassignCaseInput', { fields: (t) => ({ id: t.id(), version: t.int(), assigneeId: t.id() }) });
const MaterialsItemInput = builder.inputType('MaterialsItemInput', { fields: (t) => ({ key: t.string({ description: 'A checklist key, or other:<slug>.' }), note: t.string() }) });
const RequestMaterialsInput = builder.inputType('RequestMaterialsInput', {
  fields: (t) => ({ id: t.id(), version: t.int(), items: t.field({ type: [MaterialsItemInput] }), reason: t.string({ required: false, description: 'Required when naming items the first request did not (new facts).' }) }),
});
const ReceiveMaterialsInput = builder.inputType('ReceiveMaterialsInput', { fields: (t) => ({ id: t.id(), version: t.int(), note: t.string({ required: false }) }) });
const ExtendDeadlineInput = builder.inputType('ExtendDeadlineInput', {
  fields: (t) => ({
    id: t.id(),
    version: t.int(),
    clock: t.field({ type: ClockKind }),
    by: t.field({ type: LimitInput }),
    reason: t.string(),
    noticeMethod: t.field({ type: NoticeMethod }),
    noticeAt: t.field({ type: 'DateTime' }),
  }),
});
const ResolveCaseInput = builder.inputType('ResolveCaseInput', {
  fields: (t) => ({
    id: t.id(),
    version: t.int(),
    outcome: t.field({ type: Outcome }),
    strategy: t.field({ type: Strategy }),
    summary: t.string(),
    category: t.field({ type: ConsultationCategory, required: false, description: 'Required for a consultation (Art. 9).' }),
    legalBasis: t.string({ required: false }),
    riskNotice: t.string({ required: false }),
    referredTo: t.string({ required: false }),
  }),
});
const CaseReasonInput = builder.inputType('CaseReasonInput', { fields: (t) => ({ id: t.id(), version: t.int(), reason: t.string() }) });
const RejectCaseInput = builder.inputType('RejectCaseInput', { fields: (t) => ({ id: t.id(), version: t.int(), reasons: t.stringList() }) });
const CaseTextInput = builder.inputType('CaseTextInput', { fields: (t) => ({ id: t.id(), version: t.int(), text: t.string() }) });
const ReplyInput = builder.inputType('ReplyToRequesterInput', { fields: (t) => ({ id: t.id(), version: t.int(), text: t.string(), channel: t.field({ type: Channel, required: false }) }) });
const DecideAppealInput = builder.inputType('DecideRatingAppealInput', { fields: (t) => ({ id: t.id(), version: t.int(), decision: t.field({ type: AppealDecision }), note: t.string() }) });
const RevealInput = builder.inputType('RevealRequesterFieldInput', { fields: (t) => ({ caseId: t.id(), field: t.field({ type: RequesterField }), reason: t.string() }) });
const SetCaseSettingsInput = builder.inputType('SetCaseSettingsInput', { fields: (t) => ({ tenantId: t.id({ required: false }), version: t.int(), settings: t.field({ type: 'JSON' }) }) });
const SubmitInquiryInput = builder.inputType('SubmitInquiryInput', {
  fields: (t) => ({
    tenantSlug: t.string(),
    serviceItemId: t.id({ required: false }),
    subject: t.string(),
    description: t.string(),
    name: t.string({ required: false }),
    phone: t.string({ required: false }),
    otherContact: t.string({ required: false }),
    formData: t.field({ type: 'JSON', required: false }),
    idempotencyKey: t.string({ required: false }),
  }),
});
const RateCaseInput = builder.inputType('RateCaseInput', { fields: (t) => ({ code: t.string(), secret: t.string(), level: t.field({ type: RatingLevel }), comment: t.string({ required: false }) }) });

const RevealPayload = builder.objectRef<{ field: string; value: string | null }>('RevealRequesterFieldPayload').implement({
  fields: (t) => ({ field: t.field({ type: RequesterField, resolve: (r) => r.field as never }), value: t.exposeString('value', { nullable: true }) }),
});
const InquiryReceipt = builder.objectRef<{ trackingCode: string; secret: string; view: PublicCaseView | null; number: string; dueAt: Date }>('InquiryReceipt').implement({
  description: 'Keep both: the secret is shown only now.',
  fields: (t) => ({
    trackingCode: t.exposeString('trackingCode'),
    secret: t.exposeString('secret'),
    number: t.exposeString('number'),
    dueAt: t.expose('dueAt', { type: 'DateTime', description: 'The committed reply date.' }),
  }),
});
const PublicCasePayload = builder.objectRef<{ case: PublicCaseView }>('PublicCasePayload').implement({
  fields: (t) => ({ case: t.field({ type: PublicCase, resolve: (p) => p.case }) }),
});

builder.mutationFields((t) => ({
  openCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: 'Takes in a consultation or matter (Art. 6-10, 13); the viewer is its first responder.',
    args: { input: t.arg({ type: OpenCaseInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(
        await openCase(commandOf(ctx), {
          channel: input.channel,
          kind: input.kind,
          serviceItemId: optionalIdOf(input.serviceItemId, 'ServiceItem', 'serviceItemId'),
          subject: input.subject,
          description: input.description,
          requester: {
            name: input.requester?.name,
            phone: input.requester?.phone,
            residentId: input.requester?.residentId,
            otherContact: input.requester?.otherContact,
          },
          formData: input.formData as Record<string, unknown> | null,
          strategy: input.strategy,
          handlingMode: input.handlingMode,
          appointmentAt: input.appointmentAt,
          sensitive: nn(input.sensitive),
          urgency: nn(input.urgency),
          protectedGroups: nn(input.protectedGroups),
          receivedAt: input.receivedAt,
          idempotencyKey: input.idempotencyKey,
        }),
      ),
  }),
  startCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: StartCaseInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(await startCase(commandOf(ctx), { ...caseTarget(input), strategy: input.strategy, handlingMode: input.handlingMode, appointmentAt: input.appointmentAt })),
  }),
  reassignCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: 'Routes the case to another handler inside the tenant (Art. 10).',
    args: { input: t.arg({ type: ReassignCaseInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(await reassignCase(commandOf(ctx), { ...caseTarget(input), assigneeId: idOf(String(input.assigneeId), 'User', 'assigneeId') })),
  }),
  requestMaterials: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: 'One-time notification (Art. 14): every missing item at once; both clocks pause.',
    args: { input: t.arg({ type: RequestMaterialsInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(await requestMaterials(commandOf(ctx), { ...caseTarget(input), items: input.items, reason: input.reason })),
  }),
  receiveMaterials: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: ReceiveMaterialsInput }) },
    resolve: async (_r, { input }, ctx) => payload(await receiveMaterials(commandOf(ctx), { ...caseTarget(input), note: input.note })),
  }),
  extendDeadline: t.field({
    type: CasePayload,
    authScopes: { authenticated: true },
    description: 'Extends one clock once, before its due date (Art. 15); by a SUPERVISOR or ADMIN of the handler tenant.',
    args: { input: t.arg({ type: ExtendDeadlineInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(
        await extendDeadline(commandOf(ctx), {
          ...caseTarget(input),
          clock: input.clock,
          by: input.by,
          reason: input.reason,
          noticeMethod: input.noticeMethod,
          noticeAt: input.noticeAt,
        }),
      ),
  }),
  resolveCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: ResolveCaseInput }) },
    resolve: async (_r, { input }, ctx) =>
      payload(
        await resolveCase(commandOf(ctx), {
          ...caseTarget(input),
          outcome: input.outcome,
          strategy: input.strategy,
          summary: input.summary,
          category: input.category,
          legalBasis: input.legalBasis,
          riskNotice: input.riskNotice,
          referredTo: input.referredTo,
        }),
      ),
  }),
  reopenCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: CaseReasonInput }) },
    resolve: async (_r, { input }, ctx) => payload(await reopenCase(commandOf(ctx), { ...caseTarget(input), reason: input.reason })),
  }),
  rejectCase: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    args: { input: t.arg({ type: RejectCaseInput }) },
    resolve: async (_r, { input }, ctx) => payload(await rejectCase(commandOf(ctx), { ...caseTarget(input), reasons: input.reasons })),
  }),
  addCaseNote: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: 'An internal note: staff only, never public.',
    args: { input: t.arg({ type: CaseTextInput }) },
    resolve: async (_r, { input }, ctx) => payload(await addCaseNote(commandOf(ctx), { ...caseTarget(input), text: input.text })),
  }),
  replyToRequester: t.field({
    type: CasePayload,
    authScopes: { caseworker: true },
    description: 'A reply the person sees (checked against forbidden phrases).',
    args: { input: t.arg({ type: ReplyInput }) },
    resolve: async (_r, { input }, ctx) => payload(await replyToRequester(commandOf(ctx), { ...caseTarget(input), text: input.text, channel: input.channel })),
  }),
  appealRating: t.field({
    type: CasePayload,
    authScopes: { authenticated: true },
    description: 'The handler tenant appeals a rating as malicious; a SUPERVISOR of its parent decides.',
    args: { input: t.arg({ type: CaseReasonInput }) },
    resolve: async (_r, { input }, ctx) => payload(await appealRating(commandOf(ctx), { ...caseTarget(input), reason: input.reason })),
  }),
  decideRatingAppeal: t.field({
    type: CasePayload,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: DecideAppealInput }) },
    resolve: async (_r, { input }, ctx) => payload(await decideRatingAppeal(commandOf(ctx), { ...caseTarget(input), decision: input.decision, note: input.note })),
  }),
  revealRequesterField: t.field({
    type: RevealPayload,
    authScopes: { authenticated: true },
    description: 'One personal field of one case, unmasked, with a reason written to the access log (Art. 26). Rate-limited.',
    args: { input: t.arg({ type: RevealInput }) },
    resolve: (_r, { input }, ctx) =>
      revealRequesterField(commandOf(ctx), { caseId: idOf(String(input.caseId), 'Case', 'caseId'), field: input.field, reason: input.reason }),
  }),
  setCaseSettings: t.field({
    type: CaseSettingsRef,
    authScopes: { admin: true },
    args: { input: t.arg({ type: SetCaseSettingsInput }) },
    resolve: (_r, { input }, ctx) =>
      setCaseSettings(commandOf(ctx), { tenantId: optionalIdOf(input.tenantId, 'Tenant', 'tenantId'), version: input.version, settings: input.settings }),
  }),
  submitInquiry: t.field({
    type: InquiryReceipt,
    description: 'Anonymous: leave a message to an organisation (Art. 6, 12). Keep the tracking code and secret.',
    args: { input: t.arg({ type: SubmitInquiryInput }) },
    resolve: async (_r, { input }, ctx) => {
      const receipt = await submitInquiry(commandOf(ctx), {
        ...input,
        serviceItemId: optionalIdOf(input.serviceItemId, 'ServiceItem', 'serviceItemId'),
        formData: input.formData as Record<string, unknown> | null,
      });
      return {
        trackingCode: receipt.trackingCode,
        secret: receipt.secret,
        view: null,
        number: receipt.loaded.projection.number,
        dueAt: receipt.loaded.projection.clocks.committed.dueAt,
      };
    },
  }),
  rateCase: t.field({
    type: PublicCasePayload,
    description: 'Anonymous: rate the service once, after resolution (好差评).',
    args: { input: t.arg({ type: RateCaseInput }) },
    resolve: async (_r, { input }, ctx) => ({ case: await rateCase(commandOf(ctx), input) }),
  }),
}));

