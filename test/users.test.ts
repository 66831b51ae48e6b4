import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from '../seeds/demo-data.js';
import { rowsOf } from '../server/db/client.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * User accounts through GraphQL. Read-only checks run first against the demo accounts; commands
 * work on accounts created here, or on demo accounts no later test relies on.
 */

let t: TestApp;
const tok: Record<string, string> = {};

const USER = 'id username displayName phone roles active version tenant { slug }';
const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { user { ${USER} } } }`;
const UPDATE = `mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { ${USER} } } }`;
const DEACTIVATE = `mutation($i: UserVersionInput!) { deactivateUser(input: $i) { user { ${USER} } } }`;
const REACTIVATE = `mutation($i: UserVersionInput!) { reactivateUser(input: $i) { user { ${USER} } } }`;
const RESET = `mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { user { ${USER} } } }`;
const CHANGE = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token user { ${USER} } } }`;
const LIST = `query($first: Int, $after: String, $tenantId: ID, $role: UserRole, $active: Boolean, $search: String) {
  users(first: $first, after: $after, tenantId: $tenantId, role: $role, active: $active, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${USER} } }
  }
}`;
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token viewer { id username phone } } }`;

interface UserView {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  roles: string[];
  active: boolean;
  version: number;
  tenant: { slug: string };
}

/** Every response of this file, to check at the end that no password hash ever reached a client. */
const responses: string[] = [];
async function gql(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<GqlResult> {
  const r = await t.gql(query, variables, token);
  responses.push(JSON.stringify(r));
  return r;
}



/** The users table, every column, read as the owner. */
async function snapshot(): Promise<string> {
  return JSON.stringify(rowsOf(await t.database.db.execute(sql`select * from users order by id`)));
}

async function refusedUnchanged(run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await snapshot();
  const err = refused(await run(), code, fields);
  expect(await snapshot()).toBe(before);
  return err;
}

async function listAll(as: string, filters: Record<string, unknown> = {}): Promise<UserView[]> {
  const d = ok(await gql(LIST, { first: 100, ...filters }, tok[as]));
  expect(d.users.pageInfo.hasNextPage).toBe(false);
  expect(d.users.totalCount).toBe(d.users.edges.length);
  return d.users.edges.map((e: { node: UserView }) => e.node);
}
const names = (us: { username: string }[]) => us.map((u) => u.username);
const sorted = (xs: string[]) => [...xs].sort();

async function user(username: string, as = 'city.admin'): Promise<UserView> {
  const found = (await listAll(as, { search: username })).find((u) => u.username === username);
  expect(found, `${username} visible to ${as}`).toBeDefined();
  return found!;
}

const tenantIds: Record<string, string> = {};
async function tenantId(slug: string): Promise<string> {
  if (!tenantIds[slug]) {
    tenantIds[slug] = ok(await gql('query($s: String!) { tenant(slug: $s) { id } }', { s: slug }, tok['city.admin'])).tenant.id;
  }
  return tenantIds[slug]!;
}

function demoSubtree(slug: string): string[] {
  const out = [slug];
  for (let i = 0; i < out.length; i++) for (const d of DEMO_TENANTS) if (d.parent === out[i]) out.push(d.slug);
  return out;
}

let seq = 0;
/** A fresh STAFF account in `tenant`, created by city.admin. */
async function freshUser(tenant = 'yubei', extra: Record<string, unknown> = {}): Promise<UserView & { password: string }> {
  const password = 'Fresh-password-1';
  const d = ok(
    await gql(
      CREATE,
      {
        i: {
          tenantId: await tenantId(tenant),
          username: `users.fresh${++seq}`,
          displayName: `新用户 ${seq}`,
          roles: ['STAFF'],
          password,
          ...extra,
        },
      },
      tok['city.admin'],
    ),
  );
  return { ...d.createUser.user, password };
}

async function signIn(username: string, password: string): Promise<string> {
  return ok(await gql(LOGIN, { u: username, p: password })).login.token;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of DEMO_USERS) tok[u.username] = await t.login(u.username, DEMO_PASSWORD);
});
afterAll(() => t?.close());

describe('users query', () => {
  test('admins and supervisors see their subtree; staff their own tenant; ordered by username', async () => {
    const inTenants = (slugs: string[]) => DEMO_USERS.filter((u) => slugs.includes(u.tenant)).map((u) => u.username);
    const expectSeen = async (as: string, want: string[]) => {
      const got = names(await listAll(as));
      expect(sorted(got), as).toEqual(sorted(want));
      const order = rowsOf<{ username: string }>(
        await t.database.db.execute(sql`select username from users order by lower(username)`),
      )
        .map((r) => r.username)
        .filter((u) => want.includes(u));
      expect(got, `${as} ordering`).toEqual(order);
    };
    await expectSeen('city.admin', DEMO_USERS.map((u) => u.username));
    await expectSeen('city.supervisor', DEMO_USERS.map((u) => u.username));
    await expectSeen('yubei.admin', inTenants(demoSubtree('yubei')));
    await expectSeen('yubei.supervisor', inTenants(demoSubtree('yubei')));
    await expectSeen('yubei.staff', inTenants(['yubei']));
    await expectSeen('longxi.staff', inTenants(['yubei-longxi']));
    await expectSeen('hotline.supervisor', inTenants(['cq-12348']));
    await expectSeen('mingli.lawyer', inTenants(['mingli-law']));
  });

  test('filters: tenantId, role, active, search', async () => {
    expect(names(await listAll('yubei.admin', { tenantId: await tenantId('yubei-longxi') }))).toEqual(['longxi.staff']);
    // Another district's tenant: nothing, not an error.
    expect(await listAll('yubei.admin', { tenantId: await tenantId('yuzhong') })).toEqual([]);
    expect(sorted(names(await listAll('city.admin', { role: 'ADMIN' })))).toEqual(
      sorted(DEMO_USERS.filter((u) => u.roles.includes('ADMIN')).map((u) => u.username)),
    );
    expect(sorted(names(await listAll('yubei.admin', { role: 'STAFF' })))).toEqual(
      sorted(['yubei.staff', 'longxi.staff', 'yubei.legalaid.staff', 'mingli.lawyer']),
    );
    expect(await listAll('city.admin', { active: false })).toEqual([]);
    expect((await listAll('city.admin', { active: true })).length).toBe(DEMO_USERS.length);
    expect(sorted(names(await listAll('city.admin', { search: '渝北' })))).toEqual(
      sorted(DEMO_USERS.filter((u) => u.displayName.includes('渝北')).map((u) => u.username)),
    );
    expect(sorted(names(await listAll('city.admin', { search: 'YUBEI.' })))).toEqual(
      sorted(['yubei.admin', 'yubei.supervisor', 'yubei.staff', 'yubei.legalaid.staff']),
    );
    expect(await listAll('city.admin', { search: '%' })).toEqual([]);
    refused(await gql(LIST, { tenantId: (await user('yubei.admin')).id }, tok['city.admin']), 'BAD_USER_INPUT', ['tenantId']);
    refused(await gql(LIST, { first: 0 }, tok['city.admin']), 'BAD_USER_INPUT', ['first']);
    refused(await gql(LIST, { after: 'garbage!' }, tok['city.admin']), 'BAD_USER_INPUT', ['after']);
  });

  test('pagination walks every account once', async () => {
    const full = names(await listAll('city.admin'));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = ok(await gql(LIST, { first: 3, after }, tok['city.admin']));
      const c = page.users as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: UserView }[] };
      expect(c.totalCount).toBe(DEMO_USERS.length);
      seen.push(...names(c.edges.map((e: { node: UserView }) => e.node)));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(full);
  });

  test('anonymous callers may not list users', async () => {
    refused(await gql(LIST, { first: 5 }), 'UNAUTHENTICATED');
  });
});

describe('phone masking', () => {
  test('full for admins and the user themselves, masked for other viewers', async () => {
    // An admin sees full numbers.
    expect((await user('yubei.staff', 'yubei.admin')).phone).toBe('13800000113');
    expect((await user('yubei.admin', 'city.admin')).phone).toBe('13800000112');
    // Staff and supervisors see other people's numbers masked.
    expect((await user('yubei.admin', 'yubei.staff')).phone).toBe('138****0112');
    expect((await user('yubei.staff', 'yubei.supervisor')).phone).toBe('138****0113');
    expect((await user('city.admin', 'city.supervisor')).phone).toBe('138****0001');
    // Their own in full, in the list and as the viewer.
    expect((await user('yubei.staff', 'yubei.staff')).phone).toBe('13800000113');
    expect(ok(await gql('{ viewer { phone } }', {}, tok['yubei.staff'])).viewer.phone).toBe('13800000113');
    expect(ok(await gql('{ viewer { phone } }', {}, tok['yubei.supervisor'])).viewer.phone).toBeNull();
  });

  test("the login payload shows the signed-in user their own phone in full", async () => {
    // The payload's viewer is the user themselves, exactly as `viewer` is on their next request.
    const staff = ok(await gql(LOGIN, { u: 'yubei.staff', p: DEMO_PASSWORD })).login.viewer;
    expect(staff).toMatchObject({ username: 'yubei.staff', phone: '13800000113' });
    const admin = ok(await gql(LOGIN, { u: 'yubei.admin', p: DEMO_PASSWORD })).login.viewer;
    expect(admin).toMatchObject({ username: 'yubei.admin', phone: '13800000112' });
  });
});

describe('createUser', () => {
  test('an admin creates a user in a tenant of its subtree; the phone is normalised', async () => {
    const r = ok(
      await gql(
        CREATE,
        {
          i: {
            tenantId: await tenantId('yubei-longxi'),
            username: ' Longxi.New ',
            displayName: ' 龙溪新人 ',
            phone: '+86 138 0013 8000',
            roles: ['STAFF', 'SUPERVISOR', 'STAFF'],
            password: 'Longxi-new-pass-1',
          },
        },
        tok['yubei.admin'],
      ),
    ).createUser.user as UserView;
    expect(r).toMatchObject({
      username: 'Longxi.New',
      displayName: '龙溪新人',
      phone: '13800138000',
      roles: ['STAFF', 'SUPERVISOR'],
      active: true,
      version: 1,
      tenant: { slug: 'yubei-longxi' },
    });
    const [row] = rowsOf<{ phone: string }>(await t.database.db.execute(sql`select phone from users where username = 'Longxi.New'`));
    expect(row!.phone).toBe('13800138000');
    // Masked for a colleague who is not an admin.
    expect((await user('Longxi.New', 'longxi.staff')).phone).toBe('138****8000');
    // The account signs in, case-insensitively.
    const token = await signIn('longxi.new', 'Longxi-new-pass-1');
    expect(ok(await gql('{ viewer { username phone tenant { slug } } }', {}, token)).viewer).toEqual({
      username: 'Longxi.New',
      phone: '13800138000',
      tenant: { slug: 'yubei-longxi' },
    });
    for (const phone of ['0086 13800138001', '8613800138001', '138-0013-8001']) {
      const u = await freshUser('yubei', { phone });
      expect(u.phone).toBe('13800138001');
    }
  });

  test('not outside its subtree, and nothing is created', async () => {
    const input = async (slug: string) => ({
      tenantId: await tenantId(slug),
      username: 'outside.user',
      displayName: '越权',
      roles: ['STAFF'],
      password: 'Outside-pass-1',
    });
    // Another district is invisible to yubei.admin: no such tenant.
    await refusedUnchanged(async () => gql(CREATE, { i: await input('yuzhong') }, tok['yubei.admin']), 'BAD_USER_INPUT', ['tenantId']);
    await refusedUnchanged(async () => gql(CREATE, { i: await input('yuzhong-jiefangbei') }, tok['yubei.admin']), 'BAD_USER_INPUT', ['tenantId']);
    // Its ancestor is visible but not its to manage.
    await refusedUnchanged(async () => gql(CREATE, { i: await input('cq') }, tok['yubei.admin']), 'FORBIDDEN');
    // A firm's admin manages only the firm.
    await refusedUnchanged(async () => gql(CREATE, { i: await input('yubei') }, tok['mingli.lawyer']), 'FORBIDDEN');
    const created = ok(await gql(CREATE, { i: await input('mingli-law') }, tok['mingli.lawyer'])).createUser.user;
    expect(created.tenant).toEqual({ slug: 'mingli-law' });
  });

  test('non-admins cannot create users', async () => {
    for (const who of ['yubei.staff', 'yubei.supervisor', 'city.supervisor', 'hotline.supervisor']) {
      await refusedUnchanged(
        async () =>
          gql(
            CREATE,
            { i: { tenantId: await tenantId('yubei'), username: 'nope.user', displayName: '无权', roles: ['STAFF'], password: 'Nope-pass-123' } },
            tok[who],
          ),
        'FORBIDDEN',
      );
    }
    await refusedUnchanged(
      async () =>
        gql(CREATE, {
          i: { tenantId: await tenantId('yubei'), username: 'nope.user', displayName: '无权', roles: ['STAFF'], password: 'Nope-pass-123' },
        }),
      'UNAUTHENTICATED',
    );
  });

  test('usernames are unique case-insensitively', async () => {
    for (const username of ['City.Admin', 'CITY.ADMIN', ' city.admin ', 'longxi.NEW']) {
      await refusedUnchanged(
        async () =>
          gql(
            CREATE,
            { i: { tenantId: await tenantId('yubei'), username, displayName: '重名', roles: ['STAFF'], password: 'Duplicate-pass-1' } },
            tok['yubei.admin'],
          ),
        'BAD_USER_INPUT',
        ['username'],
      );
    }
  });
});

describe('updateUser', () => {
  test('changes only the given fields and bumps the version; an empty phone clears it', async () => {
    const u = await freshUser('yubei', { phone: '13900139000' });
    const a = ok(await gql(UPDATE, { i: { id: u.id, version: u.version, displayName: ' 改名 ' } }, tok['yubei.admin'])).updateUser
      .user as UserView;
    expect(a).toEqual({ ...u, password: undefined, displayName: '改名', version: u.version + 1 } as unknown as UserView);
    const b = ok(await gql(UPDATE, { i: { id: u.id, version: a.version, phone: '+86 139 0013 9001', roles: ['SUPERVISOR', 'STAFF'] } }, tok['yubei.admin']))
      .updateUser.user as UserView;
    expect(b).toMatchObject({ displayName: '改名', phone: '13900139001', roles: ['STAFF', 'SUPERVISOR'], version: u.version + 2 });
    const c = ok(await gql(UPDATE, { i: { id: u.id, version: b.version, phone: '' } }, tok['yubei.admin'])).updateUser.user as UserView;
    expect(c).toMatchObject({ displayName: '改名', phone: null, roles: ['STAFF', 'SUPERVISOR'], version: u.version + 3 });
  });

  test('a stale version is CONFLICT and nothing changes', async () => {
    const fresh = await freshUser('yubei-legal-aid');
    ok(await gql(UPDATE, { i: { id: fresh.id, version: fresh.version, displayName: '第二版' } }, tok['yubei.admin']));
    const u = await user(fresh.username);
    expect(u.version).toBe(2);
    for (const version of [u.version - 1, u.version + 1]) {
      await refusedUnchanged(() => gql(UPDATE, { i: { id: u.id, version, displayName: '过期' } }, tok['yubei.admin']), 'CONFLICT');
      await refusedUnchanged(() => gql(DEACTIVATE, { i: { id: u.id, version } }, tok['yubei.admin']), 'CONFLICT');
      await refusedUnchanged(
        () => gql(RESET, { i: { id: u.id, version, newPassword: 'Stale-reset-pass-1' } }, tok['yubei.admin']),
        'CONFLICT',
      );
    }
    expect(await user(fresh.username)).toEqual(u);
  });

  test('an admin cannot remove their own ADMIN role, but may keep it while adding others', async () => {
    const me = await user('jiangbei.admin');
    await refusedUnchanged(() => gql(UPDATE, { i: { id: me.id, version: me.version, roles: ['SUPERVISOR'] } }, tok['jiangbei.admin']), 'BAD_USER_INPUT', [
      'roles',
    ]);
    await refusedUnchanged(() => gql(UPDATE, { i: { id: me.id, version: me.version, roles: ['STAFF', 'SUPERVISOR'] } }, tok['jiangbei.admin']), 'BAD_USER_INPUT', [
      'roles',
    ]);
    const r = ok(await gql(UPDATE, { i: { id: me.id, version: me.version, roles: ['SUPERVISOR', 'ADMIN', 'STAFF'] } }, tok['jiangbei.admin']))
      .updateUser.user;
    expect(r.roles).toEqual(['ADMIN', 'STAFF', 'SUPERVISOR']);
    // Another admin (above) may change it.
    const after = ok(await gql(UPDATE, { i: { id: me.id, version: r.version, roles: ['ADMIN', 'SUPERVISOR'] } }, tok['city.admin'])).updateUser.user;
    expect(after.roles).toEqual(['ADMIN', 'SUPERVISOR']);
  });

  test('only admins of the user’s tenant or above may edit', async () => {
    const yz = await user('yuzhong.staff');
    // Invisible to another district's admin.
    await refusedUnchanged(() => gql(UPDATE, { i: { id: yz.id, version: yz.version, displayName: 'x' } }, tok['yubei.admin']), 'NOT_FOUND');
    const city = await user('city.admin');
    await refusedUnchanged(() => gql(UPDATE, { i: { id: city.id, version: city.version, displayName: 'x' } }, tok['yubei.admin']), 'NOT_FOUND');
    const ys = await user('yubei.staff');
    await refusedUnchanged(() => gql(UPDATE, { i: { id: ys.id, version: ys.version, displayName: 'x' } }, tok['mingli.lawyer']), 'NOT_FOUND');
    // Visible yet not managed: a district admin over the district's own supervisor is fine, but
    // staff and supervisors may edit nobody, themselves included.
    for (const who of ['yubei.staff', 'yubei.supervisor']) {
      await refusedUnchanged(() => gql(UPDATE, { i: { id: ys.id, version: ys.version, displayName: 'x' } }, tok[who]), 'FORBIDDEN');
    }
  });
});

describe('deactivateUser and reactivateUser', () => {
  test('an admin cannot deactivate themselves', async () => {
    const me = await user('shapingba.admin');
    await refusedUnchanged(() => gql(DEACTIVATE, { i: { id: me.id, version: me.version } }, tok['shapingba.admin']), 'BAD_USER_INPUT', ['id']);
  });

  test('deactivate and reactivate, with version and state checks', async () => {
    const u = await freshUser('yubei-longxi');
    const token = await signIn(u.username, u.password);
    await refusedUnchanged(() => gql(REACTIVATE, { i: { id: u.id, version: u.version } }, tok['yubei.admin']), 'CONFLICT');
    for (const who of ['yubei.staff', 'yubei.supervisor', 'longxi.staff']) {
      await refusedUnchanged(() => gql(DEACTIVATE, { i: { id: u.id, version: u.version } }, tok[who]), 'FORBIDDEN');
    }
    const d = ok(await gql(DEACTIVATE, { i: { id: u.id, version: u.version } }, tok['yubei.admin'])).deactivateUser.user;
    expect(d).toMatchObject({ active: false, version: u.version + 1 });
    refused(await gql('{ viewer { id } }', {}, token), 'UNAUTHENTICATED');
    refused(await gql(LOGIN, { u: u.username, p: u.password }), 'FORBIDDEN');
    expect(names(await listAll('yubei.admin', { active: false }))).toEqual([u.username]);
    await refusedUnchanged(() => gql(DEACTIVATE, { i: { id: u.id, version: d.version } }, tok['yubei.admin']), 'CONFLICT');
    await refusedUnchanged(() => gql(REACTIVATE, { i: { id: u.id, version: u.version } }, tok['yubei.admin']), 'CONFLICT');
    const r = ok(await gql(REACTIVATE, { i: { id: u.id, version: d.version } }, tok['yubei.admin'])).reactivateUser.user;
    expect(r).toMatchObject({ active: true, version: u.version + 2 });
    expect(await signIn(u.username, u.password)).toEqual(expect.any(String));
    const yz = await user('yuzhong.staff');
    await refusedUnchanged(() => gql(DEACTIVATE, { i: { id: yz.id, version: yz.version } }, tok['yubei.admin']), 'NOT_FOUND');
  });
});

describe('resetUserPassword', () => {
  test('an admin sets a new password; old tokens and the old password stop working', async () => {
    const u = await freshUser('yubei-longxi');
    const token = await signIn(u.username, u.password);
    const r = ok(await gql(RESET, { i: { id: u.id, version: u.version, newPassword: 'Admin-set-pass-2' } }, tok['yubei.admin'])).resetUserPassword.user;
    expect(r).toMatchObject({ id: u.id, version: u.version + 1 });
    refused(await gql('{ viewer { id } }', {}, token), 'UNAUTHENTICATED');
    refused(await gql(LOGIN, { u: u.username, p: u.password }), 'UNAUTHENTICATED');
    expect(await signIn(u.username, 'Admin-set-pass-2')).toEqual(expect.any(String));
    for (const who of ['yubei.staff', 'yubei.supervisor']) {
      await refusedUnchanged(() => gql(RESET, { i: { id: u.id, version: r.version, newPassword: 'Someone-else-1' } }, tok[who]), 'FORBIDDEN');
    }
    const yz = await user('yuzhong.staff');
    await refusedUnchanged(() => gql(RESET, { i: { id: yz.id, version: yz.version, newPassword: 'Someone-else-1' } }, tok['yubei.admin']), 'NOT_FOUND');
  });
});

describe('BAD_USER_INPUT for every field of every user mutation', () => {
  const weakPasswords = ['', 'Short-1', 'onlyletterspassword', '12345678901234', `Aa1${'x'.repeat(126)}`];

  test('createUser', async () => {
    const base = {
      tenantId: await tenantId('yubei'),
      username: 'valid.probe',
      displayName: '校验探针',
      phone: '13700137000',
      roles: ['STAFF'],
      password: 'Valid-probe-pass-1',
    };
    const tenantAsUser = (await user('yubei.staff')).id;
    const cases: [string, unknown][] = [
      ['tenantId', 'garbage'],
      ['tenantId', ''],
      ['tenantId', tenantAsUser],
      ['tenantId', Buffer.from('Tenant:00000000-0000-4000-8000-000000000000').toString('base64url')],
      ['username', ''],
      ['username', 'ab'],
      ['username', 'has space'],
      ['username', '-leading'],
      ['username', '.leading'],
      ['username', 'ünïcode'],
      ['username', '用户名'],
      ['username', 'x'.repeat(41)],
      ['username', 'semi;colon'],
      ['displayName', ''],
      ['displayName', '   '],
      ['displayName', '名'.repeat(101)],
      ['phone', '12345'],
      ['phone', '+1 555 010 0000'],
      ['phone', '12800138000'],
      ['phone', '1380013800'],
      ['phone', 'phone'],
      ['roles', []],
      ...weakPasswords.map((p): [string, unknown] => ['password', p]),
    ];
    for (const [field, value] of cases) {
      const err = await refusedUnchanged(() => gql(CREATE, { i: { ...base, [field]: value } }, tok['yubei.admin']), 'BAD_USER_INPUT', [field]);
      if (field === 'password' && value) expect(JSON.stringify(err)).not.toContain(value as string);
    }
    // Unknown roles never reach the server: GraphQL rejects the enum value itself.
    const unknownRole = await refusedUnchanged(
      () => gql(CREATE, { i: { ...base, roles: ['ROOT'] } }, tok['yubei.admin']),
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(unknownRole.extensions?.fields).toBeUndefined();
    // Several at once.
    await refusedUnchanged(
      () => gql(CREATE, { i: { ...base, username: '!', displayName: '', password: 'short' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['username', 'displayName', 'password'],
    );
    const created = ok(await gql(CREATE, { i: base }, tok['yubei.admin'])).createUser.user;
    expect(created).toMatchObject({ username: 'valid.probe', phone: '13700137000' });
  });

  test('updateUser', async () => {
    const u = await user('valid.probe');
    const tenant = await tenantId('yubei');
    const cases: [string, unknown][] = [
      ['id', 'garbage'],
      ['id', tenant],
      ['version', 0],
      ['version', -1],
      ['displayName', ''],
      ['displayName', '  '],
      ['displayName', '名'.repeat(101)],
      ['phone', '12345'],
      ['phone', '+44 7700 900123'],
      ['roles', []],
    ];
    for (const [field, value] of cases) {
      await refusedUnchanged(
        () => gql(UPDATE, { i: { id: u.id, version: u.version, displayName: '合法', [field]: value } }, tok['yubei.admin']),
        'BAD_USER_INPUT',
        [field],
      );
    }
    const r = ok(await gql(UPDATE, { i: { id: u.id, version: u.version, displayName: '合法' } }, tok['yubei.admin'])).updateUser.user;
    expect(r).toMatchObject({ displayName: '合法', version: u.version + 1 });
  });

  test('deactivateUser and reactivateUser', async () => {
    const u = await user('valid.probe');
    const tenant = await tenantId('yubei');
    for (const mutation of [DEACTIVATE, REACTIVATE]) {
      for (const [field, value] of [
        ['id', 'garbage'],
        ['id', tenant],
        ['version', 0],
        ['version', -2],
      ] as [string, unknown][]) {
        await refusedUnchanged(() => gql(mutation, { i: { id: u.id, version: u.version, [field]: value } }, tok['yubei.admin']), 'BAD_USER_INPUT', [
          field,
        ]);
      }
    }
  });

  test('resetUserPassword', async () => {
    const u = await user('valid.probe');
    const tenant = await tenantId('yubei');
    const cases: [string, unknown][] = [
      ['id', 'garbage'],
      ['id', tenant],
      ['version', 0],
      ...weakPasswords.map((p): [string, unknown] => ['newPassword', p]),
    ];
    for (const [field, value] of cases) {
      await refusedUnchanged(
        () => gql(RESET, { i: { id: u.id, version: u.version, newPassword: 'Good-reset-pass-1', [field]: value } }, tok['yubei.admin']),
        'BAD_USER_INPUT',
        [field],
      );
    }
  });

  test('changePassword', async () => {
    const token = await signIn('valid.probe', 'Valid-probe-pass-1');
    const cases: [string, unknown][] = [
      ['currentPassword', ''],
      ['currentPassword', 'Not-the-current-1'],
      ...weakPasswords.map((p): [string, unknown] => ['newPassword', p]),
      ['newPassword', 'Valid-probe-pass-1'],
    ];
    for (const [field, value] of cases) {
      const err = await refusedUnchanged(
        () => gql(CHANGE, { i: { currentPassword: 'Valid-probe-pass-1', newPassword: 'Changed-pass-2', [field]: value } }, token),
        'BAD_USER_INPUT',
        [field],
      );
      expect(JSON.stringify(err)).not.toContain('Valid-probe-pass-1');
    }
    // All refused: the token still works.
    expect(ok(await gql('{ viewer { username } }', {}, token)).viewer.username).toBe('valid.probe');
  });
});

test('no response of this file carried a password hash', async () => {
  const hashes = rowsOf<{ password_hash: string }>(await t.database.db.execute(sql`select password_hash from users`)).map(
    (r) => r.password_hash,
  );
  expect(hashes.length).toBeGreaterThan(DEMO_USERS.length);
  expect(responses.length).toBeGreaterThan(100);
  for (const text of responses) {
    expect(text).not.toContain('$argon2');
    for (const h of hashes) expect(text).not.toContain(h.split('$').pop()!);
  }
});
