import { decodeJwt, SignJWT } from 'jose';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { rowsOf } from '../server/db/client.js';
import { type GqlResult, onlyError, startTestApp, type TestApp } from './helpers.js';
import { TEST_JWT_SECRET } from './setup/template.js';

/**
 * Sign-in, tokens, password changes and lockout, through GraphQL. The app runs with a lockout
 * after 3 failures, so every test that fails sign-ins uses usernames no other test fails on.
 */

let t: TestApp;
let cityAdmin: string;

const INVALID_LOGIN = 'invalid username or password';

const LOGIN = `mutation($u: String!, $p: String!) {
  login(input: { username: $u, password: $p }) { token expiresAt viewer { id username } }
}`;
const VIEWER = '{ viewer { id username displayName tenant { slug } } }';

/** Every response of this file, to check at the end that no secret ever reached a client. */
const responses: string[] = [];

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<GqlResult> {
  const r = await t.gql(query, variables, token);
  responses.push(JSON.stringify(r));
  return r;
}

const loginAs = (username: string, password: string) => gql(LOGIN, { u: username, p: password });

/** Asserts a refusal: one error of `code`, no data at all, and neither secret in the error. */
function expectRefused(r: GqlResult, code: string, ...secrets: string[]) {
  const err = onlyError(r);
  expect(err.extensions?.code).toBe(code);
  expect(r.data ?? null).toBeNull();
  const text = JSON.stringify(r.errors);
  for (const s of secrets) expect(text).not.toContain(s);
  return err;
}

async function tenantId(slug: string): Promise<string> {
  const r = await gql('query($s: String!) { tenant(slug: $s) { id } }', { s: slug }, cityAdmin);
  expect(r.errors).toBeUndefined();
  return r.data!.tenant.id;
}

let userSeq = 0;
/** A fresh STAFF account (created by city.admin) for tests that change or break it. */
async function freshUser(tenantSlug = 'yubei', password = 'Fresh-password-1') {
  const username = `auth.fresh${++userSeq}`;
  const r = await gql(
    `mutation($i: CreateUserInput!) { createUser(input: $i) { user { id version username } } }`,
    {
      i: { tenantId: await tenantId(tenantSlug), username, displayName: `Fresh ${userSeq}`, roles: ['STAFF'], password },
    },
    cityAdmin,
  );
  expect(r.errors).toBeUndefined();
  const user = r.data!.createUser.user as { id: string; version: number; username: string };
  return { ...user, password };
}

async function userVersion(token: string, id: string): Promise<number> {
  const r = await gql('query($id: ID!) { node(id: $id) { ... on User { version } } }', { id }, token);
  expect(r.errors).toBeUndefined();
  return r.data!.node.version;
}

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '600' });
  cityAdmin = await t.login('city.admin');
});
afterAll(() => t?.close());

