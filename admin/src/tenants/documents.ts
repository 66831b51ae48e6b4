/** The tree's and the move's documents (validated against the schema by documents.test.ts). */

const TREE_NODE = `fragment TenantTreeNode on Tenant {
  id name slug kind status isRoot depth version
  children { id }
}`;

/** A node's direct children (the server orders them by name), each with its own child count. */
export const TREE_CHILDREN = `query TenantTreeChildren($parentId: ID!, $first: Int!) {
  tenants(parentId: $parentId, first: $first) { totalCount edges { node { ...TenantTreeNode } } }
}
${TREE_NODE}`;

/** Where the tree starts: the viewer's own tenant. */
export const TREE_ROOT = `query TenantTreeRoot($id: ID!) { node(id: $id) { __typename ...TenantTreeNode } }
${TREE_NODE}`;

export const MOVE_TENANT = `mutation MoveTenant($input: MoveTenantInput!) {
  moveTenant(input: $input) { tenant { id version depth parent { id name } } }
}`;

export const documents: string[] = [TREE_CHILDREN, TREE_ROOT, MOVE_TENANT];
