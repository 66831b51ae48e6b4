import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { updateVersioned } from '../versioned.js';
import { tenantClosure, tenants } from '../../../schema/db/tenancy.js';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../domain/shared/errors.js';

export type TenantRow = typeof tenants.$inferSelect;

/**
 * The tenant's ancestry as visible to the current viewer: root first, ending with the tenant.
 * Under row-level security a tenant the viewer may not see has no rows: NOT_FOUND, exactly as for
 * an id that does not exist.
 */
export async function loadAncestry(tx: Executor, tenantId: string, what = 'tenant'): Promise<string[]> {
  const rows = await tx
    .select({ id: tenantClosure.ancestorId })
    .from(tenantClosure)
    .where(eq(tenantClosure.descendantId, tenantId))
    .orderBy(sql`${tenantClosure.depth} desc`);
  if (rows.length === 0) throw notFound(what);
  return rows.map((r) => r.id);
}

export async function loadTenant(tx: Executor, tenantId: string): Promise<TenantRow> {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw notFound('tenant');
  return row;
}

export const updateTenantVersioned = (tx: Executor, id: string, version: number, values: PgUpdateSetSource<typeof tenants>) =>
  updateVersioned(tx, tenants, id, version, values);

/** Whether `tenantId` is the viewer's tenant or below it (in the viewer's transaction). */
export async function isInViewerSubtree(tx: Executor, tenantId: string): Promise<boolean> {
  const [row] = await tx.select({ yes: sql<boolean>`${tenantId}::uuid in (select tp_subtree())` }).from(sql`(select 1) as one`);
  return row?.yes === true;
}
