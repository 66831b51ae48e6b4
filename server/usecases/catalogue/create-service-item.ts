import { z } from 'zod';
import { parseServiceItemContent } from '../../domain/catalogue/service-item.js';
import { badInput } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadTenant } from '../tenants/queries.js';
import { parseInput, uuidString } from '../validation.js';
import { CODE_TAKEN, insertItemDraft, requireCatalogueAdmin, type ServiceItemRow } from './queries.js';

const Input = z.object({
  tenantId: uuidString().optional(),
  isTemplate: z.boolean().optional(),
  content: z.unknown(),
});
export type CreateServiceItemInput = z.input<typeof Input>;

/** A new draft in a tenant's catalogue (the viewer's own tenant unless another is named). */
export async function createServiceItem(ctx: CommandContext, raw: CreateServiceItemInput): Promise<ServiceItemRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  await requireCatalogueAdmin(ctx.tx, viewer, tenantId);
  const content = parseServiceItemContent(input.content);
  if (input.isTemplate && (await loadTenant(ctx.tx, tenantId)).parentId !== null) {
    throw badInput({ isTemplate: 'only the municipal bureau publishes templates' });
  }
  return insertItemDraft(ctx.tx, tenantId, content, { isTemplate: input.isTemplate ?? false }, CODE_TAKEN);
}
