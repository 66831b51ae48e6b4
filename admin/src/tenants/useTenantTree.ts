import { useCallback, useEffect, useRef, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { TREE_CHILDREN, TREE_ROOT } from './documents.js';

export interface TreeNode {
  id: string;
  name: string;
  slug: string;
  kind: string;
  status: string;
  isRoot: boolean;
  depth: number;
  version: number;
  /** Direct children the viewer may see (known before expanding: no empty expanders). */
  childCount: number;
}

export type Branch = { state: 'loading' } | { state: 'loaded'; children: TreeNode[]; total: number } | { state: 'error'; message: string };

/** One level is at most this many rows; a larger level says how many more there are. */
export const BRANCH_SIZE = 100;

type Raw = Omit<TreeNode, 'childCount'> & { children: { id: string }[] };
const toNode = ({ children, ...rest }: Raw): TreeNode => ({ ...rest, childCount: children.length });

/**
 * The tenant tree, loaded lazily: the viewer's tenant first, then each level when it is opened
 * (`tenants(parentId:)`), once; `refresh` reloads the levels already loaded after a change
 * (a move changes two of them).
 */
export function useTenantTree(rootId: string | undefined) {
  const dp = useDataProvider<TianpingDataProvider>();
  const [root, setRoot] = useState<TreeNode | null | undefined>(undefined);
  const [branches, setBranches] = useState<Record<string, Branch>>({});
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // What is loaded, for refresh without re-creating it on every state change.
  const loaded = useRef(new Set<string>());

  const loadBranch = useCallback(
    async (parentId: string) => {
      loaded.current.add(parentId);
      setBranches((b) => (b[parentId]?.state === 'loaded' ? b : { ...b, [parentId]: { state: 'loading' } }));
      try {
        const data = await dp.graphql<{ tenants: { totalCount: number; edges: { node: Raw }[] } }>(TREE_CHILDREN, { parentId, first: BRANCH_SIZE });
        const children = data.tenants.edges.map((e) => toNode(e.node));
        setBranches((b) => ({ ...b, [parentId]: { state: 'loaded', children, total: data.tenants.totalCount } }));
      } catch (err) {
        setBranches((b) => ({ ...b, [parentId]: { state: 'error', message: (err as Error).message } }));
      }
    },
    [dp],
  );

  const loadRoot = useCallback(async () => {
    if (!rootId) return;
    try {
      const data = await dp.graphql<{ node: (Raw & { __typename: string }) | null }>(TREE_ROOT, { id: rootId });
      setRoot(data.node && data.node.__typename === 'Tenant' ? toNode(data.node) : null);
    } catch {
      setRoot(null);
    }
  }, [dp, rootId]);

  useEffect(() => {
    if (!rootId) return;
    void loadRoot();
    // The viewer's own level is open from the start.
    setExpanded(new Set([rootId]));
    void loadBranch(rootId);
  }, [rootId, loadRoot, loadBranch]);

  const toggle = useCallback(
    (id: string) => {
      setExpanded((open) => {
        const next = new Set(open);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      // Opened for the first time, or after a failure: fetch it.
      if (!loaded.current.has(id)) void loadBranch(id);
    },
    [loadBranch],
  );

  const retry = useCallback((id: string) => void loadBranch(id), [loadBranch]);

  const refresh = useCallback(async () => {
    await Promise.all([loadRoot(), ...[...loaded.current].map((id) => loadBranch(id))]);
  }, [loadRoot, loadBranch]);

  return { root, branches, expanded, toggle, retry, refresh };
}
