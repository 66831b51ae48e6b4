import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { phrases } from '../../../schema/db/disclosure.js';
import { tenantClosure } from '../../../schema/db/tenancy.js';
import type { Executor } from '../../db/client.js';
import { compilePhrases, type PhraseMatcher } from '../../domain/phrases/checker.js';
import { conflict, notFound, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import { requireCatalogueAdmin } from '../catalogue/queries.js';
import type { CommandContext } from '../context.js';
import { optionalText, parseInput, requiredText, uuidString } from '../validation.js';

export type PhraseRow = typeof phrases.$inferSelect;

/**
 * A tenant's effective phrases: its own and its ancestors' (the root's apply to every tenant),
 * active ones only (Art. 23).
 */
export async function effectivePhrases(tx: Executor, tenantId: string, kind: 'STANDARD' | 'FORBIDDEN'): Promise<PhraseRow[]> {
  return tx
    .select()
    .from(phrases)
    .where(
      and(
        eq(phrases.kind, kind),
        eq(phrases.active, true),
        inArray(
          phrases.tenantId,
          tx.select({ id: tenantClosure.ancestorId }).from(tenantClosure).where(eq(tenantClosure.descendantId, tenantId)),
        ),
      ),
    )
    .orderBy(sql`${phrases.createdAt}`);
}

/** The checker every text sent to the public goes through (Art. 23, 26). */
export async function forbiddenMatcher(tx: Executor, tenantId: string): Promise<PhraseMatcher> {
  const rows = await effectivePhrases(tx, tenantId, 'FORBIDDEN');
  return compilePhrases(rows.map((r) => ({ id: r.id, text: r.text })));
}

const CreateInput = z.object({
  tenantId: uuidString().optional(),
  kind: z.enum(['STANDARD', 'FORBIDDEN'], { message: 'must be STANDARD or FORBIDDEN' }),
  text: requiredText(500),
  note: optionalText(500),
});
export type CreatePhraseInput = z.input<typeof CreateInput>;

export async function createPhrase(ctx: CommandContext, raw: CreatePhraseInput): Promise<PhraseRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(CreateInput, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  await requireCatalogueAdmin(ctx.tx, viewer, tenantId);
  // A forbidden phrase must still be something after normalising (compilePhrases says which).
  if (input.kind === 'FORBIDDEN') compilePhrases([{ id: 'text', text: input.text }]);
  const [row] = await ctx.tx
    .insert(phrases)
    .values({ tenantId, kind: input.kind, text: input.text, note: input.note ?? null })
    .returning();
  return row!;
}

const UpdateInput = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
  text: requiredText(500).optional(),
  note: optionalText(500),
  active: z.boolean().optional(),
});
export type UpdatePhraseInput = z.input<typeof UpdateInput>;

export async function updatePhrase(ctx: CommandContext, raw: UpdatePhraseInput): Promise<PhraseRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(UpdateInput, raw);
  const [current] = await ctx.tx.select().from(phrases).where(eq(phrases.id, input.id));
  if (!current) throw notFound('phrase');
  await requireCatalogueAdmin(ctx.tx, viewer, current.tenantId);
  if (input.text && current.kind === 'FORBIDDEN') compilePhrases([{ id: 'text', text: input.text }]);
  const changes = Object.fromEntries(
    Object.entries({ text: input.text, note: input.note, active: input.active }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(changes).length === 0) throw conflict('nothing to change');
  const [row] = await ctx.tx
    .update(phrases)
    .set({ ...changes, version: sql`${phrases.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(phrases.id, input.id), eq(phrases.version, input.version)))
    .returning();
  if (!row) throw staleVersion('the phrase');
  return row;
}
