import { type SQL, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Database, rowsOf, type Tx } from '../server/db/client.js';
import { APP_ROLE, withTenant } from '../server/db/with-tenant.js';
import { backend, startTestApp, type TestApp } from './helpers.js';

/**
 * The database as the last line of tenant isolation: with the application code out of the way,
 * the role every request runs as, the row-level security policies and the closure trigger must
 * hold on their own. Raw SQL throughout; expectations come from the tree as the owner reads it.
 */

// Not the role's default (15s), so a match proves the value comes from the configuration.
const STATEMENT_TIMEOUT_MS = 12_345;
const IDLE_TIMEOUT_MS = 23_456;

interface Tree {
  tenants: { id: string; slug: string; parentId: string | null; depth: number }[];
  users: { id: string; username: string; tenantId: string }[];
}

let t: TestApp;

const owner = async <T>(query: SQL) => rowsOf<T>(await t.database.db.execute(query));
const txRows = async <T>(tx: Tx, query: SQL) => rowsOf<T>(await tx.execute(query));

async function readTree(): Promise<Tree> {
  const tenants = await owner<{ id: string; slug: string; parent_id: string | null; depth: number }>(
    sql`select id::text, slug, parent_id::text, depth from tenants`,
  );
  const users = await owner<{ id: string; username: string; tenant_id: string }>(sql`select id::text, username, tenant_id::text from users`);
  return {
    tenants: tenants.map((r) => ({ id: r.id, slug: r.slug, parentId: r.parent_id, depth: r.depth })),
    users: users.map((r) => ({ id: r.id, username: r.username, tenantId: r.tenant_id })),
  };
}

/** The tenant itself, then each ancestor up to the root. */
function chainUp(tree: Tree, tenantId: string): string[] {
  const parentOf = new Map(tree.tenants.map((x) => [x.id, x.parentId]));
  const chain: string[] = [];
  for (let id: string | null | undefined = tenantId; id; id = parentOf.get(id)) {
    if (chain.includes(id)) throw new Error(`cycle at ${id}`);
    chain.push(id);
  }
  return chain;
}

/** The closure computed from parent ids alone, as sorted "ancestor>descendant@depth" strings. */
function closureOf(tree: Tree): string[] {
  return tree.tenants.flatMap((x) => chainUp(tree, x.id).map((a, depth) => `${a}>${x.id}@${depth}`)).sort();
}

/** What the application role must see with `app.tenant_id` set to `tenantId`, table by table. */
function expectedCounts(tree: Tree, tenantId: string) {
  const subtree = tree.tenants.filter((x) => chainUp(tree, x.id).includes(tenantId)).map((x) => x.id);
  const visible = new Set([...subtree, ...chainUp(tree, tenantId)]);
  return {
    tenants: visible.size,
    users: tree.users.filter((u) => subtree.includes(u.tenantId)).length,
    // Every closure row of a visible descendant: one per element of its chain.
    closure: [...visible].reduce((n, id) => n + chainUp(tree, id).length, 0),
  };
}

const COUNT_COLUMNS = `(select count(*) from tenants)::int as tenants, (select count(*) from users)::int as users,
  (select count(*) from tenant_closure)::int as closure`;
const COUNTS = `select ${COUNT_COLUMNS}`;

/** One physical connection as the owner, raw statements with bound parameters. */
interface Session {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  release(): void;
}

async function ownerSession(database: Database): Promise<Session> {
  if (database.kind === 'postgres') {
    const c = await database.sql!.reserve();
    return { query: async (text, params = []) => [...(await c.unsafe(text, params as never[]))] as never, release: () => c.release() };
  }
  const p = database.pglite!; // one connection anyway
  return { query: async (text, params = []) => (await p.query(text, params)).rows as never, release: () => {} };
}

/** A transaction on `s` as the application role with the given settings (all local to it). */
async function asAppRole<T>(s: Session, settings: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  await s.query('begin');
  try {
    await s.query(`select set_config('role', $1, true)`, [APP_ROLE]);
    for (const [name, value] of Object.entries(settings)) await s.query('select set_config($1, $2, true)', [name, value]);
    const result = await fn();
    await s.query('commit');
    return result;
  } catch (err) {
    await s.query('rollback');
    throw err;
  }
}

/** SQLSTATE and message of a rejected statement, through drizzle's wrapping. */
async function pgErrorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(
    () => { throw new Error('expected the statement to be refused'); },
    (e: unknown) => e as { code?: string; message: string; cause?: { code?: string; message: string } },
  );
  const pg = err.cause?.code ? err.cause : err;
  return { code: String(pg.code), message: pg.message };
}

