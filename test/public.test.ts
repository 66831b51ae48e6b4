import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_TENANTS, DEMO_USERS } from '../seeds/demo-data.js';
import { rowsOf } from '../server/db/client.js';
import { type GqlResult, ok, startTestApp, type TestApp } from './helpers.js';

/**
 * The public part (Art. 17, 26): anonymous GraphQL (`publicDirectory`, `publicTenant`) and the
 * server-rendered pages (`/public`, `/public/<slug>`). Admins set things up through GraphQL; every
 * anonymous response body is kept and scanned for personal data at the end.
 */

let t: TestApp;
const tok: Record<string, string> = {};
const ids: Record<string, string> = {};

/** Every anonymous response body of this file: the personal-data scan reads them all. */
const gathered: { what: string; body: string }[] = [];

const SUSPENDED = 'yuzhong-closed-firm';
const SUSPENDED_NAME = '渝中停业测试律所';
const XSS_SLUG = 'xss-test-firm';
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const XSS_NAME = `测试律所${SCRIPT}${IMG}`;

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const RESIDENT_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** An anonymous GraphQL request; the raw body is kept for the scan. */
async function pub<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const res = await t.app.fetch(
    new Request('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    }),
  );
  const body = await res.text();
  gathered.push({ what: `graphql ${JSON.stringify(variables ?? {})} ${query.slice(0, 40)}`, body });
  return { ...(JSON.parse(body) as GqlResult<T>), status: res.status };
}

/** An anonymous page request; the body is kept for the scan. */
async function get(path: string, init: RequestInit = {}): Promise<{ res: Response; body: string }> {
  const res = await t.app.fetch(new Request(`http://127.0.0.1${path}`, init));
  const body = await res.text();
  gathered.push({ what: `${init.method ?? 'GET'} ${path}`, body });
  return { res, body };
}

const PUBLIC_TENANT_FIELDS = 'slug kind name nameEn divisionCode address phone officeHours statutoryDuties introduction district { slug name }';
const CONTENT = `code name category legalBasis conditions procedure { title description } rightsAndObligations fee results
  statutoryLimit { unit amount } committedLimit { unit amount } channels materials { key name required note }
  formFields { key label type required helpText config } stages { key name budgetWorkingDays }`;
const DIRECTORY = `query($search: String, $kind: TenantKind) { publicDirectory(search: $search, kind: $kind) { ${PUBLIC_TENANT_FIELDS} } }`;
const DISCLOSURE = `query($slug: String!) { publicTenant(slug: $slug) {
  tenant { ${PUBLIC_TENANT_FIELDS} }
  parent { slug name }
  serviceItems { versionNo publishedAt content { ${CONTENT} } }
  commitments { kind title body metric target }
} }`;

interface Disclosure {
  tenant: Record<string, any>;
  parent: { slug: string; name: string } | null;
  serviceItems: { versionNo: number; publishedAt: string; content: Record<string, any> }[];
  commitments: { kind: string; title: string; body: string; metric: string | null; target: number | null }[];
}

async function directory(vars: { search?: string; kind?: string } = {}): Promise<Record<string, any>[]> {
  return ok(await pub(DIRECTORY, vars)).publicDirectory;
}
async function disclosure(slug: string): Promise<Disclosure | null> {
  return ok(await pub(DISCLOSURE, { slug })).publicTenant;
}

const ITEM = `id code name status version publishedVersionNo hasUnpublishedChanges published { versionNo content { ${CONTENT} } }`;
const CREATE_ITEM = `mutation($i: CreateServiceItemInput!) { createServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const UPDATE_ITEM = `mutation($i: UpdateServiceItemInput!) { updateServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const PUBLISH = `mutation($i: ServiceItemVersionInput!) { publishServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const ARCHIVE = `mutation($i: ServiceItemVersionInput!) { archiveServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const CREATE_C = 'mutation($i: CreateCommitmentInput!) { createCommitment(input: $i) { id title published version } }';
const CREATE_TENANT = 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { tenant { id slug version status } } }';
const SUSPEND = 'mutation($i: TenantStatusInput!) { suspendTenant(input: $i) { tenant { id slug version status } } }';
const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id username phone } } }';

async function tenantOf(slug: string): Promise<{ id: string; version: number }> {
  const d = ok(await t.gql('query($s: String!) { tenant(slug: $s) { id version } }', { s: slug }, tok['city.admin']));
  expect(d.tenant, slug).not.toBeNull();
  return d.tenant;
}

type Item = { id: string; code: string; name: string; status: string; version: number; published: { versionNo: number; content: Record<string, any> } | null };

