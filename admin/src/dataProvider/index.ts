import { type DataProvider, HttpError, type RaRecord } from 'react-admin';
import { cases } from './cases.js';
import { type ClientOptions, createClient, type Request } from './client.js';
import { slicesFor } from './paging.js';
import { tenants, tenantStatusDocuments } from './tenants.js';
import type { ResourceDefinition } from './types.js';
import { users, userStatusDocuments } from './users.js';

/** The resources defined here; modules add theirs (AdminModule.dataResources). */
export const resources: Record<string, ResourceDefinition> = { tenants, users, cases };

const nodeDocument = (def: ResourceDefinition) => `query Node($id: ID!) { node(id: $id) { __typename ...${def.detail.name} } }\n${def.detail.text}`;
const nodesDocument = (def: ResourceDefinition) => `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename ...${def.detail.name} } }\n${def.detail.text}`;

/** Every document the provider can send (validated against schema/schema.graphql in the tests). */
export function allDocuments(extra: Record<string, ResourceDefinition> = {}): string[] {
  const docs = Object.values({ ...resources, ...extra }).flatMap((def) => [
    nodeDocument(def),
    nodesDocument(def),
    ...[def.list?.document, def.create?.document, def.update?.document].filter((d): d is string => !!d),
  ]);
  return [...docs, ...Object.values(tenantStatusDocuments), ...Object.values(userStatusDocuments)];
}

type Data = Record<string, any>;

/** What the app does besides CRUD: the state changes that are mutations of their own. */
export interface TianpingDataProvider extends DataProvider {
  /**
   * Any operation of a module's own (documents.ts): actions on a case, the calendar, statistics.
   * Errors arrive as HttpError with `body.errors` per field, like create/update.
   */
  graphql<T = Record<string, any>>(document: string, variables?: Record<string, unknown>): Promise<T>;
  setTenantStatus(params: { id: string; version: number; to: 'SUSPENDED' | 'ACTIVE' }): Promise<{ data: RaRecord }>;
  setUserActive(params: { id: string; version: number; active: boolean }): Promise<{ data: RaRecord }>;
}

/**
 * react-admin's data provider over this schema's Relay connections and node interface (STYLE.md
 * habit 12). Every document is hand-written per resource (./tenants.ts, ./users.ts, ./cases.ts).
 */
export function createDataProvider(options: ClientOptions & { maxPageSize?: number; resources?: Record<string, ResourceDefinition> }): TianpingDataProvider {
  const request: Request = createClient(options);
  const served = { ...resources, ...options.resources };

  const definition = (resource: string): ResourceDefinition => {
    const def = served[resource];
    if (!def) throw new HttpError(`unknown resource ${resource}`, 404, { code: 'NOT_FOUND' });
    return def;
  };
  const record = (def: ResourceDefinition, node: Data): RaRecord => (def.toRecord ? def.toRecord(node) : (node as RaRecord));
  // Shown through react-admin's notification, which translates the key.
  const unsupported = (what: string): never => {
    throw new HttpError('tianping.error.UNSUPPORTED', 405, { code: 'UNSUPPORTED', detail: what });
  };

  async function getList(resource: string, params: Parameters<DataProvider['getList']>[1]) {
    const def = definition(resource);
    if (!def.list) return unsupported(`listing ${resource}`);
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    const vars = def.list.variables({ filter: params.filter ?? {}, sort: params.sort });
    const rows: RaRecord[] = [];
    let total = 0;
    for (const slice of slicesFor(page, perPage, options.maxPageSize)) {
      const data = await request<Data>(def.list.document, { ...vars, first: slice.first, after: slice.after });
      const connection = def.list.connection(data);
      total = connection.totalCount;
      rows.push(...connection.edges.map((e) => record(def, e.node)));
      if (connection.edges.length < slice.first) break;
    }
    return { data: rows, total };
  }

  async function getNodes(def: ResourceDefinition, ids: readonly unknown[]): Promise<RaRecord[]> {
    const data = await request<{ nodes: (Data | null)[] }>(nodesDocument(def), { ids: ids.map(String) });
    return data.nodes.filter((n): n is Data => !!n && n.__typename === def.typename).map((n) => record(def, n));
  }

  const provider: TianpingDataProvider = {
    graphql: (document, variables) => request(document, variables),

    getList: getList as DataProvider['getList'],

    async getOne(resource, params) {
      const def = definition(resource);
      const data = await request<{ node: Data | null }>(nodeDocument(def), { id: String(params.id) });
      // The server answers null for what does not exist and for what the viewer may not see alike.
      if (!data.node || data.node.__typename !== def.typename) throw new HttpError('ra.notification.item_doesnt_exist', 404, { code: 'NOT_FOUND' });
      return { data: record(def, data.node) as any };
    },

    async getMany(resource, params) {
      if (!params.ids.length) return { data: [] };
      return { data: (await getNodes(definition(resource), params.ids)) as any[] };
    },

    async getManyReference(resource, params) {
      return getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }) as any;
    },

    async create(resource, params) {
      const def = definition(resource);
      if (!def.create) return unsupported(`creating ${resource}`);
      const data = await request<Data>(def.create.document, { input: def.create.input(params.data as Data) });
      return { data: record(def, def.create.result(data)) as any };
    },

    async update(resource, params) {
      const def = definition(resource);
      if (!def.update) return unsupported(`editing ${resource}`);
      const input = def.update.input(String(params.id), params.data as Data, (params.previousData ?? {}) as Data);
      const data = await request<Data>(def.update.document, { input });
      return { data: record(def, def.update.result(data)) as any };
    },

    async updateMany() {
      return unsupported('editing several records at once');
    },
    // Nothing is deleted here: tenants are suspended, accounts deactivated, cases closed (Art. 18).
    async delete() {
      return unsupported('deleting');
    },
    async deleteMany() {
      return unsupported('deleting');
    },

    async setTenantStatus({ id, version, to }) {
      const document = to === 'SUSPENDED' ? tenantStatusDocuments.suspend : tenantStatusDocuments.reactivate;
      const data = await request<Data>(document, { input: { id, version } });
      return { data: record(tenants, (data.suspendTenant ?? data.reactivateTenant).tenant) };
    },

    async setUserActive({ id, version, active }) {
      const document = active ? userStatusDocuments.reactivate : userStatusDocuments.deactivate;
      const data = await request<Data>(document, { input: { id, version } });
      return { data: record(users, (data.reactivateUser ?? data.deactivateUser).user) };
    },
  };
  return provider;
}
