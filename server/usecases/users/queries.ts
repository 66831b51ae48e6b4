import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { updateVersioned } from '../versioned.js';
import { users } from '../../../schema/db/tenancy.js';
import type { Executor } from '../../db/client.js';
import { type Viewer, seesSubtreeUsers } from '../../domain/tenancy/access.js';
import { notFound } from '../../domain/shared/errors.js';

export type UserRow = typeof users.$inferSelect;

/**
 * The role rule on top of row-level security (which already limits rows to the viewer's subtree):
 * admins and supervisors see the subtree's accounts, staff only their own tenant's.
 */
export function userVisibility(viewer: Viewer | null) {
  if (!viewer) return sql`false`;
  if (seesSubtreeUsers(viewer)) return sql`true`;
  return eq(users.tenantId, viewer.tenantId);
}

export async function loadUser(tx: Executor, viewer: Viewer | null, id: string): Promise<UserRow> {
  const [row] = await tx.select().from(users).where(and(eq(users.id, id), userVisibility(viewer)));
  if (!row) throw notFound('user');
  return row;
}

export const updateUserVersioned = (tx: Executor, id: string, version: number, values: PgUpdateSetSource<typeof users>) =>
  updateVersioned(tx, users, id, version, values);