async function createItem(as: string, content: Record<string, unknown>, tenantId?: string): Promise<Item> {
  return ok(await t.gql(CREATE_ITEM, { i: { content, tenantId } }, tok[as])).createServiceItem.serviceItem;
}
async function publish(as: string, item: Item): Promise<Item> {
  return ok(await t.gql(PUBLISH, { i: { id: item.id, version: item.version } }, tok[as])).publishServiceItem.serviceItem;
}

/** A complete service item content, with overrides. */
function content(code: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    name,
    category: 'MEDIATION',
    legalBasis: '《中华人民共和国人民调解法》第十七条、第二十八条',
    conditions: '纠纷双方自愿接受调解',
    procedure: [
      { title: '提出申请', description: '当事人到窗口或者通过网上留言提出申请' },
      { title: '组织调解', description: '十五个工作日内组织双方调解' },
      { title: '结案归档' },
    ],
    rightsAndObligations: '当事人有权要求调解员回避；应当如实陈述纠纷事实',
    fee: '免费',
    results: '达成协议的，制作人民调解协议书',
    statutoryLimit: { unit: 'WORKING_DAYS', amount: 30 },
    committedLimit: { unit: 'WORKING_DAYS', amount: 15 },
    channels: ['ONSITE', 'MESSAGE'],
    materials: [
      { key: 'id_card', name: '居民身份证', required: true, note: '原件及复印件' },
      { key: 'evidence', name: '纠纷相关证据', required: false },
    ],
    formFields: [
      { key: 'applicantName', label: '申请人姓名', type: 'TEXT', required: true, config: { maxLength: 50 } },
      { key: 'idNumber', label: '公民身份号码', type: 'RESIDENT_ID', required: true, config: {} },
      { key: 'mobile', label: '手机号码', type: 'PHONE', required: true, helpText: '用于告知办理进度', config: {} },
    ],
    stages: [
      { key: 'accept', name: '受理', budgetWorkingDays: 3 },
      { key: 'mediate', name: '调解', budgetWorkingDays: 12 },
    ],
    ...extra,
  };
}

// What yubei sets up.
const PUB = content('YB-PUB-MED', '渝北邻里纠纷调解');
const DRAFT_NAME = '渝北草稿事项甲';
const ARCHIVED_NAME = '渝北已撤销事项乙';
const PUB_COMMITMENT = { kind: 'TIME_LIMIT', title: '渝北窗口承诺公开', body: '邻里纠纷调解申请受理后十五个工作日内办结。', published: true };
const HIDDEN_COMMITMENT = { kind: 'OTHER', title: '渝北内部承诺未公开', body: '内部试行承诺，暂不对外公开。', published: false };
const items = {} as Record<'pub' | 'draft' | 'archived', Item>;

/** Users created here with phones: none of them may show up in public output. */
const NEW_PHONES = ['13912345678', '13712345679', '15823456789'];

// ---------------------------------------------------------------------------------------------
// HTML helpers
// ---------------------------------------------------------------------------------------------

/** The links to tenant pages in a piece of HTML, in order. */
const tenantLinks = (html: string) => [...html.matchAll(/<a href="\/public\/([^"]+)">/g)].map((m) => m[1]!);

/** Directory sections: heading text → tenant slugs linked in that section. */
function sections(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of html.matchAll(/<section\b[^>]*>([\s\S]*?)<\/section>/g)) {
    const heading = /<h2\b[^>]*>([\s\S]*?)<\/h2>/.exec(m[1]!);
    expect(heading, 'every section has a heading').not.toBeNull();
    out.set(heading![1]!.trim(), tenantLinks(m[1]!));
  }
  return out;
}

const sorted = (xs: string[]) => [...xs].sort();

/** Active tenants as the database orders them (depth, then name under its collation). */
async function activeSlugs(): Promise<string[]> {
  return rowsOf<{ slug: string }>(await t.database.db.execute(sql`select slug from tenants where status = 'ACTIVE' order by depth, name`)).map(
    (r) => r.slug,
  );
}

function demoSubtree(slug: string): string[] {
  const out = [slug];
  for (let i = 0; i < out.length; i++) for (const d of DEMO_TENANTS) if (d.parent === out[i]) out.push(d.slug);
  return out;
}

function expectHtmlPage(res: Response, body: string, status = 200) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(body.startsWith('<!doctype html>')).toBe(true);
  expect(body).toContain('<html lang="zh-CN">');
  expect(body).toMatch(/<meta charset="utf-8">/i);
  expect(body).toMatch(/<meta name="viewport" content="width=device-width[^"]*">/);
  expect(body.match(/<h1\b[^>]*>[^<]+/g) ?? []).toHaveLength(1);
  // Works without JavaScript: no script at all, no inline handlers.
  expect(body).not.toMatch(/<script/i);
  expect(body.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/default-src 'none'|script-src 'none'/);
}

