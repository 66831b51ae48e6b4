import { sql } from 'drizzle-orm';
import { tenants, users } from '../../../schema/db/tenancy.js';
import type { Db } from '../../db/client.js';
import { passwordProblem, usernameProblem } from '../../domain/auth/password-policy.js';
import { badInput } from '../../domain/shared/errors.js';
import type { Viewer } from '../../domain/tenancy/access.js';
import { hashPassword } from '../auth/passwords.js';

export interface RootSpec {
  tenant: { slug: string; name: string } & Partial<typeof tenants.$inferInsert>;
  admin: { username: string; displayName: string; password: string; phone?: string | null };
}

/** True when the platform has no tenant yet (a fresh database). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants);
  return (row?.n ?? 0) === 0;
}

/**
 * Creates the one root tenant (the municipal bureau) and its first admin, as the owner: there is
 * no viewer yet to run a command as. Everything after this goes through the usual commands.
 */
export async function bootstrapRoot(db: Db, spec: RootSpec): Promise<Viewer> {
  const problem = usernameProblem(spec.admin.username);
  if (problem) throw badInput({ username: problem });
  const pw = passwordProblem(spec.admin.password);
  if (pw) throw badInput({ password: pw });
  const passwordHash = await hashPassword(spec.admin.password);
  return db.transaction(async (tx) => {
    const [root] = await tx
      .insert(tenants)
      .values({ ...spec.tenant, kind: 'MUNICIPAL_BUREAU', parentId: null })
      .returning();
    const [admin] = await tx
      .insert(users)
      .values({
        tenantId: root!.id,
        username: spec.admin.username,
        displayName: spec.admin.displayName,
        phone: spec.admin.phone ?? null,
        roles: ['ADMIN'],
        passwordHash,
      })
      .returning();
    return { userId: admin!.id, tenantId: root!.id, username: admin!.username, roles: ['ADMIN'] };
  });
}
