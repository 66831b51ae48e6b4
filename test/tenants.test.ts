import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, DEMO_TENANTS } from '../seeds/demo-data.js';
import { rowsOf } from '../server/db/client.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * The tenant tree through GraphQL. Read-only checks run first, against the untouched demo tree;
 * commands then work on tenants created here or on demo tenants no later test relies on.
 */

let t: TestApp;
const tok: Record<string, string> = {};

const TENANT = `id slug name nameEn kind status depth version divisionCode address phone officeHours
  statutoryDuties introduction isRoot parent { slug } ancestors { slug } children { slug }`;

const CREATE = `mutation($i: CreateTenantInput!) { createTenant(input: $i) { tenant { ${TENANT} } } }`;
const UPDATE = `mutation($i: UpdateTenantInput!) { updateTenant(input: $i) { tenant { ${TENANT} } } }`;
const MOVE = `mutation($i: MoveTenantInput!) { moveTenant(input: $i) { tenant { ${TENANT} } } }`;
const SUSPEND = `mutation($i: TenantStatusInput!) { suspendTenant(input: $i) { tenant { ${TENANT} } } }`;
const REACTIVATE = `mutation($i: TenantStatusInput!) { reactivateTenant(input: $i) { tenant { ${TENANT} } } }`;
const BY_SLUG = `query($s: String!) { tenant(slug: $s) { ${TENANT} } }`;
const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $kind: [TenantKind!], $parentId: ID,
  $search: String, $status: TenantStatus) {
  tenants(first: $first, after: $after, last: $last, before: $before, kind: $kind, parentId: $parentId,
          search: $search, status: $status) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id slug name depth status } }
  }
}`;

interface TenantView {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
  kind: string;
  status: string;
  depth: number;
  version: number;
  parent: { slug: string } | null;
  ancestors: { slug: string }[];
  children: { slug: string }[];
  [k: string]: unknown;
}



async function tenant(slug: string, as = 'city.admin'): Promise<TenantView | null> {
  return ok(await t.gql(BY_SLUG, { s: slug }, tok[as])).tenant;
}
async function mustTenant(slug: string, as = 'city.admin'): Promise<TenantView> {
  const found = await tenant(slug, as);
  expect(found, `${slug} visible to ${as}`).not.toBeNull();
  return found!;
}

/** The tenants table and the closure table, read as the owner. */
async function snapshot(): Promise<string> {
  const db = t.database.db;
  const tenants = rowsOf(await db.execute(sql`select * from tenants order by id`));
  const closure = rowsOf(await db.execute(sql`select * from tenant_closure order by ancestor_id, descendant_id`));
  return JSON.stringify({ tenants, closure });
}

/** Runs a request that must be refused and must leave both tables exactly as they were. */
async function refusedUnchanged(run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await snapshot();
  const r = await run();
  const err = refused(r, code, fields);
  expect(await snapshot()).toBe(before);
  return err;
}

async function listAll(as: string, filters: Record<string, unknown> = {}): Promise<{ slug: string; depth: number; status: string }[]> {
  const d = ok(await t.gql(LIST, { first: 100, ...filters }, tok[as]));
  expect(d.tenants.pageInfo.hasNextPage).toBe(false);
  expect(d.tenants.totalCount).toBe(d.tenants.edges.length);
  return d.tenants.edges.map((e: { node: { slug: string; depth: number; status: string } }) => e.node);
}
const slugsOf = (nodes: { slug: string }[]) => nodes.map((n) => n.slug);
const sorted = (xs: string[]) => [...xs].sort();

/** Demo tenants in the subtree of `slug` (itself included). */
function demoSubtree(slug: string): string[] {
  const out = [slug];
  for (let i = 0; i < out.length; i++) for (const d of DEMO_TENANTS) if (d.parent === out[i]) out.push(d.slug);
  return out;
}
function demoAncestors(slug: string): string[] {
  const out: string[] = [];
  let p = DEMO_TENANTS.find((d) => d.slug === slug)!.parent;
  while (p) {
    out.unshift(p);
    p = DEMO_TENANTS.find((d) => d.slug === p)!.parent;
  }
  return out;
}

const userGlobalId = async (username: string) =>
  ok(await t.gql('query($s: String) { users(search: $s, first: 5) { edges { node { id username } } } }', { s: username }, tok['city.admin']))
    .users.edges.find((e: { node: { username: string } }) => e.node.username === username).node.id as string;

beforeAll(async () => {
  t = await startTestApp();
  for (const u of [
    'city.admin',
    'city.supervisor',
    'yubei.admin',
    'yubei.supervisor',
    'yubei.staff',
    'yuzhong.admin',
    'longxi.staff',
    'mingli.lawyer',
    'yubei.legalaid.staff',
  ]) {
    tok[u] = await t.login(u, DEMO_PASSWORD);
  }
});
afterAll(() => t?.close());

describe('queries on the demo tree', () => {
  test('the root admin sees the whole tree, ordered by depth then name, stably', async () => {
    const all = await listAll('city.admin');
    expect(sorted(slugsOf(all))).toEqual(sorted(DEMO_TENANTS.map((d) => d.slug)));
    for (let i = 1; i < all.length; i++) expect(all[i]!.depth).toBeGreaterThanOrEqual(all[i - 1]!.depth);
    // Names compare under the database's collation: the owner's own ordering is the reference.
    const expected = rowsOf<{ slug: string }>(
      await t.database.db.execute(sql`select slug from tenants order by depth, name, id`),
    ).map((r) => r.slug);
    expect(slugsOf(all)).toEqual(expected);
    expect(slugsOf(await listAll('city.admin'))).toEqual(expected);
  });

  test('a district admin sees its subtree and its ancestors, nothing else', async () => {
    const seen = slugsOf(await listAll('yubei.admin'));
    expect(sorted(seen)).toEqual(sorted(['cq', ...demoSubtree('yubei')]));
    expect(await tenant('yuzhong', 'yubei.admin')).toBeNull();
    expect(await tenant('yuzhong-jiefangbei', 'yubei.admin')).toBeNull();
    expect(await tenant('no-such-tenant', 'yubei.admin')).toBeNull();
    // Children are the visible ones only.
    expect((await mustTenant('cq', 'yubei.admin')).children).toEqual([{ slug: 'yubei' }]);
    // A staff member of a leaf office sees the office and the chain above it.
    expect(sorted(slugsOf(await listAll('longxi.staff')))).toEqual(sorted(['cq', 'yubei', ...demoSubtree('yubei-longxi')]));
  });

  test('tenant(slug) returns parent, children, ancestors and depth', async () => {
    const m = await mustTenant('yubei-longxi-mediation', 'yubei.admin');
    expect(m.depth).toBe(3);
    expect(m.parent).toEqual({ slug: 'yubei-longxi' });
    expect(slugsOf(m.ancestors)).toEqual(['cq', 'yubei', 'yubei-longxi']);
    expect(m.children).toEqual([]);
    expect(m.isRoot).toBe(false);
    const root = await mustTenant('cq');
    expect(root).toMatchObject({ depth: 0, parent: null, ancestors: [], isRoot: true, kind: 'MUNICIPAL_BUREAU' });
    expect(sorted(slugsOf(root.children))).toEqual(sorted(DEMO_TENANTS.filter((d) => d.parent === 'cq').map((d) => d.slug)));
    // Slugs are looked up case-insensitively.
    expect((await mustTenant(' YUBEI ')).slug).toBe('yubei');
  });

  test('filter by kind (a list)', async () => {
    for (const kinds of [['JUDICIAL_OFFICE'], ['LAW_FIRM', 'NOTARY_OFFICE'], ['MUNICIPAL_BUREAU']]) {
      const got = slugsOf(await listAll('city.admin', { kind: kinds }));
      expect(sorted(got)).toEqual(sorted(DEMO_TENANTS.filter((d) => kinds.includes(d.kind)).map((d) => d.slug)));
    }
    // An empty list is no filter.
    expect((await listAll('city.admin', { kind: [] })).length).toBe(DEMO_TENANTS.length);
  });

  test('filter by parentId: direct children only', async () => {
    const yubei = await mustTenant('yubei');
    const got = slugsOf(await listAll('city.admin', { parentId: yubei.id }));
    expect(sorted(got)).toEqual(sorted(DEMO_TENANTS.filter((d) => d.parent === 'yubei').map((d) => d.slug)));
    // A parent the viewer may not see has no visible children.
    const yuzhong = await mustTenant('yuzhong');
    expect(await listAll('yubei.admin', { parentId: yuzhong.id })).toEqual([]);
    // An id of another type names the argument.
    refused(await t.gql(LIST, { parentId: await userGlobalId('yubei.admin') }, tok['city.admin']), 'BAD_USER_INPUT', ['parentId']);
    refused(await t.gql(LIST, { parentId: 'garbage' }, tok['city.admin']), 'BAD_USER_INPUT', ['parentId']);
  });

  test('search matches a substring of the Chinese or the English name', async () => {
    const expectSearch = async (s: string, as = 'city.admin') => {
      const want = DEMO_TENANTS.filter(
        (d) => d.name.includes(s) || d.nameEn.toLowerCase().includes(s.toLowerCase()),
      ).map((d) => d.slug);
      const got = slugsOf(await listAll(as, { search: s }));
      expect(sorted(got), s).toEqual(sorted(want));
      return got;
    };
    expect(sorted(await expectSearch('渝北'))).toEqual(
      sorted(['yubei', 'yubei-longxi', 'yubei-longshan', 'yubei-shuanglonghu', 'yubei-legal-aid', 'yubei-notary']),
    );
    // English, case-insensitive: "Yubeilu" (a Shapingba office) contains "yubei" too.
    expect(await expectSearch('yubei')).toContain('shapingba-yubeilu');
    expect(await expectSearch('Legal Aid')).toHaveLength(5);
    await expectSearch('司法所');
    // LIKE wildcards are taken literally.
    expect(await listAll('city.admin', { search: '%' })).toEqual([]);
    expect(await listAll('city.admin', { search: '_' })).toEqual([]);
    // Blank search is no filter.
    expect((await listAll('city.admin', { search: '   ' })).length).toBe(DEMO_TENANTS.length);
  });

  test('filters combine with AND', async () => {
    const got = slugsOf(await listAll('city.admin', { kind: ['JUDICIAL_OFFICE'], search: '渝北' }));
    expect(sorted(got)).toEqual(['yubei-longshan', 'yubei-longxi', 'yubei-shuanglonghu']);
    expect(await listAll('city.admin', { search: '渝北', status: 'SUSPENDED' })).toEqual([]);
    expect((await listAll('city.admin', { status: 'ACTIVE' })).length).toBe(DEMO_TENANTS.length);
  });

  test('pagination walks every page without duplicates or gaps; totalCount stays constant', async () => {
    const full = slugsOf(await listAll('city.admin'));
    for (const size of [1, 4, 7, 100]) {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const d: Record<string, any> = ok(await t.gql(LIST, { first: size, after }, tok['city.admin']));
        const c = d.tenants;
        pages++;
        expect(c.totalCount).toBe(DEMO_TENANTS.length);
        expect(c.edges.length).toBeLessThanOrEqual(size);
        expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...c.edges.map((e: { node: { slug: string } }) => e.node.slug));
        if (c.edges.length) {
          expect(c.pageInfo.startCursor).toBe(c.edges[0].cursor);
          expect(c.pageInfo.endCursor).toBe(c.edges[c.edges.length - 1].cursor);
        }
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
        expect(pages).toBeLessThan(100);
      }
      expect(seen).toEqual(full);
      expect(pages).toBe(Math.ceil(DEMO_TENANTS.length / size));
    }
    // Past the end: an empty page, the same total.
    const last = ok(await t.gql(LIST, { first: 100 }, tok['city.admin'])).tenants.pageInfo.endCursor;
    const beyond = ok(await t.gql(LIST, { first: 5, after: last }, tok['city.admin'])).tenants;
    expect(beyond).toMatchObject({ totalCount: DEMO_TENANTS.length, edges: [], pageInfo: { hasNextPage: false } });
  });

  test('backward pagination: last n before a cursor', async () => {
    const full = ok(await t.gql(LIST, { first: 20 }, tok['city.admin'])).tenants.edges;
    const d = ok(await t.gql(LIST, { last: 3, before: full[10].cursor }, tok['city.admin'])).tenants;
    expect(d.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(
      full.slice(7, 10).map((e: { node: { slug: string } }) => e.node.slug),
    );
    expect(d.pageInfo.hasPreviousPage).toBe(true);
    expect(d.pageInfo.hasNextPage).toBe(true);
    expect(d.totalCount).toBe(DEMO_TENANTS.length);
  });

  test('bad page sizes and cursors are BAD_USER_INPUT naming the argument', async () => {
    const as = tok['city.admin'];
    refused(await t.gql(LIST, { first: 0 }, as), 'BAD_USER_INPUT', ['first']);
    refused(await t.gql(LIST, { first: 101 }, as), 'BAD_USER_INPUT', ['first']);
    refused(await t.gql(LIST, { first: -1 }, as), 'BAD_USER_INPUT', ['first']);
    refused(await t.gql(LIST, { after: 'garbage!' }, as), 'BAD_USER_INPUT', ['after']);
    refused(await t.gql(LIST, { after: Buffer.from('nonsense').toString('base64') }, as), 'BAD_USER_INPUT', ['after']);
    refused(await t.gql(LIST, { first: 5, after: 'garbage!' }, as), 'BAD_USER_INPUT', ['after']);
    refused(await t.gql(LIST, { last: 3, before: 'garbage!' }, as), 'BAD_USER_INPUT', ['before']);
    refused(await t.gql(LIST, { last: 0, before: ok(await t.gql(LIST, { first: 2 }, as)).tenants.pageInfo.endCursor }, as), 'BAD_USER_INPUT', [
      'last',
    ]);
    // The largest page is allowed.
    expect(ok(await t.gql(LIST, { first: 100 }, as)).tenants.edges).toHaveLength(DEMO_TENANTS.length);
  });

  test('anonymous callers may not list tenants', async () => {
    refused(await t.gql(LIST, { first: 5 }), 'UNAUTHENTICATED');
    refused(await t.gql(BY_SLUG, { s: 'cq' }), 'UNAUTHENTICATED');
  });
});

describe('createTenant', () => {
  const input = async (parentSlug: string, slug: string, extra: Record<string, unknown> = {}) => ({
    parentId: (await mustTenant(parentSlug)).id,
    kind: 'LAW_FIRM',
    slug,
    name: `测试律所 ${slug}`,
    ...extra,
  });

  test('the root admin creates anywhere, with the full profile', async () => {
    const full = {
      nameEn: 'Test Firm',
      divisionCode: '500103',
      address: '重庆市渝中区测试路1号',
      phone: '023-6370 0000',
      officeHours: '周一至周五',
      statutoryDuties: '测试职责',
      introduction: '测试简介',
    };
    const a = ok(await t.gql(CREATE, { i: await input('cq', 'city-made-firm', { ...full, slug: ' City-Made-Firm ' }) }, tok['city.admin']))
      .createTenant.tenant as TenantView;
    expect(a).toMatchObject({ slug: 'city-made-firm', kind: 'LAW_FIRM', status: 'ACTIVE', depth: 1, version: 1, ...full });
    expect(a.parent).toEqual({ slug: 'cq' });
    expect(slugsOf(a.ancestors)).toEqual(['cq']);

    const b = ok(await t.gql(CREATE, { i: await input('yuzhong-jiefangbei', 'deep-mediation', { kind: 'MEDIATION_COMMITTEE' }) }, tok['city.admin']))
      .createTenant.tenant as TenantView;
    expect(b.depth).toBe(3);
    expect(slugsOf(b.ancestors)).toEqual(['cq', 'yuzhong', 'yuzhong-jiefangbei']);
    expect((await mustTenant('yuzhong-jiefangbei')).children).toEqual([{ slug: 'deep-mediation' }]);
  });

  test("a district admin creates under its own tenant and under its 司法所", async () => {
    const a = ok(await t.gql(CREATE, { i: await input('yubei', 'yubei-made-firm') }, tok['yubei.admin'])).createTenant.tenant as TenantView;
    expect(a).toMatchObject({ depth: 2, parent: { slug: 'yubei' } });
    const b = ok(
      await t.gql(CREATE, { i: await input('yubei-longshan', 'longshan-mediation', { kind: 'MEDIATION_COMMITTEE', name: '龙山街道人民调解委员会' }) }, tok['yubei.admin']),
    ).createTenant.tenant as TenantView;
    expect(b).toMatchObject({ depth: 3, parent: { slug: 'yubei-longshan' }, kind: 'MEDIATION_COMMITTEE' });
    expect(slugsOf(b.ancestors)).toEqual(['cq', 'yubei', 'yubei-longshan']);
    expect(await mustTenant('longshan-mediation', 'yubei.admin')).toMatchObject({ slug: 'longshan-mediation' });
  });

  test('a district admin cannot create outside its subtree, and nothing is created', async () => {
    // Another district is invisible: it is "no such tenant".
    await refusedUnchanged(async () => t.gql(CREATE, { i: await input('yuzhong', 'sneaky-firm') }, tok['yubei.admin']), 'BAD_USER_INPUT', ['parentId']);
    await refusedUnchanged(
      async () => t.gql(CREATE, { i: await input('yuzhong-jiefangbei', 'sneaky-firm') }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['parentId'],
    );
    // Its ancestor is visible but not its to manage.
    await refusedUnchanged(async () => t.gql(CREATE, { i: await input('cq', 'sneaky-firm') }, tok['yubei.admin']), 'FORBIDDEN');
    // A firm's admin cannot create beside itself.
    await refusedUnchanged(async () => t.gql(CREATE, { i: await input('yubei', 'sneaky-firm') }, tok['mingli.lawyer']), 'FORBIDDEN');
    expect(await tenant('sneaky-firm')).toBeNull();
  });

  test('staff and supervisors cannot create; anonymous callers must sign in', async () => {
    for (const who of ['yubei.staff', 'yubei.supervisor', 'city.supervisor', 'longxi.staff']) {
      await refusedUnchanged(async () => t.gql(CREATE, { i: await input('yubei-longxi', 'staff-firm') }, tok[who]), 'FORBIDDEN');
    }
    await refusedUnchanged(async () => t.gql(CREATE, { i: await input('yubei', 'anon-firm') }), 'UNAUTHENTICATED');
  });

  test('a duplicate slug is BAD_USER_INPUT on slug, whatever its case', async () => {
    for (const slug of ['yubei', 'YUBEI', ' yubei-notary ']) {
      await refusedUnchanged(async () => t.gql(CREATE, { i: await input('yubei', slug) }, tok['yubei.admin']), 'BAD_USER_INPUT', ['slug']);
    }
  });
});

describe('updateTenant', () => {
  test('success changes only the given fields and bumps the version; an empty string clears', async () => {
    const before = await mustTenant('jiangbei-legal-aid');
    const r = ok(
      await t.gql(
        UPDATE,
        { i: { id: before.id, version: before.version, address: ' 江北区测试路2号 ', phone: '023-67800348', nameEn: '' } },
        tok['city.admin'],
      ),
    ).updateTenant.tenant as TenantView;
    expect(r).toEqual({
      ...before,
      version: before.version + 1,
      address: '江北区测试路2号',
      phone: '023-67800348',
      nameEn: null,
    });
    expect(await mustTenant('jiangbei-legal-aid')).toEqual(r);
  });

  test('a stale version is CONFLICT and nothing changes', async () => {
    const cur = await mustTenant('jiangbei-legal-aid');
    await refusedUnchanged(
      () => t.gql(UPDATE, { i: { id: cur.id, version: cur.version - 1, name: '改名失败' } }, tok['city.admin']),
      'CONFLICT',
    );
    await refusedUnchanged(
      () => t.gql(UPDATE, { i: { id: cur.id, version: cur.version + 1, name: '改名失败' } }, tok['city.admin']),
      'CONFLICT',
    );
    expect((await mustTenant('jiangbei-legal-aid')).name).toBe(cur.name);
  });

  test('a tenant admin may edit its own profile', async () => {
    const cur = await mustTenant('yubei', 'yubei.admin');
    const r = ok(
      await t.gql(UPDATE, { i: { id: cur.id, version: cur.version, officeHours: '周一至周六 9:00-17:00' } }, tok['yubei.admin']),
    ).updateTenant.tenant as TenantView;
    expect(r).toMatchObject({ officeHours: '周一至周六 9:00-17:00', version: cur.version + 1 });
  });

  test("a tenant admin cannot edit its ancestors or another district; non-admins cannot edit", async () => {
    const cq = await mustTenant('cq');
    await refusedUnchanged(() => t.gql(UPDATE, { i: { id: cq.id, version: cq.version, officeHours: 'x' } }, tok['yubei.admin']), 'FORBIDDEN');
    const yuzhong = await mustTenant('yuzhong');
    await refusedUnchanged(
      () => t.gql(UPDATE, { i: { id: yuzhong.id, version: yuzhong.version, officeHours: 'x' } }, tok['yubei.admin']),
      'NOT_FOUND',
    );
    const yubei = await mustTenant('yubei');
    for (const who of ['yubei.staff', 'yubei.supervisor', 'city.supervisor']) {
      await refusedUnchanged(() => t.gql(UPDATE, { i: { id: yubei.id, version: yubei.version, officeHours: 'x' } }, tok[who]), 'FORBIDDEN');
    }
  });

  test('a duplicate slug is BAD_USER_INPUT on slug; the root stays a municipal bureau', async () => {
    const cur = await mustTenant('jiangbei-legal-aid');
    await refusedUnchanged(() => t.gql(UPDATE, { i: { id: cur.id, version: cur.version, slug: 'Yubei' } }, tok['city.admin']), 'BAD_USER_INPUT', [
      'slug',
    ]);
    const cq = await mustTenant('cq');
    await refusedUnchanged(() => t.gql(UPDATE, { i: { id: cq.id, version: cq.version, kind: 'DISTRICT_BUREAU' } }, tok['city.admin']), 'BAD_USER_INPUT', [
      'kind',
    ]);
    // Renaming the slug itself works, and the old slug is free again.
    const r = ok(await t.gql(UPDATE, { i: { id: cur.id, version: cur.version, slug: 'jiangbei-aid' } }, tok['city.admin'])).updateTenant.tenant;
    expect(r.slug).toBe('jiangbei-aid');
    expect(await tenant('jiangbei-legal-aid')).toBeNull();
    ok(await t.gql(UPDATE, { i: { id: cur.id, version: r.version, slug: 'jiangbei-legal-aid' } }, tok['city.admin']));
  });
});

describe('moveTenant', () => {
  test('a tenant admin cannot move, suspend or reactivate its own tenant', async () => {
    const yubei = await mustTenant('yubei');
    const jiangbei = await mustTenant('jiangbei');
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: yubei.id, version: yubei.version, newParentId: jiangbei.id } }, tok['yubei.admin']),
      'FORBIDDEN',
    );
    const longxi = await mustTenant('yubei-longxi');
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: yubei.id, version: yubei.version, newParentId: longxi.id } }, tok['yubei.admin']),
      'FORBIDDEN',
    );
    await refusedUnchanged(() => t.gql(SUSPEND, { i: { id: yubei.id, version: yubei.version } }, tok['yubei.admin']), 'FORBIDDEN');
    await refusedUnchanged(() => t.gql(REACTIVATE, { i: { id: yubei.id, version: yubei.version } }, tok['yubei.admin']), 'FORBIDDEN');
    const mingli = await mustTenant('mingli-law');
    await refusedUnchanged(() => t.gql(SUSPEND, { i: { id: mingli.id, version: mingli.version } }, tok['mingli.lawyer']), 'FORBIDDEN');
    // Nor may the root be moved, by anyone.
    const cq = await mustTenant('cq');
    await refusedUnchanged(() => t.gql(MOVE, { i: { id: cq.id, version: cq.version, newParentId: yubei.id } }, tok['city.admin']), 'FORBIDDEN');
  });

  test('never into its own subtree, nor under itself', async () => {
    const yubei = await mustTenant('yubei');
    for (const target of ['yubei', 'yubei-longxi', 'yubei-longxi-mediation']) {
      const parent = await mustTenant(target);
      await refusedUnchanged(
        () => t.gql(MOVE, { i: { id: yubei.id, version: yubei.version, newParentId: parent.id } }, tok['city.admin']),
        'BAD_USER_INPUT',
        ['newParentId'],
      );
    }
    const longxi = await mustTenant('yubei-longxi');
    const mediation = await mustTenant('yubei-longxi-mediation');
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: longxi.id, version: longxi.version, newParentId: mediation.id } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['newParentId'],
    );
  });

  test('a district admin moves only within its subtree', async () => {
    const longshan = await mustTenant('yubei-longshan');
    const yuzhong = await mustTenant('yuzhong');
    const cq = await mustTenant('cq');
    // Invisible target: no such tenant.
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: longshan.id, version: longshan.version, newParentId: yuzhong.id } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['newParentId'],
    );
    // Visible ancestor, but outside what it manages.
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: longshan.id, version: longshan.version, newParentId: cq.id } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['newParentId'],
    );
    // Another district's tenant is invisible.
    const jfb = await mustTenant('yuzhong-jiefangbei');
    const yubei = await mustTenant('yubei');
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: jfb.id, version: jfb.version, newParentId: yubei.id } }, tok['yubei.admin']),
      'NOT_FOUND',
    );
    for (const who of ['yubei.staff', 'yubei.supervisor']) {
      await refusedUnchanged(
        () => t.gql(MOVE, { i: { id: longshan.id, version: longshan.version, newParentId: yubei.id } }, tok[who]),
        'FORBIDDEN',
      );
    }
  });

  test('a stale version is CONFLICT and nothing moves', async () => {
    const longxi = await mustTenant('yubei-longxi');
    const yuzhong = await mustTenant('yuzhong');
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: longxi.id, version: longxi.version + 1, newParentId: yuzhong.id } }, tok['city.admin']),
      'CONFLICT',
    );
  });

  test('after a move, the tenant and its descendants report the new position, and visibility follows', async () => {
    const longxi = await mustTenant('yubei-longxi');
    const yuzhong = await mustTenant('yuzhong');
    const yubeiCount = (await listAll('yubei.admin')).length;
    const yuzhongCount = (await listAll('yuzhong.admin')).length;

    const moved = ok(await t.gql(MOVE, { i: { id: longxi.id, version: longxi.version, newParentId: yuzhong.id } }, tok['city.admin']))
      .moveTenant.tenant as TenantView;
    expect(moved).toMatchObject({ depth: 2, version: longxi.version + 1, parent: { slug: 'yuzhong' } });
    expect(slugsOf(moved.ancestors)).toEqual(['cq', 'yuzhong']);
    expect(moved.children).toEqual([{ slug: 'yubei-longxi-mediation' }]);

    const child = await mustTenant('yubei-longxi-mediation');
    expect(child).toMatchObject({ depth: 3, parent: { slug: 'yubei-longxi' } });
    expect(slugsOf(child.ancestors)).toEqual(['cq', 'yuzhong', 'yubei-longxi']);
    expect(slugsOf((await mustTenant('yubei')).children)).not.toContain('yubei-longxi');
    expect(slugsOf((await mustTenant('yuzhong')).children)).toContain('yubei-longxi');

    // yubei.admin no longer sees the office or its committee; yuzhong.admin does.
    expect(await tenant('yubei-longxi', 'yubei.admin')).toBeNull();
    expect(await tenant('yubei-longxi-mediation', 'yubei.admin')).toBeNull();
    expect((await listAll('yubei.admin')).length).toBe(yubeiCount - 2);
    expect(await mustTenant('yubei-longxi', 'yuzhong.admin')).toMatchObject({ parent: { slug: 'yuzhong' } });
    expect(await mustTenant('yubei-longxi-mediation', 'yuzhong.admin')).toMatchObject({ depth: 3 });
    expect((await listAll('yuzhong.admin')).length).toBe(yuzhongCount + 2);
    const update = await t.gql(UPDATE, { i: { id: longxi.id, version: moved.version, officeHours: 'x' } }, tok['yubei.admin']);
    refused(update, 'NOT_FOUND');
    // The office's own staff now sit under yuzhong.
    const staffView = await mustTenant('yubei-longxi', 'longxi.staff');
    expect(slugsOf(staffView.ancestors)).toEqual(['cq', 'yuzhong']);
    expect(await tenant('yubei', 'longxi.staff')).toBeNull();

    // A move that changes depth: under a 司法所 of yuzhong, then back under yubei.
    const jfb = await mustTenant('yuzhong-jiefangbei');
    const deeper = ok(await t.gql(MOVE, { i: { id: longxi.id, version: moved.version, newParentId: jfb.id } }, tok['yuzhong.admin']))
      .moveTenant.tenant as TenantView;
    expect(deeper).toMatchObject({ depth: 3, parent: { slug: 'yuzhong-jiefangbei' } });
    expect(slugsOf(deeper.ancestors)).toEqual(['cq', 'yuzhong', 'yuzhong-jiefangbei']);
    const deepChild = await mustTenant('yubei-longxi-mediation');
    expect(deepChild.depth).toBe(4);
    expect(slugsOf(deepChild.ancestors)).toEqual(['cq', 'yuzhong', 'yuzhong-jiefangbei', 'yubei-longxi']);

    const yubei = await mustTenant('yubei');
    const back = ok(await t.gql(MOVE, { i: { id: longxi.id, version: deeper.version, newParentId: yubei.id } }, tok['city.admin']))
      .moveTenant.tenant as TenantView;
    expect(back).toMatchObject({ depth: 2, parent: { slug: 'yubei' } });
    expect(await mustTenant('yubei-longxi-mediation', 'yubei.admin')).toMatchObject({ depth: 3 });
    expect(slugsOf((await mustTenant('yubei-longxi-mediation', 'yubei.admin')).ancestors)).toEqual(['cq', 'yubei', 'yubei-longxi']);
    expect((await listAll('yubei.admin')).length).toBe(yubeiCount);
    expect(await tenant('yubei-longxi', 'yuzhong.admin')).toBeNull();

    // The closure table agrees with the parent links everywhere (read as the owner).
    const mismatches = rowsOf(
      await t.database.db.execute(sql`
        with recursive chain(descendant_id, ancestor_id, depth) as (
          select id, id, 0 from tenants
          union all
          select c.descendant_id, p.parent_id, c.depth + 1 from chain c join tenants p on p.id = c.ancestor_id
          where p.parent_id is not null)
        (select descendant_id, ancestor_id, depth from chain
         except select descendant_id, ancestor_id, depth from tenant_closure)
        union all
        (select descendant_id, ancestor_id, depth from tenant_closure
         except select descendant_id, ancestor_id, depth from chain)
        union all
        select t.id, t.id, -1 from tenants t
          where t.depth <> (select count(*) from chain c where c.descendant_id = t.id) - 1`),
    );
    expect(mismatches).toEqual([]);
  });

  test('a district admin may rearrange its own subtree', async () => {
    const mediation = await mustTenant('longshan-mediation', 'yubei.admin');
    const longxi = await mustTenant('yubei-longxi', 'yubei.admin');
    const r = ok(await t.gql(MOVE, { i: { id: mediation.id, version: mediation.version, newParentId: longxi.id } }, tok['yubei.admin']))
      .moveTenant.tenant as TenantView;
    expect(r).toMatchObject({ depth: 3, parent: { slug: 'yubei-longxi' } });
    expect(slugsOf((await mustTenant('yubei-longshan')).children)).toEqual([]);
  });
});

describe('suspendTenant and reactivateTenant', () => {
  test('suspend: version checked, users locked out, data kept; reactivate restores', async () => {
    const aid = await mustTenant('yubei-legal-aid');
    const staffToken = tok['yubei.legalaid.staff']!;
    expect(ok(await t.gql('{ viewer { username } }', {}, staffToken)).viewer.username).toBe('yubei.legalaid.staff');

    await refusedUnchanged(() => t.gql(SUSPEND, { i: { id: aid.id, version: aid.version + 1 } }, tok['yubei.admin']), 'CONFLICT');
    await refusedUnchanged(() => t.gql(REACTIVATE, { i: { id: aid.id, version: aid.version } }, tok['yubei.admin']), 'CONFLICT');
    for (const who of ['yubei.staff', 'yubei.supervisor']) {
      await refusedUnchanged(() => t.gql(SUSPEND, { i: { id: aid.id, version: aid.version } }, tok[who]), 'FORBIDDEN');
    }

    const s = ok(await t.gql(SUSPEND, { i: { id: aid.id, version: aid.version } }, tok['yubei.admin'])).suspendTenant.tenant as TenantView;
    expect(s).toEqual({ ...aid, status: 'SUSPENDED', version: aid.version + 1 });

    // Its users cannot sign in, and their tokens stop at once.
    refused(await t.gql('{ viewer { username } }', {}, staffToken), 'UNAUTHENTICATED');
    const login = await t.gql('mutation { login(input: { username: "yubei.legalaid.staff", password: "tianping-demo" }) { token } }');
    refused(login, 'FORBIDDEN');

    // The data is kept: still listed, with its status.
    expect(await mustTenant('yubei-legal-aid', 'yubei.admin')).toMatchObject({ status: 'SUSPENDED', name: aid.name });
    expect(slugsOf(await listAll('yubei.admin', { status: 'SUSPENDED' }))).toEqual(['yubei-legal-aid']);
    expect(slugsOf(await listAll('yubei.admin'))).toContain('yubei-legal-aid');
    const users = ok(
      await t.gql('query($id: ID) { users(tenantId: $id) { edges { node { username active } } } }', { id: aid.id }, tok['yubei.admin']),
    ).users.edges;
    expect(users).toEqual([{ node: { username: 'yubei.legalaid.staff', active: true } }]);

    // Already suspended: CONFLICT; nothing may be created or moved under it.
    await refusedUnchanged(() => t.gql(SUSPEND, { i: { id: aid.id, version: s.version } }, tok['yubei.admin']), 'CONFLICT');
    await refusedUnchanged(
      () => t.gql(CREATE, { i: { parentId: aid.id, kind: 'LAW_FIRM', slug: 'under-suspended', name: '挂起下属' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['parentId'],
    );
    const longshan = await mustTenant('yubei-longshan');
    await refusedUnchanged(
      () => t.gql(MOVE, { i: { id: longshan.id, version: longshan.version, newParentId: aid.id } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['newParentId'],
    );

    await refusedUnchanged(() => t.gql(REACTIVATE, { i: { id: aid.id, version: aid.version } }, tok['yubei.admin']), 'CONFLICT');
    const r = ok(await t.gql(REACTIVATE, { i: { id: aid.id, version: s.version } }, tok['yubei.admin'])).reactivateTenant.tenant as TenantView;
    expect(r).toEqual({ ...aid, status: 'ACTIVE', version: aid.version + 2 });
    await refusedUnchanged(() => t.gql(REACTIVATE, { i: { id: aid.id, version: r.version } }, tok['yubei.admin']), 'CONFLICT');
    const again = await t.gql('mutation { login(input: { username: "yubei.legalaid.staff", password: "tianping-demo" }) { token } }');
    expect(ok(again).login.token).toEqual(expect.any(String));
  });
});

describe('BAD_USER_INPUT for every field of every tenant mutation', () => {
  const long = (n: number) => '长'.repeat(n);

  test('createTenant', async () => {
    const yubei = await mustTenant('yubei');
    const userId = await userGlobalId('yubei.admin');
    const base = { parentId: yubei.id, kind: 'LAW_FIRM', slug: 'bad-input-probe', name: '输入校验律所' };
    const cases: [string, unknown][] = [
      ['parentId', 'garbage'],
      ['parentId', ''],
      ['parentId', userId],
      ['parentId', Buffer.from('Tenant:00000000-0000-4000-8000-000000000000').toString('base64url')],
      ['kind', 'MUNICIPAL_BUREAU'],
      ['slug', ''],
      ['slug', 'a'],
      ['slug', 'bad slug'],
      ['slug', '-leading'],
      ['slug', 'under_score'],
      ['slug', '中文'],
      ['slug', 'x'.repeat(64)],
      ['name', ''],
      ['name', '   '],
      ['name', long(201)],
      ['nameEn', 'x'.repeat(201)],
      ['divisionCode', '50011'],
      ['divisionCode', '5001120'],
      ['divisionCode', '50011a'],
      ['address', long(301)],
      ['phone', 'call us'],
      ['phone', '1'],
      ['phone', `0${'1'.repeat(30)}`],
      ['officeHours', long(301)],
      ['statutoryDuties', long(5001)],
      ['introduction', long(5001)],
    ];
    for (const [field, value] of cases) {
      const err = await refusedUnchanged(
        () => t.gql(CREATE, { i: { ...base, [field]: value } }, tok['yubei.admin']),
        'BAD_USER_INPUT',
        [field],
      );
      expect(err.extensions!.fields![field], `${field}=${String(value).slice(0, 20)}`).toEqual(expect.any(String));
    }
    // Several bad fields at once are all named.
    await refusedUnchanged(
      () => t.gql(CREATE, { i: { ...base, slug: '!', name: '', divisionCode: '1' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['slug', 'name', 'divisionCode'],
    );
    // The base input itself is fine: each refusal above was for its one field.
    const created = ok(await t.gql(CREATE, { i: base }, tok['yubei.admin'])).createTenant.tenant;
    expect(created.slug).toBe('bad-input-probe');
  });

  test('updateTenant', async () => {
    const cur = await mustTenant('yubei-notary');
    const userId = await userGlobalId('yubei.admin');
    const cases: [string, unknown][] = [
      ['id', 'garbage'],
      ['id', userId],
      ['version', 0],
      ['version', -3],
      ['kind', 'MUNICIPAL_BUREAU'],
      ['slug', ''],
      ['slug', 'Bad Slug!'],
      ['slug', 'x'.repeat(64)],
      ['name', ''],
      ['name', '  '],
      ['name', long(201)],
      ['nameEn', 'x'.repeat(201)],
      ['divisionCode', '12345'],
      ['divisionCode', 'abcdef'],
      ['address', long(301)],
      ['phone', 'not a phone'],
      ['officeHours', long(301)],
      ['statutoryDuties', long(5001)],
      ['introduction', long(5001)],
    ];
    for (const [field, value] of cases) {
      await refusedUnchanged(
        () => t.gql(UPDATE, { i: { id: cur.id, version: cur.version, name: '新名字', [field]: value } }, tok['yubei.admin']),
        'BAD_USER_INPUT',
        [field],
      );
    }
    const r = ok(await t.gql(UPDATE, { i: { id: cur.id, version: cur.version, name: '新名字' } }, tok['yubei.admin'])).updateTenant.tenant;
    expect(r).toMatchObject({ name: '新名字', version: cur.version + 1 });
  });

  test('moveTenant', async () => {
    const cur = await mustTenant('yubei-notary');
    const target = await mustTenant('yubei-longshan');
    const userId = await userGlobalId('yubei.admin');
    const base = { id: cur.id, version: cur.version, newParentId: target.id };
    const cases: [string, unknown][] = [
      ['id', 'garbage'],
      ['id', userId],
      ['version', 0],
      ['newParentId', 'garbage'],
      ['newParentId', userId],
      ['newParentId', Buffer.from('Tenant:00000000-0000-4000-8000-000000000000').toString('base64url')],
    ];
    for (const [field, value] of cases) {
      await refusedUnchanged(() => t.gql(MOVE, { i: { ...base, [field]: value } }, tok['yubei.admin']), 'BAD_USER_INPUT', [field]);
    }
    const r = ok(await t.gql(MOVE, { i: base }, tok['yubei.admin'])).moveTenant.tenant;
    expect(r).toMatchObject({ parent: { slug: 'yubei-longshan' }, depth: 3 });
  });

  test('suspendTenant and reactivateTenant', async () => {
    const cur = await mustTenant('yubei-shuanglonghu');
    const userId = await userGlobalId('yubei.admin');
    for (const mutation of [SUSPEND, REACTIVATE]) {
      for (const [field, value] of [
        ['id', 'garbage'],
        ['id', userId],
        ['version', 0],
        ['version', -1],
      ] as [string, unknown][]) {
        await refusedUnchanged(
          () => t.gql(mutation, { i: { id: cur.id, version: cur.version, [field]: value } }, tok['yubei.admin']),
          'BAD_USER_INPUT',
          [field],
        );
      }
    }
  });
});
