import type { Database } from './client.js';

const running = new WeakMap<Database, Set<string>>();

/** A stable 32-bit key for a job name (advisory locks are keyed by integers). */
function keyOf(name: string): number {
  let h = 0x7413_9200;
  for (const ch of name) h = (Math.imul(h ^ ch.codePointAt(0)!, 0x0100_0193) >>> 0) & 0x7fff_ffff;
  return h;
}

/**
 * Runs `fn` only if no other runner of `name` is running — in this process, and on PostgreSQL in
 * any process (a session advisory lock on a reserved connection, released when done or when the
 * connection dies). Returns false without running when someone else holds it. PGlite serves one
 * process (its directory lock), so the in-process guard is the whole story there.
 */
export async function withJobLock(database: Database, name: string, fn: () => Promise<void>): Promise<boolean> {
  const mine = running.get(database) ?? new Set<string>();
  running.set(database, mine);
  if (mine.has(name)) return false;
  mine.add(name);
  try {
    if (database.kind !== 'postgres' || !database.sql) {
      await fn();
      return true;
    }
    const conn = await database.sql.reserve();
    try {
      const key = keyOf(name);
      const [got] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(${key}) as ok`;
      if (!got?.ok) return false;
      try {
        await fn();
        return true;
      } finally {
        await conn`select pg_advisory_unlock(${key})`.catch(() => {});
      }
    } finally {
      conn.release();
    }
  } finally {
    mine.delete(name);
  }
}
