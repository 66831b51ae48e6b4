import { type Client, type ClientOptions, createClient as createWsClient, type FormattedExecutionResult } from 'graphql-ws';
import { INCIDENT_ALERTS, NOTIFICATION_ADDED } from './documents.js';
import { cursorNumber, type LiveAlert, type LiveNotice } from './state.js';

/**
 * The one graphql-ws connection of a signed-in browser tab (graphql-transport-ws on /graphql), kept
 * apart from React. Two streams, incident alerts and notices, each resumed from its last cursor:
 * after a reconnect (graphql-ws re-sends the subscription, whose `after` variable is read when it
 * is sent), after the server's RESUBSCRIBE (a slow consumer), and after a reload (the cursors are
 * also kept in sessionStorage). Items at or below a stream's cursor are dropped, so a replay that
 * overlaps what arrived live shows nothing twice. A 4403 close (token expired, account
 * deactivated) is not retried: the app signs out.
 */

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';
export type StreamName = 'alerts' | 'notices';
export type Cursors = Record<StreamName, string | null>;

/** graphql-ws's Forbidden close code, which the server also uses at token expiry. */
export const FORBIDDEN_CLOSE = 4403;

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LiveConnectionOptions {
  url: string;
  /** The current token, read at every (re)connection. */
  token(): string | null;
  /** Where cursors survive a reload (sessionStorage in the app); null: memory only. */
  storage?: KeyValueStorage | null;
  /** One key per signed-in user: another user in the same tab starts afresh. */
  storageKey: string;
  /** The notice cursor to start from when none is stored (the one read with the unread count). */
  noticesAfter?: string | null;
  /** The alert cursor to start from when none is stored (`incidentAlertsHead`): without it a disconnect before the first alert would resume "from now". */
  alertsAfter?: string | null;
  onAlert(alert: LiveAlert): void;
  onNotice(notice: LiveNotice): void;
  onStatus?(status: LiveStatus): void;
  /** The server closed with 4403: sign out. Called once. */
  onForbidden(): void;
  /** The socket of the current connection (for diagnostics and tests). */
  onSocket?(socket: unknown): void;
  createClient?: (options: ClientOptions) => Client;
  /** Waits before reconnection attempt `retries` (0-based); default: exponential backoff with jitter, at most 30 s. */
  retryWait?: (retries: number) => Promise<void>;
  /** Waits before subscribing again after a stream ended with an error (not a RESUBSCRIBE). */
  resubscribeWait?: (attempt: number) => Promise<void>;
}

export interface LiveConnection {
  cursors(): Cursors;
  status(): LiveStatus;
  /** Closes the socket and stops reconnecting (sign-out, unmount). */
  stop(): void;
}

const backoff = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)) + Math.random() * 500));

const isCloseEvent = (e: unknown): e is { code: number; reason?: string } => typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number';

interface StreamSpec<T> {
  name: StreamName;
  query: string;
  field: string;
  deliver(item: T): void;
}

export function readCursors(storage: KeyValueStorage | null | undefined, key: string): Cursors {
  try {
    const raw = storage?.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Partial<Cursors>) : {};
    const valid = (c: unknown) => (typeof c === 'string' && /^\d{0,15}$/.test(c) ? c : null);
    return { alerts: valid(parsed.alerts), notices: valid(parsed.notices) };
  } catch {
    return { alerts: null, notices: null };
  }
}

