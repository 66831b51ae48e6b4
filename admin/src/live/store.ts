import { type LiveConnection, type LiveConnectionOptions, type LiveStatus, startLiveConnection } from './connection.js';
import { applyAlert, type BannerEntry, type LiveAlert, type LiveNotice, pruneBoard, UnreadCounter } from './state.js';

/**
 * What the banner, the bell and the status dot read (one store per tab, outside React, so that the
 * app bar and the layout share one connection). Notices that arrive live are kept (newest first,
 * a few) for the bell's open list.
 */
export interface LiveSnapshot {
  status: LiveStatus;
  banner: BannerEntry[];
  unread: number;
  /** Notices received live since the connection started, newest first. */
  recent: LiveNotice[];
}

const RECENT_MAX = 50;
const BANNER_KEY = 'tianping-live-banner';

type Listener = () => void;
type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LiveStartOptions extends Pick<LiveConnectionOptions, 'url' | 'token' | 'onForbidden' | 'createClient' | 'retryWait' | 'resubscribeWait' | 'onSocket'> {
  userId: string;
  tenantId: string;
  storage?: KeyValueStorage | null;
  /** The unread count and the newest notice's cursor as read together (NOTIFICATIONS_HEAD); null when that failed. */
  head: { unread: number; cursor: string | null; alerts?: string | null } | null;
  /** Open incidents read at sign-in: those still awaiting the viewer's level go on the banner before any alert arrives. */
  backlog?: LiveAlert[];
  /** A new alert put an incident on the banner (for the desktop notification). */
  onNewAlert?(alert: LiveAlert): void;
  now?: () => number;
}

export class LiveStore {
  private snapshot: LiveSnapshot = { status: 'stopped', banner: [], unread: 0, recent: [] };
  private listeners = new Set<Listener>();
  private connection: LiveConnection | null = null;
  private counter = new UnreadCounter();
  private dismissed = new Set<string>();
  private storage: KeyValueStorage | null = null;
  private bannerKey = BANNER_KEY;

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = () => this.snapshot;

  private update(patch: Partial<LiveSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    if (patch.banner) this.saveBanner();
    for (const l of [...this.listeners]) l();
  }

  start(options: LiveStartOptions): LiveConnection {
    this.close();
    const now = options.now ?? Date.now;
    this.counter = new UnreadCounter();
    this.dismissed = new Set();
    this.storage = options.storage ?? null;
    this.bannerKey = `${BANNER_KEY}:${options.userId}`;
    if (options.head) this.counter.reset(options.head.unread, options.head.cursor);
    let board = this.loadBanner();
    // Oldest first, so that the newest ends on top; what the banner already holds is newer news.
    for (const alert of [...(options.backlog ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
      if (alert.incident && !board.some((e) => e.incidentId === alert.incident!.id)) board = applyAlert(board, alert, options.tenantId);
    }
    this.snapshot = { status: 'connecting', banner: pruneBoard(board, now(), this.dismissed), unread: this.counter.count, recent: [] };
    this.update({});
    const connection = startLiveConnection({
      url: options.url,
      token: options.token,
      storage: options.storage,
      storageKey: `tianping-live-cursors:${options.userId}`,
      noticesAfter: options.head ? (options.head.cursor ?? '') : null,
      alertsAfter: options.head?.alerts ?? null,
      createClient: options.createClient,
      retryWait: options.retryWait,
      resubscribeWait: options.resubscribeWait,
      onSocket: options.onSocket,
      onForbidden: options.onForbidden,
      onStatus: (status) => this.update({ status }),
      onAlert: (alert) => {
        const before = this.snapshot.banner;
        const banner = pruneBoard(applyAlert(before, alert, options.tenantId), now(), this.dismissed);
        const isNew = alert.incident && banner[0]?.incidentId === alert.incident.id && !before.some((e) => e.incidentId === alert.incident!.id);
        this.update({ banner });
        if (isNew) options.onNewAlert?.(alert);
      },
      onNotice: (notice) => {
        this.counter.add(notice);
        const known = this.snapshot.recent.some((n) => n.id === notice.id);
        this.update({ unread: this.counter.count, recent: known ? this.snapshot.recent : [notice, ...this.snapshot.recent].slice(0, RECENT_MAX) });
      },
    });
    this.connection = connection;
    return connection;
  }

  private holder: { key: string; users: number; stopping?: ReturnType<typeof setTimeout> } | null = null;

  /**
   * Keeps one connection per key (the signed-in user) while someone holds it. react-admin remounts
   * the layout on some changes (the language); a release followed by a retain of the same key
   * within `graceMs` keeps the socket instead of reconnecting.
   */
  retain(key: string, start: () => void, graceMs = 1000): () => void {
    if (this.holder?.key === key) {
      clearTimeout(this.holder.stopping);
      this.holder.stopping = undefined;
      this.holder.users++;
    } else {
      this.stop();
      this.holder = { key, users: 1 };
      start();
    }
    const holder = this.holder!;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holder.users--;
      if (holder.users > 0 || this.holder !== holder) return;
      holder.stopping = setTimeout(() => {
        if (this.holder === holder && holder.users === 0) this.stop();
      }, graceMs);
    };
  }

  /** Whether `retain(key)` is still in force (an async start checks before connecting). */
  holds(key: string) {
    return this.holder?.key === key;
  }

  stop() {
    if (this.holder) clearTimeout(this.holder.stopping);
    this.holder = null;
    this.close();
  }

  private close() {
    this.connection?.stop();
    this.connection = null;
    if (this.snapshot.status !== 'stopped') this.update({ status: 'stopped' });
  }

  /** The viewer acknowledged (or someone of the level had already): off the banner now, before the alert comes. */
  dismiss(incidentId: string) {
    this.dismissed.add(incidentId);
    this.update({ banner: this.snapshot.banner.filter((e) => e.incidentId !== incidentId) });
  }

  /** The list as read from the server: its unread count is as of its newest notice. */
  listed(unread: number, newestCursor: string | null) {
    this.counter.reset(unread, newestCursor);
    this.update({ unread: this.counter.count });
  }

  /** markNotificationsRead's answer. */
  markedRead(unread: number, ids: readonly string[] | 'all') {
    this.counter.set(unread);
    const recent = this.snapshot.recent.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n));
    this.update({ unread: this.counter.count, recent });
  }

  private loadBanner(): BannerEntry[] {
    try {
      const raw = this.storage?.getItem(this.bannerKey);
      const parsed = raw ? (JSON.parse(raw) as BannerEntry[]) : [];
      return Array.isArray(parsed) ? parsed.filter((e) => e && typeof e.incidentId === 'string' && e.alert) : [];
    } catch {
      return [];
    }
  }

  private saveBanner() {
    try {
      this.storage?.setItem(this.bannerKey, JSON.stringify(this.snapshot.banner));
    } catch {
      /* memory still has it */
    }
  }
}

/** The tab's store. */
export const liveStore = new LiveStore();
