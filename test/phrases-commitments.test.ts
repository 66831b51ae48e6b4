import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../server/db/client.js';
import { type GqlResult, ok, refused, startTestApp, type TestApp } from './helpers.js';

/**
 * The phrase library (Art. 23, 26), the forbidden-phrase check on public texts, and commitments
 * with their measured targets (Art. 16, 21). Tests run in order and build on each other: the
 * phrases created first are the ones the later checks run against.
 */

let t: TestApp;
const tok: Record<string, string> = {};
const ids: Record<string, string> = {};
let seededYubei: string[] = [];

const PHRASE = 'id kind text note active version tenant { slug }';
const CREATE_PHRASE = `mutation($i: CreatePhraseInput!) { createPhrase(input: $i) { ${PHRASE} } }`;
const UPDATE_PHRASE = `mutation($i: UpdatePhraseInput!) { updatePhrase(input: $i) { ${PHRASE} } }`;
const PHRASES = `query($effective: Boolean, $kind: PhraseKind, $tenantId: ID) {
  phrases(effective: $effective, kind: $kind, tenantId: $tenantId) { ${PHRASE} } }`;
const CHECK = `query($text: String!, $tenantId: ID) { checkText(text: $text, tenantId: $tenantId) { ok hits { phrase start end excerpt } } }`;

const COMMITMENT = 'id kind title body sortOrder metric target published version';
const CREATE_C = `mutation($i: CreateCommitmentInput!) { createCommitment(input: $i) { ${COMMITMENT} } }`;
const UPDATE_C = `mutation($i: UpdateCommitmentInput!) { updateCommitment(input: $i) { ${COMMITMENT} } }`;
const LIST_C = `query($tenantId: ID) { commitments(tenantId: $tenantId) { ${COMMITMENT} } }`;
const DEFAULTS = 'query { responseTimeDefaults { hotlineAnswerSeconds chatAnswerSeconds messageReplyMinutes } }';
const SET_DEFAULTS = `mutation($i: ResponseTimeDefaultsInput!) {
  setResponseTimeDefaults(input: $i) { hotlineAnswerSeconds chatAnswerSeconds messageReplyMinutes } }`;

const ITEM = 'id code name status version publishedVersionNo hasUnpublishedChanges published { versionNo content { name } }';
const CREATE_ITEM = `mutation($i: CreateServiceItemInput!) { createServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const UPDATE_ITEM = `mutation($i: UpdateServiceItemInput!) { updateServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;
const PUBLISH = `mutation($i: ServiceItemVersionInput!) { publishServiceItem(input: $i) { serviceItem { ${ITEM} } } }`;

interface PhraseView {
  id: string;
  kind: string;
  text: string;
  note: string | null;
  active: boolean;
  version: number;
  tenant: { slug: string };
}
interface CommitmentView {
  id: string;
  kind: string;
  title: string;
  body: string;
  sortOrder: number;
  metric: string | null;
  target: number | null;
  published: boolean;
  version: number;
}
interface Hit {
  phrase: string;
  start: number;
  end: number;
  excerpt: string;
}

/** A table as the owner sees it (no row-level security): the "nothing changed" reference. */
async function snapshot(...tables: string[]): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const table of tables) out[table] = rowsOf(await t.database.db.execute(sql.raw(`select * from ${table} order by 1`)));
  return JSON.stringify(out);
}

/** A refusal that leaves the given tables exactly as they were. */
async function refusedUnchanged(tables: string[], run: () => Promise<GqlResult>, code: string, fields?: string[]) {
  const before = await snapshot(...tables);
  const err = refused(await run(), code, fields);
  expect(await snapshot(...tables)).toBe(before);
  return err;
}

const sorted = (xs: string[]) => [...xs].sort();

const tenantId = async (slug: string) => {
  const d = ok(await t.gql('query($s: String!) { tenant(slug: $s) { id } }', { s: slug }, tok['city.admin']));
  expect(d.tenant, slug).not.toBeNull();
  return d.tenant.id as string;
};

async function createPhrase(as: string, input: Record<string, unknown>): Promise<PhraseView> {
  return ok(await t.gql(CREATE_PHRASE, { i: input }, tok[as])).createPhrase as PhraseView;
}
async function effective(as: string, kind = 'FORBIDDEN', forTenant?: string): Promise<string[]> {
  const list = ok(await t.gql(PHRASES, { effective: true, kind, tenantId: forTenant }, tok[as])).phrases as PhraseView[];
  return list.map((p) => p.text);
}
async function check(as: string, text: string, forTenant?: string): Promise<{ ok: boolean; hits: Hit[] }> {
  return ok(await t.gql(CHECK, { text, tenantId: forTenant }, tok[as])).checkText;
}
/** Every hit points at exactly its excerpt in the text as given. */
function expectHitsInText(text: string, hits: Hit[]) {
  for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.excerpt);
}

