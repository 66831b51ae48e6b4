import { eq, inArray } from 'drizzle-orm';
import { tenants, type UserRole, users } from '../../../schema/db/tenancy.js';
import type { Db } from '../../db/client.js';
import type { Viewer } from '../../domain/tenancy/access.js';
import { unauthenticated } from '../../domain/shared/errors.js';
import type { TokenClaims, TokenService } from './tokens.js';

export interface AuthenticatedViewer extends Viewer {
  displayName: string;
  tokenExpiresAt: Date;
}

/**
 * Turns a bearer token into the viewer, checking against the database on every request (one
 * statement, as the owner, before the request transaction switches role): a deactivated user, a
 * suspended tenant or a changed password invalidates existing tokens at once.
 */
export async function loadViewer(db: Db, tokens: TokenService, token: string): Promise<AuthenticatedViewer> {
  const claims = await tokens.verify(token);
  return checkClaims(db, claims);
}

export async function checkClaims(db: Db, claims: TokenClaims): Promise<AuthenticatedViewer> {
  if (!/^[0-9a-f-]{36}$/i.test(claims.userId)) throw unauthenticated('invalid token');
  const [row] = await db
    .select({
      id: users.id,
      tenantId: users.tenantId,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      active: users.active,
      tokenVersion: users.tokenVersion,
      tenantStatus: tenants.status,
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(users.id, claims.userId));
  if (
    !row ||
    !row.active ||
    row.tenantStatus !== 'ACTIVE' ||
    row.tokenVersion !== claims.tokenVersion ||
    row.tenantId !== claims.tenantId
  ) {
    throw unauthenticated('token no longer valid; sign in again');
  }
  return {
    userId: row.id,
    tenantId: row.tenantId,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as UserRole[],
    tokenExpiresAt: claims.expiresAt,
  };
}

/**
 * Which of these sign-ins still hold (one statement for all of them, owner connection): the
 * user is active, the tenant too, and the password has not changed since. For open sockets.
 */
export async function stillValid(db: Db, claims: readonly TokenClaims[]): Promise<boolean[]> {
  const ids = [...new Set(claims.map((c) => c.userId).filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
  if (ids.length === 0) return claims.map(() => false);
  const rows = await db
    .select({ id: users.id, tenantId: users.tenantId, active: users.active, tokenVersion: users.tokenVersion, tenantStatus: tenants.status })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(inArray(users.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return claims.map((c) => {
    const r = byId.get(c.userId);
    return !!r && r.active && r.tenantStatus === 'ACTIVE' && r.tokenVersion === c.tokenVersion && r.tenantId === c.tenantId;
  });
}
