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
