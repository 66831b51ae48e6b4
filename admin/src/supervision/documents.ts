/**
 * The supervision module's GraphQL: the dashboard's statistics, supervision orders (督办) and
 * incidents (重大情况报告). Each document is self-contained (fragments included).
 */

const COUNT = '{ key label count }';

const STATS = `fragment StatsFields on Statistics {
  overdue extended subtree
  period { kind from to days }
  received { total byChannel ${COUNT} byCategory ${COUNT} byKind ${COUNT} }
  resolved { total averageWorkingDays p90WorkingDays onTimeCommitted { count rate } onTimeStatutory { count rate } }
  transfers { in out accepted rejected acceptanceRate }
  supervision { issued responded respondedOnTime escalated }
  ratings { total satisfactionRate distribution ${COUNT} }
  followUps { answered answeredOnTime }
}`;

/** A subtree's statistics with the roll-up by tenant and the previous period beside it. */
export const STATISTICS = `query SupervisionStatistics($period: StatisticsPeriodInput!, $tenantId: ID) {
  statistics(period: $period, subtree: true, tenantId: $tenantId) {
    ...StatsFields
    tenant { id name }
    byTenant { tenant { id name } includesSubtree received resolved overdue onTimeCommittedRate satisfactionRate }
    previous { ...StatsFields }
  }
}
${STATS}`;

/** Tenants for the picker: the server gives the viewer's subtree and ancestors, by depth then name. */
export const SUBTREE_TENANTS = `query SupervisionTenants($first: Int!) {
  tenants(first: $first, status: ACTIVE) { totalCount edges { node { id name depth parent { id } } } }
}`;

/** The personal summary of a viewer without an overview: counts only (first: 1 keeps it cheap). */
export const MY_SUMMARY = `query MySummary($open: [CaseStatus!]) {
  open: cases(first: 1, mine: true, status: $open) { totalCount }
  overdue: cases(first: 1, mine: true, overdue: true) { totalCount }
  tenantOverdue: cases(first: 1, overdue: true, scope: HANDLED_HERE) { totalCount }
}`;

export const ORDER_FIELDS = `fragment OrderRow on SupervisionOrder {
  id status reason respondBy issuedAt respondedAt closedAt response reminders overdue automatic version
  issuer { id displayName }
  issuerTenant { id name }
  escalatedFrom { id }
  case { id number subject confidential status handlerTenant { id name } }
}`;

export const ORDERS = `query SupervisionOrders($first: Int!, $after: String, $scope: SupervisionOrderScope!, $status: [SupervisionStatus!], $overdue: Boolean) {
  supervisionOrders(first: $first, after: $after, scope: $scope, status: $status, overdue: $overdue) {
    totalCount edges { node { ...OrderRow } }
  }
}
${ORDER_FIELDS}`;

/** One case's orders: the case's list of order ids (its ledger projection), then the orders. */
export const CASE_ORDER_IDS = `query CaseSupervisionIds($id: ID!) {
  node(id: $id) { __typename ... on Case { id version status handlerTenant { id name } supervision { orderId } } }
}`;

export const ORDERS_BY_ID = `query SupervisionOrdersById($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ...OrderRow }
}
${ORDER_FIELDS}`;

export const ISSUE = `mutation IssueSupervision($input: IssueSupervisionInput!) {
  issueSupervision(input: $input) { order { ...OrderRow } }
}
${ORDER_FIELDS}`;

export const RESPOND = `mutation RespondToSupervision($input: RespondToSupervisionInput!) {
  respondToSupervision(input: $input) { order { ...OrderRow } }
}
${ORDER_FIELDS}`;

export const REMIND = `mutation RemindSupervision($input: SupervisionNoteInput!) {
  remindSupervision(input: $input) { order { ...OrderRow } }
}
${ORDER_FIELDS}`;

export const CLOSE = `mutation CloseSupervision($input: SupervisionNoteInput!) {
  closeSupervision(input: $input) { order { ...OrderRow } }
}
${ORDER_FIELDS}`;

export const INCIDENT_FIELDS = `fragment IncidentDetail on Incident {
  id category severity status occurredAt reportedAt resolvedAt place peopleCount description actionsTaken version
  tenant { id name }
  reporter { id displayName }
  levels { depth ackDueAt acknowledgedAt overdue escalatedAt tenant { id name } acknowledgedBy { id displayName } }
  history { at kind text by { id displayName } }
}`;

export const INCIDENTS = `query Incidents($first: Int!, $after: String, $severity: [IncidentSeverity!], $status: [IncidentStatus!],
  $category: [IncidentCategory!], $tenantId: ID, $from: DateTime, $to: DateTime) {
  incidents(first: $first, after: $after, severity: $severity, status: $status, category: $category, tenantId: $tenantId, from: $from, to: $to) {
    totalCount edges { node { ...IncidentDetail } }
  }
}
${INCIDENT_FIELDS}`;

export const REPORT_INCIDENT = `mutation ReportIncident($input: ReportIncidentInput!) {
  reportIncident(input: $input) { incident { ...IncidentDetail } }
}
${INCIDENT_FIELDS}`;

export const ACKNOWLEDGE_INCIDENT = `mutation AcknowledgeIncident($input: AcknowledgeIncidentInput!) {
  acknowledgeIncident(input: $input) { incident { ...IncidentDetail } }
}
${INCIDENT_FIELDS}`;

export const ADD_INCIDENT_UPDATE = `mutation AddIncidentUpdate($input: IncidentTextInput!) {
  addIncidentUpdate(input: $input) { incident { ...IncidentDetail } }
}
${INCIDENT_FIELDS}`;

export const RESOLVE_INCIDENT = `mutation ResolveIncident($input: IncidentTextInput!) {
  resolveIncident(input: $input) { incident { ...IncidentDetail } }
}
${INCIDENT_FIELDS}`;

/** Every GraphQL document this module sends (validated against the schema by documents.test.ts). */
export const documents: string[] = [
  STATISTICS,
  SUBTREE_TENANTS,
  MY_SUMMARY,
  ORDERS,
  CASE_ORDER_IDS,
  ORDERS_BY_ID,
  ISSUE,
  RESPOND,
  REMIND,
  CLOSE,
  INCIDENTS,
  REPORT_INCIDENT,
  ACKNOWLEDGE_INCIDENT,
  ADD_INCIDENT_UPDATE,
  RESOLVE_INCIDENT,
];