describe('sign-in', () => {
  test('a wrong password and an unknown username get the same error', async () => {
    const wrong = expectRefused(await loginAs('yubei.staff', 'not-the-password-1'), 'UNAUTHENTICATED', 'not-the-password-1');
    const unknown = expectRefused(await loginAs('nobody.here', 'not-the-password-1'), 'UNAUTHENTICATED', 'not-the-password-1');
    expect(wrong.message).toBe(INVALID_LOGIN);
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.extensions).toEqual(wrong.extensions);
    // The right password still works (one failure is far from the lockout).
    const ok = await loginAs('yubei.staff', DEMO_PASSWORD);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.login.viewer.username).toBe('yubei.staff');
  });

  test('usernames are matched case-insensitively', async () => {
    const r = await loginAs('  Yubei.Admin ', DEMO_PASSWORD);
    expect(r.errors).toBeUndefined();
    expect(r.data!.login.viewer.username).toBe('yubei.admin');
  });

  test('viewer is null when anonymous and the user when signed in', async () => {
    const anon = await gql(VIEWER);
    expect(anon.errors).toBeUndefined();
    expect(anon.data).toEqual({ viewer: null });

    const login = await loginAs('longxi.staff', DEMO_PASSWORD);
    expect(login.errors).toBeUndefined();
    const { token, viewer, expiresAt } = login.data!.login;
    expect(typeof token).toBe('string');
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await gql(VIEWER, {}, token);
    expect(me.errors).toBeUndefined();
    expect(me.data!.viewer).toEqual({
      id: viewer.id,
      username: 'longxi.staff',
      displayName: '龙溪司法所 郑强',
      tenant: { slug: 'yubei-longxi' },
    });
  });

  test('the login payload carries the user but never a password hash', async () => {
    const r = await gql(
      `mutation($u: String!, $p: String!) {
        login(input: { username: $u, password: $p }) {
          __typename token expiresAt
          viewer { __typename id username displayName phone roles active version createdAt updatedAt
                   lastLoginAt passwordChangedAt }
        }
      }`,
      { u: 'yubei.supervisor', p: DEMO_PASSWORD },
    );
    expect(r.errors).toBeUndefined();
    const payload = r.data!.login;
    expect(payload.__typename).toBe('LoginPayload');
    expect(Object.keys(payload).sort()).toEqual(['__typename', 'expiresAt', 'token', 'viewer']);
    expect(payload.viewer.__typename).toBe('User');
    expect(payload.viewer.username).toBe('yubei.supervisor');
    expect(payload.viewer.roles).toEqual(['SUPERVISOR']);

    const [row] = rowsOf<{ password_hash: string }>(
      await t.database.db.execute(sql`select password_hash from users where username = 'yubei.supervisor'`),
    );
    const text = JSON.stringify(r);
    expect(row!.password_hash).toMatch(/^\$argon2/);
    expect(text).not.toContain(row!.password_hash);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(DEMO_PASSWORD);

    // And the User type has no field that could carry it.
    const probe = await gql('{ viewer { passwordHash } }', {}, payload.token);
    expect(onlyError(probe).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(probe.data ?? null).toBeNull();
  });

  test("the login payload's viewer resolves its tenant like any User", async () => {
    // User.tenant is a non-null field of User; sign-in runs without a tenant transaction, so the
    // resolver must still find the tenant (the admin app asks for it right after signing in).
    const r = await gql(
      `mutation($u: String!, $p: String!) {
        login(input: { username: $u, password: $p }) { token viewer { username tenant { slug name } } }
      }`,
      { u: 'yubei.supervisor', p: DEMO_PASSWORD },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.login.viewer).toEqual({ username: 'yubei.supervisor', tenant: { slug: 'yubei', name: '重庆市渝北区司法局' } });
  });

  test('a deactivated user cannot sign in, their tokens stop at once; reactivation restores sign-in', async () => {
    const user = await freshUser();
    const token = (await loginAs(user.username, user.password)).data!.login.token as string;
    expect((await gql(VIEWER, {}, token)).data!.viewer.username).toBe(user.username);

    const d = await gql(
      'mutation($i: UserVersionInput!) { deactivateUser(input: $i) { user { active version } } }',
      { i: { id: user.id, version: user.version } },
      cityAdmin,
    );
    expect(d.errors).toBeUndefined();
    expect(d.data!.deactivateUser.user).toEqual({ active: false, version: user.version + 1 });

    expectRefused(await gql(VIEWER, {}, token), 'UNAUTHENTICATED', token);
    const refused = expectRefused(await loginAs(user.username, user.password), 'FORBIDDEN', user.password);
    expect(refused.message).not.toContain(user.password);
    // Without the right password a deactivated account looks like any failed sign-in.
    expect(expectRefused(await loginAs(user.username, 'wrong-password-9'), 'UNAUTHENTICATED').message).toBe(INVALID_LOGIN);

    const re = await gql(
      'mutation($i: UserVersionInput!) { reactivateUser(input: $i) { user { active version } } }',
      { i: { id: user.id, version: user.version + 1 } },
      cityAdmin,
    );
    expect(re.errors).toBeUndefined();
    expect(re.data!.reactivateUser.user).toEqual({ active: true, version: user.version + 2 });

    const again = await loginAs(user.username, user.password);
    expect(again.errors).toBeUndefined();
    expect((await gql(VIEWER, {}, again.data!.login.token)).data!.viewer.username).toBe(user.username);
    // The token from before the deactivation stays dead.
    expectRefused(await gql(VIEWER, {}, token), 'UNAUTHENTICATED', token);
  });

  test('users of a suspended tenant cannot sign in and their tokens stop at once; reactivation restores sign-in', async () => {
    const created = await gql(
      `mutation($i: CreateTenantInput!) { createTenant(input: $i) { tenant { id version status } } }`,
      { i: { parentId: await tenantId('yubei'), kind: 'LAW_FIRM', slug: 'auth-test-firm', name: '认证测试律师事务所' } },
      cityAdmin,
    );
    expect(created.errors).toBeUndefined();
    const tenant = created.data!.createTenant.tenant as { id: string; version: number };
    const user = await freshUser('auth-test-firm');
    const token = (await loginAs(user.username, user.password)).data!.login.token as string;
    expect((await gql(VIEWER, {}, token)).data!.viewer.username).toBe(user.username);

    const s = await gql(
      'mutation($i: TenantStatusInput!) { suspendTenant(input: $i) { tenant { status version } } }',
      { i: { id: tenant.id, version: tenant.version } },
      cityAdmin,
    );
    expect(s.errors).toBeUndefined();
    expect(s.data!.suspendTenant.tenant).toEqual({ status: 'SUSPENDED', version: tenant.version + 1 });

    expectRefused(await gql(VIEWER, {}, token), 'UNAUTHENTICATED', token);
    expectRefused(await loginAs(user.username, user.password), 'FORBIDDEN', user.password);

    const re = await gql(
      'mutation($i: TenantStatusInput!) { reactivateTenant(input: $i) { tenant { status version } } }',
      { i: { id: tenant.id, version: tenant.version + 1 } },
      cityAdmin,
    );
    expect(re.errors).toBeUndefined();
    expect(re.data!.reactivateTenant.tenant).toEqual({ status: 'ACTIVE', version: tenant.version + 2 });
    const again = await loginAs(user.username, user.password);
    expect(again.errors).toBeUndefined();
    expect((await gql(VIEWER, {}, again.data!.login.token)).data!.viewer.username).toBe(user.username);
  });

  test("tokens from before a tenant's suspension stay dead after its reactivation, as after a user's", async () => {
    // "Its users can no longer sign in and their tokens stop working" (suspendTenant), in the same
    // words as deactivateUser, whose tokens never come back: users sign in again after reactivation.
    const created = await gql(
      `mutation($i: CreateTenantInput!) { createTenant(input: $i) { tenant { id version } } }`,
      { i: { parentId: await tenantId('yubei'), kind: 'LAW_FIRM', slug: 'auth-revive-firm', name: '令牌复活测试律所' } },
      cityAdmin,
    );
    expect(created.errors).toBeUndefined();
    const tenant = created.data!.createTenant.tenant as { id: string; version: number };
    const user = await freshUser('auth-revive-firm');
    const token = (await loginAs(user.username, user.password)).data!.login.token as string;
    for (const [mutation, version] of [
      ['suspendTenant', tenant.version],
      ['reactivateTenant', tenant.version + 1],
    ] as const) {
      const r = await gql(`mutation($i: TenantStatusInput!) { ${mutation}(input: $i) { tenant { status } } }`, { i: { id: tenant.id, version } }, cityAdmin);
      expect(r.errors).toBeUndefined();
    }
    expect((await loginAs(user.username, user.password)).errors).toBeUndefined();
    expectRefused(await gql(VIEWER, {}, token), 'UNAUTHENTICATED', token);
  });
});

