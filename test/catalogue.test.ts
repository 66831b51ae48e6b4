import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { rowsOf } from '../server/db/client.js';
import { withTenant } from '../server/db/with-tenant.js';
import { encodeGlobalId } from '../server/graphql/global-id.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * The low-code service catalogue through GraphQL (DESIGN.md "Low-code service catalogue"): items
 * with every field, drafts and frozen published versions, the root's templates and their
 * adoption, who may edit what and who sees what. Each test works on items it creates itself,
 * with codes of its own, so the demo catalogue is only read.
 */

let t: TestApp;
const tok: Record<string, string> = {};
const tenantIds: Record<string, string> = {}; // slug -> global id
const tenantUuids: Record<string, string> = {}; // slug -> uuid

const CONTENT = `code name category legalBasis conditions procedure { title description } rightsAndObligations fee results
  statutoryLimit { unit amount } committedLimit { unit amount } channels
  materials { key name required note } formFields { key label type required helpText config }
  stages { key name budgetWorkingDays }`;
const ITEM = `id code name category status isTemplate hasUnpublishedChanges publishedVersionNo version
  tenant { slug } draft { ${CONTENT} } published { versionNo content { ${CONTENT} } }
  versions { versionNo content { ${CONTENT} } }
  adoptedFrom { id code } adoptedFromVersionNo`;

