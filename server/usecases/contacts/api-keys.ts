import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys } from '../../../schema/db/stats.js';
import { tenants } from '../../../schema/db/tenancy.js';
import type { Db, Executor } from '../../db/client.js';
import { apiKeyFromHeader, apiKeyMatches, generateApiKey, prefixOf } from '../../domain/contacts/api-key.js';
import { conflict, forbidden, notFound, unauthenticated } from '../../domain/shared/errors.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, requiredText, uuidString, uniqueViolation } from '../validation.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Who a request authenticated with an integration key acts as: the key's tenant, no user. */
export interface ApiKeyPrincipal {
  apiKeyId: string;
  tenantId: string;
}

/** Active keys a tenant may hold at once (rotation needs two; more is a forgotten one). */
export const MAX_ACTIVE_KEYS = 10;
/** `last_used_at` is written at most this often per key: not a write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

function requireOwnAdmin(ctx: CommandContext): Viewer {
  const viewer = requireViewer(ctx);
  if (!hasRole(viewer, 'ADMIN')) throw forbidden("only the tenant's admins manage its integration keys");
  return viewer;
}

const CreateInput = z.object({ name: requiredText(100) });

/**
 * A tenant admin creates a key for their own tenant (not for tenants below: each tenant's admins
 * own its integrations). The whole key is returned here and never again.
 */
export async function createApiKey(ctx: CommandContext, raw: z.input<typeof CreateInput>): Promise<{ row: ApiKeyRow; key: string }> {
  const viewer = requireOwnAdmin(ctx);
  const input = parseInput(CreateInput, raw);
  const [active] = await ctx.tx
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, viewer.tenantId), isNull(apiKeys.revokedAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_KEYS) throw conflict(`a tenant holds at most ${MAX_ACTIVE_KEYS} active keys; revoke one first`);
  for (let attempt = 1; ; attempt++) {
    const made = generateApiKey();
    try {
      // A savepoint: a prefix collision (about one in 10^15) must not poison the transaction.
      const row = await ctx.tx.transaction(async (sp) => {
        const [inserted] = await sp
          .insert(apiKeys)
          .values({ tenantId: viewer.tenantId, name: input.name, prefix: made.prefix, secretHash: made.secretHash, createdBy: viewer.userId, createdAt: ctx.now })
          .returning();
        return inserted!;
      });
      return { row, key: made.key };
    } catch (err) {
      if (attempt < 3 && uniqueViolation(err) !== null) continue;
      throw err;
    }
  }
}

const RevokeInput = z.object({ id: uuidString() });

/** Revoked at once and for good; revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: CommandContext, raw: z.input<typeof RevokeInput>): Promise<ApiKeyRow> {
  const viewer = requireOwnAdmin(ctx);
  const input = parseInput(RevokeInput, raw);
  const [row] = await ctx.tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, input.id), eq(apiKeys.tenantId, viewer.tenantId)));
  if (!row) throw notFound('API key');
  if (row.revokedAt) return row;
  const [revoked] = await ctx.tx.update(apiKeys).set({ revokedAt: ctx.now }).where(eq(apiKeys.id, row.id)).returning();
  return revoked!;
}

/** The tenant's keys, newest first, revoked ones included (admins only; never a secret). */
export async function listApiKeys(tx: Executor, viewer: Viewer | null): Promise<ApiKeyRow[]> {
  if (!viewer) throw unauthenticated();
  if (!hasRole(viewer, 'ADMIN')) throw forbidden("only the tenant's admins see its integration keys");
  return tx.select().from(apiKeys).where(eq(apiKeys.tenantId, viewer.tenantId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

const INVALID = 'invalid API key';

/**
 * Turns `Authorization: ApiKey tpk_…` into the principal, on the owner connection before the
 * request transaction (like loadViewer): one statement, plus one write at most once a minute per
 * key for `last_used_at`. Unknown, malformed and revoked keys, and keys of a suspended tenant, are
 * refused alike. Returns null when the header is not an ApiKey header.
 */
export async function authenticateApiKey(db: Db, header: string | null | undefined, now: Date): Promise<ApiKeyPrincipal | null> {
  const key = apiKeyFromHeader(header);
  if (key === null) return null;
  const prefix = prefixOf(key);
  if (!prefix) throw unauthenticated(INVALID);
  const [row] = await db
    .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, secretHash: apiKeys.secretHash, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt, tenantStatus: tenants.status })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(eq(apiKeys.prefix, prefix));
  const matches = apiKeyMatches(key, row?.secretHash ?? '');
  if (!row || !matches || row.revokedAt || row.tenantStatus !== 'ACTIVE') throw unauthenticated(INVALID);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    // Conditional, so concurrent requests of one key write it once.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`${stale.toISOString()}::timestamptz`))));
  }
  return { apiKeyId: row.id, tenantId: row.tenantId };
}
