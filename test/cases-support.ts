import { ok, type TestApp } from './helpers.js';

/** The password of the second yubei STAFF user the case suites create. */
export const STAFF2_PASSWORD = 'staff-two-password-2026';

/**
 * What the case suites share: tokens for `users`, global ids of every tenant (`tenant:<slug>`),
 * a second STAFF user in yubei made by its admin (`yubei.staff2`: sees yubei's ordinary cases but
 * not its sensitive ones), and yubei's published consultation item (`item:consult`).
 */
export async function caseFixture(t: TestApp, users: readonly string[]) {
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const u of users) tok[u] = await t.login(u);
  const tenants = ok(await t.gql('{ tenants(first: 100) { edges { node { id slug } } } }', {}, tok['city.admin'] ?? (await t.login('city.admin'))))
    .tenants.edges as { node: { id: string; slug: string } }[];
  for (const { node } of tenants) ids[`tenant:${node.slug}`] = node.id;
  const staff2 = ok(
    await t.gql(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
      { i: { tenantId: ids['tenant:yubei'], username: 'yubei.staff2', displayName: '渝北窗口 二号', password: STAFF2_PASSWORD, roles: ['STAFF'] } },
      tok['yubei.admin'] ?? (await t.login('yubei.admin')),
    ),
  ).createUser.user as { id: string };
  ids['user:yubei.staff2'] = staff2.id;
  tok['yubei.staff2'] = await t.login('yubei.staff2', STAFF2_PASSWORD);
  const items = ok(
    await t.gql('query($t: ID) { serviceItems(tenantId: $t, first: 100) { edges { node { id code status } } } }', { t: ids['tenant:yubei'] }, tok['yubei.staff'] ?? (await t.login('yubei.staff'))),
  ).serviceItems.edges as { node: { id: string; code: string; status: string } }[];
  ids['item:consult'] = items.find((e) => e.node.code === 'TPL-CONSULT' && e.node.status === 'PUBLISHED')!.node.id;
  return { tok, ids };
}
