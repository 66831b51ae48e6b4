import { changedFields, type Connection, pickDefined, type ResourceDefinition, nonEmpty, versionOf } from './types.js';

const FIELDS = `fragment UserDetail on User {
  id username displayName phone roles active lastLoginAt passwordChangedAt createdAt updatedAt version
  tenant { id name slug }
}`;

export const users: ResourceDefinition = {
  typename: 'User',
  detail: { name: 'UserDetail', text: FIELDS },
  list: {
    document: `query Users($first: Int!, $after: String, $search: String, $tenantId: ID, $role: UserRole, $active: Boolean) {
  users(first: $first, after: $after, search: $search, tenantId: $tenantId, role: $role, active: $active) {
    totalCount edges { node { ...UserDetail } }
  }
}
${FIELDS}`,
    // Ordered by username on the server.
    variables: ({ filter = {} }) => ({
      search: nonEmpty(filter.q),
      tenantId: nonEmpty(filter.tenantId),
      role: nonEmpty(filter.role),
      active: typeof filter.active === 'boolean' ? filter.active : undefined,
    }),
    connection: (data) => data.users as Connection,
  },
  create: {
    document: `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...UserDetail } } }
${FIELDS}`,
    input: (data) => ({ roles: [], ...pickDefined(data, ['tenantId', 'username', 'displayName', 'password', 'phone', 'roles']) }),
    result: (data) => data.createUser.user,
  },
  update: {
    document: `mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...UserDetail } } }
${FIELDS}`,
    input: (id, data, previous) => ({ id, version: versionOf(previous, data), ...changedFields(data, previous, ['displayName', 'phone', 'roles']) }),
    result: (data) => data.updateUser.user,
  },
  toRecord: (node) => ({ ...node, id: node.id, tenantId: node.tenant?.id ?? null }),
};

export const userStatusDocuments = {
  deactivate: `mutation DeactivateUser($input: UserVersionInput!) { deactivateUser(input: $input) { user { ...UserDetail } } }
${FIELDS}`,
  reactivate: `mutation ReactivateUser($input: UserVersionInput!) { reactivateUser(input: $input) { user { ...UserDetail } } }
${FIELDS}`,
};
