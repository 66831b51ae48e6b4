import { asc, desc, gt } from 'drizzle-orm';
import { ALERT_KINDS, incidentAlerts } from '../../../schema/db/incidents.js';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, SEVERITIES, SEVERITY_LABEL, type Severity } from '../../domain/incidents/incident.js';
import { forbidden } from '../../domain/shared/errors.js';
import {
  acknowledgeIncident,
  addIncidentUpdate,
  incidentHistoryOf,
  incidentLevelsOf,
  listIncidents,
  reportIncident,
  resolveIncident,
  type IncidentRow,
} from '../../usecases/incidents/incidents.js';
import { isInViewerSubtree } from '../../usecases/tenants/queries.js';
import { builder } from '../builder.js';
import { cursorOf, openLive } from '../live/subscribe.js';
import { alertTopic } from '../live/topics.js';
import { commandOf } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { connectionFrom, pageFor } from '../pagination.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';

/** Major incidents (重大情况报告, Art. 19): reports, history, each level's acknowledgement, alerts. */

const IncidentCategory = builder.enumType('IncidentCategory', { values: INCIDENT_CATEGORIES });
const Severity = builder.enumType('IncidentSeverity', {
  values: Object.fromEntries(SEVERITIES.map((s) => [s, { description: SEVERITY_LABEL[s] }])) as Record<Severity, { description: string }>,
});
const IncidentStatus = builder.enumType('IncidentStatus', { values: INCIDENT_STATUSES });
const AlertKind = builder.enumType('IncidentAlertKind', { values: ALERT_KINDS });

type LevelRow = Awaited<ReturnType<typeof incidentLevelsOf>>[number];
const IncidentLevel = builder.objectRef<LevelRow>('IncidentLevel').implement({
  description: 'One tenant above the reporting one: by when it must acknowledge, and whether it did.',
  fields: (t) => ({
    tenant: t.field({ type: Tenant, nullable: true, resolve: (l, _a, ctx) => ctx.loaders.tenantById.load(l.levelTenantId) }),
    depth: t.exposeInt('depth', { description: '1: the parent of the reporting tenant, and so on up to the root.' }),
    ackDueAt: t.expose('ackDueAt', { type: 'DateTime' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    acknowledgedBy: t.field({ type: User, nullable: true, resolve: (l, _a, ctx) => (l.acknowledgedBy ? ctx.loaders.userById.load(l.acknowledgedBy) : null) }),
    escalatedAt: t.expose('escalatedAt', { type: 'DateTime', nullable: true }),
    overdue: t.boolean({ resolve: (l, _a, ctx) => !l.acknowledgedAt && l.ackDueAt < ctx.now }),
  }),
});

type UpdateRow = Awaited<ReturnType<typeof incidentHistoryOf>>[number];
const IncidentUpdate = builder.objectRef<UpdateRow>('IncidentUpdate').implement({
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'UPDATE (续报) or RESOLUTION (处置完毕).' }),
    text: t.exposeString('text'),
    at: t.expose('at', { type: 'DateTime' }),
    by: t.field({ type: User, nullable: true, resolve: (u, _a, ctx) => (u.userId ? ctx.loaders.userById.load(u.userId) : null) }),
  }),
});

