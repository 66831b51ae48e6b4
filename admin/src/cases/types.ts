import type { ActionCase } from './actions.js';

/** The case as the page reads it (dataProvider/cases.ts CaseDetail); only what the page uses is typed. */
export interface CaseRecord extends ActionCase {
  id: string;
  version: number;
  number: string;
  kind: 'CONSULTATION' | 'MATTER';
  status: string;
  handlerTenant?: { id: string } | null;
  strategy?: string | null;
  handlingMode?: string | null;
  pausedSince?: string | null;
  pausedWorkingDays?: number;
  provisionalYears?: number[];
  serviceItem?: { id: string; name: string } | null;
  serviceItemVersion?: number | null;
  requester: Partial<Record<RequesterField, string | null>>;
  materialsRequests?: { at: string; flagged: boolean; reason: string | null; items: { key: string; note: string }[] }[];
  transfer?: { reason: string; requestedAt: string; decideBy: string | null; toTenantName: string | null; toTenant: { id: string } | null } | null;
}

export type RequesterField = 'name' | 'phone' | 'otherContact' | 'residentId';
export const REQUESTER_FIELDS: RequesterField[] = ['name', 'phone', 'otherContact', 'residentId'];

export interface Material {
  key: string;
  name: string;
  note: string | null;
  required: boolean;
}
