import type { Database } from './client.js';

/** The channel incident alerts wake listeners on; the payload is the alert's sequence number. */
export const ALERTS_CHANNEL = 'tianping_alerts';

export interface Notifier {
  /** Calls `fn` with each payload on `channel`; returns the way to stop. */
  subscribe(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * Postgres LISTEN, the same on both drivers: postgres.js keeps one dedicated connection for it
 * (reconnecting on its own); PGlite delivers to listeners of its one instance. A NOTIFY sent inside a
 * request transaction arrives only if it commits, so listeners never hear of a rolled-back change.
 * Notifications are not durable: they only wake readers, the rows are the truth (STACK.md trap 8).
 */
export function createNotifier(database: Database): Notifier {
  return {
    async subscribe(channel, fn) {
      if (database.kind === 'postgres' && database.sql) {
        const { unlisten } = await database.sql.listen(channel, fn);
        return () => unlisten();
      }
      if (database.pglite) {
        const unlisten = await database.pglite.listen(channel, fn);
        return () => unlisten();
      }
      throw new Error('no database connection to listen on');
    },
  };
}