const IncidentRef = builder.objectRef<IncidentRow>('Incident');
export const Incident = builder.node(IncidentRef, {
  description: 'A major incident (Art. 19), seen by the reporting tenant and every tenant above it.',
  id: { resolve: (i) => i.id },
  loadMany: (ids, ctx) => Promise.all(ids.map((id) => ctx.loaders.incidentById.load(id))),
  fields: (t) => ({
    tenant: t.field({ type: Tenant, nullable: true, resolve: (i, _a, ctx) => ctx.loaders.tenantById.load(i.tenantId) }),
    reporter: t.field({ type: User, nullable: true, resolve: (i, _a, ctx) => (i.reporterUserId ? ctx.loaders.userById.load(i.reporterUserId) : null) }),
    category: t.field({ type: IncidentCategory, resolve: (i) => i.category as never }),
    severity: t.field({ type: Severity, resolve: (i) => i.severity as never }),
    status: t.field({ type: IncidentStatus, resolve: (i) => i.status as never }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    reportedAt: t.expose('reportedAt', { type: 'DateTime' }),
    place: t.exposeString('place'),
    peopleCount: t.exposeInt('peopleCount'),
    description: t.exposeString('description'),
    actionsTaken: t.exposeString('actionsTaken'),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    levels: t.field({ type: [IncidentLevel], resolve: (i, _a, ctx) => incidentLevelsOf(ctx.tx, i.id) }),
    history: t.field({ type: [IncidentUpdate], resolve: (i, _a, ctx) => incidentHistoryOf(ctx.tx, i.id) }),
    version: t.exposeInt('version'),
  }),
});

const IncidentConnection = builder.connectionObject({ type: Incident, name: 'IncidentConnection' }, { name: 'IncidentEdge' });
builder.objectField(IncidentConnection, 'totalCount', (t) => t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }));

type AlertRow = typeof incidentAlerts.$inferSelect;
export const IncidentAlert = builder.objectRef<AlertRow>('IncidentAlert').implement({
  description: 'An alert, stored before it is sent; `cursor` resumes after it.',
  fields: (t) => ({
    cursor: t.string({ resolve: (a) => String(a.seq) }),
    kind: t.field({ type: AlertKind, resolve: (a) => a.kind as never }),
    at: t.expose('at', { type: 'DateTime' }),
    incident: t.field({ type: Incident, nullable: true, resolve: (a, _x, ctx) => ctx.loaders.incidentById.load(a.incidentId) }),
    level: t.field({ type: Tenant, nullable: true, resolve: (a, _x, ctx) => (a.levelTenantId ? ctx.loaders.tenantById.load(a.levelTenantId) : null) }),
  }),
});

