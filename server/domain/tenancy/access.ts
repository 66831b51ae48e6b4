import type { UserRole } from '../../../schema/db/tenancy.js';

/**
 * Who may do what in the tenant tree, as plain functions over the viewer and the target's
 * ancestry. The database's row-level security enforces the tenant boundary underneath; these add
 * the role rules on top (STYLE.md habit 7).
 */
export interface Viewer {
  userId: string;
  tenantId: string;
  username: string;
  roles: readonly UserRole[];
}

export const hasRole = (viewer: Viewer | null, role: UserRole) => !!viewer && viewer.roles.includes(role);

/** `ancestry` is the target tenant's ancestors, root first, ending with the target itself. */
export const isWithinSubtree = (viewer: Viewer, ancestry: readonly string[]) => ancestry.includes(viewer.tenantId);
export const isStrictlyBelow = (viewer: Viewer, ancestry: readonly string[]) =>
  ancestry.includes(viewer.tenantId) && ancestry[ancestry.length - 1] !== viewer.tenantId;

/** Create a tenant under `parentAncestry`'s last element: admins of the parent or above. */
export const canCreateTenantUnder = (viewer: Viewer, parentAncestry: readonly string[]) =>
  hasRole(viewer, 'ADMIN') && isWithinSubtree(viewer, parentAncestry);

/**
 * Edit a tenant's profile: admins of any ancestor, and a tenant's own admins (they configure
 * their own disclosure profile, Art. 17).
 */
export const canEditTenantProfile = (viewer: Viewer, ancestry: readonly string[]) =>
  hasRole(viewer, 'ADMIN') && isWithinSubtree(viewer, ancestry);

/** Move, suspend, reactivate: only admins of a strict ancestor ("the tenants beneath it"). */
export const canGovernTenant = (viewer: Viewer, ancestry: readonly string[]) =>
  hasRole(viewer, 'ADMIN') && isStrictlyBelow(viewer, ancestry);

/** Manage users (create, update, deactivate, reset passwords) of a tenant in the admin's subtree. */
export const canManageUsersOf = (viewer: Viewer, tenantAncestry: readonly string[]) =>
  hasRole(viewer, 'ADMIN') && isWithinSubtree(viewer, tenantAncestry);

/** See the user accounts of the subtree: admins and supervisors; staff see their own tenant's. */
export const seesSubtreeUsers = (viewer: Viewer) => hasRole(viewer, 'ADMIN') || hasRole(viewer, 'SUPERVISOR');

/**
 * A move is valid when the new parent is not the tenant itself nor inside its subtree.
 * `newParentAncestry` is the new parent's ancestry (root first, ending with the new parent).
 */
export function moveProblem(tenantId: string, newParentAncestry: readonly string[]): string | null {
  if (newParentAncestry.includes(tenantId)) return 'a tenant cannot move into its own subtree';
  return null;
}
