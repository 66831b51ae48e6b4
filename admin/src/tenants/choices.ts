import { enumChoices } from '../shared/EnumField.js';

export const TENANT_KINDS = [
  'MUNICIPAL_BUREAU',
  'DISTRICT_BUREAU',
  'JUDICIAL_OFFICE',
  'HOTLINE_CENTER',
  'LEGAL_AID_CENTER',
  'LAW_FIRM',
  'NOTARY_OFFICE',
  'MEDIATION_COMMITTEE',
  'APPRAISAL_INSTITUTION',
] as const;

export const kindChoices = enumChoices('TenantKind', TENANT_KINDS);
export const statusChoices = enumChoices('TenantStatus', ['ACTIVE', 'SUSPENDED']);
export const statusColors = { ACTIVE: 'success', SUSPENDED: 'error' } as const;
