import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loginThrottle } from '../../../schema/db/auth.js';
import type { TenantStatus, UserRole } from '../../../schema/db/tenancy.js';
import { type Db, rowsOf } from '../../db/client.js';
import { setViewerSettings } from '../../db/with-tenant.js';
import { usernameKey } from '../../domain/auth/password-policy.js';
import { afterFailure, isLocked, type ThrottleState } from '../../domain/auth/throttle.js';
import { forbidden, rateLimited, unauthenticated } from '../../domain/shared/errors.js';
import type { CommandContext } from '../context.js';
import { parseInput } from '../validation.js';
import { burnVerification, verifyPassword } from './passwords.js';
import type { TokenService } from './tokens.js';

const Input = z.object({
  username: z.string().trim().min(1, 'is required').max(100, 'is too long'),
  password: z.string().min(1, 'is required').max(200, 'is too long'),
});
export type LoginInput = z.input<typeof Input>;

// Same words whether the username is unknown or the password wrong: never say which.
const INVALID = 'invalid username or password';

interface LookupRow {
  user_id: string | null;
  tenant_id: string | null;
  password_hash: string | null;
  active: boolean | null;
  token_version: number | null;
  tenant_status: TenantStatus | null;
}

const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));

/**
 * Signs in. Runs in the request transaction as the application role with no viewer; the account
 * and the username's throttle row are reached only through narrow SECURITY DEFINER functions (see
 * the login migrations). The throttle row stays locked until the transaction ends, so parallel
 * guesses on one username take turns and every failure counts; a refused sign-in keeps its count
 * (`keepWritesOnError`). Unknown usernames are throttled exactly like real ones.
 */
export async function login(ctx: CommandContext, tokens: TokenService, raw: LoginInput) {
  const input = parseInput(Input, raw);
  const key = usernameKey(input.username);
  const [row] = rowsOf<LookupRow>(await ctx.tx.execute(sql`select * from tp_login_lookup(${key})`));
  const [lockRow] = rowsOf<{ failures: number; window_started_at: Date | string; locked_until: Date | string | null }>(
    await ctx.tx.execute(sql`select * from tp_login_throttle_lock(${key})`),
  );
  const throttle: ThrottleState | null =
    lockRow && lockRow.failures > 0
      ? { failures: lockRow.failures, windowStartedAt: asDate(lockRow.window_started_at)!, lockedUntil: asDate(lockRow.locked_until) }
      : null;
  if (isLocked(throttle, ctx.now)) throw rateLimited('too many failed sign-ins; try again later');

  const ok = row?.user_id && row.password_hash
    ? await verifyPassword(row.password_hash, input.password)
    : (await burnVerification(input.password), false);
  if (!row?.user_id || !ok) {
    const next = afterFailure(throttle, ctx.now, ctx.config.login);
    await ctx.tx.execute(
      sql`select tp_login_throttle_set(${key}, ${next.failures}, ${next.windowStartedAt.toISOString()}::timestamptz, ${next.lockedUntil?.toISOString() ?? null}::timestamptz)`,
    );
    ctx.keepWritesOnError(recordFailureAfterRollback(key, ctx.now, ctx.config.login));
    throw unauthenticated(INVALID);
  }
  if (!row.active) throw forbidden('this account is deactivated');
  if (row.tenant_status !== 'ACTIVE') throw forbidden('this organisation is suspended');

  await ctx.tx.execute(sql`select tp_login_succeeded(${row.user_id}, ${key}, ${ctx.now.toISOString()}::timestamptz)`);
  const { token, expiresAt } = await tokens.sign(
    { userId: row.user_id, tenantId: row.tenant_id!, tokenVersion: row.token_version! },
    ctx.now,
  );
  return { token, expiresAt, userId: row.user_id, tenantId: row.tenant_id! };
}

/**
 * When sign-in shares its operation with other mutation fields, the refused request is rolled
 * back whole; the failure is then counted on the owner connection afterwards.
 */
function recordFailureAfterRollback(key: string, now: Date, policy: CommandContext['config']['login']) {
  return (db: Db) =>
    db.transaction(async (tx) => {
      await tx.insert(loginThrottle).values({ usernameKey: key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
      const [current] = await tx.select().from(loginThrottle).where(eq(loginThrottle.usernameKey, key)).for('update');
      const next = afterFailure(current && current.failures > 0 ? current : null, now, policy);
      await tx.update(loginThrottle).set(next).where(eq(loginThrottle.usernameKey, key));
    });
}

/**
 * A successful sign-in makes its user the viewer for the rest of the operation (e.g.
 * `login { viewer { tenant { name } } }`): the transaction's settings switch to them, so row-level
 * security applies exactly as on their next request.
 */
export async function becomeViewer(ctx: CommandContext, userId: string, tenantId: string) {
  await setViewerSettings(ctx.tx, { userId, tenantId });
  const [u] = rowsOf<{ id: string; tenant_id: string; username: string; display_name: string; roles: string[] }>(
    await ctx.tx.execute(sql`select id, tenant_id, username, display_name, roles from users where id = ${userId}`),
  );
  if (!u) throw unauthenticated(INVALID);
  return { userId: u.id, tenantId: u.tenant_id, username: u.username, displayName: u.display_name, roles: u.roles as UserRole[] };
}
