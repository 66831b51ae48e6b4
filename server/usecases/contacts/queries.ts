import { and, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { contacts } from '../../../schema/db/stats.js';
import type { Executor } from '../../db/client.js';
import type { ContactRow } from './link-contact.js';

export interface ContactFilter {
  /** The viewer's tenant by default; any tenant of its subtree. */
  tenantId: string;
  channel?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
  /** Only contacts not linked to a case yet. */
  unlinked?: boolean | null;
  agentUserId?: string | null;
}

/** A tenant's contacts, newest first: one statement for the page and its total. */
export async function listContacts(tx: Executor, f: ContactFilter, page: { offset: number; limit: number }) {
  const where: (SQL | undefined)[] = [eq(contacts.tenantId, f.tenantId)];
  if (f.channel?.length) where.push(inArray(contacts.channel, [...f.channel]));
  if (f.from) where.push(gte(contacts.arrivedAt, f.from));
  if (f.to) where.push(lt(contacts.arrivedAt, f.to));
  if (f.unlinked) where.push(isNull(contacts.caseId));
  if (f.agentUserId) where.push(eq(contacts.agentUserId, f.agentUserId));
  const rows = await tx
    .select({ row: contacts, total: sql<number>`(count(*) over ())::int` })
    .from(contacts)
    .where(and(...where))
    .orderBy(desc(contacts.arrivedAt), desc(contacts.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    const [c] = await tx.select({ n: sql<number>`count(*)::int` }).from(contacts).where(and(...where));
    total = c?.n ?? 0;
  }
  return { rows: rows.map((r) => r.row), total };
}

/** Contacts by id, in the order asked (null for those row-level security hides). */
export async function contactsByIds(tx: Executor, ids: readonly string[]): Promise<(ContactRow | null)[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select().from(contacts).where(inArray(contacts.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
