import { CONTACT_CHANNELS } from '../../../schema/db/stats.js';
import { type ContactChannel as Channel, answerSeconds } from '../../domain/contacts/policy.js';
import { forbidden } from '../../domain/shared/errors.js';
import { hasRole } from '../../domain/tenancy/access.js';
import { type ApiKeyRow, createApiKey, listApiKeys, revokeApiKey } from '../../usecases/contacts/api-keys.js';
import type { ChannelCompliance as ChannelNumbers, ComplianceGroup } from '../../usecases/contacts/compliance.js';
import { contactComplianceOf, policyOf } from '../../usecases/contacts/compliance.js';
import { complianceReport, type ComplianceReport } from '../../usecases/contacts/compliance-report.js';
import { type ContactRow, linkContactToCase } from '../../usecases/contacts/link-contact.js';
import { contactsByIds, listContacts } from '../../usecases/contacts/queries.js';
import { recordContacts } from '../../usecases/contacts/record-contacts.js';
import { loadAncestry } from '../../usecases/tenants/queries.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { encodeGlobalId, idOf, optionalIdOf } from '../global-id.js';
import { connectionFrom, pageFor } from '../pagination.js';
import { Case } from './cases.js';
import { Statistics } from './statistics.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';

/**
 * Contacts and response times (Art. 21): hotline calls, chat sessions and left messages as the
 * tenants' systems report them (with an integration key) or staff record them; compliance with
 * the response-time policy per tenant, subtree, agent and period; the keys themselves.
 */

export const ContactChannel = builder.enumType('ContactChannel', {
  values: { HOTLINE: { description: '热线电话' }, CHAT: { description: '在线咨询' }, MESSAGE: { description: '留言' } } satisfies Record<Channel, unknown>,
});

export const Contact = builder.node(builder.objectRef<ContactRow>('Contact'), {
  description: 'A hotline call, chat session or left message (Art. 21).',
  id: { resolve: (c) => c.id },
  loadMany: (ids, ctx) => contactsByIds(ctx.tx, ids),
  fields: (t) => ({
    tenant: t.field({ type: Tenant, nullable: true, resolve: (c, _a, ctx) => ctx.loaders.tenantById.load(c.tenantId) }),
    channel: t.field({ type: ContactChannel, resolve: (c) => c.channel as Channel }),
    externalId: t.exposeString('externalId', { description: "The reporting system's own id (call id, session id)." }),
    arrivedAt: t.expose('arrivedAt', { type: 'DateTime' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true }),
    abandoned: t.exposeBoolean('abandoned', { description: 'The caller hung up (or left) before an answer.' }),
    answerSeconds: t.float({ nullable: true, description: 'Seconds from arrival to answer; null when not answered.', resolve: (c) => answerSeconds(c) }),
    agent: t.field({ type: User, nullable: true, description: 'Who answered.', resolve: (c, _a, ctx) => (c.agentUserId ? ctx.loaders.userById.load(c.agentUserId) : null) }),
    case: t.field({ type: Case, nullable: true, resolve: (c, _a, ctx) => (c.caseId ? ctx.loaders.caseById.load(c.caseId) : null) }),
    recordedByKey: t.boolean({ description: 'Posted by an integration key (false: recorded by staff).', resolve: (c) => c.apiKeyId !== null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ContactConnection = builder.connectionObject({ type: Contact, name: 'ContactConnection' }, { name: 'ContactEdge' });
builder.objectField(ContactConnection, 'totalCount', (t) => t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }));

const ApiKey = builder.objectRef<ApiKeyRow>('ApiKey').implement({
  description: "An integration key of the viewer's tenant, for its telephony or chat system. The secret is shown once, at creation, and never stored.",
  fields: (t) => ({
    id: t.id({ resolve: (k) => encodeGlobalId('ApiKey', k.id) }),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The visible part of the key (tpk_<prefix>_…), to tell keys apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    createdBy: t.field({ type: User, nullable: true, resolve: (k, _a, ctx) => (k.createdBy ? ctx.loaders.userById.load(k.createdBy) : null) }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'To the minute: not written on every call.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    active: t.boolean({ resolve: (k) => k.revokedAt === null }),
  }),
});

const CreatedApiKey = builder.objectRef<{ row: ApiKeyRow; key: string }>('CreateApiKeyPayload').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKey, resolve: (p) => p.row }),
    secret: t.string({
      description: 'The whole key (tpk_<prefix>_<secret>), shown this once: send it as `Authorization: ApiKey <key>`.',
      resolve: (p) => p.key,
    }),
  }),
});

