import { z } from 'zod';
import { canEditTenantProfile } from '../../domain/tenancy/access.js';
import { badInput, forbidden, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uniqueAsBadInput, uuidString } from '../validation.js';
import { loadAncestry, loadTenant, type TenantRow, updateTenantVersioned } from './queries.js';
import { childKindSchema, definedOnly, profileShape, slugSchema, tenantNameSchema } from './tenant-input.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
  kind: childKindSchema.optional(),
  slug: slugSchema.optional(),
  name: tenantNameSchema.optional(),
  ...profileShape,
});
export type UpdateTenantInput = z.input<typeof Input>;

/** Edits name, kind, slug and the disclosure profile, with optimistic concurrency. */
export async function updateTenant(ctx: CommandContext, raw: UpdateTenantInput): Promise<TenantRow> {
  const viewer = requireViewer(ctx);
  const { id, version, ...changes } = parseInput(Input, raw);
  const ancestry = await loadAncestry(ctx.tx, id);
  if (!canEditTenantProfile(viewer, ancestry)) throw forbidden('only admins of this tenant or above edit it');
  const current = await loadTenant(ctx.tx, id);
  if (changes.kind && current.parentId === null) throw badInput({ kind: 'the root stays a municipal bureau' });
  const row = await uniqueAsBadInput(ctx.tx, { slug: 'is already used by another tenant' }, (sp) =>
    updateTenantVersioned(sp, id, version, definedOnly(changes)),
  );
  if (!row) throw staleVersion('the tenant');
  return row;
}
