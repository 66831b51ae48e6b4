import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

test('city.admin signs in and lists the tree', async () => {
  const token = await t.login('city.admin');
  const r = await t.gql('{ tenants(first: 100) { totalCount edges { node { slug } } } }', {}, token);
  expect(r.errors).toBeUndefined();
  expect(r.data!.tenants.totalCount).toBeGreaterThan(25);
});

test('login makes the signed-in user the viewer for the rest of the operation, under their own visibility', async () => {
  const r = await t.gql(
    `mutation { login(input: { username: "longxi.staff", password: "tianping-demo" }) {
        token viewer { username roles tenant { slug ancestors { slug } parent { slug children { slug } } } } } }`,
  );
  expect(r.errors).toBeUndefined();
  const v = r.data!.login.viewer;
  expect(v.username).toBe('longxi.staff');
  expect(v.tenant.ancestors.map((a: { slug: string }) => a.slug)).toEqual(['cq', 'yubei']);
  // yubei's other children are outside a 司法所's view: only its own tenant shows.
  expect(v.tenant.parent.children.map((c: { slug: string }) => c.slug)).toEqual(['yubei-longxi']);
});