const RecordedContacts = builder.objectRef<Awaited<ReturnType<typeof recordContacts>>>('RecordContactsPayload').implement({
  fields: (t) => ({
    recorded: t.exposeInt('recorded', { description: 'New contacts stored.' }),
    updated: t.exposeInt('updated', { description: 'Pending contacts (neither answered nor abandoned) this call completed.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Entries already recorded, which changed nothing.' }),
  }),
});

const ResponseTimePolicy = builder.objectRef<{ hotlineSeconds: number; chatSeconds: number; messageMinutes: number }>('ResponseTimePolicy').implement({
  description: "A tenant's effective response times (Art. 21): the strictest of the municipal defaults, its case settings and its published commitments.",
  fields: (t) => ({
    hotlineSeconds: t.exposeFloat('hotlineSeconds'),
    chatSeconds: t.exposeFloat('chatSeconds'),
    messageMinutes: t.exposeFloat('messageMinutes'),
  }),
});

const ChannelCompliance = builder.objectRef<ChannelNumbers>('ChannelCompliance').implement({
  fields: (t) => ({
    channel: t.field({ type: ContactChannel, resolve: (c) => c.channel }),
    total: t.exposeInt('total'),
    answered: t.exposeInt('answered'),
    answeredInTime: t.exposeInt('answeredInTime', { description: "Answered within the tenant's limit, the limit itself included." }),
    abandoned: t.exposeInt('abandoned'),
    complianceRate: t.exposeFloat('complianceRate', {
      nullable: true,
      description: 'answeredInTime / total, from 0 to 1 (abandoned and unanswered contacts count against it); null without contacts.',
    }),
    averageAnswerSeconds: t.exposeFloat('averageAnswerSeconds', { nullable: true, description: 'Over answered contacts.' }),
    p90AnswerSeconds: t.exposeFloat('p90AnswerSeconds', { nullable: true, description: '90th percentile (interpolated) over answered contacts.' }),
  }),
});

const AgentCompliance = builder.objectRef<ComplianceGroup>('AgentContactCompliance').implement({
  fields: (t) => ({
    user: t.field({ type: User, nullable: true, resolve: (g, _a, ctx) => ctx.loaders.userById.load(g.id) }),
    channels: t.field({ type: [ChannelCompliance], resolve: (g) => g.channels }),
  }),
});

const TenantCompliance = builder.objectRef<ComplianceGroup & { report: ComplianceReport }>('TenantContactCompliance').implement({
  fields: (t) => ({
    tenant: t.field({ type: Tenant, nullable: true, resolve: (g, _a, ctx) => ctx.loaders.tenantById.load(g.id) }),
    policy: t.field({ type: ResponseTimePolicy, resolve: async (g) => policyOf(await g.report.policies(), g.id) }),
    channels: t.field({ type: [ChannelCompliance], resolve: (g) => g.channels }),
  }),
});