const opts = () => ({ statementTimeoutMs: t.config.statementTimeoutMs, idleInTransactionTimeoutMs: t.config.idleInTransactionTimeoutMs });
const idOf = (tree: Tree, slug: string) => tree.tenants.find((x) => x.slug === slug)!.id;
function viewerOf(tree: Tree, username: string) {
  const u = tree.users.find((x) => x.username === username)!;
  return { tenantId: u.tenantId, userId: u.id };
}

/** Runs `fn` in a request transaction and rolls it back, whatever it did. */
async function rolledBack<T>(viewer: { tenantId: string; userId: string } | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const undo = new Error('undo');
  let value: T | undefined;
  await withTenant(t.database.db, viewer, opts(), async (tx) => {
    value = await fn(tx);
    throw undo;
  }).catch((e) => {
    if (e !== undo) throw e;
  });
  return value as T;
}

let tree: Tree;

beforeAll(async () => {
  t = await startTestApp({ STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS), IDLE_IN_TRANSACTION_TIMEOUT_MS: String(IDLE_TIMEOUT_MS) });
  tree = await readTree();
});
afterAll(() => t?.close());

describe('the application role, by hand', () => {
  let s: Session;
  beforeAll(async () => {
    s = await ownerSession(t.database);
  });
  afterAll(() => s?.release());

  test('with no context it sees no rows and cannot read login_throttle at all', async () => {
    expect(await asAppRole(s, {}, () => s.query(COUNTS))).toEqual([{ tenants: 0, users: 0, closure: 0 }]);
    const refused = await pgErrorOf(asAppRole(s, {}, () => s.query('select count(*) from login_throttle')));
    expect(refused).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
  });

  test('a tenant context ends with its transaction: the next one on the same connection sees nothing', async () => {
    const yubei = idOf(tree, 'yubei');
    const inside = await asAppRole(s, { 'app.tenant_id': yubei }, () => s.query(COUNTS));
    expect(inside).toEqual([expectedCounts(tree, yubei)]);

    const after = await asAppRole(s, {}, () =>
      s.query(`select current_user as who, current_setting('app.tenant_id', true) as tenant, ${COUNT_COLUMNS}`),
    );
    expect(after).toEqual([{ who: APP_ROLE, tenant: '', tenants: 0, users: 0, closure: 0 }]);

    expect(await asAppRole(s, { 'app.tenant_id': '' }, () => s.query(COUNTS))).toEqual([{ tenants: 0, users: 0, closure: 0 }]);
  });
});