// ---------------------------------------------------------------------------------------------
// Setup, as admins through GraphQL
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['city.admin', 'yubei.admin', 'yuzhong.admin']) tok[u] = await t.login(u);
  for (const slug of ['yubei', 'yuzhong', 'jiangbei']) ids[slug] = (await tenantOf(slug)).id;

  // yubei: one published item, one draft, one published then archived; one commitment of each kind.
  items.pub = await publish('yubei.admin', await createItem('yubei.admin', PUB));
  items.draft = await createItem('yubei.admin', content('YB-DRAFT-X', DRAFT_NAME, { legalBasis: '草稿依据未公开' }));
  const archived = await publish('yubei.admin', await createItem('yubei.admin', content('YB-ARCH-X', ARCHIVED_NAME)));
  items.archived = ok(await t.gql(ARCHIVE, { i: { id: archived.id, version: archived.version } }, tok['yubei.admin'])).archiveServiceItem.serviceItem;
  expect([items.pub.status, items.draft.status, items.archived.status]).toEqual(['PUBLISHED', 'DRAFT', 'ARCHIVED']);
  expect(ok(await t.gql(CREATE_C, { i: PUB_COMMITMENT }, tok['yubei.admin'])).createCommitment).toMatchObject({ published: true });
  expect(ok(await t.gql(CREATE_C, { i: HIDDEN_COMMITMENT }, tok['yubei.admin'])).createCommitment).toMatchObject({ published: false });

  // A firm under yuzhong with a published item and commitment: suspended by the first test.
  const firm = ok(
    await t.gql(
      CREATE_TENANT,
      {
        i: {
          parentId: ids.yuzhong,
          kind: 'LAW_FIRM',
          slug: SUSPENDED,
          name: SUSPENDED_NAME,
          address: '重庆市渝北区停业测试路9号',
          phone: '023-63700999',
        },
      },
      tok['city.admin'],
    ),
  ).createTenant.tenant;
  ids[SUSPENDED] = firm.id;
  await publish('city.admin', await createItem('city.admin', content('CF-ITEM', '停业律所代理事项', { category: 'LAWYER' }), firm.id));
  ok(await t.gql(CREATE_C, { i: { tenantId: firm.id, kind: 'QUALITY', title: '停业律所承诺', body: '诚信执业。', published: true } }, tok['city.admin']));

  // A tenant whose texts try to inject markup.
  const xss = ok(
    await t.gql(
      CREATE_TENANT,
      { i: { parentId: ids.jiangbei, kind: 'LAW_FIRM', slug: XSS_SLUG, name: XSS_NAME, address: `江北区${IMG}路`, officeHours: SCRIPT } },
      tok['city.admin'],
    ),
  ).createTenant.tenant;
  ids[XSS_SLUG] = xss.id;
  await publish(
    'city.admin',
    await createItem(
      'city.admin',
      content('XSS-1', `注入测试${SCRIPT}`, {
        category: 'LAWYER',
        conditions: IMG,
        materials: [{ key: 'x', name: SCRIPT, required: true, note: IMG }],
        procedure: [{ title: SCRIPT, description: IMG }],
      }),
      xss.id,
    ),
  );
  ok(await t.gql(CREATE_C, { i: { tenantId: xss.id, kind: 'OTHER', title: SCRIPT, body: IMG, published: true } }, tok['city.admin']));

  // Users with phones (personal data, never public).
  const password = 'Public-test-2026';
  for (const [i, [tenant, as]] of ([
    ['yubei', 'yubei.admin'],
    [SUSPENDED, 'city.admin'],
    [XSS_SLUG, 'city.admin'],
  ] as const).entries()) {
    const u = ok(
      await t.gql(
        CREATE_USER,
        { i: { tenantId: ids[tenant], username: `public.test.${i}`, displayName: `公开测试用户${i}`, phone: NEW_PHONES[i], roles: ['STAFF'], password } },
        tok[as],
      ),
    ).createUser.user;
    expect(u.phone).toBe(NEW_PHONES[i]);
  }
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------

