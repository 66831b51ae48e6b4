import type { Db } from './client.js';

/** Transactions in flight per database, for the pool metrics (postgres.js exposes no pool stats). */
const inFlight = new WeakMap<Db, number>();

export const transactionsInFlight = (db: Db) => inFlight.get(db) ?? 0;

export async function tracked<T>(db: Db, run: () => Promise<T>): Promise<T> {
  inFlight.set(db, transactionsInFlight(db) + 1);
  try {
    return await run();
  } finally {
    inFlight.set(db, transactionsInFlight(db) - 1);
  }
}
