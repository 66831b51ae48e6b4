import { describe, expect, test, vi } from 'vitest';
import { CSRF_HEADER, createClient, toHttpError } from './client.js';
import { createDataProvider } from './index.js';
import { offsetCursor, slicesFor } from './paging.js';

interface Sent {
  url: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, any>;
}

/** A fetch that records each request and answers from a list (or a function of the request). */
function mockFetch(answers: (Sent: Sent) => { status?: number; body: unknown }) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body));
    const s: Sent = { url: String(url), headers: init?.headers as Record<string, string>, query: body.query, variables: body.variables ?? {} };
    sent.push(s);
    const answer = answers(s);
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const connection = (field: string, nodes: Record<string, unknown>[], totalCount: number) => ({
  body: { data: { [field]: { totalCount, edges: nodes.map((node) => ({ node })) } } },
});

const provider = (fetch: typeof globalThis.fetch, token: string | null = 'tok') => createDataProvider({ fetch, getToken: () => token });

describe('paging', () => {
  test('offset cursors are what the server writes (base64 of OffsetConnection:<n>)', () => {
    expect(offsetCursor(0)).toBe(btoa('OffsetConnection:0'));
    expect(atob(offsetCursor(49))).toBe('OffsetConnection:49');
  });

  test('page and perPage become first/after; pages above the server maximum are sliced', () => {
    expect(slicesFor(1, 25)).toEqual([{ first: 25, after: null }]);
    expect(slicesFor(3, 25)).toEqual([{ first: 25, after: offsetCursor(49) }]);
    expect(slicesFor(1, 250)).toEqual([
      { first: 100, after: null },
      { first: 100, after: offsetCursor(99) },
      { first: 50, after: offsetCursor(199) },
    ]);
  });
});

