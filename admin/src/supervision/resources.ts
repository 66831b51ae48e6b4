import { asList, type Connection, nonEmpty, type ResourceDefinition } from '../dataProvider/types.js';
import { INCIDENT_FIELDS, INCIDENTS, ORDER_FIELDS, ORDERS, REPORT_INCIDENT } from './documents.js';
import { shanghaiDayEnd, shanghaiDayStart, shanghaiLocalToIso } from './logic.js';

/** Supervision orders (督办) as a list resource: the server's two queues, by `scope`. */
export const supervisionOrders: ResourceDefinition = {
  typename: 'SupervisionOrder',
  detail: { name: 'OrderRow', text: ORDER_FIELDS },
  list: {
    document: ORDERS,
    variables: ({ filter = {} }) => ({
      scope: nonEmpty(filter.scope) ?? 'ISSUED_BY_MY_TENANT',
      status: asList(filter.status),
      overdue: filter.overdue === true ? true : undefined,
    }),
    connection: (data) => data.supervisionOrders as Connection,
  },
};

/** Incidents (重大情况报告, Art. 19): the subtree's reports, newest first; reported by `create`. */
export const incidents: ResourceDefinition = {
  typename: 'Incident',
  detail: { name: 'IncidentDetail', text: INCIDENT_FIELDS },
  list: {
    document: INCIDENTS,
    variables: ({ filter = {} }) => ({
      severity: asList(filter.severity),
      status: asList(filter.status),
      category: asList(filter.category),
      tenantId: nonEmpty(filter.tenantId),
      // Days are Asia/Shanghai days, whatever the browser's zone.
      from: filter.from ? shanghaiDayStart(String(filter.from)) : undefined,
      to: filter.to ? shanghaiDayEnd(String(filter.to)) : undefined,
    }),
    connection: (data) => data.incidents as Connection,
  },
  create: {
    document: REPORT_INCIDENT,
    input: (data) => ({
      category: data.category,
      severity: data.severity,
      occurredAt: data.occurredAt ? shanghaiLocalToIso(String(data.occurredAt)) : undefined,
      place: typeof data.place === 'string' ? data.place.trim() : data.place,
      peopleCount: data.peopleCount === '' || data.peopleCount == null ? undefined : Number(data.peopleCount),
      description: typeof data.description === 'string' ? data.description.trim() : data.description,
      actionsTaken: typeof data.actionsTaken === 'string' ? data.actionsTaken.trim() : data.actionsTaken,
    }),
    result: (data) => data.reportIncident.incident,
  },
};
