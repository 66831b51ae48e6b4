import { beforeEach, describe, expect, test } from 'vitest';
import { createAuthProvider, currentToken } from './authProvider.js';
import { isLive, sessionStore, tokenExpiry } from './session.js';

const b64url = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (exp: number) => `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'u', exp })}.sig`;
const viewer = { id: 'VXNlcjox', username: 'city.admin', displayName: '市局管理员', roles: ['ADMIN'], tenant: { id: 'VDox', name: '重庆市司法局', slug: 'cq', kind: 'MUNICIPAL_BUREAU' } };

describe('auth provider', () => {
  beforeEach(() => localStorage.clear());

  test('login keeps the token until its exp; permissions are the roles; identity names the tenant', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const calls: string[] = [];
    const request = async <T,>(doc: string, vars?: Record<string, unknown>) => {
      calls.push(doc.match(/(mutation|query) (\w+)/)![2]!);
      if (/Login/.test(doc)) {
        expect(vars).toEqual({ input: { username: 'city.admin', password: 'tianping-demo' } });
        return { login: { token: jwt(exp), expiresAt: new Date(exp * 1000).toISOString(), viewer } } as T;
      }
      return { viewer } as T;
    };
    const auth = createAuthProvider(request);
    await expect(auth.checkAuth({})).rejects.toMatchObject({ message: 'tianping.auth.signed_out' });
    await auth.login({ username: ' city.admin ', password: 'tianping-demo' });
    await expect(auth.checkAuth({})).resolves.toBeUndefined();
    expect(currentToken()).toBe(jwt(exp));
    expect(await auth.getPermissions!({})).toEqual(['ADMIN']);
    expect(await auth.getIdentity!()).toMatchObject({ fullName: '市局管理员', tenant: { name: '重庆市司法局', slug: 'cq' } });
    expect(calls).toEqual(['Login', 'Viewer']);
    await auth.logout({});
    expect(currentToken()).toBeNull();
  });

  test('an expired token is a signed-out session', async () => {
    const past = Math.floor(Date.now() / 1000) - 10;
    sessionStore.write({ token: jwt(past), expiresAt: past * 1000, viewer: viewer as never });
    expect(currentToken()).toBeNull();
    const auth = createAuthProvider(async () => ({}) as never);
    await expect(auth.checkAuth({})).rejects.toBeDefined();
    expect(sessionStore.read()).toBeNull();
  });

  test('UNAUTHENTICATED (401, or the code with HTTP 200) signs out; FORBIDDEN does not', async () => {
    const future = Date.now() + 3_600_000;
    const auth = createAuthProvider(async () => ({}) as never);
    sessionStore.write({ token: 't', expiresAt: future, viewer: viewer as never });
    await expect(auth.checkError({ status: 403, body: { code: 'FORBIDDEN' } })).resolves.toBeUndefined();
    expect(sessionStore.read()).not.toBeNull();
    await expect(auth.checkError({ status: 401, body: { code: 'UNAUTHENTICATED' } })).rejects.toBeDefined();
    expect(sessionStore.read()).toBeNull();
    sessionStore.write({ token: 't', expiresAt: future, viewer: viewer as never });
    await expect(auth.checkError({ status: 200, body: { code: 'UNAUTHENTICATED' } })).rejects.toBeDefined();
    expect(sessionStore.read()).toBeNull();
  });

  test('tokenExpiry reads exp (seconds) from a JWT; garbage is null', () => {
    expect(tokenExpiry(jwt(1_900_000_000))).toBe(1_900_000_000_000);
    expect(tokenExpiry('nope')).toBeNull();
    expect(tokenExpiry('a.!!!.c')).toBeNull();
    expect(isLive({ token: 't', expiresAt: Date.now() + 1000, viewer: viewer as never })).toBe(false); // within the 5 s margin
  });
});
