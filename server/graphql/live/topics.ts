import { ALERTS_CHANNEL, NOTIFICATIONS_CHANNEL } from '../../db/notifier.js';
import type { AuthenticatedViewer } from '../../usecases/auth/load-viewer.js';
import { alertRoutesAfter, alertsFor, lastAlertSeq } from '../../usecases/incidents/incidents.js';
import { lastNoticeSeq, noticeRoutesAfter, noticesFor } from '../../usecases/notifications/notifications.js';
import type { Feed, Topic } from './hub.js';

/** Incident alerts: every tenant at or above the reporting one may have them. */
export const alertFeed: Feed = {
  name: 'incidentAlerts',
  channel: ALERTS_CHANNEL,
  head: lastAlertSeq,
  routesAfter: alertRoutesAfter,
};

/** Notices: for one user, or for every user of one tenant. */
export const noticeFeed: Feed = {
  name: 'notificationAdded',
  channel: NOTIFICATIONS_CHANNEL,
  head: lastNoticeSeq,
  routesAfter: noticeRoutesAfter,
};

export const liveFeeds = [alertFeed, noticeFeed] as const;

type AlertRow = Awaited<ReturnType<typeof alertsFor>>[number];
type NoticeRow = Awaited<ReturnType<typeof noticesFor>>[number];

/** Alerts about the subtree of `rootTenantId` (the viewer's tenant or one below it, checked by the caller). */
export function alertTopic(rootTenantId: string): Topic<AlertRow> {
  return {
    feed: alertFeed,
    scopeKey: `subtree:${rootTenantId}`,
    personal: false,
    entitled: (route) => route.tenantIds.includes(rootTenantId),
    load: (tx, _viewer, range) => alertsFor(tx, rootTenantId, range),
    seqOf: (row) => Number(row.seq),
  };
}

/** The viewer's own notices and their tenant's. */
export function noticeTopic(viewer: AuthenticatedViewer): Topic<NoticeRow> {
  return {
    feed: noticeFeed,
    scopeKey: `user:${viewer.userId}`,
    personal: true,
    entitled: (route) => route.userId === viewer.userId || (route.userId === null && route.tenantIds[0] === viewer.tenantId),
    load: (tx, v, range) => noticesFor(tx, v, range),
    seqOf: (row) => Number(row.n.seq),
  };
}