describe('a suspended tenant leaves the public part', () => {
  test('visible while active; after suspendTenant: no directory entry, null disclosure, 404 page', async () => {
    // Before: everything is there (so the absence below means something).
    expect((await directory()).map((e) => e.slug)).toContain(SUSPENDED);
    expect((await directory({ search: '渝北' })).map((e) => e.slug)).toContain(SUSPENDED);
    const before = await disclosure(SUSPENDED);
    expect(before?.tenant.name).toBe(SUSPENDED_NAME);
    expect(before?.serviceItems.map((i) => i.content.code)).toEqual(['CF-ITEM']);
    expect(before?.commitments.map((c) => c.title)).toEqual(['停业律所承诺']);
    expect((await get(`/public/${SUSPENDED}`)).res.status).toBe(200);
    expect((await get('/public')).body).toContain(SUSPENDED_NAME);

    const firm = await tenantOf(SUSPENDED);
    const s = ok(await t.gql(SUSPEND, { i: { id: firm.id, version: firm.version } }, tok['city.admin'])).suspendTenant.tenant;
    expect(s).toMatchObject({ slug: SUSPENDED, status: 'SUSPENDED' });

    expect(await disclosure(SUSPENDED)).toBeNull();
    expect((await directory()).map((e) => e.slug)).not.toContain(SUSPENDED);
    expect((await directory({ search: '渝北' })).map((e) => e.slug)).not.toContain(SUSPENDED);
    expect((await directory({ kind: 'LAW_FIRM' })).map((e) => e.slug)).not.toContain(SUSPENDED);
    const { res, body } = await get(`/public/${SUSPENDED}`);
    expectHtmlPage(res, body, 404);
    expect(body).not.toContain(SUSPENDED_NAME);
    expect(body).not.toContain('停业律所代理事项');
    const index = await get('/public');
    expect(index.body).not.toContain(SUSPENDED_NAME);
    expect(tenantLinks(index.body)).not.toContain(SUSPENDED);
  });
});

describe('GraphQL: publicDirectory', () => {
  test('every active tenant with its district: municipal level first, then districts by division code', async () => {
    const all = await directory();
    expect(all.map((e) => e.slug).sort()).toEqual([...(await activeSlugs())].sort());
    const firstInDistrict = all.findIndex((e) => e.district !== null);
    expect(all.slice(0, firstInDistrict).every((e) => e.district === null)).toBe(true);
    expect(all.slice(firstInDistrict).every((e) => e.district !== null)).toBe(true);
    // 渝中 500103, 江北 500105, 沙坪坝 500106, 九龙坡 500107, 渝北 500112
    expect([...new Set(all.slice(firstInDistrict).map((e) => e.district!.slug))]).toEqual(['yuzhong', 'jiangbei', 'shapingba', 'jiulongpo', 'yubei']);
    expect(all).toHaveLength(DEMO_TENANTS.length + 1); // + the XSS firm; the suspended one is gone
    const bySlug = new Map(all.map((e) => [e.slug, e]));
    const spec = DEMO_TENANTS.find((d) => d.slug === 'yubei')!;
    expect(bySlug.get('yubei')).toEqual({
      slug: 'yubei',
      kind: 'DISTRICT_BUREAU',
      name: spec.name,
      nameEn: spec.nameEn,
      divisionCode: spec.divisionCode,
      address: spec.address,
      phone: spec.phone,
      officeHours: spec.officeHours,
      statutoryDuties: spec.statutoryDuties,
      introduction: spec.introduction,
      district: { slug: 'yubei', name: '重庆市渝北区司法局' },
    });
    for (const slug of demoSubtree('yubei')) expect(bySlug.get(slug)!.district, slug).toEqual({ slug: 'yubei', name: '重庆市渝北区司法局' });
    expect(bySlug.get('cq')!.district).toBeNull();
    expect(bySlug.get('cq-12348')!.district).toBeNull();
    expect(bySlug.get(XSS_SLUG)!.district).toEqual({ slug: 'jiangbei', name: '重庆市江北区司法局' });
  });

  test('search matches names and addresses; kind filters; both combine', async () => {
    const slugs = async (vars: { search?: string; kind?: string }) => sorted((await directory(vars)).map((e) => e.slug));
    // 渝北 in the name, or (the municipal bureau) in the address; the suspended firm's address matches but it is gone.
    expect(await slugs({ search: '渝北' })).toEqual(
      sorted(['cq', 'yubei', 'yubei-longxi', 'yubei-longshan', 'yubei-shuanglonghu', 'yubei-legal-aid', 'yubei-notary']),
    );
    expect(await slugs({ search: '龙溪' })).toEqual(['yubei-longxi', 'yubei-longxi-mediation']);
    expect(await slugs({ search: ' 双龙湖街道 ' })).toEqual(['yubei']);
    expect(await slugs({ search: 'YUBEI' })).toEqual(
      sorted(DEMO_TENANTS.filter((d) => d.nameEn.toLowerCase().includes('yubei')).map((d) => d.slug)),
    );
    expect(await slugs({ kind: 'NOTARY_OFFICE' })).toEqual(['yubei-notary', 'yuzhong-notary']);
    expect(await slugs({ kind: 'LAW_FIRM' })).toEqual(sorted([...DEMO_TENANTS.filter((d) => d.kind === 'LAW_FIRM').map((d) => d.slug), XSS_SLUG]));
    expect(await slugs({ kind: 'JUDICIAL_OFFICE', search: '渝北' })).toEqual(['yubei-longshan', 'yubei-longxi', 'yubei-shuanglonghu']);
    expect(await slugs({ kind: 'LAW_FIRM', search: '渝北' })).toEqual([]);
    expect(await slugs({ search: '没有这样的机构' })).toEqual([]);
    expect((await directory({ search: '  ' })).length).toBe((await directory()).length);
  });

  test('address search finds an address written with capital letters, as typed or in lower case', async () => {
    const la = await tenantOf('jiangbei-legal-aid');
    const address = '重庆市江北区Jiangbei Tower B座';
    const u = ok(
      await t.gql('mutation($i: UpdateTenantInput!) { updateTenant(input: $i) { tenant { address } } }', { i: { id: la.id, version: la.version, address } }, tok['city.admin']),
    ).updateTenant.tenant;
    expect(u.address).toBe(address);
    for (const search of ['Tower B座', 'B座', 'b座', 'Jiangbei Tower', 'jiangbei tower']) {
      expect((await directory({ search })).map((e) => e.slug), search).toEqual(['jiangbei-legal-aid']);
    }
  });
});