describe('catalogue', () => {
  test('every table in public has row-level security enabled and forced', async () => {
    const tables = await owner<{ name: string; rls: boolean; forced: boolean }>(sql`
      select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')`);
    const withTenantId = await owner<{ name: string }>(sql`
      select c.table_name as name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'`);
    const names = tables.map((x) => x.name);
    const mustBeThere = ['tenants', 'tenant_closure', 'users', 'login_throttle', ...withTenantId.map((x) => x.name)];
    expect(names).toEqual(expect.arrayContaining(mustBeThere));
    expect(withTenantId.map((x) => x.name)).toContain('users');
    expect(Object.fromEntries(tables.map((x) => [x.name, [x.rls, x.forced]])))
      .toEqual(Object.fromEntries(names.map((n) => [n, [true, true]])));
    // The public views (public_tenants, …) are the deliberate, owner-defined way to the public
    // part; they are views, not tables. Drizzle's migration bookkeeping lives outside public.
    expect(await owner(sql`select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = '__drizzle_migrations'`))
      .toEqual([{ nspname: 'drizzle' }]);
  });

  test('tianping_app is unprivileged, belongs to no other role and owns nothing', async () => {
    expect(await owner(sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ${APP_ROLE}`))
      .toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
    expect(await owner(sql`
      select count(*)::int as n from pg_auth_members m join pg_roles r on r.oid = m.member where r.rolname = ${APP_ROLE}`)).toEqual([{ n: 0 }]);
    expect(await owner(sql`
      select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ${APP_ROLE}`)).toEqual([{ n: 0 }]);
  });
});

describe('request transactions (withTenant)', () => {
  test('run as tianping_app with the configured timeouts and the viewer set, and leave nothing behind', async () => {
    const viewer = viewerOf(tree, 'yubei.admin');
    const probe = sql`select current_user as who, current_setting('statement_timeout') as statement_timeout,
      current_setting('idle_in_transaction_session_timeout') as idle_timeout,
      current_setting('app.tenant_id', true) as tenant, current_setting('app.user_id', true) as "user"`;
    const [inside] = await withTenant(t.database.db, viewer, opts(), (tx) => txRows(tx, probe));
    expect(inside).toEqual({
      who: APP_ROLE,
      statement_timeout: `${STATEMENT_TIMEOUT_MS}ms`,
      idle_timeout: `${IDLE_TIMEOUT_MS}ms`,
      tenant: viewer.tenantId,
      user: viewer.userId,
    });
    const counts = await withTenant(t.database.db, viewer, opts(), (tx) => txRows(tx, sql.raw(COUNTS)));
    expect(counts).toEqual([expectedCounts(tree, viewer.tenantId)]);

    const anonymousProbe = sql.raw(`select current_user as who, ${COUNT_COLUMNS}`);
    const [anonymous] = await withTenant(t.database.db, null, opts(), (tx) => txRows(tx, anonymousProbe));
    expect(anonymous).toEqual({ who: APP_ROLE, tenants: 0, users: 0, closure: 0 });

    const [afterwards] = await owner<{ who: string; tenant: string | null }>(
      sql`select current_user as who, current_setting('app.tenant_id', true) as tenant`,
    );
    expect(afterwards!.who).not.toBe(APP_ROLE);
    expect(['', null]).toContain(afterwards!.tenant);
  });

  test('as yubei, nothing outside its subtree can be updated, nothing deleted, no user added elsewhere', async () => {
    const viewer = viewerOf(tree, 'yubei.admin');
    const [yuzhong, cq, longxi] = [idOf(tree, 'yuzhong'), idOf(tree, 'cq'), idOf(tree, 'yubei-longxi')];
    const touch = (id: string) => sql`update tenants set name = name where id = ${id} returning slug`;
    const updated = await rolledBack(viewer, async (tx) => ({
      yuzhong: await txRows(tx, touch(yuzhong)),
      root: await txRows(tx, touch(cq)),
      longxi: await txRows(tx, touch(longxi)),
      yuzhongUsers: await txRows(tx, sql`update users set display_name = display_name where tenant_id = ${yuzhong} returning id`),
    }));
    expect(updated).toEqual({ yuzhong: [], root: [], longxi: [{ slug: 'yubei-longxi' }], yuzhongUsers: [] });

    const deleted = await pgErrorOf(rolledBack(viewer, (tx) => tx.execute(sql`delete from tenants where id = ${longxi}`)));
    expect(deleted).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });

    const newUser = (tenantId: string) => sql`
      insert into users (tenant_id, username, display_name, password_hash)
      values (${tenantId}, ${`backstop.${tenantId.slice(0, 8)}`}, 'backstop', 'x') returning username`;
    const refused = await pgErrorOf(rolledBack(viewer, (tx) => tx.execute(newUser(yuzhong))));
    expect(refused).toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });
    expect(await rolledBack(viewer, (tx) => txRows(tx, newUser(longxi)))).toHaveLength(1);

    const newTenant = await pgErrorOf(rolledBack(viewer, (tx) => tx.execute(
      sql`insert into tenants (parent_id, kind, slug, name) values (${yuzhong}, 'LAW_FIRM', 'backstop-firm', 'backstop')`)));
    expect(newTenant).toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });
  });

  test('as yubei, a tenant of its subtree cannot be moved out of it', async () => {
    const viewer = viewerOf(tree, 'yubei.admin');
    const [cq, longxi] = [idOf(tree, 'cq'), idOf(tree, 'yubei-longxi')];
    const moved = await rolledBack(viewer, (tx) => txRows(tx, sql`update tenants set parent_id = ${cq} where id = ${longxi} returning slug`))
      .catch((err: unknown) => err);
    // Refused outright or no row touched: either way the office stays in the district.
    expect(moved instanceof Error ? [] : moved).toEqual([]);
  });
});

describe('closure table', () => {
  const add = async (slug: string, parentSlug: string) => {
    const [row] = await owner<{ id: string }>(sql`
      insert into tenants (parent_id, kind, slug, name)
      values ((select id from tenants where slug = ${parentSlug}), 'JUDICIAL_OFFICE', ${slug}, ${slug}) returning id::text`);
    return row!.id;
  };
  const move = (id: string, parentId: string) => owner(sql`update tenants set parent_id = ${parentId} where id = ${id}`);

  async function expectConsistent() {
    const now = await readTree();
    const stored = await owner<{ a: string; d: string; depth: number }>(sql`select ancestor_id::text as a, descendant_id::text as d, depth from tenant_closure`);
    expect(stored.map((r) => `${r.a}>${r.d}@${r.depth}`).sort()).toEqual(closureOf(now));
    expect(Object.fromEntries(now.tenants.map((x) => [x.slug, x.depth]))).toEqual(
      Object.fromEntries(now.tenants.map((x) => [x.slug, chainUp(now, x.id).length - 1])),
    );
  }

  test('follows moves of whole subtrees, and refuses a move into the own subtree', async () => {
    const a = await add('bs-a', 'jiangbei');
    const b = await add('bs-b', 'bs-a');
    const c = await add('bs-c', 'bs-b');
    const d = await add('bs-d', 'bs-a');
    const x = await add('bs-x', 'shapingba');
    await expectConsistent();

    await move(b, x); // b and c change district
    await expectConsistent();
    await move(a, idOf(tree, 'yubei-longxi')); // the whole of a, into another district and one level deeper
    await expectConsistent();
    await move(b, d);
    await expectConsistent();

    for (const [id, parent] of [[a, c], [a, a], [b, c]] as const) {
      const refused = await pgErrorOf(move(id, parent));
      expect(refused).toMatchObject({ code: '23514', message: expect.stringMatching(/own subtree/) });
    }
    await expectConsistent();
  });
});

/** Starts a request as `viewer` that sleeps in the database, terminates its backend mid-sleep, returns the request's outcome. */
async function terminateMidRequest(admin: postgres.Sql, viewer: { tenantId: string; userId: string }): Promise<unknown> {
  const request = withTenant(t.database.db, viewer, opts(), (tx) => tx.execute(sql`select pg_sleep(5)`)).then(
    () => 'completed',
    (err: unknown) => err,
  );
  let pid: number | undefined;
  for (let i = 0; i < 100 && pid === undefined; i++) {
    const [row] = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity
      where datname = current_database() and state = 'active' and query like '%pg_sleep%' and pid <> pg_backend_pid()`;
    if (row) pid = row.pid;
    else await new Promise((r) => setTimeout(r, 50));
  }
  expect(pid, 'the sleeping request never showed up in pg_stat_activity').toBeDefined();
  await admin`select pg_terminate_backend(${pid!})`;
  return request;
}

describe.skipIf(backend === 'pglite')('a backend terminated mid-request (PostgreSQL; postgres.js #1204, #1216)', () => {
  let admin: postgres.Sql;
  let now: Tree;
  const probe = sql.raw(`select current_user as who, current_setting('app.tenant_id', true) as tenant, ${COUNT_COLUMNS}`);
  const run = (viewer: { tenantId: string; userId: string } | null) => withTenant(t.database.db, viewer, opts(), (tx) => txRows(tx, probe));
  const seenBy = (viewer: { tenantId: string } | null) =>
    viewer ? [{ who: APP_ROLE, tenant: viewer.tenantId, ...expectedCounts(now, viewer.tenantId) }] : [{ who: APP_ROLE, tenant: '', tenants: 0, users: 0, closure: 0 }];

  beforeAll(async () => {
    admin = postgres((t.config.database as { url: string }).url, { max: 1, onnotice: () => {} });
    now = await readTree(); // earlier tests moved tenants
  });
  afterAll(() => admin?.end());

  test('the interrupted request fails and no later request runs in its tenant context', async () => {
    const [a, b] = [viewerOf(now, 'yuzhong.admin'), viewerOf(now, 'yubei.admin')];
    expect(await terminateMidRequest(admin, a)).toBeInstanceOf(Error);
    for (let round = 0; round < 5; round++) {
      expect(await run(null)).toEqual(seenBy(null));
      expect(await run(b)).toEqual(seenBy(b));
    }
  });

  test('every connection of the pool serves requests again afterwards', async () => {
    const [a, b] = [viewerOf(now, 'yuzhong.admin'), viewerOf(now, 'yubei.admin')];
    expect(await terminateMidRequest(admin, a)).toBeInstanceOf(Error);
    const poolMax = t.config.database.kind === 'postgres' ? t.config.database.poolMax : 1;
    // As many requests at once as the pool has connections, so the replaced one must serve too.
    const viewers = Array.from({ length: poolMax }, (_, i) => (i % 2 ? b : null));
    expect(await Promise.all(viewers.map(run))).toEqual(viewers.map(seenBy));
  });
});
