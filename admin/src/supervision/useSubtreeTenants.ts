import { useGetIdentity } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { SUBTREE_TENANTS } from './documents.js';
import { useGraphql } from './useGraphql.js';

export interface SubtreeTenant {
  id: string;
  name: string;
  /** Levels below the viewer's tenant (0: its own). */
  level: number;
}

/**
 * The viewer's tenant and those below it (the server lists ancestors too: those above the
 * viewer's own depth are left out), in the server's order (depth, then name); the first 100.
 */
export function useSubtreeTenants(): SubtreeTenant[] {
  const { identity } = useGetIdentity();
  const viewer = identity as TianpingIdentity | undefined;
  const { data } = useGraphql<{ tenants: { edges: { node: { id: string; name: string; depth: number } }[] } }>(SUBTREE_TENANTS, viewer ? { first: 100 } : null);
  if (!viewer) return [];
  const nodes = data?.tenants.edges.map((e) => e.node) ?? [];
  const own = nodes.find((n) => n.id === viewer.tenant.id);
  if (!own) return [{ id: viewer.tenant.id, name: viewer.tenant.name, level: 0 }];
  return nodes.filter((n) => n.depth >= own.depth).map((n) => ({ id: n.id, name: n.name, level: n.depth - own.depth }));
}
