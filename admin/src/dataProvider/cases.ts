import type { SortPayload } from 'react-admin';
import { type Connection, type ResourceDefinition, asList, nonEmpty } from './types.js';

const CLOCK = 'dueAt originalDueAt overdue provisional limit { amount unit } extension { dueAt previousDueAt reason at by { amount unit } noticeMethod }';

const ROW = `fragment CaseRow on Case {
  id number subject status kind channel receivedAt openedAt updatedAt version
  sensitive confidential pausedSince flags provisionalYears
  priority { level }
  handlerTenantName
  assignee { id displayName }
  statutoryClock { ${CLOCK} }
  committedClock { ${CLOCK} }
}`;

const DETAIL = `fragment CaseDetail on Case {
  id number subject description status kind channel receivedAt openedAt firstResponseAt closedAt closesAt updatedAt version
  sensitive confidential pausedSince pausedWorkingDays flags provisionalYears reopenCount allowedEvents viewerEvents
  handlingMode strategy appointmentAt serviceItemVersion rejectionReasons
  priority { level urgency protectedGroups }
  requester { name phone otherContact residentId }
  handlerTenantName firstResponderTenantName
  handlerTenant { id name }
  firstResponderTenant { id }
  assignee { id displayName }
  firstResponder { id displayName }
  serviceItem { id name code }
  statutoryClock { ${CLOCK} }
  committedClock { ${CLOCK} }
  assignment { at fromTenantName reportBy }
  transfer { reason requestedAt decideBy toTenantName toTenant { id } }
  materialsRequests { at flagged reason items { key note } }
  resolution { outcome strategy category summary legalBasis riskNotice referredTo resolvedAt }
  rating { level label comment ratedAt appeal { status reason } }
  ledger { seq type at recordedAt hash payload actor { id displayName } actorTenant { id name } }
}`;

/**
 * The inbox sorts the way the server can: by the committed due date (soonest first), newest
 * received, or priority. Any other column is not sortable in the list.
 */
export function caseOrder(sort: SortPayload | undefined): 'DUE_SOONEST' | 'NEWEST' | 'PRIORITY' | undefined {
  switch (sort?.field) {
    case 'committedClock.dueAt':
      return 'DUE_SOONEST';
    case 'receivedAt':
      return 'NEWEST';
    case 'priority.level':
      return 'PRIORITY';
    default:
      return undefined;
  }
}

export const cases: ResourceDefinition = {
  typename: 'Case',
  detail: { name: 'CaseDetail', text: DETAIL },
  list: {
    document: `query Cases($first: Int!, $after: String, $scope: CaseScope, $status: [CaseStatus!], $channel: [Channel!], $kind: CaseKind,
  $mine: Boolean, $overdue: Boolean, $flagged: Boolean, $search: String, $assigneeId: ID, $orderBy: CaseOrder) {
  cases(first: $first, after: $after, scope: $scope, status: $status, channel: $channel, kind: $kind, mine: $mine,
    overdue: $overdue, flagged: $flagged, search: $search, assigneeId: $assigneeId, orderBy: $orderBy) {
    totalCount edges { node { ...CaseRow } }
  }
}
${ROW}`,
    variables: ({ filter = {}, sort }) => ({
      scope: nonEmpty(filter.scope),
      status: asList(filter.status),
      channel: asList(filter.channel),
      kind: nonEmpty(filter.kind),
      mine: filter.mine === true ? true : undefined,
      overdue: filter.overdue === true ? true : undefined,
      flagged: filter.flagged === true ? true : undefined,
      search: nonEmpty(filter.q),
      assigneeId: nonEmpty(filter.assigneeId),
      orderBy: caseOrder(sort),
    }),
    connection: (data) => data.cases as Connection,
  },
};
