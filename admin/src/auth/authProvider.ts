import type { AuthProvider, UserIdentity } from 'react-admin';
import type { ErrorBody, Request } from '../dataProvider/client.js';
import { isLive, type Session, sessionStore, tokenExpiry, type Viewer } from './session.js';

const VIEWER = `fragment ViewerFields on User { id username displayName roles tenant { id name slug kind } }`;

export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { token expiresAt viewer { ...ViewerFields } } }
${VIEWER}`;

export const VIEWER_QUERY = `query Viewer { viewer { ...ViewerFields } }
${VIEWER}`;

export interface TianpingIdentity extends UserIdentity {
  username: string;
  roles: Viewer['roles'];
  tenant: Viewer['tenant'];
}

/**
 * Sign-in with the `login` mutation; the token lives in localStorage until it expires (its `exp`),
 * the server says UNAUTHENTICATED, or the user signs out. Permissions are the viewer's roles.
 */
export function createAuthProvider(request: Request, storage: Storage = localStorage): AuthProvider {
  const current = (): Session | null => {
    const s = sessionStore.read(storage);
    if (s && !isLive(s)) {
      sessionStore.clear(storage);
      return null;
    }
    return s;
  };

  return {
    async login({ username, password }: { username: string; password: string }) {
      const data = await request<{ login: { token: string; expiresAt: string; viewer: Viewer } }>(LOGIN, {
        input: { username: String(username ?? '').trim(), password: String(password ?? '') },
      });
      const { token, expiresAt, viewer } = data.login;
      const exp = tokenExpiry(token) ?? Date.parse(expiresAt);
      sessionStore.write({ token, expiresAt: exp, viewer }, storage);
    },

    async logout() {
      sessionStore.clear(storage);
    },

    async checkAuth() {
      if (!current()) throw { message: 'tianping.auth.signed_out' };
    },

    async checkError(error: { status?: number; body?: ErrorBody }) {
      // UNAUTHENTICATED may come with HTTP 200 (an execution error) or 401 (a request error).
      if (error?.status === 401 || error?.body?.code === 'UNAUTHENTICATED') {
        sessionStore.clear(storage);
        throw { message: 'tianping.auth.session_ended' };
      }
      // FORBIDDEN and the rest are shown where they happened; the session stays.
    },

    async getIdentity(): Promise<TianpingIdentity> {
      const s = current();
      if (!s) throw new Error('not signed in');
      let viewer = s.viewer;
      try {
        const data = await request<{ viewer: Viewer | null }>(VIEWER_QUERY);
        if (data.viewer) {
          viewer = data.viewer;
          // Only into the session it was asked for: a sign-out meanwhile must stay signed out.
          if (sessionStore.read(storage)?.token === s.token) sessionStore.write({ ...s, viewer }, storage);
        }
      } catch {
        /* offline or signed out meanwhile: the stored identity is still the best answer */
      }
      return { id: viewer.id, fullName: viewer.displayName, username: viewer.username, roles: viewer.roles, tenant: viewer.tenant };
    },

    async getPermissions() {
      return current()?.viewer.roles ?? [];
    },
  };
}

/** The token for requests, or null once it has expired. */
export const currentToken = (storage: Storage = localStorage): string | null => {
  const s = sessionStore.read(storage);
  return isLive(s) ? s.token : null;
};

export const sessionExpiry = (storage: Storage = localStorage): number | null => sessionStore.read(storage)?.expiresAt ?? null;
