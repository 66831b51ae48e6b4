import DataLoader from 'dataloader';
import { and, asc, inArray, sql } from 'drizzle-orm';
import { serviceItems } from '../../schema/db/catalogue.js';
import { publicTenants } from '../../schema/db/public-views.js';
import { incidents } from '../../schema/db/incidents.js';
import { cases } from '../../schema/db/cases.js';
import { canSeeCase } from '../domain/cases/access.js';
import type { CaseCounts } from '../domain/stats/measures.js';
import { caseCountsOf } from '../usecases/public/measures.js';
import { partiesOf } from '../usecases/cases/lifecycle.js';
import { caseView, type CaseView } from '../usecases/cases/queries.js';
import { handledHere } from '../usecases/cases/store.js';
import type { IncidentRow } from '../usecases/incidents/incidents.js';
import { tenantClosure, tenants, users } from '../../schema/db/tenancy.js';
import type { ServiceItemRow } from '../usecases/catalogue/queries.js';
import type { Tx } from '../db/client.js';
import type { Viewer } from '../domain/tenancy/access.js';
import type { TenantRow } from '../usecases/tenants/queries.js';
import { userVisibility, type UserRow } from '../usecases/users/queries.js';

/**
 * Per-request batch loaders: a list of N tenants asking for parents, children or ancestors costs
 * one statement per field, not N. They read through the request transaction, so row-level
 * security decides what exists.
 */
export function createLoaders(tx: Tx, viewer: Viewer | null) {
  const tenantById = new DataLoader<string, TenantRow | null>(async (ids) => {
    const rows = await tx.select().from(tenants).where(inArray(tenants.id, [...ids]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const childrenOf = new DataLoader<string, TenantRow[]>(async (ids) => {
    const rows = await tx
      .select()
      .from(tenants)
      .where(inArray(tenants.parentId, [...ids]))
      .orderBy(asc(tenants.name), asc(tenants.id));
    return ids.map((id) => rows.filter((r) => r.parentId === id));
  });

  /** Ancestors, root first, not including the tenant itself. */
  const ancestorsOf = new DataLoader<string, TenantRow[]>(async (ids) => {
    const rows = await tx
      .select({ descendantId: tenantClosure.descendantId, tenant: tenants })
      .from(tenantClosure)
      .innerJoin(tenants, sql`${tenants.id} = ${tenantClosure.ancestorId}`)
      .where(and(inArray(tenantClosure.descendantId, [...ids]), sql`${tenantClosure.depth} > 0`))
      .orderBy(sql`${tenantClosure.depth} desc`);
    return ids.map((id) => rows.filter((r) => r.descendantId === id).map((r) => r.tenant));
  });

  const userById = new DataLoader<string, UserRow | null>(async (ids) => {
    const rows = await tx
      .select()
      .from(users)
      .where(and(inArray(users.id, [...ids]), userVisibility(viewer)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const serviceItemById = new DataLoader<string, ServiceItemRow | null>(async (ids) => {
    const rows = await tx.select().from(serviceItems).where(inArray(serviceItems.id, [...ids]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  /** Any active tenant's public face (name, kind): what a case's parties may know of each other. */
  const publicTenantById = new DataLoader<string, PublicTenantRow | null>(async (ids) => {
    const rows = await tx.select().from(publicTenants).where(inArray(publicTenants.id, [...ids]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const incidentById = new DataLoader<string, IncidentRow | null>(async (ids) => {
    const rows = await tx.select().from(incidents).where(inArray(incidents.id, [...ids]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  /**
   * Cases the viewer may see: row-level security, then the sensitive-case rule (Art. 11) with the
   * handler's place in the tree. Every way a case reaches a response (node, case(id), a notice, an
   * order) goes through here.
   */
  const caseById = new DataLoader<string, CaseView | null>(async (ids) => {
    const rows = await tx.select({ row: cases, inSubtree: handledHere() }).from(cases).where(inArray(cases.id, [...ids]));
    const byId = new Map(rows.map((r) => [r.row.id, r]));
    return ids.map((id) => {
      const found = byId.get(id);
      if (!found || !viewer || !canSeeCase(viewer, partiesOf(found.row), found.inSubtree)) return null;
      return caseView(found.row, found.inSubtree);
    });
  });

  /** Public measured counts per tenant over the last 90 days (numbers only; public_measures migration). */
  const publicCaseCounts = new DataLoader<string, CaseCounts>(async (ids) => {
    const counts = await caseCountsOf(tx, [...ids], new Date());
    return ids.map((id) => counts.get(id) ?? { resolved: 0, resolvedOnTime: 0, rated: 0, satisfied: 0 });
  });

  return { tenantById, childrenOf, ancestorsOf, userById, serviceItemById, publicTenantById, incidentById, caseById, publicCaseCounts };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type PublicTenantRow = typeof publicTenants.$inferSelect;

/** Batch-loads; a failed key is null, like a row the viewer may not see. */
export async function loadManyOrNull<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<(T | null)[]> {
  const results = await loader.loadMany(ids);
  return results.map((r) => (r instanceof Error ? null : r));
}