describe('tokens', () => {
  let token: string;
  let claims: { sub: string; tid: string; ver: number };
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

  /** A token like the server's, with some part changed. */
  async function forge(
    over: { alg?: string; iss?: string; aud?: string; iat?: number; exp?: number; sub?: string; tid?: unknown; ver?: unknown; key?: Uint8Array } = {},
  ) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tid: 'tid' in over ? over.tid : claims.tid, ver: 'ver' in over ? over.ver : claims.ver })
      .setProtectedHeader({ alg: over.alg ?? 'HS256', typ: 'JWT' })
      .setSubject(over.sub ?? claims.sub)
      .setIssuer(over.iss ?? 'tianping')
      .setAudience(over.aud ?? 'tianping-api')
      .setIssuedAt(over.iat ?? now)
      .setExpirationTime(over.exp ?? now + 600)
      .sign(over.key ?? secret);
  }

  async function expectTokenRefused(bad: string) {
    for (const query of [VIEWER, '{ tenants(first: 5) { totalCount edges { node { slug } } } }']) {
      const r = await gql(query, {}, bad);
      expectRefused(r, 'UNAUTHENTICATED', bad);
    }
  }

  beforeAll(async () => {
    token = (await loginAs('yubei.admin', DEMO_PASSWORD)).data!.login.token;
    claims = decodeJwt(token) as typeof claims;
  });

  test('the genuine token and a faithful copy signed with the same key work', async () => {
    const r = await gql(VIEWER, {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.viewer.username).toBe('yubei.admin');
    // Proves the forged variants below fail for the one thing they change.
    const copy = await gql(VIEWER, {}, await forge());
    expect(copy.errors).toBeUndefined();
    expect(copy.data!.viewer.username).toBe('yubei.admin');
  });

  test('a tampered signature is refused', async () => {
    const [h, p, s] = token.split('.') as [string, string, string];
    // Change a character in the middle: the last one may only carry padding bits.
    const i = 10;
    const tampered = `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    await expectTokenRefused(tampered);
    await expectTokenRefused(`${h}.${p}.`);
  });

  test('a tampered payload (another subject) is refused', async () => {
    const cityClaims = decodeJwt(cityAdmin);
    expect(cityClaims.sub).not.toBe(claims.sub);
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    await expectTokenRefused(`${h}.${b64({ ...payload, sub: cityClaims.sub, tid: cityClaims.tid })}.${s}`);
    await expectTokenRefused(`${h}.${b64({ ...payload, exp: (payload.exp as number) + 86_400 })}.${s}`);
  });

  test('an expired token is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectTokenRefused(await forge({ iat: now - 7200, exp: now - 3600 }));
  });

  test('an unsigned token (alg: none) is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = { sub: claims.sub, tid: claims.tid, ver: claims.ver, iss: 'tianping', aud: 'tianping-api', iat: now, exp: now + 600 };
    await expectTokenRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(body)}.`);
    await expectTokenRefused(`${b64({ alg: 'none' })}.${b64(body)}`);
  });

  test('a wrong issuer or audience is refused', async () => {
    await expectTokenRefused(await forge({ iss: 'someone-else' }));
    await expectTokenRefused(await forge({ aud: 'another-api' }));
  });

  test('another algorithm with the right secret (HS512) is refused', async () => {
    await expectTokenRefused(await forge({ alg: 'HS512' }));
  });

  test('the right algorithm with another secret is refused', async () => {
    await expectTokenRefused(await forge({ key: new TextEncoder().encode('another-secret-0123456789abcdef0123456789') }));
  });

  test('a correctly signed token whose claims do not match the account is refused', async () => {
    const cityClaims = decodeJwt(cityAdmin);
    await expectTokenRefused(await forge({ ver: claims.ver - 1 }));
    await expectTokenRefused(await forge({ ver: claims.ver + 1 }));
    await expectTokenRefused(await forge({ tid: cityClaims.tid }));
    await expectTokenRefused(await forge({ sub: '00000000-0000-4000-8000-000000000000' }));
    await expectTokenRefused(await forge({ sub: 'not-a-uuid' }));
    await expectTokenRefused(await forge({ ver: String(claims.ver) }));
    await expectTokenRefused(await forge({ tid: undefined }));
  });

  test('a correctly signed token without an expiry is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noExp = await new SignJWT({ tid: claims.tid, ver: claims.ver })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer('tianping')
      .setAudience('tianping-api')
      .setIssuedAt(now)
      .sign(secret);
    await expectTokenRefused(noExp);
  });

  test('garbage in the Authorization header is refused', async () => {
    await expectTokenRefused('not-a-jwt');
    await expectTokenRefused(`${token}x`);
  });
});

