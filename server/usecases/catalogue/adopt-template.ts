import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { serviceItems, serviceItemVersions } from '../../../schema/db/catalogue.js';
import { parseServiceItemContent } from '../../domain/catalogue/service-item.js';
import { badInput } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uniqueViolation, uuidString } from '../validation.js';
import { requireCatalogueAdmin, type ServiceItemRow } from './queries.js';

const Input = z.object({
  templateId: uuidString(),
  tenantId: uuidString().optional(),
  code: z.string().trim().min(1).optional(),
});
export type AdoptTemplateInput = z.input<typeof Input>;

/**
 * Copies the municipal bureau's published template into a tenant's catalogue as a draft to adapt;
 * the copy records the template and version it came from.
 */
export async function adoptServiceItemTemplate(ctx: CommandContext, raw: AdoptTemplateInput): Promise<ServiceItemRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  await requireCatalogueAdmin(ctx.tx, viewer, tenantId);
  const [template] = await ctx.tx
    .select()
    .from(serviceItems)
    .where(and(eq(serviceItems.id, input.templateId), eq(serviceItems.isTemplate, true), eq(serviceItems.status, 'PUBLISHED')));
  if (!template?.publishedVersion) throw badInput({ templateId: 'is not a published template' });
  const [published] = await ctx.tx
    .select()
    .from(serviceItemVersions)
    .where(and(eq(serviceItemVersions.itemId, template.id), eq(serviceItemVersions.versionNo, template.publishedVersion)));
  const content = parseServiceItemContent({ ...published!.content, ...(input.code ? { code: input.code } : {}) });
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
          adoptedFromItemId: template.id,
          adoptedFromVersion: template.publishedVersion,
        })
        .returning();
      return row!;
    });
  } catch (err) {
    if (uniqueViolation(err) !== null) throw badInput({ code: 'is already used in this catalogue; adopt with another code' });
    throw err;
  }
}
