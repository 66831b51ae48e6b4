import type { Config } from '../server/config.js';
import type { Database } from '../server/db/client.js';
import { runAs } from '../server/usecases/context.js';
import { bootstrapRoot } from '../server/usecases/platform/bootstrap-root.js';
import { createTenant } from '../server/usecases/tenants/create-tenant.js';
import { createUser } from '../server/usecases/users/create-user.js';
import { adoptServiceItemTemplate } from '../server/usecases/catalogue/adopt-template.js';
import { createServiceItem } from '../server/usecases/catalogue/create-service-item.js';
import { publishServiceItem } from '../server/usecases/catalogue/publish-service-item.js';
import { updateServiceItem } from '../server/usecases/catalogue/update-service-item.js';
import { createCommitment, setResponseTimeDefaults } from '../server/usecases/commitments/commitments.js';
import type { CommandContext } from '../server/usecases/context.js';
import { createPhrase } from '../server/usecases/phrases/phrase-library.js';
import { COMMITMENTS, PHRASES, RESPONSE_TIME_DEFAULTS, TEMPLATES, TENANT_ITEMS } from './demo-catalogue.js';
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from './demo-data.js';
import { seedDemoCases } from './demo-cases.js';
import { seedDemoIncidents } from './demo-incidents.js';
import { seedDemoContacts } from './demo-contacts.js';
import { ensureHolidayYears } from './holidays.js';

/**
 * Seeds the Chongqing demo into an empty database: the root and its admin by bootstrap, the rest
 * through the same commands the API uses, as city.admin, so every rule and trigger applies.
 */
export async function seedDemo(database: Database, config: Config): Promise<{ tenants: number; users: number; serviceItems: number; cases: number; incidents: number; contacts: number }> {
  const [rootSpec, ...others] = DEMO_TENANTS;
  const [rootAdmin, ...otherUsers] = DEMO_USERS;
  const { slug, name, parent: _p, kind: _k, ...profile } = rootSpec!;
  const viewer = await bootstrapRoot(database.db, {
    tenant: { slug, name, ...profile },
    admin: { username: rootAdmin!.username, displayName: rootAdmin!.displayName, password: DEMO_PASSWORD, phone: rootAdmin!.phone },
  });
  await ensureHolidayYears(database.db);
  const ids = new Map<string, string>([[slug, viewer.tenantId]]);
  await runAs(database, config, viewer, async (ctx) => {
    for (const t of others) {
      const { parent, ...fields } = t;
      const row = await createTenant(ctx, { ...fields, parentId: ids.get(parent!)! });
      ids.set(t.slug, row.id);
    }
    for (const p of PHRASES) {
      await createPhrase(ctx, { tenantId: ids.get(p.tenant)!, kind: p.kind, text: p.text, note: p.note });
    }
    await setResponseTimeDefaults(ctx, RESPONSE_TIME_DEFAULTS);
    await seedCatalogue(ctx, ids);
    for (const c of COMMITMENTS) {
      await createCommitment(ctx, {
        tenantId: ids.get(c.tenant)!,
        kind: c.kind,
        title: c.title,
        body: c.body,
        metric: c.metric ?? null,
        target: c.target ?? null,
        published: c.published,
      });
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
  const cases = await seedDemoCases(database, config);
  const incidents = await seedDemoIncidents(database, config);
  const contacts = await seedDemoContacts(database, config);
  return { tenants: DEMO_TENANTS.length, users: DEMO_USERS.length, serviceItems: TEMPLATES.length + TENANT_ITEMS.length, cases, incidents, contacts };
}

/** Root templates first (published), then each tenant's items: adopted, adapted or its own. */
async function seedCatalogue(ctx: CommandContext, ids: Map<string, string>): Promise<void> {
  const templates = new Map<string, string>();
  for (const content of TEMPLATES) {
    const item = await createServiceItem(ctx, { tenantId: ids.get('cq')!, isTemplate: true, content });
    await publishServiceItem(ctx, { id: item.id, version: item.version });
    templates.set(content.code, item.id);
  }
  for (const seed of TENANT_ITEMS) {
    const tenantId = ids.get(seed.tenant)!;
    let item = seed.adoptTemplate
      ? await adoptServiceItemTemplate(ctx, { templateId: templates.get(seed.adoptTemplate)!, tenantId })
      : await createServiceItem(ctx, { tenantId, content: seed.content });
    if (seed.adoptTemplate && seed.content) {
      item = await updateServiceItem(ctx, { id: item.id, version: item.version, content: { ...seed.content, code: item.code } });
    }
    if (seed.publish) await publishServiceItem(ctx, { id: item.id, version: item.version });
  }
}
