import { z } from 'zod';
import { parseServiceItemContent } from '../../domain/catalogue/service-item.js';
import { badInput, conflict, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uniqueAsBadInput, uuidString } from '../validation.js';
import { CODE_TAKEN, draftColumns, loadServiceItem, requireCatalogueAdmin, type ServiceItemRow, updateItemVersioned } from './queries.js';

const Input = z.object({
  id: uuidString(),
  version: z.number().int().positive('must be a positive integer'),
  content: z.unknown(),
});
export type UpdateServiceItemInput = z.input<typeof Input>;

/**
 * Replaces the draft. A published item keeps serving its published version (and open cases keep
 * theirs) until the draft is published as a new version.
 */
export async function updateServiceItem(ctx: CommandContext, raw: UpdateServiceItemInput): Promise<ServiceItemRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const item = await loadServiceItem(ctx.tx, input.id);
  await requireCatalogueAdmin(ctx.tx, viewer, item.tenantId);
  if (item.status === 'ARCHIVED') throw conflict('an archived item cannot be edited');
  const content = parseServiceItemContent(input.content);
  // Published versions (and the cases opened under them) are known by the code: it stays.
  if (item.publishedVersion !== null && content.code !== item.code) {
    throw badInput({ 'content.code': 'cannot change once the item has been published' });
  }
  const row = await uniqueAsBadInput(ctx.tx, CODE_TAKEN, (sp) =>
    updateItemVersioned(sp, item.id, input.version, { ...draftColumns(content), hasUnpublishedChanges: true }),
  );
  if (!row) throw staleVersion('the service item');
  return row;
}