const ContactComplianceRef = builder.objectRef<ComplianceReport>('ContactCompliance').implement({
  description: 'Response-time compliance (Art. 21) of a tenant, or of its subtree, over a period.',
  fields: (t) => ({
    tenant: t.field({ type: Tenant, nullable: true, resolve: (r, _a, ctx) => ctx.loaders.tenantById.load(r.tenantId) }),
    subtree: t.exposeBoolean('subtree'),
    from: t.expose('from', { type: 'Date' }),
    to: t.expose('to', { type: 'Date' }),
    onlyOwnContacts: t.exposeBoolean('onlyOwnContacts', { description: 'True for STAFF: the numbers cover only the contacts they answered.' }),
    policy: t.field({ type: ResponseTimePolicy, description: "The tenant's own effective policy (in a roll-up each tenant is measured against its own).", resolve: (r) => r.policy() }),
    channels: t.field({ type: [ChannelCompliance], description: 'HOTLINE, CHAT, MESSAGE, always all three.', resolve: (r) => r.channels() }),
    byAgent: t.field({ type: [AgentCompliance], description: 'Per staff member who answered contacts in the period.', resolve: (r) => r.byAgent() }),
    byTenant: t.field({
      type: [TenantCompliance],
      description: 'With subtree: per tenant that had contacts in the period. Empty otherwise.',
      resolve: async (r) => (await r.byTenant()).map((g) => ({ ...g, report: r })),
    }),
  }),
});

