import type { Database } from './client.js';

/**
 * The channels the insert triggers of incident_alerts and notifications send on (migration
 * live_delivery_order); the payload is the new row's sequence number.
 */
export const ALERTS_CHANNEL = 'tianping_alerts';
export const NOTIFICATIONS_CHANNEL = 'tianping_notifications';

export interface Notifier {
  /**
   * Calls `fn` with each payload on `channel`, and `onListen` each time listening (re)starts
   * (whatever was sent while it was down is lost: read the rows); returns the way to stop.
   */
  subscribe(channel: string, fn: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
}

/**
 * Postgres LISTEN, the same on both drivers: postgres.js keeps one dedicated connection for it
 * (reconnecting on its own); PGlite delivers to listeners of its one instance. A NOTIFY sent inside a
 * request transaction arrives only if it commits, so listeners never hear of a rolled-back change.
 * Notifications are not durable: they only wake readers, the rows are the truth (STACK.md trap 8).
 */
export function createNotifier(database: Database): Notifier {
  return {
    async subscribe(channel, fn, onListen) {
      if (database.kind === 'postgres' && database.sql) {
        const { unlisten } = await database.sql.listen(channel, fn, onListen);
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
