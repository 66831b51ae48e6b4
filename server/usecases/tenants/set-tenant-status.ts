import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import { type TenantStatus, users } from '../../../schema/db/tenancy.js';
import { canGovernTenant } from '../../domain/tenancy/access.js';
import { conflict, forbidden, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';
import { loadAncestry, loadTenant, type TenantRow, updateTenantVersioned } from './queries.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
});
export type SetTenantStatusInput = z.input<typeof Input>;

async function setStatus(ctx: CommandContext, raw: SetTenantStatusInput, to: TenantStatus): Promise<TenantRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const ancestry = await loadAncestry(ctx.tx, input.id);
  if (!canGovernTenant(viewer, ancestry)) throw forbidden('only admins of a tenant above it suspend or reactivate a tenant');
  const current = await loadTenant(ctx.tx, input.id);
  if (current.version !== input.version) throw staleVersion('the tenant');
  if (current.status === to) throw conflict(`the tenant is already ${to.toLowerCase()}`);
  const row = await updateTenantVersioned(ctx.tx, input.id, input.version, { status: to });
  if (!row) throw staleVersion('the tenant');
  if (to === 'SUSPENDED') {
    // Tokens issued before the suspension stay dead after a reactivation: its users sign in again.
    await ctx.tx
      .update(users)
      .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.tenantId, input.id));
  }
  return row;
}

/** Suspended: its users cannot sign in and their tokens stop working at once; its data is kept. */
export const suspendTenant = (ctx: CommandContext, raw: SetTenantStatusInput) => setStatus(ctx, raw, 'SUSPENDED');
export const reactivateTenant = (ctx: CommandContext, raw: SetTenantStatusInput) => setStatus(ctx, raw, 'ACTIVE');