describe('changePassword', () => {
  const CHANGE = `mutation($i: ChangePasswordInput!) {
    changePassword(input: $i) { token expiresAt user { id username version } }
  }`;

  test('a wrong current password is BAD_USER_INPUT on currentPassword and changes nothing', async () => {
    const user = await freshUser();
    const token = (await loginAs(user.username, user.password)).data!.login.token as string;
    const r = await gql(CHANGE, { i: { currentPassword: 'Not-current-1', newPassword: 'Brand-new-pass-2' } }, token);
    const err = expectRefused(r, 'BAD_USER_INPUT', 'Not-current-1', 'Brand-new-pass-2');
    expect(Object.keys(err.extensions!.fields!)).toEqual(['currentPassword']);
    // Nothing changed: the token still works, the old password still signs in, the new one does not.
    expect((await gql(VIEWER, {}, token)).data!.viewer.username).toBe(user.username);
    expect((await loginAs(user.username, user.password)).errors).toBeUndefined();
    expectRefused(await loginAs(user.username, 'Brand-new-pass-2'), 'UNAUTHENTICATED');
  });

  test('anonymous callers cannot change a password', async () => {
    expectRefused(await gql(CHANGE, { i: { currentPassword: DEMO_PASSWORD, newPassword: 'Brand-new-pass-2' } }), 'UNAUTHENTICATED');
  });

  test('after a change the old token and old password stop working; the new token and password work', async () => {
    const user = await freshUser();
    const oldToken = (await loginAs(user.username, user.password)).data!.login.token as string;
    const r = await gql(CHANGE, { i: { currentPassword: user.password, newPassword: 'Second-password-3' } }, oldToken);
    expect(r.errors).toBeUndefined();
    const payload = r.data!.changePassword;
    expect(payload.user).toEqual({ id: user.id, username: user.username, version: user.version + 1 });
    expect(payload.token).not.toBe(oldToken);
    expect(JSON.stringify(r)).not.toContain('Second-password-3');

    expectRefused(await gql(VIEWER, {}, oldToken), 'UNAUTHENTICATED', oldToken);
    const me = await gql(VIEWER, {}, payload.token);
    expect(me.errors).toBeUndefined();
    expect(me.data!.viewer.username).toBe(user.username);

    expect(expectRefused(await loginAs(user.username, user.password), 'UNAUTHENTICATED').message).toBe(INVALID_LOGIN);
    const fresh = await loginAs(user.username, 'Second-password-3');
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data!.login.viewer.id).toBe(user.id);
  });

  test('the new password must be strong and differ from the current one', async () => {
    const user = await freshUser();
    const token = (await loginAs(user.username, user.password)).data!.login.token as string;
    for (const weak of ['Short-1', 'onlyletterspassword', '1234567890123', '']) {
      const err = expectRefused(
        await gql(CHANGE, { i: { currentPassword: user.password, newPassword: weak } }, token),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(err.extensions!.fields!)).toEqual(['newPassword']);
      if (weak) expect(JSON.stringify(err)).not.toContain(weak);
    }
    const same = expectRefused(
      await gql(CHANGE, { i: { currentPassword: user.password, newPassword: user.password } }, token),
      'BAD_USER_INPUT',
      user.password,
    );
    expect(Object.keys(same.extensions!.fields!)).toEqual(['newPassword']);
    const empty = expectRefused(
      await gql(CHANGE, { i: { currentPassword: '', newPassword: 'Brand-new-pass-2' } }, token),
      'BAD_USER_INPUT',
    );
    expect(Object.keys(empty.extensions!.fields!)).toEqual(['currentPassword']);
    // All refused: the token still works.
    expect((await gql(VIEWER, {}, token)).data!.viewer.username).toBe(user.username);
  });

  test("an admin's resetUserPassword invalidates the user's tokens and old password", async () => {
    const user = await freshUser();
    const token = (await loginAs(user.username, user.password)).data!.login.token as string;
    const r = await gql(
      'mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { user { id version } } }',
      { i: { id: user.id, version: await userVersion(cityAdmin, user.id), newPassword: 'Reset-by-admin-4' } },
      cityAdmin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.resetUserPassword.user).toEqual({ id: user.id, version: user.version + 1 });
    expectRefused(await gql(VIEWER, {}, token), 'UNAUTHENTICATED', token);
    expectRefused(await loginAs(user.username, user.password), 'UNAUTHENTICATED');
    const fresh = await loginAs(user.username, 'Reset-by-admin-4');
    expect(fresh.errors).toBeUndefined();
    expect((await gql(VIEWER, {}, fresh.data!.login.token)).data!.viewer.id).toBe(user.id);
  });
});

