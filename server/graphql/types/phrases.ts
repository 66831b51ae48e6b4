import { and, asc, eq, type SQL } from 'drizzle-orm';
import { PHRASE_KINDS, phrases } from '../../../schema/db/disclosure.js';
import { findForbidden } from '../../domain/phrases/checker.js';
import { createPhrase, effectivePhrases, forbiddenMatcher, type PhraseRow, updatePhrase } from '../../usecases/phrases/phrase-library.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { encodeGlobalId, idOf, optionalIdOf } from '../global-id.js';
import { Tenant } from './tenant.js';

export const PhraseKind = builder.enumType('PhraseKind', { values: PHRASE_KINDS });

const Phrase = builder.objectRef<PhraseRow>('Phrase').implement({
  description: 'A standard reply template or a forbidden phrase (Art. 23).',
  fields: (t) => ({
    id: t.id({ resolve: (p) => encodeGlobalId('Phrase', p.id) }),
    kind: t.expose('kind', { type: PhraseKind }),
    text: t.exposeString('text'),
    note: t.exposeString('note', { nullable: true }),
    active: t.exposeBoolean('active'),
    version: t.exposeInt('version'),
    tenant: t.field({
      type: Tenant,
      description: "The tenant whose list it belongs to (an ancestor's phrases apply too).",
      resolve: async (p, _a, ctx) => {
        const tenant = await ctx.loaders.tenantById.load(p.tenantId);
        if (!tenant) throw new Error('phrase without a visible tenant');
        return tenant;
      },
    }),
  }),
});

const PhraseHit = builder
  .objectRef<{ phrase: string; start: number; end: number; excerpt: string }>('PhraseHit')
  .implement({
    description: 'A forbidden phrase found in a text: offsets are UTF-16 positions in the text as given.',
    fields: (t) => ({
      phrase: t.exposeString('phrase'),
      start: t.exposeInt('start'),
      end: t.exposeInt('end'),
      excerpt: t.exposeString('excerpt'),
    }),
  });

const CheckTextResult = builder.objectRef<{ hits: { phrase: string; start: number; end: number; excerpt: string }[] }>('CheckTextResult').implement({
  fields: (t) => ({
    ok: t.boolean({ resolve: (r) => r.hits.length === 0 }),
    hits: t.field({ type: [PhraseHit], resolve: (r) => r.hits }),
  }),
});

builder.queryFields((t) => ({
  phrases: t.field({
    type: [Phrase],
    authScopes: { authenticated: true },
    description:
      "With `effective`, the lists that apply to a tenant (the viewer's by default): its own and its ancestors', active only. " +
      'Otherwise the phrases the viewer may see, optionally of one tenant.',
    args: {
      kind: t.arg({ type: PhraseKind, required: false }),
      tenantId: t.arg.id({ required: false }),
      effective: t.arg.boolean({ required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const tenantId = optionalIdOf(args.tenantId, 'Tenant', 'tenantId');
      if (args.effective) {
        const kinds = args.kind ? [args.kind] : (['STANDARD', 'FORBIDDEN'] as const);
        const lists = await Promise.all(kinds.map((k) => effectivePhrases(ctx.tx, tenantId ?? ctx.viewer!.tenantId, k)));
        return lists.flat();
      }
      const where: SQL[] = [];
      if (args.kind) where.push(eq(phrases.kind, args.kind));
      if (tenantId) where.push(eq(phrases.tenantId, tenantId));
      return ctx.tx.select().from(phrases).where(and(...where)).orderBy(asc(phrases.kind), asc(phrases.createdAt));
    },
  }),
  checkText: t.field({
    type: CheckTextResult,
    authScopes: { authenticated: true },
    description: "Checks a draft against the forbidden phrases that apply to a tenant (the viewer's by default), as every public text is checked.",
    args: { text: t.arg.string(), tenantId: t.arg.id({ required: false }) },
    resolve: async (_r, args, ctx) => {
      const matcher = await forbiddenMatcher(ctx.tx, optionalIdOf(args.tenantId, 'Tenant', 'tenantId') ?? ctx.viewer!.tenantId);
      return { hits: findForbidden(matcher, args.text.slice(0, 20_000)) };
    },
  }),
}));

const CreatePhraseInput = builder.inputType('CreatePhraseInput', {
  fields: (t) => ({
    tenantId: t.id({ required: false }),
    kind: t.field({ type: PhraseKind }),
    text: t.string(),
    note: t.string({ required: false }),
  }),
});
const UpdatePhraseInput = builder.inputType('UpdatePhraseInput', {
  fields: (t) => ({
    id: t.id(),
    version: t.int(),
    text: t.string({ required: false }),
    note: t.string({ required: false }),
    active: t.boolean({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  createPhrase: t.field({
    type: Phrase,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreatePhraseInput }) },
    resolve: (_r, { input }, ctx) =>
      createPhrase(commandOf(ctx), {
        tenantId: optionalIdOf(input.tenantId, 'Tenant', 'tenantId'),
        kind: input.kind,
        text: input.text,
        note: input.note ?? undefined,
      }),
  }),
  updatePhrase: t.field({
    type: Phrase,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdatePhraseInput }) },
    resolve: (_r, { input }, ctx) =>
      updatePhrase(commandOf(ctx), {
        id: idOf(String(input.id), 'Phrase', 'id'),
        version: input.version,
        text: input.text ?? undefined,
        note: input.note ?? undefined,
        active: input.active ?? undefined,
      }),
  }),
}));
