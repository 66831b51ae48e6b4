import { z } from 'zod';
import { users } from '../../../schema/db/tenancy.js';
import { canManageUsersOf } from '../../domain/tenancy/access.js';
import { badInput, forbidden } from '../../domain/shared/errors.js';
import { hashPassword } from '../auth/passwords.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadAncestry } from '../tenants/queries.js';
import { parseInput, uniqueAsBadInput, uuidString } from '../validation.js';
import type { UserRow } from './queries.js';
import { displayNameSchema, mobileSchema, passwordSchema, rolesSchema, usernameSchema } from './user-input.js';

const Input = z.object({
  tenantId: uuidString(),
  username: usernameSchema,
  displayName: displayNameSchema,
  phone: mobileSchema,
  roles: rolesSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof Input>;

/** Admins create accounts in any tenant of their subtree. */
export async function createUser(ctx: CommandContext, raw: CreateUserInput): Promise<UserRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const ancestry = await loadAncestry(ctx.tx, input.tenantId).catch(() => {
    throw badInput({ tenantId: 'no such tenant' });
  });
  if (!canManageUsersOf(viewer, ancestry)) throw forbidden('only admins of this tenant or above create its users');
  const passwordHash = await hashPassword(input.password);
  return uniqueAsBadInput(ctx.tx, { username: 'is already taken' }, async (sp) => {
    const [row] = await sp
        .insert(users)
        .values({
          tenantId: input.tenantId,
          username: input.username,
          displayName: input.displayName,
          phone: input.phone ?? null,
          roles: input.roles,
          passwordHash,
        })
        .returning();
    return row!;
  });
}
