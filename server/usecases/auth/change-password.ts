import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../schema/db/tenancy.js';
import { passwordProblem } from '../../domain/auth/password-policy.js';
import { badInput } from '../../domain/shared/errors.js';
import type { CommandContext } from '../context.js';
import { parseInput } from '../validation.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { requireViewer } from './viewer.js';

const Input = z.object({
  currentPassword: z.string().min(1, 'is required').max(200, 'is too long'),
  newPassword: z.string().superRefine((p, c) => {
    const problem = passwordProblem(p);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  }),
});
export type ChangePasswordInput = z.input<typeof Input>;

/** A user changes their own password; every token issued before stops working. */
export async function changePassword(ctx: CommandContext, raw: ChangePasswordInput) {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const [me] = await ctx.tx.select().from(users).where(eq(users.id, viewer.userId));
  if (!me || !(await verifyPassword(me.passwordHash, input.currentPassword))) {
    throw badInput({ currentPassword: 'is not correct' });
  }
  if (input.currentPassword === input.newPassword) throw badInput({ newPassword: 'must differ from the current password' });
  const [row] = await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      tokenVersion: sql`${users.tokenVersion} + 1`,
      passwordChangedAt: ctx.now,
      version: sql`${users.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(eq(users.id, viewer.userId))
    .returning();
  return row!;
}
