import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './helpers.js';

/**
 * The number of SQL statements of hot requests is pinned (STYLE.md habit 9): a list with nested
 * parent / children / ancestors must cost the same at 5 rows as at 30 (no N+1).
 */
let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await t.login('city.admin');
});
afterAll(() => t?.close());

const TREE_PAGE = `query Tree($n: Int!) {
  tenants(first: $n) {
    totalCount
    edges { cursor node { id slug name kind depth parent { slug } children { slug } ancestors { slug } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// viewer lookup, the transaction's set_config, the page (with its total), parents, children,
// ancestors. BEGIN and COMMIT are not counted.
const TREE_STATEMENTS = 6;

test('tenant tree page: constant statements regardless of page size', async () => {
  for (const n of [5, 30]) {
    const { result, statements } = await t.countStatements(TREE_PAGE, { n }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.tenants.edges).toHaveLength(n);
    expect(statements).toBe(TREE_STATEMENTS);
  }
});

test('users page with their tenants: constant statements', async () => {
  const q = `query Users($n: Int!) { users(first: $n) { totalCount edges { node { username tenant { slug parent { slug } } } } } }`;
  const counts: number[] = [];
  for (const n of [3, 15]) {
    const { result, statements } = await t.countStatements(q, { n }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.users.edges).toHaveLength(n);
    counts.push(statements);
  }
  // viewer, set_config, page, tenants; parents are already loaded as tenants of other users.
  expect(counts).toEqual([4, 4]);
});

test('public directory and disclosure: one query for the directory, four for a tenant', async () => {
  const dir = await t.countStatements('{ publicDirectory { slug name district { name } } }', undefined, null);
  expect(dir.result.errors).toBeUndefined();
  expect(dir.result.data!.publicDirectory.length).toBeGreaterThan(25);
  // set_config, then the directory
  expect(dir.statements).toBe(2);
  const page = await t.countStatements(
    '{ publicTenant(slug: "yubei") { tenant { name } parent { name } serviceItems { content { name materials { name } } } commitments { title } } }',
    undefined,
    null,
  );
  expect(page.result.errors).toBeUndefined();
  expect(page.result.data!.publicTenant.serviceItems.length).toBeGreaterThan(0);
  // set_config, tenant, parent, items, commitments
  expect(page.statements).toBe(5);
});