describe('GraphQL: publicTenant', () => {
  test("basic information (Art. 17): address, phone, office hours, statutory duties, parent", async () => {
    const d = (await disclosure('yubei'))!;
    const spec = DEMO_TENANTS.find((x) => x.slug === 'yubei')!;
    expect(d.tenant).toMatchObject({
      slug: 'yubei',
      name: spec.name,
      address: spec.address,
      phone: spec.phone,
      officeHours: spec.officeHours,
      statutoryDuties: spec.statutoryDuties,
      introduction: spec.introduction,
      divisionCode: '500112',
    });
    expect(d.parent).toEqual({ slug: 'cq', name: '重庆市司法局' });
    expect((await disclosure('cq'))!.parent).toBeNull();
    // Slugs are looked up as the admin API does; unknown ones are null.
    expect((await disclosure(' YUBEI '))?.tenant.slug).toBe('yubei');
    expect(await disclosure('no-such-tenant')).toBeNull();
  });

  test('the published item with every Art. 17 field; never the draft or the archived item', async () => {
    const d = (await disclosure('yubei'))!;
    // Exactly the tenant's published, non-template items, as its admin sees them.
    const admin = ok(
      await t.gql(
        'query($t: ID) { serviceItems(tenantId: $t, status: [PUBLISHED], templates: false, first: 100) { edges { node { code } } } }',
        { t: ids.yubei },
        tok['yubei.admin'],
      ),
    ).serviceItems.edges.map((e: { node: { code: string } }) => e.node.code);
    expect(sorted(d.serviceItems.map((i) => i.content.code))).toEqual(sorted(admin));
    const codes = d.serviceItems.map((i) => i.content.code);
    expect(codes).toContain('YB-PUB-MED');
    expect(codes).not.toContain('YB-DRAFT-X');
    expect(codes).not.toContain('YB-ARCH-X');
    const names = d.serviceItems.map((i) => i.content.name);
    expect(names).not.toContain(DRAFT_NAME);
    expect(names).not.toContain(ARCHIVED_NAME);
    expect(names).not.toContain('婚姻家庭纠纷调解（试行，草稿）'); // the demo's own draft

    const item = d.serviceItems.find((i) => i.content.code === 'YB-PUB-MED')!;
    expect(item.versionNo).toBe(1);
    expect(item.content).toEqual(items.pub.published!.content);
    expect(item.content).toMatchObject({
      name: PUB.name,
      category: 'MEDIATION',
      legalBasis: PUB.legalBasis,
      conditions: PUB.conditions,
      procedure: [
        { title: '提出申请', description: '当事人到窗口或者通过网上留言提出申请' },
        { title: '组织调解', description: '十五个工作日内组织双方调解' },
        { title: '结案归档', description: '' },
      ],
      rightsAndObligations: PUB.rightsAndObligations,
      fee: '免费',
      results: PUB.results,
      statutoryLimit: { unit: 'WORKING_DAYS', amount: 30 },
      committedLimit: { unit: 'WORKING_DAYS', amount: 15 },
      channels: ['ONSITE', 'MESSAGE'],
      materials: [
        { key: 'id_card', name: '居民身份证', required: true, note: '原件及复印件' },
        { key: 'evidence', name: '纠纷相关证据', required: false, note: null },
      ],
      stages: PUB.stages,
    });
    expect(item.content.formFields.map((f: Record<string, unknown>) => [f.key, f.type, f.required, f.helpText ?? null])).toEqual([
      ['applicantName', 'TEXT', true, null],
      ['idNumber', 'RESIDENT_ID', true, null],
      ['mobile', 'PHONE', true, '用于告知办理进度'],
    ]);
  });

  test('the published commitments; never an unpublished one', async () => {
    const d = (await disclosure('yubei'))!;
    const admin = ok(await t.gql('query { commitments { title published } }', {}, tok['yubei.admin'])).commitments as { title: string; published: boolean }[];
    expect(sorted(d.commitments.map((c) => c.title))).toEqual(sorted(admin.filter((c) => c.published).map((c) => c.title)));
    expect(d.commitments).toContainEqual({ kind: 'TIME_LIMIT', title: PUB_COMMITMENT.title, body: PUB_COMMITMENT.body, metric: null, target: null });
    const titles = d.commitments.map((c) => c.title);
    expect(titles).not.toContain(HIDDEN_COMMITMENT.title);
    expect(titles).not.toContain('在线咨询2秒内应答（试行）'); // the demo's unpublished one
    expect(JSON.stringify(d)).not.toContain(HIDDEN_COMMITMENT.body);
  });
});

