import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../schema/db/tenancy.js';
import { canManageUsersOf } from '../../domain/tenancy/access.js';
import { forbidden, staleVersion } from '../../domain/shared/errors.js';
import { hashPassword } from '../auth/passwords.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadAncestry } from '../tenants/queries.js';
import { parseInput, uuidString } from '../validation.js';
import { loadUser, updateUserVersioned, type UserRow } from './queries.js';
import { passwordSchema } from './user-input.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
  newPassword: passwordSchema,
});
export type ResetUserPasswordInput = z.input<typeof Input>;

/** An admin sets a new password for a user of their subtree; the user's tokens stop working. */
export async function resetUserPassword(ctx: CommandContext, raw: ResetUserPasswordInput): Promise<UserRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const user = await loadUser(ctx.tx, viewer, input.id);
  if (!canManageUsersOf(viewer, await loadAncestry(ctx.tx, user.tenantId))) {
    throw forbidden('only admins of this tenant or above reset its users’ passwords');
  }
  const row = await updateUserVersioned(ctx.tx, input.id, input.version, {
    passwordHash: await hashPassword(input.newPassword),
    tokenVersion: sql`${users.tokenVersion} + 1`,
    passwordChangedAt: ctx.now,
  });
  if (!row) throw staleVersion('the user');
  return row;
}
