import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_USERS } from '../seeds/demo-data.js';
import { rowsOf } from '../server/db/client.js';
import { encodeGlobalId } from '../server/graphql/global-id.js';
import { type GqlResult, onlyError, startTestApp, type TestApp } from './helpers.js';

/**
 * The isolation matrix: every demo user against every tenant and every user of the demo tree.
 * What each viewer may see is computed here from the raw tree (read as the owner), independently
 * of the product's access code, and compared with what the API returns through every entry
 * point: the lists, `node`, `nodes` and `tenant(slug:)`.
 */

interface TenantRec {
  id: string;
  slug: string;
  parentId: string | null;
}
interface UserRec {
  id: string;
  username: string;
  tenantId: string;
  roles: string[];
}
interface World {
  tenants: TenantRec[];
  users: UserRec[];
  parentOf: Map<string, string | null>;
}

async function readWorld(t: TestApp): Promise<World> {
  const tenants = rowsOf<{ id: string; slug: string; parent_id: string | null }>(
    await t.database.db.execute(sql`select id::text, slug, parent_id::text from tenants`),
  ).map((r) => ({ id: r.id, slug: r.slug, parentId: r.parent_id }));
  const users = rowsOf<{ id: string; username: string; tenant_id: string; roles: string }>(
    await t.database.db.execute(sql`select id::text, username, tenant_id::text, array_to_string(roles, ',') as roles from users`),
  ).map((r) => ({ id: r.id, username: r.username, tenantId: r.tenant_id, roles: r.roles.split(',').filter(Boolean) }));
  return { tenants, users, parentOf: new Map(tenants.map((x) => [x.id, x.parentId])) };
}

/** The tenant itself, then its parent, up to the root. */
function chainUp(world: World, tenantId: string): string[] {
  const chain: string[] = [];
  for (let id: string | null | undefined = tenantId; id; id = world.parentOf.get(id)) {
    if (chain.includes(id)) throw new Error(`cycle in the tenant tree at ${id}`);
    chain.push(id);
  }
  return chain;
}

function subtreeOf(world: World, tenantId: string): Set<string> {
  return new Set(world.tenants.filter((x) => chainUp(world, x.id).includes(tenantId)).map((x) => x.id));
}

/**
 * Tenants: the viewer tenant's subtree and its ancestors. Users: the subtree's for admins and
 * supervisors, the own tenant's for staff.
 */
function expectedFor(world: World, viewer: UserRec): Expected {
  const subtree = subtreeOf(world, viewer.tenantId);
  const tenantIds = new Set([...subtree, ...chainUp(world, viewer.tenantId)]);
  const seesSubtree = viewer.roles.includes('ADMIN') || viewer.roles.includes('SUPERVISOR');
  const userIds = new Set(
    world.users.filter((u) => (seesSubtree ? subtree.has(u.tenantId) : u.tenantId === viewer.tenantId)).map((u) => u.id),
  );
  return { tenantIds, userIds };
}

interface Expected {
  tenantIds: Set<string>;
  userIds: Set<string>;
}
interface Probe {
  label: string;
  globalId: string;
  visible: (e: Expected) => boolean;
}

/** Every tenant and user by global id, plus well-formed ids of objects that do not exist. */
function probesOf(world: World): Probe[] {
  const root = world.tenants.find((x) => x.parentId === null)!;
  const never = () => false;
  return [
    ...world.tenants.map((x) => ({
      label: `Tenant:${x.slug}`,
      globalId: encodeGlobalId('Tenant', x.id),
      visible: (e: Expected) => e.tenantIds.has(x.id),
    })),
    ...world.users.map((u) => ({
      label: `User:${u.username}`,
      globalId: encodeGlobalId('User', u.id),
      visible: (e: Expected) => e.userIds.has(u.id),
    })),
    { label: 'nonexistent Tenant', globalId: encodeGlobalId('Tenant', randomUUID()), visible: never },
    { label: 'nonexistent User', globalId: encodeGlobalId('User', randomUUID()), visible: never },
    { label: 'root tenant id typed as User', globalId: encodeGlobalId('User', root.id), visible: never },
  ];
}

/** Ids that are not well-formed ids of a node type; each must read as "does not exist". */
const MALFORMED_IDS = [
  'not a global id!',
  Buffer.from('Tenant:cq').toString('base64url'),
  encodeGlobalId('Case', randomUUID()),
  encodeGlobalId('PageInfo', randomUUID()),
];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The configured alias limit (MAX_ALIASES) is 20. */
const ALIASES_PER_QUERY = 20;

function ok<T>(r: GqlResult<T>): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}

/** One `field(arg: value)` per value, batched as aliases; the results in order. */
async function aliased<R>(token: string | null, field: string, arg: string, type: string, values: readonly string[], selection: string) {
  const out: (R | null)[] = [];
  for (const chunk of chunks(values, ALIASES_PER_QUERY)) {
    const vars = chunk.map((_, i) => `$v${i}: ${type}`).join(', ');
    const fields = chunk.map((_, i) => `a${i}: ${field}(${arg}: $v${i}) ${selection}`).join(' ');
    const variables = Object.fromEntries(chunk.map((v, i) => [`v${i}`, v]));
    const data = ok(await t.gql<Record<string, R | null>>(`query(${vars}) { ${fields} }`, variables, token));
    out.push(...chunk.map((_, i) => data[`a${i}`] ?? null));
  }
  return out;
}

