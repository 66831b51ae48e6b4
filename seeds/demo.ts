import type { Config } from '../server/config.js';
import type { Database } from '../server/db/client.js';
import { runAs } from '../server/usecases/context.js';
import { bootstrapRoot } from '../server/usecases/platform/bootstrap-root.js';
import { createTenant } from '../server/usecases/tenants/create-tenant.js';
import { createUser } from '../server/usecases/users/create-user.js';
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from './demo-data.js';

/**
 * Seeds the Chongqing demo into an empty database: the root and its admin by bootstrap, the rest
 * through the same commands the API uses, as city.admin, so every rule and trigger applies.
 */
export async function seedDemo(database: Database, config: Config): Promise<{ tenants: number; users: number }> {
  const [rootSpec, ...others] = DEMO_TENANTS;
  const [rootAdmin, ...otherUsers] = DEMO_USERS;
  const { slug, name, parent: _p, kind: _k, ...profile } = rootSpec!;
  const viewer = await bootstrapRoot(database.db, {
    tenant: { slug, name, ...profile },
    admin: { username: rootAdmin!.username, displayName: rootAdmin!.displayName, password: DEMO_PASSWORD, phone: rootAdmin!.phone },
  });
  const ids = new Map<string, string>([[slug, viewer.tenantId]]);
  await runAs(database, config, viewer, async (ctx) => {
    for (const t of others) {
      const { parent, ...fields } = t;
      const row = await createTenant(ctx, { ...fields, parentId: ids.get(parent!)! });
      ids.set(t.slug, row.id);
    }
    for (const u of otherUsers) {
      await createUser(ctx, {
        tenantId: ids.get(u.tenant)!,
        username: u.username,
        displayName: u.displayName,
        phone: u.phone ?? null,
        roles: u.roles,
        password: DEMO_PASSWORD,
      });
    }
  });
  return { tenants: DEMO_TENANTS.length, users: DEMO_USERS.length };
}