describe('lockout', () => {
  test('after 3 failures the username is locked, even for the right password; others are unaffected', async () => {
    for (let i = 0; i < 3; i++) {
      const err = expectRefused(await loginAs('jiangbei.admin', `wrong-password-${i}`), 'UNAUTHENTICATED');
      expect(err.message).toBe(INVALID_LOGIN);
    }
    const locked = expectRefused(await loginAs('jiangbei.admin', DEMO_PASSWORD), 'RATE_LIMITED', DEMO_PASSWORD);
    expect(expectRefused(await loginAs('jiangbei.admin', 'wrong-password-9'), 'RATE_LIMITED').message).toBe(locked.message);
    // The lock is on the username, whatever its case.
    expect(expectRefused(await loginAs('JiangBei.Admin', DEMO_PASSWORD), 'RATE_LIMITED').message).toBe(locked.message);

    // Other usernames sign in as usual.
    const other = await loginAs('shapingba.admin', DEMO_PASSWORD);
    expect(other.errors).toBeUndefined();
    expect(other.data!.login.viewer.username).toBe('shapingba.admin');
  });

  test('a username that does not exist locks the same way, so lockout does not reveal existence', async () => {
    const real: string[] = [];
    const ghost: string[] = [];
    for (let i = 0; i < 4; i++) {
      real.push(JSON.stringify(onlyError(await loginAs('jiulongpo.admin', `wrong-password-${i}`))));
      ghost.push(JSON.stringify(onlyError(await loginAs('ghost.account', `wrong-password-${i}`))));
    }
    expect(ghost).toEqual(real);
    expect(real.map((e) => JSON.parse(e).extensions.code)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    expectRefused(await loginAs('ghost.account', DEMO_PASSWORD), 'RATE_LIMITED');
  });

  test('concurrent failures are all counted', async () => {
    const results = await Promise.all([0, 1, 2].map((i) => loginAs('hotline.staff', `wrong-password-${i}`)));
    for (const r of results) expect(onlyError(r).extensions?.code).toBe('UNAUTHENTICATED');
    expectRefused(await loginAs('hotline.staff', DEMO_PASSWORD), 'RATE_LIMITED');
  });

  test('parallel guesses cannot exceed the limit: at most 3 passwords are ever checked', async () => {
    // Eight wrong guesses fired at once at a real account. The lock must bound the number of
    // passwords tried, not only the number of failures recorded: every guess beyond the third is
    // RATE_LIMITED, however the requests interleave.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => loginAs('jiefangbei.staff', `wrong-password-${i}`)),
    );
    const codes = results.map((r) => onlyError(r).extensions?.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(5);
  });

  test('a successful sign-in before the limit resets the count', async () => {
    for (let i = 0; i < 2; i++) expectRefused(await loginAs('yuzhong.staff', `wrong-password-${i}`), 'UNAUTHENTICATED');
    expect((await loginAs('yuzhong.staff', DEMO_PASSWORD)).errors).toBeUndefined();
    for (let i = 0; i < 2; i++) expectRefused(await loginAs('yuzhong.staff', `wrong-password-${i}`), 'UNAUTHENTICATED');
    expect((await loginAs('yuzhong.staff', DEMO_PASSWORD)).errors).toBeUndefined();
  });
});

test('no response of this file carried a password hash', () => {
  expect(responses.length).toBeGreaterThan(50);
  for (const text of responses) expect(text).not.toContain('$argon2');
});
