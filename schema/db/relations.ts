import { defineRelations } from 'drizzle-orm';
import * as schema from './index.js';

export const relations = defineRelations(schema, (r) => ({
  tenants: {
    parent: r.one.tenants({ from: r.tenants.parentId, to: r.tenants.id, alias: 'tenant_parent' }),
    children: r.many.tenants({ alias: 'tenant_parent' }),
    users: r.many.users(),
  },
  users: {
    tenant: r.one.tenants({ from: r.users.tenantId, to: r.tenants.id, optional: false }),
  },
}));