/** A complete, valid service item content (Art. 17 fields), with overrides. */
function content(code: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    name,
    category: 'MEDIATION',
    legalBasis: '《中华人民共和国人民调解法》第十七条、第十八条',
    conditions: '当事人自愿申请调解',
    procedure: [
      { title: '申请', description: '当事人口头或书面提出申请' },
      { title: '受理', description: '三个工作日内决定是否受理' },
    ],
    rightsAndObligations: '当事人有权选择或者接受调解员；应当如实陈述纠纷事实',
    fee: '不收费',
    results: '达成协议的，制作人民调解协议书',
    statutoryLimit: { unit: 'WORKING_DAYS', amount: 30 },
    committedLimit: { unit: 'WORKING_DAYS', amount: 15 },
    channels: ['ONSITE', 'HOTLINE'],
    materials: [
      { key: 'id_card', name: '居民身份证', required: true, note: '原件' },
      { key: 'evidence', name: '纠纷相关证据', required: false },
    ],
    formFields: [{ key: 'summary', label: '纠纷简述', type: 'LONG_TEXT', required: true, config: {} }],
    ...extra,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of [
    'city.admin',
    'city.supervisor',
    'yubei.admin',
    'yubei.staff',
    'yubei.supervisor',
    'longxi.staff',
    'yuzhong.admin',
    'yuzhong.staff',
    'mingli.lawyer',
  ]) {
    tok[u] = await t.login(u);
  }
  for (const slug of ['cq', 'yubei', 'yubei-longxi', 'yuzhong', 'mingli-law']) ids[slug] = await tenantId(slug);
  // The demo's own commitments of yubei (all sortOrder 0), before any test adds to them.
  seededYubei = (ok(await t.gql(LIST_C, {}, tok['yubei.admin'])).commitments as CommitmentView[]).map((c) => c.title);
});
afterAll(() => t?.close());

