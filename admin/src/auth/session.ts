/** The signed-in viewer, as `login` and `viewer` return it. */
export interface Viewer {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  tenant: { id: string; name: string; slug: string; kind: string };
}

export type Role = 'ADMIN' | 'STAFF' | 'SUPERVISOR';

export interface Session {
  token: string;
  /** Milliseconds since the epoch: the token's `exp`. */
  expiresAt: number;
  viewer: Viewer;
}

const KEY = 'tianping-session';

/** Reads `exp` from a JWT without verifying it (the server does): only to know when to sign out. */
export function tokenExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export const sessionStore = {
  read(storage: Storage = localStorage): Session | null {
    try {
      const raw = storage.getItem(KEY);
      if (!raw) return null;
      const s = JSON.parse(raw) as Session;
      return typeof s?.token === 'string' && typeof s.expiresAt === 'number' && s.viewer ? s : null;
    } catch {
      return null;
    }
  },
  write(session: Session, storage: Storage = localStorage): void {
    storage.setItem(KEY, JSON.stringify(session));
  },
  clear(storage: Storage = localStorage): void {
    storage.removeItem(KEY);
  },
};

/** A session is over a few seconds before its token is: a request in flight must not outlive it. */
export const isLive = (s: Session | null, now = Date.now()): s is Session => !!s && s.expiresAt - 5_000 > now;
