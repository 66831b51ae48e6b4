import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type GraphqlMock, renderWithAdmin } from '../settings/testing.js';
import { TREE_CHILDREN, TREE_ROOT } from './documents.js';
import { TenantTreeView } from './TenantTree.js';

afterEach(cleanup);

const node = (id: string, name: string, depth: number, children: number) => ({
  id,
  name,
  slug: id,
  kind: depth === 1 ? 'DISTRICT_BUREAU' : 'JUDICIAL_OFFICE',
  status: 'ACTIVE',
  isRoot: false,
  depth,
  version: 1,
  children: Array.from({ length: children }, (_, i) => ({ id: `${id}-${i}` })),
});

const TREE: Record<string, ReturnType<typeof node>[]> = {
  yubei: [node('longxi', '龙溪司法所', 2, 2), node('legalaid', '法律援助中心', 2, 0)],
  longxi: [node('longxi-a', '甲调委会', 3, 0), node('longxi-b', '乙调委会', 3, 0)],
};

function server() {
  const graphql: GraphqlMock = vi.fn(async (doc, vars) => {
    if (doc === TREE_ROOT) return { node: { __typename: 'Tenant', ...node('yubei', '渝北区司法局', 1, 2) } };
    if (doc === TREE_CHILDREN) {
      const rows = TREE[String(vars?.parentId)] ?? [];
      return { tenants: { totalCount: rows.length, edges: rows.map((n) => ({ node: n })) } };
    }
    throw new Error('unexpected document');
  });
  return graphql;
}
const childCalls = (graphql: GraphqlMock) => graphql.mock.calls.filter(([doc]) => doc === TREE_CHILDREN).map(([, v]) => v?.parentId);

describe('the tenant tree', () => {
  test('opens the viewer’s own level at once and each further level only when asked, once', async () => {
    const graphql = server();
    renderWithAdmin(<TenantTreeView rootId="yubei" />, { graphql });
    await screen.findByText('龙溪司法所');
    expect(childCalls(graphql)).toEqual(['yubei']);
    // Counts are known before opening: a leaf has no expander.
    expect(within(screen.getByTestId('tree-node-longxi')).getByText(/2 个下级/)).toBeTruthy();
    expect(within(screen.getByTestId('tree-node-legalaid')).queryByRole('button', { name: /展开/ })).toBeNull();
    expect(screen.queryByText('甲调委会')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '展开龙溪司法所' }));
    await screen.findByText('甲调委会');
    expect(childCalls(graphql)).toEqual(['yubei', 'longxi']);

    // Closing and opening again uses what was loaded.
    fireEvent.click(screen.getByRole('button', { name: '收起龙溪司法所' }));
    await waitFor(() => expect(screen.queryByText('甲调委会')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '展开龙溪司法所' }));
    await screen.findByText('乙调委会');
    expect(childCalls(graphql)).toEqual(['yubei', 'longxi']);
  });

  test('the viewer’s own tenant cannot be moved; those below it can', async () => {
    renderWithAdmin(<TenantTreeView rootId="yubei" />, { graphql: server() });
    await screen.findByText('龙溪司法所');
    expect(within(screen.getByTestId('tree-node-yubei')).queryByRole('button', { name: /移动/ })).toBeNull();
    fireEvent.click(within(screen.getByTestId('tree-node-longxi')).getByRole('button', { name: '移动龙溪司法所' }));
    expect(await screen.findByTestId('move-tenant-dialog')).toBeTruthy();
  });

  test('a level that failed to load says why and can be retried', async () => {
    const graphql = server();
    graphql.mockImplementationOnce(async () => ({ node: { __typename: 'Tenant', ...node('yubei', '渝北区司法局', 1, 2) } }));
    graphql.mockImplementationOnce(async () => {
      throw new Error('无法连接服务器');
    });
    renderWithAdmin(<TenantTreeView rootId="yubei" />, { graphql });
    await screen.findByText('无法连接服务器');
    fireEvent.click(screen.getByRole('button', { name: '刷新' }));
    await screen.findByText('龙溪司法所');
  });
});
