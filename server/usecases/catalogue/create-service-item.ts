import { z } from 'zod';
import { serviceItems } from '../../../schema/db/catalogue.js';
import { parseServiceItemContent } from '../../domain/catalogue/service-item.js';
import { badInput } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadTenant } from '../tenants/queries.js';
import { parseInput, uniqueViolation, uuidString } from '../validation.js';
import { requireCatalogueAdmin, type ServiceItemRow } from './queries.js';

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
  try {
    return await ctx.tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(serviceItems)
        .values({
          tenantId,
          code: content.code,
          name: content.name,
          category: content.category,
          draft: content,
          isTemplate: input.isTemplate ?? false,
        })
        .returning();
      return row!;
    });
  } catch (err) {
    if (uniqueViolation(err) !== null) throw badInput({ 'content.code': 'is already used in this catalogue' });
    throw err;
  }
}
