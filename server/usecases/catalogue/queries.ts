import { eq } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { updateVersioned } from '../versioned.js';
import { type ServiceItemContent, serviceItems } from '../../../schema/db/catalogue.js';
import type { Executor, Tx } from '../../db/client.js';
import { type FieldErrors, forbidden, notFound } from '../../domain/shared/errors.js';
import { canEditTenantProfile, type Viewer } from '../../domain/tenancy/access.js';
import { loadAncestry } from '../tenants/queries.js';
import { uniqueAsBadInput } from '../validation.js';

export type ServiceItemRow = typeof serviceItems.$inferSelect;

export async function loadServiceItem(tx: Executor, id: string): Promise<ServiceItemRow> {
  const [row] = await tx.select().from(serviceItems).where(eq(serviceItems.id, id));
  if (!row) throw notFound('service item');
  return row;
}

/** Tenant admins (and admins above them) configure a tenant's catalogue. */
export async function requireCatalogueAdmin(tx: Executor, viewer: Viewer, tenantId: string): Promise<void> {
  if (!canEditTenantProfile(viewer, await loadAncestry(tx, tenantId))) {
    throw forbidden("only admins of this tenant or above edit its catalogue");
  }
}

export const CODE_TAKEN = { 'content.code': 'is already used in this catalogue' };

/** The columns a draft's content fills (lists filter and sort on them). */
export const draftColumns = (content: ServiceItemContent) => ({
  code: content.code,
  name: content.name,
  category: content.category,
  draft: content,
});

/** A new draft item; a code already used in the tenant's catalogue is BAD_USER_INPUT `taken`. */
export function insertItemDraft(
  tx: Tx,
  tenantId: string,
  content: ServiceItemContent,
  extra: Partial<typeof serviceItems.$inferInsert>,
  taken: FieldErrors,
): Promise<ServiceItemRow> {
  return uniqueAsBadInput(tx, taken, async (sp) => {
    const [row] = await sp.insert(serviceItems).values({ ...extra, tenantId, ...draftColumns(content) }).returning();
    return row!;
  });
}

export const updateItemVersioned = (tx: Executor, id: string, version: number, values: PgUpdateSetSource<typeof serviceItems>) =>
  updateVersioned(tx, serviceItems, id, version, values);
