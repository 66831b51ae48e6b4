import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { serviceItems, serviceItemVersions } from '../../../schema/db/catalogue.js';
import { parseServiceItemContent } from '../../domain/catalogue/service-item.js';
import { badInput } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';
import { insertItemDraft, requireCatalogueAdmin, type ServiceItemRow } from './queries.js';

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
  return insertItemDraft(
    ctx.tx,
    tenantId,
    content,
    { adoptedFromItemId: template.id, adoptedFromVersion: template.publishedVersion },
    { code: 'is already used in this catalogue; adopt with another code' },
  );
}
