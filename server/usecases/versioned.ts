import { and, eq, type InferSelectModel, sql } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';

type Versioned = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Optimistic concurrency for every updatable row: updates only if `version` still matches,
 * bumping it; null means someone else changed the row first (CONFLICT for the caller).
 */
export async function updateVersioned<T extends Versioned>(
  tx: Executor,
  table: T,
  id: string,
  version: number,
  values: PgUpdateSetSource<T>,
): Promise<InferSelectModel<T> | null> {
  const rows = (await tx
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: sql`now()` } as PgUpdateSetSource<T>)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning()) as InferSelectModel<T>[];
  return rows[0] ?? null;
}