describe('phrase library (Art. 23)', () => {
  const ROOT = '不归我管';
  const YUBEI = '你自己看着办';
  const phraseIds: Record<string, PhraseView> = {};

  /** The root's seeded forbidden phrases still active once the two below are switched off. */
  let seeded: string[] = [];

  test("the demo's root list applies everywhere; its own copies of the two phrases are switched off first", async () => {
    // The demo seeds both phrases at the root; switch those copies off, so that below the first
    // is the root's (made here) and the second yubei's own.
    const rootList = ok(await t.gql(PHRASES, { kind: 'FORBIDDEN', tenantId: ids.cq }, tok['city.admin'])).phrases as PhraseView[];
    for (const p of rootList.filter((x) => x.active && (x.text === ROOT || x.text === YUBEI))) {
      const off = ok(await t.gql(UPDATE_PHRASE, { i: { id: p.id, version: p.version, active: false } }, tok['city.admin'])).updatePhrase;
      expect(off).toMatchObject({ id: p.id, text: p.text, active: false, version: p.version + 1, tenant: { slug: 'cq' } });
    }
    seeded = rootList.filter((x) => x.active && x.text !== ROOT && x.text !== YUBEI).map((x) => x.text);
    // Neither yubei, longxi nor yuzhong has a forbidden list of its own in the demo.
    expect(sorted(await effective('longxi.staff'))).toEqual(sorted(seeded));
    expect(sorted(await effective('yuzhong.staff'))).toEqual(sorted(seeded));
    expect(await check('longxi.staff', `这事${ROOT}，${YUBEI}`)).toEqual({ ok: true, hits: [] });
  });

  test("the root's list applies to everyone, a district's to its subtree only", async () => {
    const root = await createPhrase('city.admin', { kind: 'FORBIDDEN', text: ROOT, note: '推诿' });
    expect(root).toMatchObject({ kind: 'FORBIDDEN', text: ROOT, note: '推诿', active: true, version: 1, tenant: { slug: 'cq' } });
    const yubei = await createPhrase('yubei.admin', { kind: 'FORBIDDEN', text: YUBEI });
    expect(yubei).toMatchObject({ kind: 'FORBIDDEN', text: YUBEI, note: null, active: true, version: 1, tenant: { slug: 'yubei' } });
    phraseIds.root = root;
    phraseIds.yubei = yubei;

    // Effective lists: own plus ancestors', active only, in the order they were made.
    const expectEffective = async (as: string, tail: string[], forTenant?: string) => {
      const list = await effective(as, 'FORBIDDEN', forTenant);
      expect(sorted(list.slice(0, seeded.length)), as).toEqual(sorted(seeded));
      expect(list.slice(seeded.length), as).toEqual(tail);
    };
    await expectEffective('longxi.staff', [ROOT, YUBEI]);
    await expectEffective('yubei.staff', [ROOT, YUBEI]);
    await expectEffective('yuzhong.staff', [ROOT]);
    await expectEffective('city.admin', [ROOT]);
    // Of another tenant, by id.
    await expectEffective('city.admin', [ROOT, YUBEI], ids['yubei-longxi']);
    // The plain list is what the viewer may see: yubei's phrase stays out of yuzhong.
    const seenByYuzhong = ok(await t.gql(PHRASES, { kind: 'FORBIDDEN' }, tok['yuzhong.staff'])).phrases as PhraseView[];
    expect(seenByYuzhong.filter((p) => p.tenant.slug !== 'cq')).toEqual([]);
    expect(seenByYuzhong.find((p) => p.id === yubei.id)).toBeUndefined();
    const ofYubei = ok(await t.gql(PHRASES, { tenantId: ids.yubei, kind: 'FORBIDDEN' }, tok['yubei.admin'])).phrases as PhraseView[];
    expect(ofYubei.map((p) => [p.text, p.tenant.slug])).toEqual([[YUBEI, 'yubei']]);
  });

  test('standard templates are a separate list and never refuse a text', async () => {
    const before = await effective('longxi.staff', 'STANDARD');
    const std = await createPhrase('yubei.admin', { kind: 'STANDARD', text: '您好，请问有什么可以帮您？' });
    expect(std).toMatchObject({ kind: 'STANDARD', tenant: { slug: 'yubei' }, active: true });
    const after = await effective('longxi.staff', 'STANDARD');
    expect(sorted(after.slice(0, before.length))).toEqual(sorted(before));
    expect(after.slice(before.length)).toEqual(['您好，请问有什么可以帮您？']);
    expect(await effective('yuzhong.staff', 'STANDARD')).not.toContain('您好，请问有什么可以帮您？');
    expect((await effective('longxi.staff', 'FORBIDDEN')).slice(seeded.length)).toEqual([ROOT, YUBEI]);
    expect(await check('longxi.staff', '您好，请问有什么可以帮您？')).toEqual({ ok: true, hits: [] });
  });

  test('checkText reports every hit at its exact place in the text as given', async () => {
    const text = '这事不 归我管，你自己看着办';
    const longxi = await check('longxi.staff', text);
    expect(longxi).toEqual({
      ok: false,
      hits: [
        { phrase: ROOT, start: 2, end: 7, excerpt: '不 归我管' },
        { phrase: YUBEI, start: 8, end: 14, excerpt: YUBEI },
      ],
    });
    expectHitsInText(text, longxi.hits);
    // Yubei's own list does not apply in yuzhong.
    expect(await check('yuzhong.staff', text)).toEqual({ ok: false, hits: [{ phrase: ROOT, start: 2, end: 7, excerpt: '不 归我管' }] });
    // Against another tenant's lists, by id.
    expect((await check('city.admin', text, ids['yubei-longxi'])).hits.map((h) => h.phrase)).toEqual([ROOT, YUBEI]);
    expect((await check('city.admin', text)).hits.map((h) => h.phrase)).toEqual([ROOT]);
    // Ideographic space, tab and newline inside the phrase.
    const spaced = '答复：不\u3000归\t我\n管。';
    expect(await check('yuzhong.staff', spaced)).toEqual({ ok: false, hits: [{ phrase: ROOT, start: 3, end: 10, excerpt: '不\u3000归\t我\n管' }] });
    expect(await check('yuzhong.staff', '不归我来管')).toEqual({ ok: true, hits: [] });
  });

  test('full-width and case variants meet a Latin phrase', async () => {
    const noWay = await createPhrase('city.admin', { kind: 'FORBIDDEN', text: 'no way' });
    phraseIds.noWay = noWay;
    expect(await check('yuzhong.staff', 'ＮＯ　ＷＡＹ')).toEqual({ ok: false, hits: [{ phrase: 'no way', start: 0, end: 6, excerpt: 'ＮＯ　ＷＡＹ' }] });
    expect(await check('yuzhong.staff', '他说：No Way!')).toEqual({ ok: false, hits: [{ phrase: 'no way', start: 3, end: 9, excerpt: 'No Way' }] });
    expect(await check('longxi.staff', '答：ｎｏ ｗａｙ')).toEqual({ ok: false, hits: [{ phrase: 'no way', start: 2, end: 8, excerpt: 'ｎｏ ｗａｙ' }] });
    // Not inside other words.
    expect(await check('yuzhong.staff', 'piano way')).toEqual({ ok: true, hits: [] });
    // A phrase written in full width and upper case matches the plain form too.
    const shout = await createPhrase('yubei.admin', { kind: 'FORBIDDEN', text: 'ＧＯ ＡＷＡＹ' });
    expect(await check('longxi.staff', 'go away')).toEqual({ ok: false, hits: [{ phrase: 'ＧＯ ＡＷＡＹ', start: 0, end: 7, excerpt: 'go away' }] });
    ok(await t.gql(UPDATE_PHRASE, { i: { id: shout.id, version: shout.version, active: false } }, tok['yubei.admin']));
  });

  test('a deactivated phrase stops applying; reactivated, it applies again', async () => {
    const p = phraseIds.noWay!;
    const off = ok(await t.gql(UPDATE_PHRASE, { i: { id: p.id, version: p.version, active: false } }, tok['city.admin'])).updatePhrase as PhraseView;
    expect(off).toMatchObject({ id: p.id, text: 'no way', active: false, version: p.version + 1 });
    expect(await check('yuzhong.staff', 'ＮＯ　ＷＡＹ')).toEqual({ ok: true, hits: [] });
    expect((await effective('yuzhong.staff')).slice(seeded.length)).toEqual([ROOT]);
    // Still listed (inactive) for those who manage it.
    const all = ok(await t.gql(PHRASES, { kind: 'FORBIDDEN', tenantId: ids.cq }, tok['city.admin'])).phrases as PhraseView[];
    expect(all.find((x) => x.id === p.id)).toMatchObject({ text: 'no way', active: false });
    const on = ok(await t.gql(UPDATE_PHRASE, { i: { id: p.id, version: off.version, active: true } }, tok['city.admin'])).updatePhrase as PhraseView;
    expect(on).toMatchObject({ active: true, version: p.version + 2 });
    expect((await check('yuzhong.staff', 'ＮＯ　ＷＡＹ')).ok).toBe(false);
    const again = ok(await t.gql(UPDATE_PHRASE, { i: { id: p.id, version: on.version, active: false, note: '停用' } }, tok['city.admin']))
      .updatePhrase as PhraseView;
    expect(again).toMatchObject({ active: false, note: '停用', version: p.version + 3 });
    phraseIds.noWay = again;
  });

  test('a stale version is CONFLICT and changes nothing', async () => {
    const p = phraseIds.noWay!;
    await refusedUnchanged(['phrases'], () => t.gql(UPDATE_PHRASE, { i: { id: p.id, version: p.version - 1, active: true } }, tok['city.admin']), 'CONFLICT');
    await refusedUnchanged(['phrases'], () => t.gql(UPDATE_PHRASE, { i: { id: p.id, version: p.version + 1, text: 'no' } }, tok['city.admin']), 'CONFLICT');
    expect((await check('yuzhong.staff', 'no way')).ok).toBe(true);
  });

  test('only admins of the tenant or above manage its phrases', async () => {
    const y = phraseIds.yubei!;
    const r = phraseIds.root!;
    for (const who of ['yubei.staff', 'longxi.staff', 'yubei.supervisor', 'city.supervisor']) {
      await refusedUnchanged(['phrases'], () => t.gql(CREATE_PHRASE, { i: { kind: 'FORBIDDEN', text: '别来烦我' } }, tok[who]), 'FORBIDDEN');
      await refusedUnchanged(['phrases'], () => t.gql(UPDATE_PHRASE, { i: { id: y.id, version: y.version, active: false } }, tok[who]), 'FORBIDDEN');
    }
    // A district admin cannot touch the root's list, nor add to it.
    await refusedUnchanged(['phrases'], () => t.gql(UPDATE_PHRASE, { i: { id: r.id, version: r.version, active: false } }, tok['yubei.admin']), 'FORBIDDEN');
    await refusedUnchanged(
      ['phrases'],
      () => t.gql(CREATE_PHRASE, { i: { kind: 'FORBIDDEN', text: '别来烦我', tenantId: ids.cq } }, tok['yubei.admin']),
      'FORBIDDEN',
    );
    // Anonymous callers sign in first.
    await refusedUnchanged(['phrases'], () => t.gql(CREATE_PHRASE, { i: { kind: 'FORBIDDEN', text: '别来烦我' } }), 'UNAUTHENTICATED');
    refused(await t.gql(CHECK, { text: '不归我管' }), 'UNAUTHENTICATED');
    refused(await t.gql(PHRASES, {}), 'UNAUTHENTICATED');
    // The root's admins manage a district's list.
    const edited = ok(await t.gql(UPDATE_PHRASE, { i: { id: y.id, version: y.version, note: '市局补注' } }, tok['city.admin'])).updatePhrase;
    expect(edited).toMatchObject({ text: YUBEI, note: '市局补注', active: true, version: y.version + 1 });
    phraseIds.yubei = edited;
  });

  test('a phrase that is empty once normalised is BAD_USER_INPUT naming text', async () => {
    for (const text of ['   ', '\u3000\t\n', '', '\u200b\u200b']) {
      const err = await refusedUnchanged(
        ['phrases'],
        () => t.gql(CREATE_PHRASE, { i: { kind: 'FORBIDDEN', text } }, tok['yubei.admin']),
        'BAD_USER_INPUT',
        ['text'],
      );
      expect(err.message).toContain('text');
    }
    const y = phraseIds.yubei!;
    await refusedUnchanged(
      ['phrases'],
      () => t.gql(UPDATE_PHRASE, { i: { id: y.id, version: y.version, text: '  ' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['text'],
    );
    await refusedUnchanged(
      ['phrases'],
      () => t.gql(UPDATE_PHRASE, { i: { id: y.id, version: y.version, text: '\u200b' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['text'],
    );
    expect((await effective('longxi.staff')).slice(seeded.length)).toEqual([ROOT, YUBEI]);
  });
});

describe('public texts are checked against the forbidden phrases (Art. 23, 26)', () => {
  async function draft(as: string, c: Record<string, unknown>, tenant?: string) {
    return ok(await t.gql(CREATE_ITEM, { i: { content: c, tenantId: tenant } }, tok[as])).createServiceItem.serviceItem;
  }

  test('publishing an item with a forbidden phrase is refused naming the field path and the phrase; nothing changes', async () => {
    const steps = [
      { title: '申请', description: '当事人提出申请' },
      { title: '答复', description: '超出职责的，告知“不归我管”' },
    ];
    const item = await draft('yubei.admin', content('YB-CHK-1', '渝北调解申请', { procedure: steps }));
    expect(item).toMatchObject({ status: 'DRAFT', version: 1, publishedVersionNo: null, published: null });
    const tables = ['service_items', 'service_item_versions'];
    const err = await refusedUnchanged(tables, () => t.gql(PUBLISH, { i: { id: item.id, version: item.version } }, tok['yubei.admin']), 'BAD_USER_INPUT', [
      'content.procedure.1.description',
    ]);
    expect(err.extensions!.fields).toEqual({ 'content.procedure.1.description': 'contains the forbidden phrase "不归我管"' });
    expect(err.message).toContain('content.procedure.1.description');
    expect(err.message).toContain('不归我管');

    // The district's own phrase, in the name, written with full-width spaces.
    const named = await draft('yubei.admin', content('YB-CHK-2', '你自己\u3000看着办事项'));
    const err2 = await refusedUnchanged(tables, () => t.gql(PUBLISH, { i: { id: named.id, version: named.version } }, tok['yubei.admin']), 'BAD_USER_INPUT', [
      'content.name',
    ]);
    expect(err2.message).toContain('content.name');
    expect(err2.message).toContain('你自己看着办');

    // Several fields at once are all named.
    const many = await draft(
      'yubei.admin',
      content('YB-CHK-3', '渝北多处违规', {
        conditions: '不归我管的不受理',
        materials: [{ key: 'id_card', name: '身份证', required: true, note: '你自己看着办' }],
        fee: '不收费',
      }),
    );
    const err3 = await refusedUnchanged(tables, () => t.gql(PUBLISH, { i: { id: many.id, version: many.version } }, tok['yubei.admin']), 'BAD_USER_INPUT', [
      'content.conditions',
      'content.materials.0.note',
    ]);
    expect(err3.extensions!.fields).toEqual({
      'content.conditions': 'contains the forbidden phrase "不归我管"',
      'content.materials.0.note': 'contains the forbidden phrase "你自己看着办"',
    });

    // Fixed, the same item publishes.
    const fixed = ok(
      await t.gql(UPDATE_ITEM, { i: { id: item.id, version: item.version, content: content('YB-CHK-1', '渝北调解申请') } }, tok['yubei.admin']),
    ).updateServiceItem.serviceItem;
    const published = ok(await t.gql(PUBLISH, { i: { id: fixed.id, version: fixed.version } }, tok['yubei.admin'])).publishServiceItem.serviceItem;
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedVersionNo: 1, hasUnpublishedChanges: false, published: { versionNo: 1 } });
  });

  test('the legal basis is public text too and is checked', async () => {
    const item = await draft('yubei.admin', content('YB-CHK-4', '渝北法律依据检查', { legalBasis: '《人民调解法》；其余不归我管' }));
    const err = await refusedUnchanged(
      ['service_items', 'service_item_versions'],
      () => t.gql(PUBLISH, { i: { id: item.id, version: item.version } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['content.legalBasis'],
    );
    expect(err.message).toContain('不归我管');
  });

  test("a tenant outside the district is not bound by the district's list", async () => {
    const item = await draft('yuzhong.admin', content('YZ-CHK-1', '你自己看着办调解'));
    const published = ok(await t.gql(PUBLISH, { i: { id: item.id, version: item.version } }, tok['yuzhong.admin'])).publishServiceItem.serviceItem;
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedVersionNo: 1 });
    // The root's list binds it, though.
    const bad = await draft('yuzhong.admin', content('YZ-CHK-2', '渝中不归我管事项'));
    refused(await t.gql(PUBLISH, { i: { id: bad.id, version: bad.version } }, tok['yuzhong.admin']), 'BAD_USER_INPUT', ['content.name']);
  });

  test('a commitment with a forbidden phrase is refused naming body (or title); nothing is created', async () => {
    const base = { kind: 'ATTITUDE', title: '热情服务' };
    const err = await refusedUnchanged(
      ['commitments'],
      () => t.gql(CREATE_C, { i: { ...base, body: '群众来访一律接待，绝不说“不 归 我 管”。' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['body'],
    );
    expect(err.extensions!.fields).toEqual({ body: 'contains the forbidden phrase "不归我管"' });
    expect(err.message).toContain('body');
    expect(err.message).toContain('不归我管');
    await refusedUnchanged(
      ['commitments'],
      () => t.gql(CREATE_C, { i: { kind: 'ATTITUDE', title: '你自己看着办', body: '耐心解答' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['title'],
    );
    await refusedUnchanged(
      ['commitments'],
      () => t.gql(CREATE_C, { i: { kind: 'ATTITUDE', title: '你自己看着办', body: '不归我管', published: true } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['body', 'title'],
    );
    // Unpublished commitments are checked too; and an update is checked like a create.
    await refusedUnchanged(
      ['commitments'],
      () => t.gql(CREATE_C, { i: { ...base, body: '你自己看着办', published: false } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['body'],
    );
    const c = ok(await t.gql(CREATE_C, { i: { ...base, body: '耐心倾听，细致解答。' } }, tok['yubei.admin'])).createCommitment as CommitmentView;
    await refusedUnchanged(
      ['commitments'],
      () => t.gql(UPDATE_C, { i: { id: c.id, version: c.version, ...base, body: '超出职责的，不归我管。' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['body'],
    );
    // Yubei's phrase does not bind yuzhong's commitments.
    const yz = ok(await t.gql(CREATE_C, { i: { ...base, body: '从不说你自己看着办之外的推诿话' } }, tok['yuzhong.admin'])).createCommitment;
    expect(yz).toMatchObject({ body: '从不说你自己看着办之外的推诿话', version: 1 });
  });
});

describe('commitments (Art. 16, 21)', () => {
  const created: Record<string, CommitmentView> = {};
  const create = (as: string, input: Record<string, unknown>) => t.gql(CREATE_C, { i: input }, tok[as]);
  const base = { kind: 'RESPONSE_TIME', title: '热线接听', body: '来电及时接听。' };

  test('the municipal defaults start at Art. 21: 3 s, 3 s, 60 min; anyone may read them', async () => {
    const want = { hotlineAnswerSeconds: 3, chatAnswerSeconds: 3, messageReplyMinutes: 60 };
    expect(ok(await t.gql(DEFAULTS, {}, tok['yubei.staff'])).responseTimeDefaults).toEqual(want);
    expect(ok(await t.gql(DEFAULTS)).responseTimeDefaults).toEqual(want);
  });

  test('tenant admins create commitments for their tenant; admins above may too', async () => {
    const a = ok(
      await create('yubei.admin', { kind: 'TIME_LIMIT', title: '按时办结', body: '按时办结率不低于98%。', metric: 'ON_TIME_RATE', target: 98, sortOrder: 2, published: true }),
    ).createCommitment as CommitmentView;
    expect(a).toMatchObject({ kind: 'TIME_LIMIT', title: '按时办结', body: '按时办结率不低于98%。', metric: 'ON_TIME_RATE', target: 98, sortOrder: 2, published: true, version: 1 });
    created.onTime = a;
    const b = ok(await create('city.admin', { tenantId: ids.yubei, kind: 'QUALITY', title: '  满意服务  ', body: '逐件回访。', sortOrder: 1 }))
      .createCommitment as CommitmentView;
    expect(b).toMatchObject({ title: '满意服务', metric: null, target: null, sortOrder: 1, published: false, version: 1 });
    created.quality = b;
    const m = ok(await create('mingli.lawyer', { kind: 'QUALITY', title: '诚信执业', body: '如实告知法律风险。', published: true })).createCommitment;
    expect(m).toMatchObject({ sortOrder: 0, published: true });
    // In their order: sortOrder, then creation.
    const list = ok(await t.gql(LIST_C, {}, tok['yubei.admin'])).commitments as CommitmentView[];
    const titles = list.map((c) => c.title);
    expect(sorted(titles.slice(0, seededYubei.length))).toEqual(sorted(seededYubei));
    expect(titles.slice(seededYubei.length)).toEqual(['热情服务', '满意服务', '按时办结']);
    expect(ok(await t.gql(LIST_C, { tenantId: ids.yubei }, tok['city.admin'])).commitments).toEqual(list);
  });

  test('staff, supervisors and other tenants cannot create or edit; nothing changes', async () => {
    const c = created.onTime!;
    const input = { kind: 'ATTITUDE', title: '热情', body: '耐心。' };
    for (const who of ['yubei.staff', 'yubei.supervisor', 'longxi.staff', 'city.supervisor']) {
      await refusedUnchanged(['commitments'], () => create(who, input), 'FORBIDDEN');
      await refusedUnchanged(['commitments'], () => t.gql(UPDATE_C, { i: { id: c.id, version: c.version, ...input } }, tok[who]), 'FORBIDDEN');
    }
    // A district admin may not commit for the root or for a sibling district.
    await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...input, tenantId: ids.cq }), 'FORBIDDEN');
    await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...input, tenantId: ids.yuzhong }), 'NOT_FOUND');
    await refusedUnchanged(['commitments'], () => t.gql(UPDATE_C, { i: { id: c.id, version: c.version, ...input } }, tok['yuzhong.admin']), 'NOT_FOUND');
    // A firm's admin is no admin of the district above it.
    await refusedUnchanged(['commitments'], () => t.gql(UPDATE_C, { i: { id: c.id, version: c.version, ...input } }, tok['mingli.lawyer']), 'FORBIDDEN');
    await refusedUnchanged(['commitments'], () => create('mingli.lawyer', { ...input, tenantId: ids.yubei }), 'FORBIDDEN');
    await refusedUnchanged(['commitments'], () => t.gql(CREATE_C, { i: input }), 'UNAUTHENTICATED');
  });

  test('percentages: above 0 and at most 100', async () => {
    for (const metric of ['ON_TIME_RATE', 'SATISFACTION_RATE']) {
      for (const target of [0, -5, 100.01, 101, 1000]) {
        const err = await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, kind: 'QUALITY', metric, target }), 'BAD_USER_INPUT', ['target']);
        expect(err.extensions!.fields!.target).toBe('must be a percentage above 0 and at most 100');
      }
      for (const target of [100, 99.5, 0.5]) {
        const c = ok(await create('yubei.admin', { ...base, kind: 'QUALITY', metric, target })).createCommitment;
        expect(c).toMatchObject({ metric, target });
      }
    }
  });

  test('response times: equal to or better than the municipal default, never worse', async () => {
    for (const target of [3, 2, 1]) {
      expect(ok(await create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS', target })).createCommitment).toMatchObject({
        metric: 'HOTLINE_ANSWER_SECONDS',
        target,
      });
    }
    for (const target of [5, 4, 3.5, 0, -1]) {
      const err = await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS', target }), 'BAD_USER_INPUT', [
        'target',
      ]);
      expect(err.message).toContain('target');
    }
    expect(
      (await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS', target: 5 }), 'BAD_USER_INPUT', ['target']))
        .extensions!.fields!.target,
    ).toBe('must be at most the municipal 3 s');
    await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'CHAT_ANSWER_SECONDS', target: 4 }), 'BAD_USER_INPUT', ['target']);
    expect(ok(await create('yubei.admin', { ...base, metric: 'CHAT_ANSWER_SECONDS', target: 3 })).createCommitment.target).toBe(3);
    const msg = await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'MESSAGE_REPLY_MINUTES', target: 90 }), 'BAD_USER_INPUT', [
      'target',
    ]);
    expect(msg.extensions!.fields!.target).toBe('must be at most the municipal 60 min');
    for (const target of [30, 60]) {
      expect(ok(await create('yubei.admin', { ...base, metric: 'MESSAGE_REPLY_MINUTES', target })).createCommitment).toMatchObject({
        metric: 'MESSAGE_REPLY_MINUTES',
        target,
      });
    }
  });

  test('a metric needs a target and a target needs a metric', async () => {
    const a = await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS' }), 'BAD_USER_INPUT', ['target']);
    expect(a.extensions!.fields!.target).toBe('is required with a metric');
    const b = await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, target: 3 }), 'BAD_USER_INPUT', ['metric']);
    expect(b.extensions!.fields!.metric).toBe('is required with a target');
    const c = created.onTime!;
    await refusedUnchanged(
      ['commitments'],
      () => t.gql(UPDATE_C, { i: { id: c.id, version: c.version, kind: 'TIME_LIMIT', title: c.title, body: c.body, metric: 'ON_TIME_RATE' } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['target'],
    );
    await refusedUnchanged(
      ['commitments'],
      () => t.gql(UPDATE_C, { i: { id: c.id, version: c.version, kind: 'TIME_LIMIT', title: c.title, body: c.body, target: 97 } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['metric'],
    );
    // Blank title and body are refused by name.
    await refusedUnchanged(['commitments'], () => create('yubei.admin', { kind: 'OTHER', title: '  ', body: '' }), 'BAD_USER_INPUT', ['body', 'title']);
  });

  test('updateCommitment: admins edit with the current version; stale is CONFLICT; targets checked', async () => {
    const c = created.onTime!;
    const input = { kind: 'TIME_LIMIT', title: '按时办结', body: '按时办结率不低于99%。', metric: 'ON_TIME_RATE', target: 99 };
    const u = ok(await t.gql(UPDATE_C, { i: { id: c.id, version: c.version, ...input } }, tok['yubei.admin'])).updateCommitment as CommitmentView;
    expect(u).toEqual({ ...c, ...input, version: c.version + 1 });
    // Stale (the old version) and future versions are CONFLICT.
    for (const version of [c.version, u.version + 1]) {
      await refusedUnchanged(['commitments'], () => t.gql(UPDATE_C, { i: { id: c.id, version, ...input, title: '改' } }, tok['yubei.admin']), 'CONFLICT');
    }
    // A worse response time is refused on update too.
    await refusedUnchanged(
      ['commitments'],
      () => t.gql(UPDATE_C, { i: { id: c.id, version: u.version, ...input, kind: 'RESPONSE_TIME', metric: 'HOTLINE_ANSWER_SECONDS', target: 5 } }, tok['yubei.admin']),
      'BAD_USER_INPUT',
      ['target'],
    );
    // An admin above edits; dropping the metric clears the target; published and sortOrder keep their values when omitted.
    const v = ok(
      await t.gql(UPDATE_C, { i: { id: c.id, version: u.version, kind: 'OTHER', title: '限时办结', body: '在承诺时限内办结。' } }, tok['city.admin']),
    ).updateCommitment as CommitmentView;
    expect(v).toEqual({ ...u, kind: 'OTHER', title: '限时办结', body: '在承诺时限内办结。', metric: null, target: null, version: u.version + 1 });
    created.onTime = v;
    expect((ok(await t.gql(LIST_C, {}, tok['yubei.admin'])).commitments as CommitmentView[]).find((x) => x.id === c.id)).toEqual(v);
  });

  test('only root admins set the response-time defaults', async () => {
    const input = { hotlineAnswerSeconds: 5, chatAnswerSeconds: 3, messageReplyMinutes: 60 };
    for (const who of ['yubei.admin', 'yuzhong.admin', 'mingli.lawyer', 'yubei.staff', 'city.supervisor']) {
      await refusedUnchanged(['platform_settings'], () => t.gql(SET_DEFAULTS, { i: input }, tok[who]), 'FORBIDDEN');
    }
    await refusedUnchanged(['platform_settings'], () => t.gql(SET_DEFAULTS, { i: input }), 'UNAUTHENTICATED');
    await refusedUnchanged(
      ['platform_settings'],
      () => t.gql(SET_DEFAULTS, { i: { ...input, hotlineAnswerSeconds: 0 } }, tok['city.admin']),
      'BAD_USER_INPUT',
      ['hotlineAnswerSeconds'],
    );
    expect(ok(await t.gql(DEFAULTS, {}, tok['yubei.admin'])).responseTimeDefaults).toEqual({ hotlineAnswerSeconds: 3, chatAnswerSeconds: 3, messageReplyMinutes: 60 });
    // Still 3 s: a 5 s promise is refused.
    await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS', target: 5 }), 'BAD_USER_INPUT', ['target']);
  });

  test('after the root raises the hotline default to 5 s, a tenant may commit to 5 s, not 6 s', async () => {
    const input = { hotlineAnswerSeconds: 5, chatAnswerSeconds: 3, messageReplyMinutes: 60 };
    expect(ok(await t.gql(SET_DEFAULTS, { i: input }, tok['city.admin'])).setResponseTimeDefaults).toEqual(input);
    expect(ok(await t.gql(DEFAULTS, {}, tok['yubei.staff'])).responseTimeDefaults).toEqual(input);
    const c = ok(await create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS', target: 5 })).createCommitment;
    expect(c).toMatchObject({ metric: 'HOTLINE_ANSWER_SECONDS', target: 5 });
    const err = await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS', target: 6 }), 'BAD_USER_INPUT', [
      'target',
    ]);
    expect(err.extensions!.fields!.target).toBe('must be at most the municipal 5 s');
    // The other defaults did not move.
    await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'CHAT_ANSWER_SECONDS', target: 5 }), 'BAD_USER_INPUT', ['target']);
    // Set again (an update of the stored row), then back to the regulation's figures.
    const back = { hotlineAnswerSeconds: 3, chatAnswerSeconds: 3, messageReplyMinutes: 60 };
    expect(ok(await t.gql(SET_DEFAULTS, { i: back }, tok['city.admin'])).setResponseTimeDefaults).toEqual(back);
    expect(ok(await t.gql(DEFAULTS)).responseTimeDefaults).toEqual(back);
    await refusedUnchanged(['commitments'], () => create('yubei.admin', { ...base, metric: 'HOTLINE_ANSWER_SECONDS', target: 5 }), 'BAD_USER_INPUT', ['target']);
  });
});