const CREATE = `mutation($i: CreateServiceItemInput!) { createServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const UPDATE = `mutation($i: UpdateServiceItemInput!) { updateServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const PUBLISH = `mutation($i: ServiceItemVersionInput!) { publishServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const ARCHIVE = `mutation($i: ServiceItemVersionInput!) { archiveServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const ADOPT = `mutation($i: AdoptServiceItemTemplateInput!) { adoptServiceItemTemplate(input: $i) { serviceItem { ${ITEM} } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ServiceItem { ${ITEM} } } }`;
const LIST = `query($tenantId: ID, $templates: Boolean, $status: [ServiceItemStatus!]) {
  serviceItems(first: 100, tenantId: $tenantId, templates: $templates, status: $status) {
    totalCount pageInfo { hasNextPage } edges { node { id code status isTemplate tenant { slug } } }
  }
}`;

interface Item {
  id: string;
  code: string;
  name: string;
  status: string;
  isTemplate: boolean;
  hasUnpublishedChanges: boolean;
  publishedVersionNo: number | null;
  version: number;
  tenant: { slug: string };
  draft: Content;
  published: { versionNo: number; content: Content } | null;
  versions: { versionNo: number; content: Content }[];
  adoptedFrom: { id: string; code: string } | null;
  adoptedFromVersionNo: number | null;
}

/** The content as the API takes it and gives it back (every optional field spelled out). */
interface Content {
  code: string;
  name: string;
  category: string;
  legalBasis: string;
  conditions: string;
  procedure: { title: string; description: string }[];
  rightsAndObligations: string;
  fee: string;
  results: string;
  statutoryLimit: { unit: string; amount: number };
  committedLimit: { unit: string; amount: number };
  channels: string[];
  materials: { key: string; name: string; required: boolean; note: string | null }[];
  formFields: { key: string; label: string; type: string; required: boolean; helpText: string | null; config: Record<string, unknown> }[];
  stages: { key: string; name: string; budgetWorkingDays: number }[];
}

/** Every field filled; form configs carry their defaults explicitly, so what comes back equals this. */
function fullContent(code: string, overrides: Partial<Content> = {}): Content {
  return {
    code,
    name: '劳动争议调解申请',
    category: 'MEDIATION',
    legalBasis: '《中华人民共和国人民调解法》第十七条、第二十六条；《劳动争议调解仲裁法》第十条。',
    conditions: '当事人之间发生劳动争议，双方自愿申请调解的，均可提出申请。',
    procedure: [
      { title: '申请', description: '当事人到窗口或者在线提交调解申请及相关材料。' },
      { title: '受理', description: '工作人员审查材料，符合条件的当场受理；材料不齐的一次性告知。' },
      { title: '调解', description: '调解员组织双方协商，依法达成调解协议。' },
    ],
    rightsAndObligations: '当事人有权选择或者接受调解员，有权拒绝调解；应当如实陈述纠纷事实。',
    fee: '免费。',
    results: '调解协议书或者终止调解告知书。',
    statutoryLimit: { unit: 'WORKING_DAYS', amount: 15 },
    committedLimit: { unit: 'WORKING_DAYS', amount: 10 },
    channels: ['ONSITE', 'ONLINE', 'WECHAT'],
    materials: [
      { key: 'id_card', name: '申请人身份证件', required: true, note: '原件及复印件各一份' },
      { key: 'contract', name: '劳动合同或者其他劳动关系证明', required: true, note: null },
      { key: 'evidence', name: '其他证据材料', required: false, note: '如工资条、考勤记录' },
    ],
    formFields: [
      { key: 'applicantName', label: '申请人姓名', type: 'TEXT', required: true, helpText: null, config: { minLength: 2, maxLength: 50 } },
      {
        key: 'postcode',
        label: '邮政编码',
        type: 'TEXT',
        required: false,
        helpText: '六位数字',
        config: { maxLength: 6, pattern: '\\d{6}', patternMessage: '须为6位数字' },
      },
      { key: 'id_number', label: '公民身份号码', type: 'RESIDENT_ID', required: true, helpText: '仅用于核实身份', config: {} },
      { key: 'mobile', label: '联系电话', type: 'PHONE', required: true, helpText: null, config: {} },
      {
        key: 'dispute_type',
        label: '争议类型',
        type: 'SELECT',
        required: true,
        helpText: null,
        config: { options: [{ value: 'wage', label: '追索劳动报酬' }, { value: 'dismissal', label: '解除劳动合同' }, { value: 'other', label: '其他' }] },
      },
      {
        key: 'special_groups',
        label: '是否属于特殊群体',
        type: 'MULTI_SELECT',
        required: false,
        helpText: null,
        config: { options: [{ value: 'elderly', label: '老年人' }, { value: 'migrant_wage', label: '农民工讨薪' }], maxItems: 2 },
      },
      { key: 'amount', label: '涉及金额（元）', type: 'NUMBER', required: false, helpText: null, config: { min: 0, max: 10000000, integer: false } },
      { key: 'since', label: '入职日期', type: 'DATE', required: false, helpText: null, config: { notInFuture: true } },
      { key: 'has_contract', label: '是否签订书面劳动合同', type: 'YES_NO', required: true, helpText: null, config: {} },
      { key: 'details', label: '纠纷简要情况', type: 'LONG_TEXT', required: true, helpText: '请简要说明', config: { maxLength: 2000 } },
    ],
    stages: [
      { key: 'accept', name: '受理', budgetWorkingDays: 2 },
      { key: 'mediate', name: '调解', budgetWorkingDays: 6 },
      { key: 'close', name: '结案', budgetWorkingDays: 2 },
    ],
    ...overrides,
  };
}

async function login(username: string) {
  tok[username] = await t.login(username, DEMO_PASSWORD);
}

const owner = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(q));

/** Both catalogue tables, read as the owner. */
async function snapshot(): Promise<string> {
  const items = await owner(sql`select * from service_items order by id`);
  const versions = await owner(sql`select * from service_item_versions order by id`);
  return JSON.stringify({ items, versions });
}

/** A request that must be refused and leave both tables exactly as they were. */
async function refusedUnchanged(run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await snapshot();
  const r = await run();
  const err = refused(r, code, fields);
  expect(await snapshot()).toBe(before);
  return err;
}

async function create(as: string, content: Content, extra: Record<string, unknown> = {}): Promise<Item> {
  return ok(await t.gql(CREATE, { i: { content, ...extra } }, tok[as])).createServiceItem.serviceItem;
}
async function update(as: string, item: Pick<Item, 'id' | 'version'>, content: Content): Promise<Item> {
  return ok(await t.gql(UPDATE, { i: { id: item.id, version: item.version, content } }, tok[as])).updateServiceItem.serviceItem;
}
async function publish(as: string, item: Pick<Item, 'id' | 'version'>): Promise<Item> {
  return ok(await t.gql(PUBLISH, { i: { id: item.id, version: item.version } }, tok[as])).publishServiceItem.serviceItem;
}
async function nodeOf(as: string, id: string): Promise<Item | null> {
  return ok(await t.gql(NODE, { id }, tok[as])).node;
}
async function list(as: string, vars: Record<string, unknown> = {}) {
  const d = ok(await t.gql(LIST, vars, tok[as]));
  expect(d.serviceItems.pageInfo.hasNextPage).toBe(false);
  expect(d.serviceItems.totalCount).toBe(d.serviceItems.edges.length);
  return d.serviceItems.edges.map((e: { node: { id: string; code: string; status: string; isTemplate: boolean; tenant: { slug: string } } }) => e.node);
}
const codes = (nodes: { code: string }[]) => nodes.map((n) => n.code);
const itemGlobalId = (uuid: string) => encodeGlobalId('ServiceItem', uuid);

beforeAll(async () => {
  t = await startTestApp();
  for (const u of [
    'city.admin',
    'city.supervisor',
    'yubei.admin',
    'yubei.supervisor',
    'yubei.staff',
    'yuzhong.admin',
    'longxi.staff',
    'mingli.lawyer',
  ]) {
    await login(u);
  }
  for (const slug of ['cq', 'yubei', 'yuzhong', 'yubei-longxi']) {
    const d = ok(await t.gql('query($s: String!) { tenant(slug: $s) { id } }', { s: slug }, tok['city.admin']));
    tenantIds[slug] = d.tenant.id;
  }
  for (const r of await owner<{ id: string; slug: string }>(sql`select id::text, slug from tenants`)) tenantUuids[r.slug] = r.id;
});
afterAll(() => t?.close());

describe('an item end to end (yubei.admin)', () => {
  test('create with every field, publish, edit, publish again, archive', async () => {
    const sent = fullContent('YB-LABOR-MED');

    // Create: a draft carrying exactly what was sent.
    const created = await create('yubei.admin', sent);
    expect(created).toMatchObject({
      code: 'YB-LABOR-MED',
      name: sent.name,
      category: 'MEDIATION',
      status: 'DRAFT',
      isTemplate: false,
      hasUnpublishedChanges: true,
      publishedVersionNo: null,
      version: 1,
      tenant: { slug: 'yubei' },
      published: null,
      versions: [],
      adoptedFrom: null,
      adoptedFromVersionNo: null,
    });
    expect(created.draft).toEqual(sent);
    expect(await nodeOf('yubei.admin', created.id)).toEqual(created);

    // Publish: version 1, frozen with exactly the draft.
    const v1 = await publish('yubei.admin', created);
    expect(v1).toMatchObject({ status: 'PUBLISHED', publishedVersionNo: 1, hasUnpublishedChanges: false, version: 2 });
    expect(v1.published!.versionNo).toBe(1);
    expect(v1.published!.content).toEqual(sent);
    expect(v1.draft).toEqual(sent);
    expect(v1.versions).toEqual([{ versionNo: 1, content: sent }]);

    // Publishing again with nothing changed is refused and changes nothing.
    await refusedUnchanged(() => t.gql(PUBLISH, { i: { id: v1.id, version: v1.version } }, tok['yubei.admin']), 'CONFLICT');

    // Edit: a new draft; the published version stays as it was.
    const edited = fullContent('YB-LABOR-MED', {
      name: '劳动争议调解',
      committedLimit: { unit: 'WORKING_DAYS', amount: 7 },
      channels: ['ONSITE', 'ONLINE', 'WECHAT', 'HOTLINE'],
      materials: [...sent.materials, { key: 'wage_slip', name: '工资支付凭证', required: false, note: null }],
      stages: [
        { key: 'accept', name: '受理', budgetWorkingDays: 1 },
        { key: 'mediate', name: '调解', budgetWorkingDays: 5 },
      ],
    });
    const draft2 = await update('yubei.admin', v1, edited);
    expect(draft2).toMatchObject({ status: 'PUBLISHED', publishedVersionNo: 1, hasUnpublishedChanges: true, version: 3, name: '劳动争议调解' });
    expect(draft2.draft).toEqual(edited);
    expect(draft2.published).toEqual({ versionNo: 1, content: sent });
    expect(draft2.versions).toEqual([{ versionNo: 1, content: sent }]);

    // A stale version is refused, for every command, and changes nothing.
    await refusedUnchanged(() => t.gql(UPDATE, { i: { id: v1.id, version: v1.version, content: sent } }, tok['yubei.admin']), 'CONFLICT');
    await refusedUnchanged(() => t.gql(PUBLISH, { i: { id: v1.id, version: v1.version } }, tok['yubei.admin']), 'CONFLICT');
    await refusedUnchanged(() => t.gql(ARCHIVE, { i: { id: v1.id, version: v1.version } }, tok['yubei.admin']), 'CONFLICT');
    await refusedUnchanged(() => t.gql(PUBLISH, { i: { id: v1.id, version: 99 } }, tok['yubei.admin']), 'CONFLICT');

    // Publish again: version 2; version 1 is unchanged.
    const v2 = await publish('yubei.admin', draft2);
    expect(v2).toMatchObject({ status: 'PUBLISHED', publishedVersionNo: 2, hasUnpublishedChanges: false, version: 4 });
    expect(v2.published).toEqual({ versionNo: 2, content: edited });
    expect(v2.versions).toEqual([
      { versionNo: 1, content: sent },
      { versionNo: 2, content: edited },
    ]);
    const versionRows = await owner<{ version_no: number; content: unknown }>(
      sql`select version_no, content from service_item_versions where item_id = ${uuidOf(v2.id)} order by version_no`,
    );
    expect(versionRows.map((r) => r.version_no)).toEqual([1, 2]);

    // An edit that restores version 1's content still makes a new draft (hasUnpublishedChanges).
    const back = await update('yubei.admin', v2, sent);
    expect(back).toMatchObject({ hasUnpublishedChanges: true, publishedVersionNo: 2, version: 5 });
    expect(back.published).toEqual({ versionNo: 2, content: edited });

    // Archive: withdrawn, versions kept; no more edits or publications.
    const archived = ok(await t.gql(ARCHIVE, { i: { id: back.id, version: back.version } }, tok['yubei.admin'])).archiveServiceItem.serviceItem as Item;
    expect(archived).toMatchObject({ status: 'ARCHIVED', publishedVersionNo: 2, version: 6 });
    expect(archived.versions.map((v) => v.versionNo)).toEqual([1, 2]);
    expect(archived.versions[0]!.content).toEqual(sent);
    await refusedUnchanged(
      () => t.gql(UPDATE, { i: { id: archived.id, version: archived.version, content: edited } }, tok['yubei.admin']),
      'CONFLICT',
    );
    await refusedUnchanged(() => t.gql(PUBLISH, { i: { id: archived.id, version: archived.version } }, tok['yubei.admin']), 'CONFLICT');
    await refusedUnchanged(() => t.gql(ARCHIVE, { i: { id: archived.id, version: archived.version } }, tok['yubei.admin']), 'CONFLICT');
    expect(await nodeOf('yubei.admin', archived.id)).toEqual(archived);
  });

  test('a form field given without settings gets its type defaults; optional texts default to empty', async () => {
    const sent = fullContent('YB-DEFAULTS', {
      formFields: [
        { key: 'name', label: '姓名', type: 'TEXT', required: true, helpText: null, config: {} },
        { key: 'agree', label: '同意', type: 'YES_NO', required: false, helpText: null, config: {} },
      ],
      stages: [],
    });
    const { conditions: _c, rightsAndObligations: _r, results: _s, stages: _st, ...minimal } = sent;
    const minimalInput = {
      ...minimal,
      procedure: [{ title: '申请' }],
      formFields: [
        { key: 'name', label: '姓名', type: 'TEXT', required: true },
        { key: 'agree', label: '同意', type: 'YES_NO', required: false },
      ],
    };
    const created = ok(await t.gql(CREATE, { i: { content: minimalInput } }, tok['yubei.admin'])).createServiceItem.serviceItem as Item;
    expect(created.draft).toEqual({
      ...sent,
      conditions: '',
      rightsAndObligations: '',
      results: '',
      procedure: [{ title: '申请', description: '' }],
      formFields: [
        { key: 'name', label: '姓名', type: 'TEXT', required: true, helpText: null, config: { maxLength: 200 } },
        { key: 'agree', label: '同意', type: 'YES_NO', required: false, helpText: null, config: {} },
      ],
      stages: [],
    });
  });

  test('a forbidden phrase in a public text blocks publishing, naming the field', async () => {
    const item = await create('yubei.admin', fullContent('YB-PHRASE', { conditions: '这事办不了的情形除外。' }));
    const err = await refusedUnchanged(
      () => t.gql(PUBLISH, { i: { id: item.id, version: item.version } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['content.conditions'],
    );
    expect(err.message).toContain('这事办不了');
  });

  test('the legal basis is public text too: a forbidden phrase there blocks publishing', async () => {
    // PublicServiceItem shows the legal basis to anyone (Art. 17); Art. 23 checks every public text.
    const item = await create('yubei.admin', fullContent('YB-PHRASE-BASIS', { legalBasis: '依据：爱找谁找谁。' }));
    const publishBrief = `mutation($i: ServiceItemVersionInput!) { publishServiceItem(input: $i) { serviceItem { status publishedVersionNo } } }`;
    await refusedUnchanged(
      () => t.gql(publishBrief, { i: { id: item.id, version: item.version } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['content.legalBasis'],
    );
  });
});

function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
}

describe('refusals', () => {
  test('staff and supervisors may not create, edit, publish or archive', async () => {
    const item = await create('yubei.admin', fullContent('YB-ROLES'));
    for (const who of ['yubei.staff', 'yubei.supervisor', 'longxi.staff', 'city.supervisor']) {
      await refusedUnchanged(() => t.gql(CREATE, { i: { content: fullContent(`YB-ROLES-${who.length}`) } }, tok[who]), 'FORBIDDEN');
      await refusedUnchanged(
        () => t.gql(UPDATE, { i: { id: item.id, version: item.version, content: fullContent('YB-ROLES') } }, tok[who]),
        'FORBIDDEN',
      );
      await refusedUnchanged(() => t.gql(PUBLISH, { i: { id: item.id, version: item.version } }, tok[who]), 'FORBIDDEN');
      await refusedUnchanged(() => t.gql(ARCHIVE, { i: { id: item.id, version: item.version } }, tok[who]), 'FORBIDDEN');
    }
    // Anonymous.
    await refusedUnchanged(() => t.gql(CREATE, { i: { content: fullContent('YB-ANON') } }, null), 'UNAUTHENTICATED');
  });

  test("a district admin cannot create in another district's catalogue, nor touch its items", async () => {
    const err = await refusedUnchanged(
      () => t.gql(CREATE, { i: { tenantId: tenantIds.yuzhong, content: fullContent('YZ-INTRUDER') } }, tok['yubei.admin']),
      'NOT_FOUND',
    );
    expect(err.message).toBe('tenant not found');
    expect(await owner(sql`select id from service_items where code = 'YZ-INTRUDER'`)).toEqual([]);

    // A yuzhong item is invisible to yubei: not found, whatever the command.
    const [yz] = await owner<{ id: string; version: number }>(
      sql`select id::text, version from service_items where tenant_id = ${tenantUuids.yuzhong} order by code limit 1`,
    );
    const yzId = itemGlobalId(yz!.id);
    await refusedUnchanged(
      () => t.gql(UPDATE, { i: { id: yzId, version: yz!.version, content: fullContent('YZ-X') } }, tok['yubei.admin']),
      'NOT_FOUND',
    );
    await refusedUnchanged(() => t.gql(PUBLISH, { i: { id: yzId, version: yz!.version } }, tok['yubei.admin']), 'NOT_FOUND');
    await refusedUnchanged(() => t.gql(ARCHIVE, { i: { id: yzId, version: yz!.version } }, tok['yubei.admin']), 'NOT_FOUND');

    // An ancestor's published item is visible but not editable by a descendant's admin.
    const [tpl] = await owner<{ id: string; version: number }>(
      sql`select id::text, version from service_items where tenant_id = ${tenantUuids.cq} and status = 'PUBLISHED' order by code limit 1`,
    );
    const tplId = itemGlobalId(tpl!.id);
    expect((await nodeOf('yubei.admin', tplId))?.id).toBe(tplId);
    await refusedUnchanged(() => t.gql(ARCHIVE, { i: { id: tplId, version: tpl!.version } }, tok['yubei.admin']), 'FORBIDDEN');
    await refusedUnchanged(
      () => t.gql(UPDATE, { i: { id: tplId, version: tpl!.version, content: fullContent('TPL-X') } }, tok['yubei.admin']),
      'FORBIDDEN',
    );
    // mingli-law sits under yubei: its admin sees yubei's published items and may not edit them.
    const [ybPublished] = await owner<{ id: string; version: number }>(
      sql`select id::text, version from service_items where tenant_id = ${tenantUuids.yubei} and status = 'PUBLISHED' order by code limit 1`,
    );
    await refusedUnchanged(
      () => t.gql(ARCHIVE, { i: { id: itemGlobalId(ybPublished!.id), version: ybPublished!.version } }, tok['mingli.lawyer']),
      'FORBIDDEN',
    );
    // An id of another type in the tenantId slot names it.
    await refusedUnchanged(
      () => t.gql(CREATE, { i: { tenantId: itemGlobalId(yz!.id), content: fullContent('YB-WRONG-ID') } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['tenantId'],
    );
    // An ancestor's admin may create in a descendant's catalogue.
    const byRoot = await create('city.admin', fullContent('YB-FROM-ROOT'), { tenantId: tenantIds.yubei });
    expect(byRoot).toMatchObject({ status: 'DRAFT', tenant: { slug: 'yubei' } });
  });

  test('a code used twice in one catalogue names content.code; other tenants may reuse it', async () => {
    const first = await create('yubei.admin', fullContent('YB-DUP'));
    await refusedUnchanged(() => t.gql(CREATE, { i: { content: fullContent('YB-DUP') } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['content.code']);
    // An edit that takes another item's code, too.
    const second = await create('yubei.admin', fullContent('YB-DUP-2'));
    await refusedUnchanged(
      () => t.gql(UPDATE, { i: { id: second.id, version: second.version, content: fullContent('YB-DUP') } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['content.code'],
    );
    // The same code in yuzhong is fine.
    const elsewhere = await create('yuzhong.admin', fullContent('YB-DUP'));
    expect(elsewhere).toMatchObject({ code: 'YB-DUP', tenant: { slug: 'yuzhong' } });
    expect(first.code).toBe('YB-DUP');
  });

  test('a published item keeps its code: the public versions and cases are known by it', async () => {
    const a = await publish('yubei.admin', await create('yubei.admin', fullContent('YB-CODE-A')));
    const before = await snapshot();
    const renamed = await t.gql(UPDATE, { i: { id: a.id, version: a.version, content: fullContent('YB-CODE-A2') } }, tok['yubei.admin']);
    refused(renamed, 'BAD_USER_INPUT', ['content.code']);
    expect(await snapshot()).toBe(before);
    // So no second item can take the code while a published version shows it.
    refused(await t.gql(CREATE, { i: { content: fullContent('YB-CODE-A') } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['content.code']);
    const pub = ok(await t.gql('query { publicTenant(slug: "yubei") { serviceItems { content { code } } } }', {}, null));
    const codes: string[] = pub.publicTenant.serviceItems.map((i: { content: { code: string } }) => i.content.code);
    expect(codes.filter((c) => c === 'YB-CODE-A')).toHaveLength(1);
    expect(await snapshot()).toBe(before);
  });

  const base = fullContent('YB-BAD');
  const field = (f: Partial<Content['formFields'][number]>): Content['formFields'][number] => ({
    key: 'f1',
    label: '字段',
    type: 'TEXT',
    required: false,
    helpText: null,
    config: {},
    ...f,
  });
  const bad: [string, Partial<Content>, string[]][] = [
    [
      'duplicate form keys',
      { formFields: [field({ key: 'name' }), field({ key: 'phone', type: 'PHONE' }), field({ key: 'name', label: '又一个' })] },
      ['form.fields.2.key'],
    ],
    ['a SELECT without options', { formFields: [field({ key: 'kind', type: 'SELECT', config: {} })] }, ['form.fields.0.config.options']],
    [
      'a SELECT with an empty option list',
      { formFields: [field({ key: 'x' }), field({ key: 'kind', type: 'SELECT', config: { options: [] } })] },
      ['form.fields.1.config.options'],
    ],
    [
      'a MULTI_SELECT with repeated option values',
      {
        formFields: [
          field({ key: 'kinds', type: 'MULTI_SELECT', config: { options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] } }),
        ],
      },
      ['form.fields.0.config.options'],
    ],
    ['an invalid regular expression', { formFields: [field({ config: { pattern: '([a-z' } })] }, ['form.fields.0.config.pattern']],
    ['a catastrophic pattern', { formFields: [field({ config: { pattern: '(a+)+b' } })] }, ['form.fields.0.config.pattern']],
    ['a back-reference', { formFields: [field({ config: { pattern: '(a)\\1' } })] }, ['form.fields.0.config.pattern']],
    ['an unknown field type', { formFields: [field({}), field({ key: 'sig', type: 'SIGNATURE' })] }, ['form.fields.1.type']],
    ['an unknown setting', { formFields: [field({ config: { colour: 'red' } })] }, ['form.fields.0.config.colour']],
    ['a malformed field key', { formFields: [field({ key: '1st' })] }, ['form.fields.0.key']],
    ['a committed limit longer than the statutory one', { committedLimit: { unit: 'WORKING_DAYS', amount: 16 } }, ['committedLimit.amount']],
    ['limits in different units', { committedLimit: { unit: 'CALENDAR_DAYS', amount: 5 } }, ['committedLimit.unit']],
    ['a zero committed limit', { committedLimit: { unit: 'WORKING_DAYS', amount: 0 } }, ['committedLimit.amount']],
    ['a statutory limit over a year', { statutoryLimit: { unit: 'WORKING_DAYS', amount: 366 } }, ['statutoryLimit.amount']],
    [
      'stage budgets over the statutory working days',
      {
        stages: [
          { key: 'a', name: '甲', budgetWorkingDays: 10 },
          { key: 'b', name: '乙', budgetWorkingDays: 6 },
        ],
      },
      ['stages'],
    ],
    [
      'duplicate stage keys',
      {
        stages: [
          { key: 'a', name: '甲', budgetWorkingDays: 1 },
          { key: 'a', name: '乙', budgetWorkingDays: 1 },
        ],
      },
      ['stages.1'],
    ],
    [
      'duplicate material keys',
      {
        materials: [
          { key: 'id_card', name: '身份证', required: true, note: null },
          { key: 'id_card', name: '身份证复印件', required: false, note: null },
        ],
      },
      ['materials.1'],
    ],
    ['no channels', { channels: [] }, ['channels']],
    ['a channel twice', { channels: ['ONSITE', 'ONSITE'] }, ['channels.1']],
    ['no procedure', { procedure: [] }, ['procedure']],
    ['a blank name', { name: '   ' }, ['name']],
    ['a malformed code', { code: 'YB BAD' }, ['code']],
  ];
  test.each(bad)('%s is refused with the path named, and nothing is saved', async (_what, overrides, fields) => {
    await refusedUnchanged(
      () => t.gql(CREATE, { i: { content: { ...base, ...overrides } } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      fields,
    );
  });

  test('the same checks apply to an edit, which then changes nothing', async () => {
    const item = await create('yubei.admin', fullContent('YB-EDIT-CHECKS'));
    for (const [, overrides, fields] of bad) {
      if (overrides.code) continue;
      await refusedUnchanged(
        () => t.gql(UPDATE, { i: { id: item.id, version: item.version, content: { ...fullContent('YB-EDIT-CHECKS'), ...overrides } } }, tok['yubei.admin']),
        'BAD_USER_INPUT',
        fields,
      );
    }
    // Several problems at once are all named.
    await refusedUnchanged(
      () =>
        t.gql(
          UPDATE,
          {
            i: {
              id: item.id,
              version: item.version,
              content: {
                ...fullContent('YB-EDIT-CHECKS'),
                channels: [],
                committedLimit: { unit: 'WORKING_DAYS', amount: 20 },
                formFields: [field({ key: 'kind', type: 'SELECT', config: {} })],
              },
            },
          },
          tok['yubei.admin'],
        ),
      'BAD_USER_INPUT',
      ['channels', 'committedLimit.amount', 'form.fields.0.config.options'],
    );
  });
});

describe('the database keeps published versions frozen', () => {
  test('the application role may not update or delete service_item_versions', async () => {
    const item = await publish('yubei.admin', await create('yubei.admin', fullContent('YB-FROZEN')));
    const itemUuid = uuidOf(item.id);
    const [viewer] = await owner<{ tenantId: string; userId: string }>(
      sql`select tenant_id::text as "tenantId", id::text as "userId" from users where username = 'yubei.admin'`,
    );
    const opts = { statementTimeoutMs: t.config.statementTimeoutMs, idleInTransactionTimeoutMs: t.config.idleInTransactionTimeoutMs };
    const before = await snapshot();
    const pgError = async (statement: ReturnType<typeof sql>) => {
      const err = await withTenant(t.database.db, viewer!, opts, (tx) => tx.execute(statement)).then(
        () => null,
        (e: { code?: string; message: string; cause?: { code?: string; message: string } }) => (e.cause?.code ? e.cause : e),
      );
      return err && { code: String(err.code), message: err.message };
    };
    // The role can read its own version …
    const seen = await withTenant(t.database.db, viewer!, opts, async (tx) =>
      rowsOf<{ version_no: number }>(await tx.execute(sql`select version_no from service_item_versions where item_id = ${itemUuid}`)),
    );
    expect(seen).toEqual([{ version_no: 1 }]);
    // … and can change none of it.
    expect(await pgError(sql`update service_item_versions set content = '{}'::jsonb where item_id = ${itemUuid}`)).toMatchObject({
      code: '42501',
      message: expect.stringMatching(/permission denied/),
    });
    expect(await pgError(sql`delete from service_item_versions where item_id = ${itemUuid}`)).toMatchObject({
      code: '42501',
      message: expect.stringMatching(/permission denied/),
    });
    expect(await snapshot()).toBe(before);
  });
});

describe('templates', () => {
  let template: Item;
  const tplContent = fullContent('TPL-LABOR-MED', { name: '劳动争议调解（模板）' });

  test('the root admin creates and publishes a template; other tenants see it among the templates', async () => {
    const created = await create('city.admin', tplContent, { isTemplate: true });
    expect(created).toMatchObject({ isTemplate: true, status: 'DRAFT', tenant: { slug: 'cq' } });
    // Unpublished, it is the root's alone.
    expect(await nodeOf('yubei.admin', created.id)).toBeNull();
    expect(codes(await list('yubei.admin', { templates: true }))).not.toContain('TPL-LABOR-MED');

    template = await publish('city.admin', created);
    expect(template).toMatchObject({ isTemplate: true, status: 'PUBLISHED', publishedVersionNo: 1 });

    const expected = await owner<{ code: string }>(
      sql`select code from service_items where is_template and status = 'PUBLISHED' order by tenant_id, sort_order, code`,
    );
    const seen = await list('yubei.admin', { templates: true });
    expect(codes(seen)).toEqual(expected.map((r) => r.code));
    expect(codes(seen)).toContain('TPL-LABOR-MED');
    expect(seen.every((n: { isTemplate: boolean; tenant: { slug: string } }) => n.isTemplate && n.tenant.slug === 'cq')).toBe(true);
    expect((await nodeOf('yubei.admin', template.id))?.published?.content).toEqual(tplContent);
    // templates: false lists none of them.
    expect((await list('yubei.admin', { templates: false })).some((n: { isTemplate: boolean }) => n.isTemplate)).toBe(false);
  });

  test('a tenant adopts a template as a draft that records where it came from', async () => {
    const adopted = ok(await t.gql(ADOPT, { i: { templateId: template.id } }, tok['yubei.admin'])).adoptServiceItemTemplate.serviceItem as Item;
    expect(adopted).toMatchObject({
      code: 'TPL-LABOR-MED',
      status: 'DRAFT',
      isTemplate: false,
      tenant: { slug: 'yubei' },
      publishedVersionNo: null,
      hasUnpublishedChanges: true,
      adoptedFrom: { id: template.id, code: 'TPL-LABOR-MED' },
      adoptedFromVersionNo: 1,
      versions: [],
    });
    expect(adopted.draft).toEqual(tplContent);

    // Adopting again without a code of its own collides.
    await refusedUnchanged(() => t.gql(ADOPT, { i: { templateId: template.id } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['code']);
    // With one, it works.
    const again = ok(await t.gql(ADOPT, { i: { templateId: template.id, code: 'YB-LABOR-2' } }, tok['yubei.admin']))
      .adoptServiceItemTemplate.serviceItem as Item;
    expect(again).toMatchObject({ code: 'YB-LABOR-2', status: 'DRAFT', adoptedFrom: { id: template.id }, adoptedFromVersionNo: 1 });
    expect(again.draft).toEqual({ ...tplContent, code: 'YB-LABOR-2' });

    // Adapt and publish the copy: the template is untouched.
    const adapted = fullContent('TPL-LABOR-MED', { committedLimit: { unit: 'WORKING_DAYS', amount: 5 }, name: '渝北劳动争议调解' });
    const published = await publish('yubei.admin', await update('yubei.admin', adopted, adapted));
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedVersionNo: 1, adoptedFromVersionNo: 1 });
    expect(published.published!.content).toEqual(adapted);
    expect((await nodeOf('city.admin', template.id))!.published).toEqual({ versionNo: 1, content: tplContent });

    // The root publishes version 2: existing copies keep theirs; a new adoption records 2.
    const tpl2Content = { ...tplContent, fee: '免费；邮寄费用由申请人承担。' };
    const tpl2 = await publish('city.admin', await update('city.admin', template, tpl2Content));
    expect(tpl2.publishedVersionNo).toBe(2);
    const copy = await nodeOf('yubei.admin', published.id);
    expect(copy).toMatchObject({ adoptedFromVersionNo: 1, publishedVersionNo: 1 });
    expect(copy!.published!.content).toEqual(adapted);
    const third = ok(await t.gql(ADOPT, { i: { templateId: template.id, code: 'YB-LABOR-3' } }, tok['yubei.admin']))
      .adoptServiceItemTemplate.serviceItem as Item;
    expect(third).toMatchObject({ adoptedFromVersionNo: 2 });
    expect(third.draft).toEqual({ ...tpl2Content, code: 'YB-LABOR-3' });
    template = tpl2;

    // An admin above may adopt into a descendant's catalogue.
    const forLongxi = ok(await t.gql(ADOPT, { i: { templateId: template.id, tenantId: tenantIds['yubei-longxi'] } }, tok['yubei.admin']))
      .adoptServiceItemTemplate.serviceItem as Item;
    expect(forLongxi).toMatchObject({ tenant: { slug: 'yubei-longxi' }, code: 'TPL-LABOR-MED', adoptedFromVersionNo: 2 });
  });

  test('only the root makes templates', async () => {
    await refusedUnchanged(
      () => t.gql(CREATE, { i: { isTemplate: true, content: fullContent('YB-TPL') } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['isTemplate'],
    );
    // Not even the root admin, in a descendant's catalogue.
    await refusedUnchanged(
      () => t.gql(CREATE, { i: { isTemplate: true, tenantId: tenantIds.yubei, content: fullContent('YB-TPL') } }, tok['city.admin']),
      'BAD_USER_INPUT',
      ['isTemplate'],
    );
  });

  test('only published templates can be adopted', async () => {
    // A non-template (yubei's own published item).
    const own = await publish('yubei.admin', await create('yubei.admin', fullContent('YB-NOT-TPL')));
    await refusedUnchanged(() => t.gql(ADOPT, { i: { templateId: own.id, code: 'YB-NOT-TPL-2' } }, tok['yubei.admin']), 'BAD_USER_INPUT', [
      'templateId',
    ]);
    // A template not yet published: refused for the root itself and for others.
    const unpublished = await create('city.admin', fullContent('TPL-UNPUBLISHED'), { isTemplate: true });
    await refusedUnchanged(() => t.gql(ADOPT, { i: { templateId: unpublished.id } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['templateId']);
    await refusedUnchanged(
      () => t.gql(ADOPT, { i: { templateId: unpublished.id, tenantId: tenantIds.yubei } }, tok['city.admin']),
      'BAD_USER_INPUT',
      ['templateId'],
    );
    // An archived template.
    const gone = await publish('city.admin', await create('city.admin', fullContent('TPL-GONE'), { isTemplate: true }));
    ok(await t.gql(ARCHIVE, { i: { id: gone.id, version: gone.version } }, tok['city.admin']));
    await refusedUnchanged(() => t.gql(ADOPT, { i: { templateId: gone.id } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['templateId']);
    // A tenant id in the templateId slot.
    await refusedUnchanged(() => t.gql(ADOPT, { i: { templateId: tenantIds.cq } }, tok['yubei.admin']), 'BAD_USER_INPUT', ['templateId']);
    // Staff may not adopt.
    await refusedUnchanged(() => t.gql(ADOPT, { i: { templateId: template.id, code: 'YB-STAFF' } }, tok['yubei.staff']), 'FORBIDDEN');
  });
});

describe('visibility', () => {
  let draft: Item;
  let published: Item;

  beforeAll(async () => {
    draft = await create('yubei.admin', fullContent('YB-VIS-DRAFT'));
    published = await publish('yubei.admin', await create('yubei.admin', fullContent('YB-VIS-PUB')));
  });

  test('another district sees nothing of yubei, drafts or published', async () => {
    expect(await nodeOf('yuzhong.admin', draft.id)).toBeNull();
    expect(await nodeOf('yuzhong.admin', published.id)).toBeNull();
    expect(await list('yuzhong.admin', { tenantId: tenantIds.yubei })).toEqual([]);
    const all = await list('yuzhong.admin');
    expect(all.some((n: { tenant: { slug: string } }) => n.tenant.slug.startsWith('yubei'))).toBe(false);
    const nodes = ok(await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [draft.id, published.id] }, tok['yuzhong.admin']));
    expect(nodes.nodes).toEqual([null, null]);
  });

  test("a yubei office's staff sees yubei's published items and none of its drafts", async () => {
    expect(await nodeOf('longxi.staff', draft.id)).toBeNull();
    const seen = await nodeOf('longxi.staff', published.id);
    expect(seen).toMatchObject({ id: published.id, status: 'PUBLISHED', publishedVersionNo: 1 });
    expect(seen!.published!.content).toEqual(fullContent('YB-VIS-PUB'));

    const expected = await owner<{ code: string }>(
      sql`select code from service_items where tenant_id = ${tenantUuids.yubei} and status = 'PUBLISHED' order by sort_order, code`,
    );
    const listed = await list('longxi.staff', { tenantId: tenantIds.yubei });
    expect(codes(listed)).toEqual(expected.map((r) => r.code));
    expect(codes(listed)).toContain('YB-VIS-PUB');
    expect(codes(listed)).not.toContain('YB-VIS-DRAFT');
    expect(listed.every((n: { status: string }) => n.status === 'PUBLISHED')).toBe(true);
    // Asking for drafts explicitly returns none.
    expect(await list('longxi.staff', { tenantId: tenantIds.yubei, status: ['DRAFT', 'ARCHIVED'] })).toEqual([]);
  });

  test('yubei itself sees its drafts; an archived item leaves the descendants\' view', async () => {
    const own = codes(await list('yubei.admin', { tenantId: tenantIds.yubei }));
    expect(own).toContain('YB-VIS-DRAFT');
    expect(own).toContain('YB-VIS-PUB');
    const current = (await nodeOf('yubei.admin', published.id))!;
    ok(await t.gql(ARCHIVE, { i: { id: current.id, version: current.version } }, tok['yubei.admin']));
    expect(await nodeOf('longxi.staff', published.id)).toBeNull();
    expect(codes(await list('longxi.staff', { tenantId: tenantIds.yubei }))).not.toContain('YB-VIS-PUB');
  });
});
