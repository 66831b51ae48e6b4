import { z } from 'zod';
import { tenants } from '../../../schema/db/tenancy.js';
import { canCreateTenantUnder } from '../../domain/tenancy/access.js';
import { badInput, forbidden } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uniqueAsBadInput, uuidString } from '../validation.js';
import { loadAncestry, loadTenant, type TenantRow } from './queries.js';
import { childKindSchema, profileShape, slugSchema, tenantNameSchema } from './tenant-input.js';

const Input = z.object({
  parentId: uuidString(),
  kind: childKindSchema,
  slug: slugSchema,
  name: tenantNameSchema,
  ...profileShape,
});
export type CreateTenantInput = z.input<typeof Input>;

/** Admins create tenants beneath their own tenant (root admins: anywhere). */
export async function createTenant(ctx: CommandContext, raw: CreateTenantInput): Promise<TenantRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const ancestry = await loadAncestry(ctx.tx, input.parentId, 'parent tenant').catch(() => {
    throw badInput({ parentId: 'no such tenant' });
  });
  if (!canCreateTenantUnder(viewer, ancestry)) throw forbidden('only admins of the parent tenant or above create tenants');
  const parent = await loadTenant(ctx.tx, input.parentId);
  if (parent.status !== 'ACTIVE') throw badInput({ parentId: 'the parent tenant is suspended' });
  return uniqueAsBadInput(ctx.tx, { slug: 'is already used by another tenant' }, async (sp) => {
    const [row] = await sp.insert(tenants).values(input).returning();
    return row!;
  });
}