describe('getList', () => {
  test('a connection becomes data + total, with filters, paging and the headers', async () => {
    const { fetch, sent } = mockFetch(() =>
      connection('tenants', [{ id: 'VDox', name: '渝北区司法局', parent: { id: 'VDow', name: '重庆市司法局' } }], 42),
    );
    const result = await provider(fetch).getList('tenants', {
      pagination: { page: 2, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: { q: '渝北', kind: 'DISTRICT_BUREAU', status: '' },
    });
    expect(result.total).toBe(42);
    expect(result.data).toEqual([{ id: 'VDox', name: '渝北区司法局', parent: { id: 'VDow', name: '重庆市司法局' }, parentId: 'VDow' }]);
    expect(sent).toHaveLength(1);
    const [req] = sent;
    expect(req!.url).toBe('/graphql');
    expect(req!.headers[CSRF_HEADER]).toBe('1');
    expect(req!.headers.authorization).toBe('Bearer tok');
    expect(req!.query).toMatch(/query Tenants/);
    expect(req!.variables).toEqual({ first: 10, after: offsetCursor(9), search: '渝北', kind: ['DISTRICT_BUREAU'] });
  });

  test('cases: the sort becomes orderBy where the server has one, and only true booleans filter', async () => {
    const { fetch, sent } = mockFetch(() => connection('cases', [], 0));
    const dp = provider(fetch);
    await dp.getList('cases', { pagination: { page: 1, perPage: 25 }, sort: { field: 'committedClock.dueAt', order: 'ASC' }, filter: { scope: 'INCOMING_TRANSFERS', mine: false, overdue: true, status: ['OPEN'] } });
    await dp.getList('cases', { pagination: { page: 1, perPage: 25 }, sort: { field: 'receivedAt', order: 'DESC' }, filter: {} });
    await dp.getList('cases', { pagination: { page: 1, perPage: 25 }, sort: { field: 'subject', order: 'ASC' }, filter: { q: 'YUBEI' } });
    expect(sent[0]!.variables).toEqual({ first: 25, after: null, scope: 'INCOMING_TRANSFERS', overdue: true, status: ['OPEN'], orderBy: 'DUE_SOONEST' });
    expect(sent[1]!.variables.orderBy).toBe('NEWEST');
    expect(sent[2]!.variables).toEqual({ first: 25, after: null, search: 'YUBEI' });
  });

  test('a page bigger than the server maximum is fetched in slices and joined', async () => {
    const { fetch, sent } = mockFetch((s) => {
      const n = s.variables.first as number;
      return connection('users', Array.from({ length: n }, (_, i) => ({ id: `${s.variables.after ?? 'x'}-${i}`, tenant: { id: 't' } })), 130);
    });
    const result = await provider(fetch).getList('users', { pagination: { page: 1, perPage: 130 }, sort: { field: 'id', order: 'ASC' }, filter: { tenantId: 't' } });
    expect(sent.map((s) => [s.variables.first, s.variables.after])).toEqual([
      [100, null],
      [30, offsetCursor(99)],
    ]);
    expect(result.data).toHaveLength(130);
    expect(result.data[0]).toMatchObject({ tenantId: 't' });
    expect(result.total).toBe(130);
  });

  test('getManyReference filters by the target', async () => {
    const { fetch, sent } = mockFetch(() => connection('users', [], 0));
    await provider(fetch).getManyReference('users', { target: 'tenantId', id: 'VDox', pagination: { page: 1, perPage: 50 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    expect(sent[0]!.variables).toEqual({ first: 50, after: null, tenantId: 'VDox' });
  });
});

describe('getOne and getMany', () => {
  test('node of the right type; null or another type is NOT_FOUND', async () => {
    let answer: unknown = { __typename: 'Tenant', id: 'VDox', name: 'x', parent: null };
    const { fetch, sent } = mockFetch(() => ({ body: { data: { node: answer } } }));
    const dp = provider(fetch);
    const one = await dp.getOne('tenants', { id: 'VDox' });
    expect(one.data).toMatchObject({ id: 'VDox', parentId: null });
    expect(sent[0]!.query).toMatch(/node\(id: \$id\)[\s\S]*fragment TenantDetail on Tenant/);
    answer = null;
    await expect(dp.getOne('tenants', { id: 'nope' })).rejects.toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    answer = { __typename: 'User', id: 'VXox' };
    await expect(dp.getOne('tenants', { id: 'VXox' })).rejects.toMatchObject({ status: 404 });
  });

  test('nodes drops nulls (unknown or invisible ids)', async () => {
    const { fetch, sent } = mockFetch(() => ({ body: { data: { nodes: [{ __typename: 'User', id: 'a', tenant: { id: 't' } }, null] } } }));
    const many = await provider(fetch).getMany('users', { ids: ['a', 'b'] });
    expect(many.data).toEqual([{ __typename: 'User', id: 'a', tenant: { id: 't' }, tenantId: 't' }]);
    expect(sent[0]!.variables).toEqual({ ids: ['a', 'b'] });
  });
});

describe('create and update', () => {
  test('create sends the schema input shape, empty fields left out', async () => {
    const { fetch, sent } = mockFetch(() => ({ body: { data: { createUser: { user: { id: 'u1', tenant: { id: 't' } } } } } }));
    const created = await provider(fetch).create('users', {
      data: { tenantId: 't', username: ' li.si ', displayName: '李四', password: 'secret-123', phone: '', roles: ['STAFF'] },
    });
    expect(created.data).toMatchObject({ id: 'u1', tenantId: 't' });
    expect(sent[0]!.query).toMatch(/mutation CreateUser\(\$input: CreateUserInput!\)/);
    expect(sent[0]!.variables).toEqual({ input: { tenantId: 't', username: 'li.si', displayName: '李四', password: 'secret-123', roles: ['STAFF'] } });
  });

  test('update passes the version it was read at and only the changed fields', async () => {
    const { fetch, sent } = mockFetch(() => ({ body: { data: { updateTenant: { tenant: { id: 'VDox', version: 8, parent: null } } } } }));
    const previousData = { id: 'VDox', version: 7, name: '渝北区司法局', phone: '023-6781', address: '旧地址', status: 'ACTIVE', children: [] };
    const result = await provider(fetch).update('tenants', {
      id: 'VDox',
      data: { ...previousData, name: '渝北区司法局 ', phone: '023-9999', address: '', version: 99 },
      previousData,
    });
    expect(result.data).toMatchObject({ version: 8 });
    // name only gained a space (trimmed: unchanged); address cleared → null; status/children never sent.
    expect(sent[0]!.variables).toEqual({ input: { id: 'VDox', version: 7, phone: '023-9999', address: null } });
  });

  test('a masked phone read back unchanged is not sent; roles are', async () => {
    const { fetch, sent } = mockFetch(() => ({ body: { data: { updateUser: { user: { id: 'u1', tenant: { id: 't' } } } } } }));
    const previousData = { id: 'u1', version: 3, displayName: '李四', phone: '138****5678', roles: ['STAFF'] };
    await provider(fetch).update('users', { id: 'u1', data: { ...previousData, roles: ['STAFF', 'SUPERVISOR'] }, previousData });
    expect(sent[0]!.variables).toEqual({ input: { id: 'u1', version: 3, roles: ['STAFF', 'SUPERVISOR'] } });
  });

  test('deactivate and suspend carry the version', async () => {
    const { fetch, sent } = mockFetch((s) =>
      /DeactivateUser/.test(s.query)
        ? { body: { data: { deactivateUser: { user: { id: 'u1', active: false, version: 4, tenant: { id: 't' } } } } } }
        : { body: { data: { suspendTenant: { tenant: { id: 'VDox', status: 'SUSPENDED', parent: { id: 'p' } } } } } },
    );
    const dp = provider(fetch);
    const user = await dp.setUserActive({ id: 'u1', version: 3, active: false });
    const tenant = await dp.setTenantStatus({ id: 'VDox', version: 7, to: 'SUSPENDED' });
    expect(user.data).toMatchObject({ active: false, version: 4 });
    expect(tenant.data).toMatchObject({ status: 'SUSPENDED', parentId: 'p' });
    expect(sent.map((s) => s.variables)).toEqual([{ input: { id: 'u1', version: 3 } }, { input: { id: 'VDox', version: 7 } }]);
  });

  test('nothing is deleted', async () => {
    const { fetch, sent } = mockFetch(() => ({ body: {} }));
    await expect(provider(fetch).delete('users', { id: 'u1' })).rejects.toMatchObject({ body: { code: 'UNSUPPORTED' } });
    expect(sent).toHaveLength(0);
  });
});

describe('errors', () => {
  const fail = (errors: unknown[], status = 200) => mockFetch(() => ({ status, body: { data: null, errors } }));

  test('BAD_USER_INPUT extensions.fields become the form errors of react-admin (HttpError body.errors)', async () => {
    const { fetch } = fail([{ message: 'invalid input (username: is already taken)', path: ['createUser'], extensions: { code: 'BAD_USER_INPUT', fields: { username: 'is already taken', phone: 'must be a mainland mobile number' } } }]);
    const error = await provider(fetch).create('users', { data: { username: 'x' } }).catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.body.code).toBe('BAD_USER_INPUT');
    expect(error.body.errors).toEqual({
      username: 'is already taken',
      phone: 'must be a mainland mobile number',
      root: { serverError: 'is already taken; must be a mainland mobile number' },
    });
  });

  test('the localizer turns known server messages into the viewer language', () => {
    const localize = ({ message, field }: { code: string; message: string; field?: string }) => (field ? `«${message}»` : `[${message}]`);
    const error = toHttpError([{ message: 'x', extensions: { code: 'BAD_USER_INPUT', fields: { slug: 'is required' } } }], 200, localize);
    expect(error.body.errors.slug).toBe('«is required»');
  });

  test('UNAUTHENTICATED with HTTP 200 (an execution error) is a 401, whatever else failed', async () => {
    const { fetch } = fail([
      { message: 'not allowed', path: ['a'], extensions: { code: 'FORBIDDEN' } },
      { message: 'sign in first', path: ['b'], extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    await expect(provider(fetch).getOne('users', { id: 'u' })).rejects.toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  test('a request error (HTTP 401 without data) is a 401 too', async () => {
    const { fetch } = fail([{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }], 401);
    await expect(provider(fetch).getList('tenants', { pagination: { page: 1, perPage: 5 }, sort: { field: 'id', order: 'ASC' }, filter: {} })).rejects.toMatchObject({ status: 401 });
  });

  test('FORBIDDEN and CONFLICT become messages with their status', async () => {
    const forbidden = fail([{ message: 'only admins of this tenant or above edit it', path: ['updateTenant'], extensions: { code: 'FORBIDDEN' } }]);
    const e1 = await provider(forbidden.fetch).update('tenants', { id: 'VDox', data: { name: 'y' }, previousData: { id: 'VDox', version: 1, name: 'x' } }).catch((e) => e);
    expect(e1).toMatchObject({ status: 403, message: 'only admins of this tenant or above edit it', body: { code: 'FORBIDDEN' } });
    expect(e1.body.errors).toBeUndefined();
    const conflict = fail([{ message: 'tenant was changed by someone else; reload it and try again', path: ['updateTenant'], extensions: { code: 'CONFLICT' } }]);
    const e2 = await provider(conflict.fetch).update('tenants', { id: 'VDox', data: { name: 'y' }, previousData: { id: 'VDox', version: 1, name: 'x' } }).catch((e) => e);
    expect(e2).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
  });

  test('an unreachable server and a non-JSON answer are errors too, never data', async () => {
    const down = createClient({ getToken: () => null, fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch });
    await expect(down('query { viewer { id } }')).rejects.toMatchObject({ status: 0, body: { code: 'NETWORK' } });
    const html = createClient({ getToken: () => null, fetch: (async () => new Response('<html>', { status: 502 })) as typeof fetch });
    await expect(html('query { viewer { id } }')).rejects.toMatchObject({ status: 502, body: { code: 'HTTP_502' } });
  });

  test('no token: no Authorization header', async () => {
    const { fetch, sent } = mockFetch(() => ({ body: { data: { viewer: null } } }));
    await createClient({ getToken: () => null, fetch })('query { viewer { id } }');
    expect(sent[0]!.headers.authorization).toBeUndefined();
    expect(sent[0]!.headers[CSRF_HEADER]).toBe('1');
  });
});
