import { changedFields, type Connection, pickDefined, type ResourceDefinition, asList, nonEmpty, versionOf } from './types.js';

const LIST_FIELDS = `fragment TenantRow on Tenant {
  id slug name nameEn kind status depth isRoot phone version updatedAt
  parent { id name }
}`;

const DETAIL = `fragment TenantDetail on Tenant {
  id slug name nameEn kind status depth isRoot version createdAt updatedAt
  divisionCode address phone officeHours statutoryDuties introduction
  parent { id name slug }
  ancestors { id name slug kind }
  children { id name slug kind status }
}`;

const PROFILE = ['name', 'nameEn', 'slug', 'kind', 'divisionCode', 'address', 'phone', 'officeHours', 'statutoryDuties', 'introduction'] as const;

export const tenants: ResourceDefinition = {
  typename: 'Tenant',
  detail: { name: 'TenantDetail', text: DETAIL },
  list: {
    document: `query Tenants($first: Int!, $after: String, $search: String, $kind: [TenantKind!], $status: TenantStatus, $parentId: ID) {
  tenants(first: $first, after: $after, search: $search, kind: $kind, status: $status, parentId: $parentId) {
    totalCount edges { node { ...TenantRow } }
  }
}
${LIST_FIELDS}`,
    // The server orders tenants by depth, then name; there is nothing else to sort by.
    variables: ({ filter = {} }) => ({
      search: nonEmpty(filter.q),
      kind: asList(filter.kind),
      status: nonEmpty(filter.status),
      parentId: nonEmpty(filter.parentId),
    }),
    connection: (data) => data.tenants as Connection,
  },
  create: {
    document: `mutation CreateTenant($input: CreateTenantInput!) { createTenant(input: $input) { tenant { ...TenantDetail } } }
${DETAIL}`,
    input: (data) => pickDefined(data, ['parentId', ...PROFILE]),
    result: (data) => data.createTenant.tenant,
  },
  update: {
    document: `mutation UpdateTenant($input: UpdateTenantInput!) { updateTenant(input: $input) { tenant { ...TenantDetail } } }
${DETAIL}`,
    input: (id, data, previous) => ({ id, version: versionOf(previous, data), ...changedFields(data, previous, PROFILE) }),
    result: (data) => data.updateTenant.tenant,
  },
  toRecord: (node) => ({ ...node, id: node.id, parentId: node.parent?.id ?? null }),
};

/** Suspend and reactivate take the version too; the record comes back with the new one. */
export const tenantStatusDocuments = {
  suspend: `mutation SuspendTenant($input: TenantStatusInput!) { suspendTenant(input: $input) { tenant { ...TenantDetail } } }
${DETAIL}`,
  reactivate: `mutation ReactivateTenant($input: TenantStatusInput!) { reactivateTenant(input: $input) { tenant { ...TenantDetail } } }
${DETAIL}`,
};