builder.queryFields((t) => ({
  incidents: t.field({
    type: IncidentConnection,
    authScopes: { authenticated: true },
    description: 'Incidents reported by the viewer\'s tenant and those below it, newest first.',
    args: {
      status: t.arg({ type: [IncidentStatus], required: false }),
      severity: t.arg({ type: [Severity], required: false }),
      category: t.arg({ type: [IncidentCategory], required: false }),
      tenantId: t.arg.id({ required: false }),
      from: t.arg({ type: 'DateTime', required: false }),
      to: t.arg({ type: 'DateTime', required: false }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const { rows, total } = await listIncidents(
        ctx.tx,
        ctx.viewer!,
        { status: args.status, severity: args.severity, category: args.category, tenantId: optionalIdOf(args.tenantId, 'Tenant', 'tenantId'), from: args.from, to: args.to },
        page,
      );
      return connectionFrom(rows, page, total);
    },
  }),
  incidentAlertsSince: t.field({
    type: [IncidentAlert],
    authScopes: { authenticated: true },
    description: 'Alerts for the viewer\'s tenant and its subtree after a cursor, oldest first (at most 500): what a reconnecting client missed.',
    args: { after: t.arg.string({ required: false }) },
    resolve: (_r, args, ctx) =>
      ctx.tx.select().from(incidentAlerts).where(gt(incidentAlerts.seq, cursorOf(args.after, 'an alert') ?? 0)).orderBy(asc(incidentAlerts.seq)).limit(500),
  }),
  incidentAlertsHead: t.string({
    authScopes: { authenticated: true },
    description:
      'The cursor of the newest alert the viewer can see ("" when none): a client that subscribes `incidentAlerts(after:)` from it and reconnects from its last cursor misses nothing committed later, even before its first alert arrives.',
    resolve: async (_r, _args, ctx) => {
      // Under the viewer's row-level security; numbers are taken at commit, so none lower can appear later.
      const [row] = await ctx.tx.select({ seq: incidentAlerts.seq }).from(incidentAlerts).orderBy(desc(incidentAlerts.seq)).limit(1);
      return row?.seq == null ? '' : String(row.seq);
    },
  }),
}));

builder.subscriptionFields((t) => ({
  incidentAlerts: t.field({
    type: IncidentAlert,
    authScopes: { authenticated: true },
    description:
      'Alerts (report, update, escalation, acknowledgement, resolution) about incidents in the viewer\'s tenant and its subtree, or in the subtree of `tenantId` below it, as they commit. With `after`, everything since that cursor comes first, then live, with no gap and no duplicate. Over WebSocket (graphql-transport-ws) only.',
    args: {
      after: t.arg.string({ required: false, description: 'The last cursor received; omitted: from now.' }),
      tenantId: t.arg.id({ required: false, description: 'Only this tenant and those below it (must be within the viewer\'s subtree).' }),
    },
    subscribe: async (_r, args, ctx) => {
      const after = cursorOf(args.after, 'an alert');
      const root = optionalIdOf(args.tenantId, 'Tenant', 'tenantId') ?? ctx.viewer!.tenantId;
      if (root !== ctx.viewer!.tenantId && !(await isInViewerSubtree(ctx.tx, root))) {
        throw forbidden('alerts are only for the viewer\'s tenant and those below it');
      }
      return openLive(ctx, alertTopic(root), after);
    },
    resolve: (row) => row as AlertRow,
  }),
}));

const ReportInput = builder.inputType('ReportIncidentInput', {
  fields: (t) => ({
    category: t.field({ type: IncidentCategory }),
    severity: t.field({ type: Severity }),
    occurredAt: t.field({ type: 'DateTime' }),
    place: t.string(),
    peopleCount: t.int(),
    description: t.string(),
    actionsTaken: t.string(),
  }),
});
const FollowInput = builder.inputType('IncidentTextInput', { fields: (t) => ({ id: t.id(), version: t.int(), text: t.string() }) });
const AckInput = builder.inputType('AcknowledgeIncidentInput', { fields: (t) => ({ id: t.id() }) });
const IncidentPayload = builder.objectRef<{ incident: IncidentRow }>('IncidentPayload').implement({
  fields: (t) => ({ incident: t.field({ type: Incident, resolve: (p) => p.incident }) }),
});

builder.mutationFields((t) => ({
  reportIncident: t.field({
    type: IncidentPayload,
    authScopes: { authenticated: true },
    description: '重大情况报告 (Art. 19): reaches every tenant above at once, as an alert.',
    args: { input: t.arg({ type: ReportInput }) },
    resolve: async (_r, { input }, ctx) => ({ incident: await reportIncident(commandOf(ctx), input) }),
  }),
  addIncidentUpdate: t.field({
    type: IncidentPayload,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: FollowInput }) },
    resolve: async (_r, { input }, ctx) => ({ incident: await addIncidentUpdate(commandOf(ctx), { id: idOf(String(input.id), 'Incident', 'id'), version: input.version, text: input.text }) }),
  }),
  resolveIncident: t.field({
    type: IncidentPayload,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: FollowInput }) },
    resolve: async (_r, { input }, ctx) => ({ incident: await resolveIncident(commandOf(ctx), { id: idOf(String(input.id), 'Incident', 'id'), version: input.version, text: input.text }) }),
  }),
  acknowledgeIncident: t.field({
    type: IncidentPayload,
    authScopes: { authenticated: true },
    description: 'A SUPERVISOR or ADMIN acknowledges for their level.',
    args: { input: t.arg({ type: AckInput }) },
    resolve: async (_r, { input }, ctx) => ({ incident: await acknowledgeIncident(commandOf(ctx), { id: idOf(String(input.id), 'Incident', 'id') }) }),
  }),
}));


