import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loginThrottle } from '../../../schema/db/auth.js';
import { tenants, users } from '../../../schema/db/tenancy.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { usernameKey } from '../../domain/auth/password-policy.js';
import { afterFailure, isLocked, type ThrottleState } from '../../domain/auth/throttle.js';
import { forbidden, rateLimited, unauthenticated } from '../../domain/shared/errors.js';
import { parseInput } from '../validation.js';
import { burnVerification, verifyPassword } from './passwords.js';
import type { TokenService } from './tokens.js';

const Input = z.object({
  username: z.string().trim().min(1, 'is required').max(100, 'is too long'),
  password: z.string().min(1, 'is required').max(200, 'is too long'),
});
export type LoginInput = z.input<typeof Input>;

export interface LoginDeps {
  db: Db;
  tokens: TokenService;
  config: Pick<Config, 'login'>;
  now?: Date;
}

// Same words whether the username is unknown or the password wrong: never say which.
const INVALID = 'invalid username or password';

/**
 * Sign-in runs as the owner (no viewer exists yet). Failed attempts are counted per username,
 * real or not; past the limit the username is locked for a while.
 */
export async function login(deps: LoginDeps, raw: LoginInput) {
  const input = parseInput(Input, raw);
  const now = deps.now ?? new Date();
  const key = usernameKey(input.username);
  const [throttle] = await deps.db.select().from(loginThrottle).where(eq(loginThrottle.usernameKey, key));
  if (isLocked(throttle ?? null, now)) throw rateLimited('too many failed sign-ins; try again later');

  const [user] = await deps.db
    .select({
      id: users.id,
      tenantId: users.tenantId,
      passwordHash: users.passwordHash,
      active: users.active,
      tokenVersion: users.tokenVersion,
      tenantStatus: tenants.status,
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(sql`lower(${users.username}) = ${key}`);

  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await burnVerification(input.password), false);
  if (!user || !ok) {
    await recordFailure(deps, key, now);
    throw unauthenticated(INVALID);
  }
  if (!user.active) throw forbidden('this account is deactivated');
  if (user.tenantStatus !== 'ACTIVE') throw forbidden('this organisation is suspended');

  if (throttle) await deps.db.delete(loginThrottle).where(eq(loginThrottle.usernameKey, key));
  await deps.db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
  const { token, expiresAt } = await deps.tokens.sign(
    { userId: user.id, tenantId: user.tenantId, tokenVersion: user.tokenVersion },
    now,
  );
  return { token, expiresAt, userId: user.id };
}

/** Counted under a row lock so concurrent failures are all counted. */
async function recordFailure(deps: LoginDeps, key: string, now: Date): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.insert(loginThrottle).values({ usernameKey: key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.usernameKey, key)).for('update');
    const next: ThrottleState = afterFailure(row && row.failures > 0 ? row : null, now, deps.config.login);
    await tx.update(loginThrottle).set(next).where(eq(loginThrottle.usernameKey, key));
  });
}