describe('pages', () => {
  test('GET /public: the directory, grouped by district, searchable without JavaScript', async () => {
    const { res, body } = await get('/public');
    expectHtmlPage(res, body);
    expect(body).toMatch(/<h1>[^<]+<\/h1>/);
    // A search form (GET, no script) whose every control has a label.
    const form = /<form\b[^>]*>([\s\S]*?)<\/form>/.exec(body);
    expect(form).not.toBeNull();
    expect(form![0]).toMatch(/<form\b[^>]*method="get"/);
    expect(form![0]).toMatch(/<form\b[^>]*action="\/public"/);
    const controls = [...form![1]!.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].filter((m) => !/type="(submit|hidden)"/.test(m[2]!));
    expect(controls.map((m) => /name="([^"]+)"/.exec(m[2]!)?.[1])).toEqual(['q', 'kind']);
    for (const c of controls) {
      const id = /\sid="([^"]+)"/.exec(c[2]!)?.[1];
      expect(id, c[0]).toBeDefined();
      expect(form![1]).toMatch(new RegExp(`<label for="${id}">[^<]+</label>`));
    }
    // Grouped by district: each district's section lists exactly its subtree.
    const groups = sections(body);
    expect(sorted(groups.get('重庆市渝北区司法局')!)).toEqual(sorted(demoSubtree('yubei')));
    expect(sorted(groups.get('重庆市渝中区司法局')!)).toEqual(sorted(demoSubtree('yuzhong')));
    expect(sorted(groups.get('重庆市江北区司法局')!)).toEqual(sorted([...demoSubtree('jiangbei'), XSS_SLUG]));
    expect(sorted(groups.get('市级机构')!)).toEqual(['cq', 'cq-12348']);
    const all = [...groups.values()].flat();
    expect(sorted(all)).toEqual(sorted(await activeSlugs()));
    expect(body).toContain(`共 ${all.length} 个机构`);
    expect(all).not.toContain(SUSPENDED);
    expect(body).not.toContain(SUSPENDED_NAME);
  });

  test('GET /public?q=… and ?kind=… narrow the list and keep the query in the form', async () => {
    const q = await get(`/public?q=${encodeURIComponent('龙溪')}`);
    expectHtmlPage(q.res, q.body);
    expect(sorted(tenantLinks(q.body))).toEqual(['yubei-longxi', 'yubei-longxi-mediation']);
    expect(q.body).toContain('共 2 个机构');
    expect(q.body).toMatch(/<input\b[^>]*name="q"[^>]*value="龙溪"/);
    const k = await get('/public?kind=NOTARY_OFFICE');
    expectHtmlPage(k.res, k.body);
    expect(sorted(tenantLinks(k.body))).toEqual(['yubei-notary', 'yuzhong-notary']);
    expect(k.body).toMatch(/<option value="NOTARY_OFFICE" selected>/);
    const none = await get(`/public?q=${encodeURIComponent('没有这样的机构')}`);
    expect(tenantLinks(none.body)).toEqual([]);
    expect(none.body).toContain('共 0 个机构');
  });

  test('GET /public/yubei: basic information, the published item with its materials table, the published commitments', async () => {
    const { res, body } = await get('/public/yubei');
    expectHtmlPage(res, body);
    const spec = DEMO_TENANTS.find((x) => x.slug === 'yubei')!;
    expect(body).toContain('<h1>重庆市渝北区司法局</h1>');
    for (const v of [spec.address!, spec.phone!, spec.officeHours!, spec.statutoryDuties!, '重庆市司法局']) expect(body).toContain(v);
    // The item, every Art. 17 field.
    for (const v of [PUB.name, PUB.legalBasis, PUB.conditions, PUB.rightsAndObligations, PUB.results, '30个工作日', '15个工作日', '免费', '提出申请', '十五个工作日内组织双方调解']) {
      expect(body, v).toContain(v);
    }
    // The materials table.
    expect(body).toMatch(/<table>\s*<thead><tr><th scope="col">材料<\/th>/);
    expect(body).toContain('<tr><td>居民身份证</td><td>必需</td><td>原件及复印件</td></tr>');
    expect(body).toContain('<tr><td>纠纷相关证据</td><td>视情况</td><td></td></tr>');
    // Commitments.
    expect(body).toContain(`<strong>${PUB_COMMITMENT.title}</strong>：${PUB_COMMITMENT.body}`);
    expect(body).toContain('留言30分钟内答复');
    // Never the drafts, the archived item or the unpublished commitments.
    for (const v of [DRAFT_NAME, '草稿依据未公开', ARCHIVED_NAME, '婚姻家庭纠纷调解（试行，草稿）', HIDDEN_COMMITMENT.title, HIDDEN_COMMITMENT.body, '在线咨询2秒内应答（试行）']) {
      expect(body, v).not.toContain(v);
    }
  });

  test('unknown and suspended tenants are 404 pages', async () => {
    for (const path of ['/public/unknown', '/public/no-such-tenant', `/public/${SUSPENDED}`, '/public/yubei/extra', '/public/..%2Fgraphql']) {
      const { res, body } = await get(path);
      expectHtmlPage(res, body, 404);
      expect(body).toContain('<a href="/public">');
    }
  });

  test('a malformed percent-escape in the slug is a 404, not an error', async () => {
    const { res, body } = await get('/public/%E0%A4%A');
    expectHtmlPage(res, body, 404);
  });

  test('caching: public max-age, an ETag, 304 on If-None-Match with no body', async () => {
    for (const path of ['/public', '/public/yubei']) {
      const first = await get(path);
      expect(first.res.status).toBe(200);
      const cache = first.res.headers.get('cache-control') ?? '';
      expect(cache).toMatch(/(^|,\s*)public(,|$)/);
      expect(cache).toMatch(/max-age=[1-9]\d*/);
      const etag = first.res.headers.get('etag');
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      // The same content, the same tag.
      expect((await get(path)).res.headers.get('etag')).toBe(etag);

      const again = await get(path, { headers: { 'if-none-match': etag! } });
      expect(again.res.status).toBe(304);
      expect(again.body).toBe('');
      expect(again.res.headers.get('etag')).toBe(etag);

      const other = await get(path, { headers: { 'if-none-match': '"something-else"' } });
      expect(other.res.status).toBe(200);
      expect(other.body).toBe(first.body);
    }
  });

  test('HEAD gives the headers without a body; other methods are 405', async () => {
    const full = await get('/public/yubei');
    const head = await get('/public/yubei', { method: 'HEAD' });
    expect(head.res.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(head.res.headers.get('etag')).toBe(full.res.headers.get('etag'));
    expect((await get('/public', { method: 'HEAD' })).res.status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const path of ['/public', '/public/yubei']) {
        const { res } = await get(path, { method, body: method === 'DELETE' ? undefined : 'x=1' });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow') ?? '').toMatch(/GET/);
      }
    }
  });

  test('text is escaped: injected markup never becomes markup', async () => {
    const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
    const ESCAPED_IMG = '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;';
    const index = await get('/public');
    const page = await get(`/public/${XSS_SLUG}`);
    const search = await get(`/public?q=${encodeURIComponent(`${IMG}${SCRIPT}`)}`);
    for (const { res, body } of [index, page, search]) {
      expectHtmlPage(res, body);
      expect(body).not.toContain('<script');
      expect(body).not.toContain('<img');
      expect(body).not.toContain(SCRIPT);
      expect(body).not.toContain(IMG);
    }
    expect(index.body).toContain(`测试律所${ESCAPED_SCRIPT}${ESCAPED_IMG}`);
    expect(page.body).toContain(`<h1>测试律所${ESCAPED_SCRIPT}${ESCAPED_IMG}</h1>`);
    expect(page.body).toContain(`<title>测试律所${ESCAPED_SCRIPT}${ESCAPED_IMG}`);
    expect(page.body).toContain(`注入测试${ESCAPED_SCRIPT}`);
    expect(page.body).toContain(`<td>${ESCAPED_SCRIPT}</td>`);
    expect(page.body).toContain(`<strong>${ESCAPED_SCRIPT}</strong>：${ESCAPED_IMG}`);
    expect(search.body).toContain(`value="${ESCAPED_IMG}${ESCAPED_SCRIPT}"`);
    // GraphQL returns the text as it was written (JSON is not HTML).
    expect((await disclosure(XSS_SLUG))!.tenant.name).toBe(XSS_NAME);
  });
});

