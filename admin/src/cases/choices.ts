import { enumChoices } from '../shared/EnumField.js';

export const scopeChoices = enumChoices('CaseScope', ['VISIBLE', 'HANDLED_HERE', 'FIRST_RECEIVED_HERE', 'FIRST_RECEIVED_ELSEWHERE', 'INCOMING_TRANSFERS']);
export const statusChoices = enumChoices('CaseStatus', ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING', 'RESOLVED', 'CLOSED', 'REJECTED']);
export const channelChoices = enumChoices('Channel', ['ONSITE', 'HOTLINE', 'ONLINE', 'MESSAGE', 'APP', 'WECHAT']);
export const kindChoices = enumChoices('CaseKind', ['CONSULTATION', 'MATTER']);
export const statusColors = {
  OPEN: 'info',
  IN_PROGRESS: 'primary',
  AWAITING_MATERIALS: 'warning',
  TRANSFER_PENDING: 'secondary',
  RESOLVED: 'success',
  CLOSED: 'default',
  REJECTED: 'default',
} as const;
export const priorityColors = { ROUTINE: 'default', PRIORITY: 'info', URGENT: 'warning', EMERGENCY: 'error' } as const;
