import { enumChoices } from '../shared/EnumField.js';

export const orderScopeChoices = enumChoices('SupervisionOrderScope', ['ISSUED_BY_MY_TENANT', 'ON_MY_TENANTS_CASES']);
export const orderStatusChoices = enumChoices('SupervisionStatus', ['OPEN', 'RESPONDED', 'CLOSED', 'ESCALATED']);
export const orderStatusColors = { OPEN: 'warning', RESPONDED: 'info', CLOSED: 'success', ESCALATED: 'error' } as const;
export const severityChoices = enumChoices('IncidentSeverity', ['I', 'II', 'III', 'IV']);
export const severityColors = { I: 'error', II: 'error', III: 'warning', IV: 'info' } as const;
export const incidentStatusChoices = enumChoices('IncidentStatus', ['OPEN', 'RESOLVED']);
export const incidentStatusColors = { OPEN: 'warning', RESOLVED: 'success' } as const;
export const categoryChoices = enumChoices('IncidentCategory', ['MASS_GATHERING', 'OFFICE_DISRUPTION', 'SERIOUS_DISORDER', 'THREAT_OF_EXTREME_ACTION', 'OTHER']);