describe('published content stays until it is republished', () => {
  test('updateServiceItem on a published item changes neither the public GraphQL nor the page', async () => {
    const before = (await disclosure('yubei'))!.serviceItems.find((i) => i.content.code === 'YB-PUB-MED')!;
    const beforePage = (await get('/public/yubei')).body;
    const edited = content('YB-PUB-MED', '渝北调解修订稿名称', { legalBasis: '修订稿依据未发布', fee: '修订稿收费未发布' });
    const u = ok(await t.gql(UPDATE_ITEM, { i: { id: items.pub.id, version: items.pub.version, content: edited } }, tok['yubei.admin']))
      .updateServiceItem.serviceItem as Item & { hasUnpublishedChanges: boolean };
    expect(u).toMatchObject({ status: 'PUBLISHED', hasUnpublishedChanges: true, name: '渝北调解修订稿名称', published: { versionNo: 1 } });

    const after = (await disclosure('yubei'))!.serviceItems.find((i) => i.content.code === 'YB-PUB-MED')!;
    expect(after).toEqual(before);
    const page = await get('/public/yubei');
    expect(page.body).toBe(beforePage);
    for (const v of ['渝北调解修订稿名称', '修订稿依据未发布', '修订稿收费未发布']) expect(page.body).not.toContain(v);
    expect(page.body).toContain(PUB.name);

    // Republished, the new version replaces it.
    const p = await publish('yubei.admin', u);
    expect(p.published!.versionNo).toBe(2);
    const now = (await disclosure('yubei'))!.serviceItems.filter((i) => i.content.code === 'YB-PUB-MED');
    expect(now.map((i) => [i.versionNo, i.content.name, i.content.legalBasis])).toEqual([[2, '渝北调解修订稿名称', '修订稿依据未发布']]);
    const newPage = await get('/public/yubei');
    expect(newPage.body).toContain('渝北调解修订稿名称');
    expect(newPage.body).not.toContain(PUB.name);
    expect(newPage.res.headers.get('etag')).not.toBe(page.res.headers.get('etag'));
  });
});

