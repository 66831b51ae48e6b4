import SchemaBuilder from '@pothos/core';
import { isCivilDate } from '../domain/calendar/civil-date.js';
import { type GraphQLSchema, isObjectType } from 'graphql';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { hasRole } from '../domain/tenancy/access.js';
import { forbidden, unauthenticated } from '../domain/shared/errors.js';
import type { RequestContext } from './context.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';

/** The schema builder and its plugins. Defines no types (STYLE.md habit 1). */
export const builder = new SchemaBuilder<{
  Context: RequestContext;
  AuthScopes: { authenticated: boolean; admin: boolean; supervisor: boolean; staff: boolean; caseworker: boolean };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}>({
  // scope-auth first, so authorization runs before anything else resolves (STACK.md).
  plugins: [ScopeAuthPlugin, RelayPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      authenticated: !!ctx.viewer,
      admin: hasRole(ctx.viewer, 'ADMIN'),
      supervisor: hasRole(ctx.viewer, 'SUPERVISOR'),
      staff: hasRole(ctx.viewer, 'STAFF'),
      // Who takes in and handles cases: STAFF and SUPERVISORs (the use cases check the tenant).
      caseworker: hasRole(ctx.viewer, 'STAFF') || hasRole(ctx.viewer, 'SUPERVISOR'),
    }),
    unauthorizedError: (_parent, ctx) => (ctx.viewer ? forbidden() : unauthenticated()),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, String(id)),
    decodeGlobalID: (globalId) => decodeGlobalId(globalId) ?? { typename: '', id: '' },
    // Unknown or malformed ids, and ids of types that are not nodes, resolve to null, exactly
    // like ids the viewer may not see; one bad id never fails a `nodes` list.
    nodeQueryOptions: {
      nullable: true,
      resolve: (_root, { id }, _ctx, info, resolveNode) => (isNodeType(info.schema, id.typename) ? resolveNode(id) : null),
    },
    nodesQueryOptions: {
      nullable: { list: false, items: true },
      resolve: async (_root, args, _ctx, info, resolveNodes) => {
        const ids = args.ids;
        const loadable = ids.filter((id) => isNodeType(info.schema, id.typename));
        // The plugin's callback loads `args.ids` whatever it is given (relay 4.8.1): narrow them.
        args.ids = loadable;
        const loaded = await resolveNodes(loadable);
        const byKey = new Map(loadable.map((id, i) => [`${id.typename}:${id.id}`, loaded[i]]));
        return ids.map((id) => byKey.get(`${id.typename}:${id.id}`) ?? null);
      },
    },
    nodeTypeOptions: { description: 'An object with a global id. `node`/`nodes` return null for ids you may not see.' },
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

builder.scalarType('JSON', {
  description: 'A JSON value (form field configuration and submitted form data).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string in UTC.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const d = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(d.getTime())) throw new TypeError('DateTime must be an ISO 8601 string');
    return d;
  },
});

builder.scalarType('Date', {
  description: 'A calendar day in Asia/Shanghai, as YYYY-MM-DD.',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !isCivilDate(value)) throw new TypeError('Date must be a day as YYYY-MM-DD');
    return value;
  },
});

function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = typename ? schema.getType(typename) : undefined;
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}
