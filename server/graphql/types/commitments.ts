import { asc, eq } from 'drizzle-orm';
import { commitments } from '../../../schema/db/disclosure.js';
import {
  type CommitmentRow,
  createCommitment,
  responseTimeDefaults,
  setResponseTimeDefaults,
  updateCommitment,
} from '../../usecases/commitments/commitments.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { encodeGlobalId, idOf, optionalIdOf } from '../global-id.js';
import { CommitmentKind, CommitmentMetric } from './public.js';

const Commitment = builder.objectRef<CommitmentRow>('Commitment').implement({
  description: 'A service commitment (Art. 16), optionally bound to a measured metric with a target (Art. 21).',
  fields: (t) => ({
    id: t.id({ resolve: (c) => encodeGlobalId('Commitment', c.id) }),
    kind: t.expose('kind', { type: CommitmentKind }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    sortOrder: t.exposeInt('sortOrder'),
    metric: t.expose('metric', { type: CommitmentMetric, nullable: true }),
    target: t.exposeFloat('target', { nullable: true }),
    published: t.exposeBoolean('published'),
    version: t.exposeInt('version'),
  }),
});

const ResponseTimeDefaults = builder
  .objectRef<{ hotlineAnswerSeconds: number; chatAnswerSeconds: number; messageReplyMinutes: number }>('ResponseTimeDefaults')
  .implement({
    description: "The municipal response times (Art. 21: 3 s, 3 s, 60 min); tenants may commit to better, never worse.",
    fields: (t) => ({
      hotlineAnswerSeconds: t.exposeInt('hotlineAnswerSeconds'),
      chatAnswerSeconds: t.exposeInt('chatAnswerSeconds'),
      messageReplyMinutes: t.exposeInt('messageReplyMinutes'),
    }),
  });

builder.queryFields((t) => ({
  commitments: t.field({
    type: [Commitment],
    authScopes: { authenticated: true },
    description: "A tenant's commitments (the viewer's by default), in their order.",
    args: { tenantId: t.arg.id({ required: false }) },
    resolve: (_r, args, ctx) =>
      ctx.tx
        .select()
        .from(commitments)
        .where(eq(commitments.tenantId, optionalIdOf(args.tenantId, 'Tenant', 'tenantId') ?? ctx.viewer!.tenantId))
        .orderBy(asc(commitments.sortOrder), asc(commitments.createdAt)),
  }),
  responseTimeDefaults: t.field({
    type: ResponseTimeDefaults,
    resolve: (_r, _a, ctx) => responseTimeDefaults(ctx.tx),
  }),
}));

const CreateCommitmentInput = builder.inputType('CreateCommitmentInput', {
  fields: (t) => ({
    tenantId: t.id({ required: false }),
    kind: t.field({ type: CommitmentKind }),
    title: t.string(),
    body: t.string(),
    sortOrder: t.int({ required: false }),
    metric: t.field({ type: CommitmentMetric, required: false }),
    target: t.float({ required: false }),
    published: t.boolean({ required: false }),
  }),
});
const UpdateCommitmentInput = builder.inputType('UpdateCommitmentInput', {
  fields: (t) => ({
    id: t.id(),
    version: t.int(),
    kind: t.field({ type: CommitmentKind }),
    title: t.string(),
    body: t.string(),
    sortOrder: t.int({ required: false }),
    metric: t.field({ type: CommitmentMetric, required: false }),
    target: t.float({ required: false }),
    published: t.boolean({ required: false }),
  }),
});
const ResponseTimeDefaultsInput = builder.inputType('ResponseTimeDefaultsInput', {
  fields: (t) => ({ hotlineAnswerSeconds: t.int(), chatAnswerSeconds: t.int(), messageReplyMinutes: t.int() }),
});

builder.mutationFields((t) => ({
  createCommitment: t.field({
    type: Commitment,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateCommitmentInput }) },
    resolve: (_r, { input }, ctx) =>
      createCommitment(commandOf(ctx), {
        tenantId: optionalIdOf(input.tenantId, 'Tenant', 'tenantId'),
        kind: input.kind,
        title: input.title,
        body: input.body,
        sortOrder: input.sortOrder ?? undefined,
        metric: input.metric ?? null,
        target: input.target ?? null,
        published: input.published ?? undefined,
      }),
  }),
  updateCommitment: t.field({
    type: Commitment,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateCommitmentInput }) },
    resolve: (_r, { input }, ctx) =>
      updateCommitment(commandOf(ctx), {
        id: idOf(String(input.id), 'Commitment', 'id'),
        version: input.version,
        kind: input.kind,
        title: input.title,
        body: input.body,
        sortOrder: input.sortOrder ?? undefined,
        metric: input.metric ?? null,
        target: input.target ?? null,
        published: input.published ?? undefined,
      }),
  }),
  setResponseTimeDefaults: t.field({
    type: ResponseTimeDefaults,
    authScopes: { admin: true },
    description: 'Municipal bureau admins set the response-time defaults.',
    args: { input: t.arg({ type: ResponseTimeDefaultsInput }) },
    resolve: (_r, { input }, ctx) => setResponseTimeDefaults(commandOf(ctx), input),
  }),
}));
