import { and, asc, eq, inArray } from 'drizzle-orm';
import { publicCommitments, publicServiceItems, publicTenants } from '../../../schema/db/public-views.js';
import type { Executor } from '../../db/client.js';
import { headlineRates } from '../../domain/stats/measures.js';
import { caseCountsOf } from './measures.js';

/**
 * The public part (Art. 17), read through the public views: only active tenants, only published
 * items and commitments, never a person's data. Shared by the anonymous GraphQL queries and the
 * server-rendered pages.
 */
export type PublicTenantRow = typeof publicTenants.$inferSelect;
export type PublicServiceItemRow = typeof publicServiceItems.$inferSelect;
export type PublicCommitmentRow = typeof publicCommitments.$inferSelect;

export interface DirectoryEntry extends PublicTenantRow {
  /** The district bureau the tenant belongs to (itself for a district), or null for municipal level. */
  district: { slug: string; name: string; divisionCode: string | null } | null;
}

/**
 * Every active tenant with its district: municipal-level tenants first, then districts in the
 * order of their division codes (GB/T 2260, as Chongqing lists them), each by depth and name.
 */
export const DIRECTORY_SORTS = ['DISTRICT', 'SATISFACTION', 'ON_TIME'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

/**
 * The directory in district order, or by measured satisfaction or on-time rate over the last 90
 * days (Art. 16, 17): best first, tenants without enough data after, then by name.
 */
export async function publicDirectorySorted(tx: Executor, filter: { search?: string | null; kind?: string | null }, sort: DirectorySort, now: Date) {
  const entries = await publicDirectory(tx, filter);
  if (sort === 'DISTRICT') return entries.map((e) => ({ ...e, rates: null }));
  const counts = await caseCountsOf(tx, null, now);
  const withRates = entries.map((e) => ({ ...e, rates: headlineRates(counts.get(e.id) ?? { resolved: 0, resolvedOnTime: 0, rated: 0, satisfied: 0 }) }));
  const rateOf = (e: (typeof withRates)[number]) => (sort === 'SATISFACTION' ? e.rates.satisfactionRate : e.rates.onTimeRate);
  const sampleOf = (e: (typeof withRates)[number]) => (sort === 'SATISFACTION' ? e.rates.rated : e.rates.resolved);
  return withRates.sort((a, b) => (rateOf(b) ?? -1) - (rateOf(a) ?? -1) || sampleOf(b) - sampleOf(a) || a.name.localeCompare(b.name, 'zh-CN'));
}

export async function publicDirectory(tx: Executor, filter: { search?: string | null; kind?: string | null } = {}): Promise<DirectoryEntry[]> {
  const all = await tx.select().from(publicTenants).orderBy(asc(publicTenants.depth), asc(publicTenants.name));
  const byId = new Map(all.map((t) => [t.id, t]));
  const districtOf = (t: PublicTenantRow): DirectoryEntry['district'] => {
    for (let cur: PublicTenantRow | undefined = t; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      if (cur.kind === 'DISTRICT_BUREAU') return { slug: cur.slug, name: cur.name, divisionCode: cur.divisionCode };
    }
    return null;
  };
  const q = filter.search?.trim().toLowerCase();
  const districtKey = (d: DirectoryEntry['district']) => (d ? `1:${d.divisionCode ?? '999999'}:${d.name}` : '0');
  return all
    .filter((t) => !filter.kind || t.kind === filter.kind)
    .filter((t) => !q || [t.name, t.nameEn, t.address].some((field) => (field ?? '').toLowerCase().includes(q)))
    .map((t) => ({ ...t, district: districtOf(t) }))
    .sort((a, b) => districtKey(a.district).localeCompare(districtKey(b.district)) || a.depth - b.depth);
}

export interface Disclosure {
  tenant: PublicTenantRow;
  parent: PublicTenantRow | null;
  serviceItems: PublicServiceItemRow[];
  commitments: PublicCommitmentRow[];
}

export async function publicDisclosure(tx: Executor, slug: string): Promise<Disclosure | null> {
  const [tenant] = await tx.select().from(publicTenants).where(eq(publicTenants.slug, slug.trim().toLowerCase()));
  if (!tenant) return null;
  const [parent] = tenant.parentId ? await tx.select().from(publicTenants).where(eq(publicTenants.id, tenant.parentId)) : [];
  const serviceItems = await tx
    .select()
    .from(publicServiceItems)
    .where(eq(publicServiceItems.tenantId, tenant.id))
    .orderBy(asc(publicServiceItems.sortOrder), asc(publicServiceItems.publishedAt));
  const commitments = await tx
    .select()
    .from(publicCommitments)
    .where(eq(publicCommitments.tenantId, tenant.id))
    .orderBy(asc(publicCommitments.sortOrder));
  return { tenant, parent: parent ?? null, serviceItems, commitments };
}

export async function publicServiceItemsOf(tx: Executor, tenantIds: string[]): Promise<PublicServiceItemRow[]> {
  if (tenantIds.length === 0) return [];
  return tx
    .select()
    .from(publicServiceItems)
    .where(and(inArray(publicServiceItems.tenantId, tenantIds)))
    .orderBy(asc(publicServiceItems.sortOrder));
}
