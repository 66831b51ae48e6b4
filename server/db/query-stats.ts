import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL statements issued on behalf of one unit of work (a GraphQL request), so tests can
 * pin the statement count of hot requests (no N+1). Only a count: never the text or parameters.
 */
export interface QueryStats {
  statements: number;
}

const storage = new AsyncLocalStorage<QueryStats>();

export function withQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return storage.run(stats, fn);
}

export function countStatement(): void {
  const s = storage.getStore();
  if (s) s.statements += 1;
}
