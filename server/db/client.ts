import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgAsyncDatabase, PgAsyncTransaction, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { relations } from '../../schema/db/relations.js';
import type { Config } from '../config.js';
import { transactionsInFlight } from './activity.js';
import { countStatement } from './query-stats.js';

type Relations = typeof relations;
export type Db = PgAsyncDatabase<PgQueryResultHKT, Relations>;
export type Tx = PgAsyncTransaction<PgQueryResultHKT, Relations>;
/** Anything statements can run on: the owner database or a request transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** The owner ("system") connection: migrations, sign-in, seeds, jobs. Bypasses RLS. */
  db: Db;
  ping(): Promise<void>;
  /** Connections (the configured size), those in use by request transactions, and requests waiting for one. */
  poolStats(): { total: number; inUse: number; waiting: number };
  close(): Promise<void>;
  /** The raw postgres.js client (PostgreSQL only), e.g. for LISTEN. */
  sql?: postgres.Sql;
  /** The raw PGlite instance (embedded only). */
  pglite?: PGlite;
}

const logger = { logQuery: () => countStatement() };

/** Rows a write without RETURNING changed: `count` on postgres.js, `affectedRows` on PGlite. */
export function affectedRows(result: unknown): number {
  const r = result as { count?: unknown; affectedRows?: unknown; rowCount?: unknown };
  const n = r.count ?? r.affectedRows ?? r.rowCount;
  return typeof n === 'number' ? n : 0;
}

/** Rows of a `db.execute()` result: `{ rows }` on PGlite, an array on postgres.js (STACK.md trap 12). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function openDatabase(
  config: Pick<Config, 'database' | 'idleInTransactionTimeoutMs'>,
  injected?: { pglite?: PGlite },
): Promise<Database> {
  if (config.database.kind === 'postgres') {
    const sql = postgres(config.database.url, {
      max: config.database.poolMax,
      onnotice: () => {},
      connection: { application_name: 'tianping' },
    });
    const db = drizzlePostgres({ client: sql, relations, logger }) as unknown as Db;
    const max = config.database.poolMax;
    return {
      kind: 'postgres',
      db,
      sql,
      async ping() {
        await sql`select 1`;
      },
      poolStats() {
        const busy = transactionsInFlight(db);
        return { total: max, inUse: Math.min(busy, max), waiting: Math.max(0, busy - max) };
      },
      async close() {
        await sql.end({ timeout: 5 });
      },
    };
  }
  let release = () => {};
  let pglite = injected?.pglite;
  if (!pglite) {
    const dir = path.resolve(config.database.dataDir);
    mkdirSync(dir, { recursive: true });
    release = lockDataDir(dir);
    try {
      pglite = await PGlite.create({ dataDir: path.join(dir, 'pg') });
    } catch (err) {
      release();
      throw err;
    }
  }
  const client = pglite;
  const db = drizzlePglite({ client, relations, logger }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async ping() {
      await client.query('select 1');
    },
    poolStats() {
      // One connection; transactions queue behind each other.
      const busy = transactionsInFlight(db);
      return { total: 1, inUse: Math.min(busy, 1), waiting: Math.max(0, busy - 1) };
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite does not lock its data directory and two processes on one directory lose writes
 * (STACK.md trap 9): take an exclusive lock file, refusing to start if another live process holds it.
 */
function lockDataDir(dir: string): () => void {
  const lock = path.join(dir, 'tianping.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readPid(lock), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new Error(`data directory ${dir} is in use by process ${holder}; stop it first`);
      }
      unlinkSync(lock); // stale lock from a crashed process
    }
  }
  throw new Error(`could not lock data directory ${dir}`);
}

function readPid(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
