/**
 * Who may see and act on a case, on top of row-level security (which already limits cases to the
 * subtrees of their handler, origin and first responder's tenant; STYLE.md habit 7).
 */
import { hasRole, type Viewer } from '../tenancy/access.js';
import type { CaseEventType } from './states.js';

export interface CaseParties {
  handlerTenantId: string;
  assigneeUserId: string | null;
  firstResponderUserId: string | null;
  sensitive: boolean;
  /** A tenant deciding on a transfer to it. */
  pendingTransferTenantId?: string | null;
}

/**
 * Sensitive cases (Art. 11) are routed to supervisors' view: only the people handling it (the
 * assignee, the first responder) and SUPERVISORs of the handler tenant or above see them — and,
 * while a transfer waits, the receiving tenant's caseworkers, who must decide on it (whoever
 * accepts becomes the assignee).
 * `handledInSubtree`: the handler tenant is the viewer's tenant or below it.
 */
export function canSeeCase(viewer: Viewer, c: CaseParties, handledInSubtree: boolean): boolean {
  if (!c.sensitive) return true;
  if (c.assigneeUserId === viewer.userId || c.firstResponderUserId === viewer.userId) return true;
  if (c.pendingTransferTenantId && c.pendingTransferTenantId === viewer.tenantId) return true;
  return handledInSubtree && hasRole(viewer, 'SUPERVISOR');
}

/** Handling (notes, replies, materials, resolution ...) is for STAFF and SUPERVISORs of the handler tenant. */
export function canHandleCase(viewer: Viewer, c: Pick<CaseParties, 'handlerTenantId'>): boolean {
  return viewer.tenantId === c.handlerTenantId && (hasRole(viewer, 'STAFF') || hasRole(viewer, 'SUPERVISOR'));
}

/** Extensions (Art. 15) are approved by a SUPERVISOR or ADMIN of the handler tenant, who records them. */
export function canApproveExtension(viewer: Viewer, c: Pick<CaseParties, 'handlerTenantId'>): boolean {
  return viewer.tenantId === c.handlerTenantId && (hasRole(viewer, 'SUPERVISOR') || hasRole(viewer, 'ADMIN'));
}

/** A transfer waits for the viewer's tenant to decide, and the viewer handles cases (Art. 10, 13). */
export function decidesTransfer(viewer: Viewer, c: { transfer: { toTenantId: string } | null }): boolean {
  return !!c.transfer && c.transfer.toTenantId === viewer.tenantId && (hasRole(viewer, 'STAFF') || hasRole(viewer, 'SUPERVISOR'));
}

/** A rating is appealed (Art. 12, 16) by the tenant handling the case: its caseworkers or its ADMINs. */
export function mayAppealRating(viewer: Viewer, c: Pick<CaseParties, 'handlerTenantId'>): boolean {
  return canHandleCase(viewer, c) || (viewer.tenantId === c.handlerTenantId && hasRole(viewer, 'ADMIN'));
}

type CaseSides = Pick<CaseParties, 'handlerTenantId'> & { transfer: { toTenantId: string } | null };

/**
 * Who records each event of the case page, by the same rules the use cases apply. Events not here
 * are recorded by others (intake, the person, the sweeper, supervision and appeal decisions above).
 */
const RECORDED_BY: Partial<Record<CaseEventType, (viewer: Viewer, c: CaseSides) => boolean>> = {
  STARTED: canHandleCase,
  ASSIGNED: canHandleCase,
  MATERIALS_REQUESTED: canHandleCase,
  MATERIALS_RECEIVED: canHandleCase,
  REPLIED: canHandleCase,
  NOTE_ADDED: canHandleCase,
  TRANSFER_REQUESTED: canHandleCase,
  TRANSFER_WITHDRAWN: canHandleCase,
  RESOLVED: canHandleCase,
  REOPENED: canHandleCase,
  REJECTED: canHandleCase,
  EXTENDED: canApproveExtension,
  TRANSFER_ACCEPTED: decidesTransfer,
  TRANSFER_REJECTED: decidesTransfer,
  RATING_APPEALED: mayAppealRating,
};

/** Of the events the state allows, those this viewer may record on the case page now. */
export function eventsViewerMayRecord(viewer: Viewer, c: CaseSides, allowed: readonly CaseEventType[]): CaseEventType[] {
  return allowed.filter((e) => RECORDED_BY[e]?.(viewer, c) ?? false);
}

/**
 * A law firm's cases are confidential to the firm (lawyer-client privilege): the tenants above it
 * see that a case exists, its state, deadlines and statistics, not its content, unless a
 * supervision order is open on it. The tenants that took it in (origin, first responder, Art. 13)
 * keep seeing what they took in.
 */
export function contentVisibleTo(
  viewer: Viewer,
  c: {
    handlerTenantId: string;
    handlerKind: string | null;
    originTenantId: string;
    firstResponderTenantId: string;
    /** The tenant deciding on a transfer to it reads what it is asked to take. */
    pendingTransferTenantId: string | null;
    supervisionOpen: boolean;
  },
): boolean {
  if (c.handlerKind !== 'LAW_FIRM') return true;
  const parties = [c.handlerTenantId, c.originTenantId, c.firstResponderTenantId, c.pendingTransferTenantId];
  if (parties.includes(viewer.tenantId)) return true;
  return c.supervisionOpen;
}
