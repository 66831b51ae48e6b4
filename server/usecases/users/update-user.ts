import { z } from 'zod';
import { canManageUsersOf } from '../../domain/tenancy/access.js';
import { badInput, forbidden, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadAncestry } from '../tenants/queries.js';
import { definedOnly } from '../tenants/tenant-input.js';
import { parseInput, uuidString } from '../validation.js';
import { loadUser, updateUserVersioned, type UserRow } from './queries.js';
import { displayNameSchema, mobileSchema, rolesSchema } from './user-input.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
  displayName: displayNameSchema.optional(),
  phone: mobileSchema,
  roles: rolesSchema.optional(),
});
export type UpdateUserInput = z.input<typeof Input>;

export async function updateUser(ctx: CommandContext, raw: UpdateUserInput): Promise<UserRow> {
  const viewer = requireViewer(ctx);
  const { id, version, ...changes } = parseInput(Input, raw);
  const user = await loadUser(ctx.tx, viewer, id);
  if (!canManageUsersOf(viewer, await loadAncestry(ctx.tx, user.tenantId))) {
    throw forbidden('only admins of this tenant or above edit its users');
  }
  // An admin cannot take ADMIN away from themselves and lock the tenant out by accident.
  if (id === viewer.userId && changes.roles && !changes.roles.includes('ADMIN')) {
    throw badInput({ roles: 'you cannot remove your own ADMIN role' });
  }
  const row = await updateUserVersioned(ctx.tx, id, version, definedOnly(changes));
  if (!row) throw staleVersion('the user');
  return row;
}
