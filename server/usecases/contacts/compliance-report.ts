import type { Executor } from '../../db/client.js';
import type { ResponseTimePolicy } from '../../domain/contacts/policy.js';
import { periodOf } from '../../domain/contacts/period.js';
import { forbidden, unauthenticated } from '../../domain/shared/errors.js';
import { hasRole, isWithinSubtree, type Viewer } from '../../domain/tenancy/access.js';
import { loadAncestry } from '../tenants/queries.js';
import {
  type ChannelCompliance,
  type ComplianceGroup,
  type ComplianceQuery,
  contactComplianceByAgent,
  contactComplianceByTenant,
  contactComplianceOf,
  policyOf,
  type ResponsePolicies,
  responsePoliciesOf,
} from './compliance.js';

export interface ComplianceReport {
  tenantId: string;
  subtree: boolean;
  from: string;
  to: string;
  /** A STAFF member's report covers the contacts they answered themselves, nothing else. */
  onlyOwnContacts: boolean;
  policies(): Promise<ResponsePolicies>;
  policy(): Promise<ResponseTimePolicy>;
  channels(): Promise<ChannelCompliance[]>;
  byAgent(): Promise<ComplianceGroup[]>;
  /** Empty unless `subtree`. */
  byTenant(): Promise<ComplianceGroup[]>;
}

/**
 * Who sees which compliance numbers (Art. 21): a tenant's ADMINs and SUPERVISORs see its own, and
 * those of any tenant below it, alone or rolled up over its subtree (`subtree`); STAFF see only
 * the contacts they answered themselves, in their own tenant (colleagues' numbers are for their
 * supervisors). A tenant outside the viewer's subtree is NOT_FOUND when the viewer cannot see it
 * at all, FORBIDDEN when it can (an ancestor).
 *
 * Nothing is computed here but the checks: each part runs its one aggregate when asked for.
 */
export async function complianceReport(
  tx: Executor,
  viewer: Viewer | null,
  args: { tenantId?: string | null; subtree?: boolean | null; from: string; to: string },
): Promise<ComplianceReport> {
  if (!viewer) throw unauthenticated();
  const period = periodOf(args.from, args.to);
  const tenantId = args.tenantId ?? viewer.tenantId;
  const subtree = args.subtree ?? false;
  const manages = hasRole(viewer, 'ADMIN') || hasRole(viewer, 'SUPERVISOR');
  if (tenantId !== viewer.tenantId) {
    const ancestry = await loadAncestry(tx, tenantId);
    if (!isWithinSubtree(viewer, ancestry)) throw forbidden("compliance is for the viewer's tenant and those below it");
    if (!manages) throw forbidden('only ADMINs and SUPERVISORs see other tenants\' compliance');
  }
  if (!manages && subtree) throw forbidden('only ADMINs and SUPERVISORs see a roll-up over the subtree');
  const onlyOwnContacts = !manages;
  const query: ComplianceQuery = {
    scope: subtree ? { subtreeOf: tenantId } : { tenantIds: [tenantId] },
    from: period.from,
    to: period.to,
    agentUserId: onlyOwnContacts ? viewer.userId : null,
  };
  let policies: Promise<ResponsePolicies> | null = null;
  const withPolicies = async (): Promise<ComplianceQuery> => ({ ...query, policies: await (policies ??= responsePoliciesOf(tx, query.scope)) });
  return {
    tenantId,
    subtree,
    from: period.from,
    to: period.to,
    onlyOwnContacts,
    policies: () => (policies ??= responsePoliciesOf(tx, query.scope)),
    policy: async () => policyOf(await (policies ??= responsePoliciesOf(tx, query.scope)), tenantId),
    channels: async () => contactComplianceOf(tx, await withPolicies()),
    byAgent: async () => contactComplianceByAgent(tx, await withPolicies()),
    byTenant: async () => (subtree ? contactComplianceByTenant(tx, await withPolicies()) : []),
  };
}