builder.queryFields((t) => ({
  apiKeys: t.field({
    type: [ApiKey],
    authScopes: { admin: true },
    description: "The viewer's tenant's integration keys, newest first, revoked ones included (admins).",
    resolve: (_r, _a, ctx) => listApiKeys(ctx.tx, ctx.viewer),
  }),
  contacts: t.field({
    type: ContactConnection,
    authScopes: { authenticated: true },
    description: "A tenant's contacts (the viewer's by default; ADMINs and SUPERVISORs: any tenant below), newest first.",
    args: {
      tenantId: t.arg.id({ required: false }),
      channel: t.arg({ type: [ContactChannel], required: false }),
      from: t.arg({ type: 'DateTime', required: false, description: 'Arrived at or after.' }),
      to: t.arg({ type: 'DateTime', required: false, description: 'Arrived before.' }),
      unlinked: t.arg.boolean({ required: false, description: 'Only contacts not linked to a case.' }),
      agentId: t.arg.id({ required: false }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      last: t.arg.int({ required: false }),
      before: t.arg.string({ required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const viewer = ctx.viewer!;
      const tenantId = optionalIdOf(args.tenantId, 'Tenant', 'tenantId') ?? viewer.tenantId;
      if (tenantId !== viewer.tenantId) {
        if (!(await loadAncestry(ctx.tx, tenantId)).includes(viewer.tenantId)) throw forbidden("contacts are for the viewer's tenant and those below it");
        if (!hasRole(viewer, 'ADMIN') && !hasRole(viewer, 'SUPERVISOR')) throw forbidden("only ADMINs and SUPERVISORs see other tenants' contacts");
      }
      const page = pageFor(args, ctx.config.limits.maxPageSize);
      const { rows, total } = await listContacts(
        ctx.tx,
        { tenantId, channel: args.channel, from: args.from, to: args.to, unlinked: args.unlinked, agentUserId: optionalIdOf(args.agentId, 'User', 'agentId') },
        page,
      );
      return connectionFrom(rows, page, total);
    },
  }),
  contactCompliance: t.field({
    type: ContactComplianceRef,
    authScopes: { authenticated: true },
    description:
      "Response-time compliance (Art. 21) for a period of Asia/Shanghai days, both included (at most 366). The viewer's tenant by default; ADMINs and SUPERVISORs may name a tenant below theirs and roll up its subtree; STAFF see only the contacts they answered.",
    args: {
      tenantId: t.arg.id({ required: false }),
      subtree: t.arg.boolean({ required: false }),
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
    },
    resolve: (_r, args, ctx) =>
      complianceReport(ctx.tx, ctx.viewer, { tenantId: optionalIdOf(args.tenantId, 'Tenant', 'tenantId'), subtree: args.subtree, from: args.from, to: args.to }),
  }),
}));

const ContactInput = builder.inputType('ContactInput', {
  fields: (t) => ({
    channel: t.field({ type: ContactChannel }),
    externalId: t.string({ description: "The reporting system's own id; posting it again records nothing new." }),
    arrivedAt: t.field({ type: 'DateTime' }),
    answeredAt: t.field({ type: 'DateTime', required: false, description: 'Null while unanswered (post again once answered) or when abandoned.' }),
    abandoned: t.boolean({ required: false }),
    agentUsername: t.string({ required: false, description: 'Who answered: a user of the tenant.' }),
    caseNumber: t.string({ required: false, description: 'A case the tenant can see (e.g. YUBEI-2026-000123).' }),
  }),
});
const RecordContactsInput = builder.inputType('RecordContactsInput', { fields: (t) => ({ contacts: t.field({ type: [ContactInput] }) }) });
const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', { fields: (t) => ({ name: t.string() }) });
const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', { fields: (t) => ({ id: t.id() }) });
const LinkContactInput = builder.inputType('LinkContactToCaseInput', { fields: (t) => ({ contactId: t.id(), caseId: t.id() }) });
const ContactPayload = builder.objectRef<{ contact: ContactRow }>('ContactPayload').implement({
  fields: (t) => ({ contact: t.field({ type: Contact, resolve: (p) => p.contact }) }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKey,
    authScopes: { admin: true },
    description: "A tenant admin creates an integration key for their own tenant; the secret is in this response only.",
    args: { input: t.arg({ type: CreateApiKeyInput }) },
    resolve: (_r, { input }, ctx) => createApiKey(commandOf(ctx), input),
  }),
  revokeApiKey: t.field({
    type: ApiKey,
    authScopes: { admin: true },
    description: 'Refused from the next request on; revoking twice changes nothing.',
    args: { input: t.arg({ type: RevokeApiKeyInput }) },
    resolve: (_r, { input }, ctx) => revokeApiKey(commandOf(ctx), { id: idOf(String(input.id), 'ApiKey', 'id') }),
  }),
  recordContacts: t.field({
    type: RecordedContacts,
    // An integration key (its only field), or staff of the tenant signed in as themselves.
    authScopes: (_r, _a, ctx) => (ctx.apiKey ? true : { staff: true, supervisor: true, admin: true }),
    description:
      'Records 1..500 contacts for the tenant of the integration key (`Authorization: ApiKey tpk_…`) or of the signed-in staff member. Idempotent per (channel, externalId): a repost changes nothing, except that it completes a contact posted while pending (answeredAt or abandoned). Any invalid entry refuses the whole call, naming it (`contacts.3.answeredAt`).',
    args: { input: t.arg({ type: RecordContactsInput }) },
    resolve: (_r, { input }, ctx) => recordContacts(commandOf(ctx), input, ctx.apiKey ?? null),
  }),
  linkContactToCase: t.field({
    type: ContactPayload,
    authScopes: { authenticated: true },
    description: "Staff of the contact's tenant link it to a case they can see.",
    args: { input: t.arg({ type: LinkContactInput }) },
    resolve: async (_r, { input }, ctx) => ({
      contact: await linkContactToCase(commandOf(ctx), { contactId: idOf(String(input.contactId), 'Contact', 'contactId'), caseId: idOf(String(input.caseId), 'Case', 'caseId') }),
    }),
  }),
}));

// Contact compliance (Art. 21) as part of a statistics report, over the same tenant, subtree and
// period (authorized by `statistics` itself).
builder.objectField(Statistics, 'contacts', (t) =>
  t.field({
    type: [ChannelCompliance],
    description: "Contacts arrived in the period, per channel, against each tenant's response-time policy.",
    resolve: (s, _a, ctx) => {
      const { tenantId, subtree, from, to } = s.report.scope;
      return contactComplianceOf(ctx.tx, { scope: subtree ? { subtreeOf: tenantId } : { tenantIds: [tenantId] }, from, to });
    },
  }),
);
