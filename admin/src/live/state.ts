/**
 * The live module's state, kept apart from React and from the socket so that it can be tested on
 * its own: which incidents the banner shows, and the unread count of the bell.
 */

export type AlertKind = 'REPORTED' | 'UPDATED' | 'ESCALATED' | 'ACKNOWLEDGED' | 'RESOLVED';

export interface LiveAlert {
  cursor: string;
  kind: AlertKind;
  at: string;
  level: { id: string; name: string } | null;
  incident: {
    id: string;
    category: string;
    severity: string;
    place: string;
    peopleCount: number;
    occurredAt: string;
    reportedAt: string;
    status: 'OPEN' | 'RESOLVED';
    tenant: { id: string; name: string } | null;
    levels: { depth: number; ackDueAt: string; acknowledgedAt: string | null; overdue: boolean; tenant: { id: string; name: string } | null }[];
  } | null;
}

export interface LiveNotice {
  id: string;
  cursor: string;
  kind: string;
  title: string;
  read: boolean;
  createdAt: string;
  case: { id: string; number: string } | null;
}

/** A live cursor is a number in a string ("" is "from the start", 0); null when unknown. */
export const cursorNumber = (cursor: string | null | undefined): number | null => {
  if (cursor === null || cursor === undefined) return null;
  const n = Number(cursor);
  return Number.isFinite(n) ? n : null;
};

/** An incident on the banner: its latest alert. */
export interface BannerEntry {
  incidentId: string;
  alert: LiveAlert;
  /** The incident's latest state says the viewer's level must still acknowledge it. */
  awaitingAck: boolean;
}

/** How long an alert stays on the banner without news (then it has expired). */
export const BANNER_TTL_MS = 24 * 3600_000;

/**
 * Applies one alert to the banner (newest first). An incident is shown while it is open and the
 * viewer's tenant is one of its levels that has not acknowledged it; an acknowledgement by the
 * viewer's level, the resolution, or a report about a tenant the viewer is not a level of (its own
 * report, one further down the subtree) leaves it off. Each alert carries the incident's state as
 * it committed, so the latest alert decides.
 */
export function applyAlert(board: readonly BannerEntry[], alert: LiveAlert, viewerTenantId: string): BannerEntry[] {
  const incident = alert.incident;
  if (!incident) return [...board];
  const rest = board.filter((e) => e.incidentId !== incident.id);
  if (incident.status === 'RESOLVED' || alert.kind === 'RESOLVED') return rest;
  const mine = incident.levels.find((l) => l.tenant?.id === viewerTenantId);
  if (!mine || mine.acknowledgedAt) return rest;
  return [{ incidentId: incident.id, alert, awaitingAck: true }, ...rest];
}

/** Drops what the viewer dismissed or acknowledged, and what has expired. */
export function pruneBoard(board: readonly BannerEntry[], now: number, dismissed: ReadonlySet<string> = new Set()): BannerEntry[] {
  return board.filter((e) => !dismissed.has(e.incidentId) && now - Date.parse(e.alert.at) < BANNER_TTL_MS);
}

/**
 * The bell's unread count: a count read from the server as of a notice cursor ("through"), plus
 * the unread notices that arrived live after it. Each notice is counted once (by its cursor),
 * whether it came live, in a replay after a reconnect, or twice across the two.
 */
export class UnreadCounter {
  private base = 0;
  private through: number | null = null;
  /** Cursors of unread notices counted on top of `base`, all above `through`. */
  private extra = new Set<number>();
  private seen = new Set<number>();

  get count(): number {
    return this.base + this.extra.size;
  }

  /**
   * The server's count as of the notice `throughCursor` (null: the viewer has no notice yet).
   * Notices already counted above that cursor stay counted; those at or below it are in `count`.
   */
  reset(count: number, throughCursor: string | null) {
    const through = cursorNumber(throughCursor) ?? 0;
    this.base = count;
    for (const c of [...this.extra]) if (c <= through) this.extra.delete(c);
    this.through = Math.max(this.through ?? 0, through);
  }

  /** A notice from the stream; returns whether it was new (not a duplicate, not already counted). */
  add(notice: LiveNotice): boolean {
    const n = cursorNumber(notice.cursor);
    if (n === null || this.seen.has(n)) return false;
    this.seen.add(n);
    if (this.through !== null && n <= this.through) return false;
    if (!notice.read) this.extra.add(n);
    return true;
  }

  /** After marking read: the server's answer is the truth as of now. */
  set(count: number) {
    this.base = count;
    this.extra.clear();
    this.through = Math.max(this.through ?? 0, ...this.seen);
  }
}