describe('personal data (Art. 26)', () => {
  test('every active tenant: disclosure and page', async () => {
    for (const e of await directory()) {
      const d = await disclosure(e.slug);
      expect(d?.tenant.slug, e.slug).toBe(e.slug);
      const { res } = await get(`/public/${e.slug}`);
      expect(res.status, e.slug).toBe(200);
    }
  });

  test('no public response of this file holds a mobile number, a resident ID number or a user phone', async () => {
    // The patterns do find what they look for.
    expect(MOBILE.test('电话13912345678。')).toBe(true);
    expect(RESIDENT_ID.test('号码50010119900307123X')).toBe(true);
    expect(MOBILE.test('023-67800112')).toBe(false);

    const demoPhones = DEMO_USERS.map((u) => u.phone).filter((p): p is string => !!p);
    expect(demoPhones).toContain('13800000001');
    const phones = [...demoPhones, ...NEW_PHONES];
    const kinds = new Set(gathered.map((g) => g.what.split(' ')[0]));
    expect(kinds).toEqual(new Set(['graphql', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']));
    expect(gathered.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    for (const { what, body } of gathered) {
      const m = MOBILE.exec(body) ?? RESIDENT_ID.exec(body);
      if (m) leaks.push(`${what}: ${body.slice(Math.max(0, m.index - 40), m.index + 30)}`);
      for (const p of phones) if (body.includes(p)) leaks.push(`${what}: phone ${p}`);
    }
    expect(leaks).toEqual([]);
  });
});
