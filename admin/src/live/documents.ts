/** The live module's GraphQL documents (validated against the schema by documents.test.ts). */

const ALERT_FIELDS = `fragment LiveAlert on IncidentAlert {
  cursor kind at
  level { id name }
  incident {
    id category severity place peopleCount occurredAt reportedAt status
    tenant { id name }
    levels { depth ackDueAt acknowledgedAt overdue tenant { id name } }
  }
}`;

const NOTICE_FIELDS = `fragment LiveNotice on Notification { id cursor kind title read createdAt case { id number } }`;

/** Alerts about incidents in the viewer's subtree: replayed after `$after`, then live. */
export const INCIDENT_ALERTS = `subscription LiveIncidentAlerts($after: String) { incidentAlerts(after: $after) { ...LiveAlert } }
${ALERT_FIELDS}`;

/** The viewer's notices and their tenant's: replayed after `$after`, then live. */
export const NOTIFICATION_ADDED = `subscription LiveNotificationAdded($after: String) { notificationAdded(after: $after) { ...LiveNotice } }
${NOTICE_FIELDS}`;

/**
 * The unread count and the newest notice's cursor, read in one transaction: notices after that
 * cursor are the ones the count does not include yet.
 */
export const NOTIFICATIONS_HEAD = `query LiveNotificationsHead {
  unreadNotificationCount notifications(first: 1) { edges { node { cursor } } }
  incidentAlertsHead
  incidents(status: [OPEN], first: 50) { edges { node { ...LiveIncident } } }
}
fragment LiveIncident on Incident {
  id category severity place peopleCount occurredAt reportedAt status
  tenant { id name }
  levels { depth ackDueAt acknowledgedAt overdue tenant { id name } }
}`;

/** The bell's list, newest first. */
export const NOTIFICATIONS = `query LiveNotifications($first: Int!) { notifications(first: $first) { unreadCount totalCount edges { node { ...LiveNotice } } } }
${NOTICE_FIELDS}`;

export const MARK_NOTIFICATIONS_READ = `mutation LiveMarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { unreadCount } }`;

export const ACKNOWLEDGE_ALERT = `mutation LiveAcknowledgeIncident($input: AcknowledgeIncidentInput!) { acknowledgeIncident(input: $input) { incident { id levels { depth acknowledgedAt tenant { id } } } } }`;

/** Every GraphQL document this module sends (validated against the schema by documents.test.ts). */
export const documents: string[] = [INCIDENT_ALERTS, NOTIFICATION_ADDED, NOTIFICATIONS_HEAD, NOTIFICATIONS, MARK_NOTIFICATIONS_READ, ACKNOWLEDGE_ALERT];