/** `node(id:)` for each id; the id each one resolved to, or null. */
async function nodeOneByOne(ids: readonly string[], token: string | null): Promise<(string | null)[]> {
  return (await aliased<{ id: string }>(token, 'node', 'id', 'ID!', ids, '{ id }')).map((n) => n?.id ?? null);
}

const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
const sorted = (items: Iterable<string>) => [...items].sort();

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await startTestApp();
  world = await readWorld(t);
});
afterAll(() => t?.close());

test('the demo tree is what the matrix assumes', () => {
  expect(sorted(world.users.map((u) => u.username))).toEqual(sorted(DEMO_USERS.map((u) => u.username)));
  expect(world.tenants.filter((x) => x.parentId === null)).toHaveLength(1);
  // Both kinds of outcome must occur, or the matrix proves little.
  const counts = DEMO_USERS.map((d) => expectedFor(world, world.users.find((u) => u.username === d.username)!).tenantIds.size);
  expect(Math.max(...counts)).toBe(world.tenants.length);
  expect(Math.min(...counts)).toBeLessThan(world.tenants.length);
});

describe.each(DEMO_USERS.map((u) => u.username))('%s', (username) => {
  let token: string;
  let viewer: UserRec;
  let expected: Expected;

  beforeAll(async () => {
    token = await t.login(username);
    viewer = world.users.find((u) => u.username === username)!;
    expected = expectedFor(world, viewer);
  });

  test('tenants lists exactly its subtree and ancestors', async () => {
    const data = ok(await t.gql<{ tenants: { totalCount: number; edges: { node: { slug: string } }[] } }>(
      '{ tenants(first: 100) { totalCount edges { node { slug } } } }', {}, token));
    const want = sorted(world.tenants.filter((x) => expected.tenantIds.has(x.id)).map((x) => x.slug));
    expect(sorted(data.tenants.edges.map((e) => e.node.slug))).toEqual(want);
    expect(data.tenants.totalCount).toBe(want.length);
  });

  test('users lists exactly the accounts its roles allow', async () => {
    const data = ok(await t.gql<{ users: { totalCount: number; edges: { node: { username: string } }[] } }>(
      '{ users(first: 100) { totalCount edges { node { username } } } }', {}, token));
    const want = sorted(world.users.filter((u) => expected.userIds.has(u.id)).map((u) => u.username));
    expect(sorted(data.users.edges.map((e) => e.node.username))).toEqual(want);
    expect(data.users.totalCount).toBe(want.length);
  });

  test('nodes and node return visible objects and null for everything else', async () => {
    const probes = probesOf(world);
    const ids = probes.map((p) => p.globalId);
    const want = Object.fromEntries(probes.map((p) => [p.label, p.visible(expected) ? p.globalId : null]));

    const data = ok(await t.gql<{ nodes: ({ id: string } | null)[] }>(NODES, { ids }, token));
    expect(Object.fromEntries(probes.map((p, i) => [p.label, data.nodes[i]?.id ?? null]))).toEqual(want);

    const single = await nodeOneByOne(ids, token);
    expect(Object.fromEntries(probes.map((p, i) => [p.label, single[i]]))).toEqual(want);
  });

  test('tenant(slug:) returns exactly the visible tenants', async () => {
    const slugs = world.tenants.map((x) => x.slug);
    const found = await aliased<{ id: string; slug: string }>(token, 'tenant', 'slug', 'String!', slugs, '{ id slug }');
    const want = Object.fromEntries(
      world.tenants.map((x) => [x.slug, expected.tenantIds.has(x.id) ? { id: encodeGlobalId('Tenant', x.id), slug: x.slug } : null]),
    );
    expect(Object.fromEntries(world.tenants.map((x, i) => [x.slug, found[i]]))).toEqual(want);
  });
});

test('malformed and unknown-type ids resolve to null with no error, signed in or not', async () => {
  const token = await t.login('city.admin');
  for (const viewerToken of [token, null]) {
    for (const id of MALFORMED_IDS) {
      const r = await t.gql('query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }', { id }, viewerToken);
      expect({ id, errors: r.errors, data: r.data }).toEqual({ id, errors: undefined, data: { node: null, nodes: [null] } });
    }
  }
});

describe('anonymous', () => {
  test('tenants and users refuse with UNAUTHENTICATED', async () => {
    expect(onlyError(await t.gql('{ tenants(first: 100) { totalCount } }')).extensions?.code).toBe('UNAUTHENTICATED');
    expect(onlyError(await t.gql('{ users(first: 100) { totalCount } }')).extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('node and nodes return null for every id', async () => {
    const ids = probesOf(world).map((p) => p.globalId);
    const data = ok(await t.gql<{ nodes: unknown[] }>(NODES, { ids }, null));
    expect(data.nodes).toEqual(ids.map(() => null));
    expect(await nodeOneByOne(ids, null)).toEqual(ids.map(() => null));
  });
});
