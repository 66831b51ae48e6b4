import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { serviceItems } from '../../../schema/db/catalogue.js';
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../domain/shared/errors.js';
import { canEditTenantProfile, type Viewer } from '../../domain/tenancy/access.js';
import { loadAncestry } from '../tenants/queries.js';

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

export async function updateItemVersioned(
  tx: Executor,
  id: string,
  version: number,
  values: PgUpdateSetSource<typeof serviceItems>,
): Promise<ServiceItemRow | null> {
  const [row] = await tx
    .update(serviceItems)
    .set({ ...values, version: sql`${serviceItems.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(serviceItems.id, id), eq(serviceItems.version, version)))
    .returning();
  return row ?? null;
}
