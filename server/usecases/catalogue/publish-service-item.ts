import { z } from 'zod';
import { serviceItemVersions } from '../../../schema/db/catalogue.js';
import { conflict, staleVersion } from '../../domain/shared/errors.js';
import type { ServiceItemContent } from '../../../schema/db/catalogue.js';
import { requireViewer } from '../auth/viewer.js';
import { assertPublicText } from '../phrases/public-text.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';
import { loadServiceItem, requireCatalogueAdmin, type ServiceItemRow, updateItemVersioned } from './queries.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
});
export type ServiceItemVersionInput = z.input<typeof Input>;

/** Freezes the draft as the next published version; the previous versions stay as they were. */
export async function publishServiceItem(ctx: CommandContext, raw: ServiceItemVersionInput): Promise<ServiceItemRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const item = await loadServiceItem(ctx.tx, input.id);
  await requireCatalogueAdmin(ctx.tx, viewer, item.tenantId);
  if (item.version !== input.version) throw staleVersion('the service item');
  if (item.status === 'ARCHIVED') throw conflict('an archived item cannot be published');
  if (!item.hasUnpublishedChanges) throw conflict('nothing to publish: the draft equals the published version');
  await assertPublicText(ctx.tx, item.tenantId, publicTextsOf(item.draft));
  const versionNo = (item.publishedVersion ?? 0) + 1;
  const row = await updateItemVersioned(ctx.tx, item.id, input.version, {
    status: 'PUBLISHED',
    publishedVersion: versionNo,
    hasUnpublishedChanges: false,
  });
  if (!row) throw staleVersion('the service item');
  await ctx.tx.insert(serviceItemVersions).values({
    tenantId: item.tenantId,
    itemId: item.id,
    versionNo,
    content: item.draft,
    publishedAt: ctx.now,
    publishedBy: viewer.userId,
  });
  return row;
}

/** Withdraws an item from the catalogue and the public pages; its versions stay for its cases. */
export async function archiveServiceItem(ctx: CommandContext, raw: ServiceItemVersionInput): Promise<ServiceItemRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const item = await loadServiceItem(ctx.tx, input.id);
  await requireCatalogueAdmin(ctx.tx, viewer, item.tenantId);
  if (item.status === 'ARCHIVED') throw conflict('the item is already archived');
  const row = await updateItemVersioned(ctx.tx, item.id, input.version, { status: 'ARCHIVED' });
  if (!row) throw staleVersion('the service item');
  return row;
}

/** The texts of an item that the public reads, keyed by their path in the content (Art. 17, 23). */
function publicTextsOf(c: ServiceItemContent): Record<string, string | null | undefined> {
  const texts: Record<string, string | null | undefined> = {
    'content.name': c.name,
    'content.legalBasis': c.legalBasis,
    'content.conditions': c.conditions,
    'content.rightsAndObligations': c.rightsAndObligations,
    'content.fee': c.fee,
    'content.results': c.results,
  };
  c.procedure.forEach((s, i) => {
    texts[`content.procedure.${i}.title`] = s.title;
    texts[`content.procedure.${i}.description`] = s.description;
  });
  c.form.fields.forEach((f, i) => {
    texts[`content.formFields.${i}.label`] = f.label;
    texts[`content.formFields.${i}.helpText`] = f.helpText;
  });
  c.stages.forEach((st, i) => {
    texts[`content.stages.${i}.name`] = st.name;
  });
  c.materials.forEach((m, i) => {
    texts[`content.materials.${i}.name`] = m.name;
    texts[`content.materials.${i}.note`] = m.note;
  });
  return texts;
}
