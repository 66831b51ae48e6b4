import { z } from 'zod';
import { canCreateTenantUnder, canGovernTenant, moveProblem } from '../../domain/tenancy/access.js';
import { badInput, forbidden, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';
import { loadAncestry, loadTenant, type TenantRow, updateTenantVersioned } from './queries.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
  newParentId: uuidString(),
});
export type MoveTenantInput = z.input<typeof Input>;

/**
 * Moves a tenant (with its subtree) under another parent. Both ends must be within the admin's
 * subtree, the tenant strictly below the admin's own. The closure table and depths are rewritten
 * by the database trigger in this same transaction; the trigger also refuses cycles.
 */
export async function moveTenant(ctx: CommandContext, raw: MoveTenantInput): Promise<TenantRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const ancestry = await loadAncestry(ctx.tx, input.id);
  if (!canGovernTenant(viewer, ancestry)) throw forbidden('only admins of a tenant above it move a tenant');
  const parentAncestry = await loadAncestry(ctx.tx, input.newParentId, 'new parent').catch(() => {
    throw badInput({ newParentId: 'no such tenant' });
  });
  if (!canCreateTenantUnder(viewer, parentAncestry)) throw badInput({ newParentId: 'is outside the tenants you manage' });
  const problem = moveProblem(input.id, parentAncestry);
  if (problem) throw badInput({ newParentId: problem });
  const parent = await loadTenant(ctx.tx, input.newParentId);
  if (parent.status !== 'ACTIVE') throw badInput({ newParentId: 'the new parent is suspended' });
  const row = await updateTenantVersioned(ctx.tx, input.id, input.version, { parentId: input.newParentId });
  if (!row) throw staleVersion('the tenant');
  return row;
}
