import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../schema/db/tenancy.js';
import { canManageUsersOf } from '../../domain/tenancy/access.js';
import { badInput, conflict, forbidden, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadAncestry } from '../tenants/queries.js';
import { parseInput, uuidString } from '../validation.js';
import { loadUser, updateUserVersioned, type UserRow } from './queries.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
});
export type SetUserActiveInput = z.input<typeof Input>;

async function setActive(ctx: CommandContext, raw: SetUserActiveInput, active: boolean): Promise<UserRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const user = await loadUser(ctx.tx, viewer, input.id);
  if (!canManageUsersOf(viewer, await loadAncestry(ctx.tx, user.tenantId))) {
    throw forbidden('only admins of this tenant or above manage its users');
  }
  if (!active && input.id === viewer.userId) throw badInput({ id: 'you cannot deactivate yourself' });
  if (user.version !== input.version) throw staleVersion('the user');
  if (user.active === active) throw conflict(active ? 'the user is already active' : 'the user is already deactivated');
  // Deactivation also bumps the token version: tokens issued before stop working at once.
  const row = await updateUserVersioned(ctx.tx, input.id, input.version, {
    active,
    ...(active ? {} : { tokenVersion: sql`${users.tokenVersion} + 1` }),
  });
  if (!row) throw staleVersion('the user');
  return row;
}

export const deactivateUser = (ctx: CommandContext, raw: SetUserActiveInput) => setActive(ctx, raw, false);
export const reactivateUser = (ctx: CommandContext, raw: SetUserActiveInput) => setActive(ctx, raw, true);
