import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { contacts } from '../../../schema/db/stats.js';
import { forbidden, notFound } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import { caseFor } from '../cases/lifecycle.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';

export type ContactRow = typeof contacts.$inferSelect;

const Input = z.object({ contactId: uuidString(), caseId: uuidString() });

/**
 * Staff of the contact's tenant link it to a case they can see (the call that opened it, or a
 * later call about it). Linking again moves the link: the last word of the staff stands.
 */
export async function linkContactToCase(ctx: CommandContext, raw: z.input<typeof Input>): Promise<ContactRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const [contact] = await ctx.tx.select().from(contacts).where(eq(contacts.id, input.contactId));
  if (!contact) throw notFound('contact');
  if (contact.tenantId !== viewer.tenantId) throw forbidden("only staff of the contact's tenant link it to a case");
  // NOT_FOUND for a case the viewer may not see (sensitive ones included), like everywhere else.
  await caseFor(ctx, input.caseId, () => null);
  const [linked] = await ctx.tx.update(contacts).set({ caseId: input.caseId }).where(eq(contacts.id, contact.id)).returning();
  return linked!;
}