export function startLiveConnection(options: LiveConnectionOptions): LiveConnection {
  const storage = options.storage ?? null;
  const stored = readCursors(storage, options.storageKey);
  const cursors: Cursors = { alerts: stored.alerts ?? options.alertsAfter ?? null, notices: stored.notices ?? options.noticesAfter ?? null };
  let status: LiveStatus = 'connecting';
  let stopped = false;
  let forbidden = false;
  const unsubscribers = new Map<StreamName, () => void>();

  const setStatus = (next: LiveStatus) => {
    if (status === next) return;
    status = next;
    options.onStatus?.(next);
  };
  const persist = () => {
    try {
      storage?.setItem(options.storageKey, JSON.stringify(cursors));
    } catch {
      /* storage full or denied: memory still has them */
    }
  };

  const make = options.createClient ?? createWsClient;
  const client = make({
    url: options.url,
    lazy: true,
    lazyCloseTimeout: 0,
    keepAlive: 20_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: options.retryWait ?? backoff,
    connectionParams: () => {
      const token = options.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    shouldRetry: (e) => !(isCloseEvent(e) && e.code === FORBIDDEN_CLOSE) && !stopped,
    on: {
      connecting: (isRetry) => {
        if (!stopped) setStatus(isRetry ? 'reconnecting' : status === 'live' ? 'reconnecting' : 'connecting');
      },
      connected: (socket) => {
        if (stopped) return;
        options.onSocket?.(socket);
        setStatus('live');
      },
      closed: (event) => {
        if (stopped) return;
        if (isCloseEvent(event) && event.code === FORBIDDEN_CLOSE) {
          forbidden = true;
          stop();
          options.onForbidden();
          return;
        }
        setStatus('reconnecting');
      },
    },
  });

  function open<T extends { cursor: string }>(spec: StreamSpec<T>, attempt = 0) {
    if (stopped) return;
    let resubscribe = false;
    let failed = false;
    // Read when graphql-ws sends the subscription: a retry after a reconnect carries the last
    // cursor, not the one it started with. Omitted (from now) while no cursor is known.
    const variables = Object.defineProperty({}, 'after', { enumerable: true, get: () => cursors[spec.name] ?? undefined });
    const unsubscribe = client.subscribe<Record<string, T>>(
      { query: spec.query, variables },
      {
        next(result: FormattedExecutionResult<Record<string, T>>) {
          const codes = (result.errors ?? []).map((e) => (e.extensions as { code?: string } | undefined)?.code);
          if (codes.includes('RESUBSCRIBE')) resubscribe = true;
          else if (codes.includes('BAD_USER_INPUT')) {
            // A cursor the server does not take (a stale store): start again from now.
            cursors[spec.name] = null;
            persist();
            resubscribe = true;
          } else if (codes.length) failed = true;
          const item = result.data?.[spec.field];
          if (!item) return;
          const last = cursorNumber(cursors[spec.name]);
          const n = cursorNumber(item.cursor);
          if (n === null || (last !== null && n <= last)) return; // already delivered
          attempt = 0;
          cursors[spec.name] = item.cursor;
          persist();
          spec.deliver(item);
        },
        error(err) {
          unsubscribers.delete(spec.name);
          if (stopped || forbidden || (isCloseEvent(err) && err.code === FORBIDDEN_CLOSE)) return;
          void again(attempt + 1, true);
        },
        complete() {
          unsubscribers.delete(spec.name);
          if (stopped) return;
          // The server ends a stream only to have it resumed (RESUBSCRIBE) or on a failure.
          void again(resubscribe && !failed ? 0 : attempt + 1, !resubscribe || failed);
        },
      },
    );
    unsubscribers.set(spec.name, unsubscribe);

    async function again(nextAttempt: number, wait: boolean) {
      if (wait) await (options.resubscribeWait ?? backoff)(nextAttempt);
      if (!stopped && !unsubscribers.has(spec.name)) open(spec, nextAttempt);
    }
  }

  const streams: StreamSpec<any>[] = [
    { name: 'alerts', query: INCIDENT_ALERTS, field: 'incidentAlerts', deliver: options.onAlert },
    { name: 'notices', query: NOTIFICATION_ADDED, field: 'notificationAdded', deliver: options.onNotice },
  ];
  for (const s of streams) open(s);

  function stop() {
    if (stopped) return;
    stopped = true;
    for (const unsubscribe of unsubscribers.values()) unsubscribe();
    unsubscribers.clear();
    setStatus('stopped');
    // dispose() awaits the pending connection, which rejects when it was refused (4403).
    Promise.resolve(client.dispose()).catch(() => {});
  }

  return {
    cursors: () => ({ ...cursors }),
    status: () => status,
    stop,
  };
}
