import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ok, startTestApp, type TestApp } from './helpers.js';

/**
 * The self-service pages for people without an app (Art. 6, 12, 16): leave a message from an
 * organisation's public page, follow it with the code and secret, rate it once resolved. Plain
 * forms, the same use cases as the API, never cached.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => t?.close());

let client = 0;
/** Each call from its own address unless told otherwise (the per-client limits are tested elsewhere). */
async function post(path: string, fields: Record<string, string>, from = `198.51.100.${++client}`) {
  const res = await t.app.fetch(
    new Request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      body: new URLSearchParams(fields).toString(),
    }),
  );
  return { status: res.status, headers: res.headers, body: await res.text() };
}

const receiptOf = (body: string) => {
  const values = [...body.matchAll(/<dd><strong>([^<]+)<\/strong><\/dd>/g)].map((m) => m[1]!);
  return { code: values[0]!, secret: values[1]! };
};

describe('leaving a message', () => {
  test("an organisation's page carries the form, posting to its own address", async () => {
    const res = await t.app.fetch(new Request('http://127.0.0.1/public/yubei'));
    const body = await res.text();
    expect(body).toContain('<form method="post" action="/public/yubei/inquiry">');
    expect(body).toContain('在线留言');
  });

  test('a message becomes a MESSAGE case in that tenant; the receipt shows the code and secret once, never cached', async () => {
    const r = await post('/public/yubei/inquiry', { subject: '咨询赡养费标准', description: '父母年老，兄弟不愿支付赡养费，如何主张？', phone: '13912345678' });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const { code, secret } = receiptOf(r.body);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(secret.length).toBeGreaterThanOrEqual(24);
    const staff = await t.login('yubei.staff');
    const list = ok(await t.gql('query { cases(search: "赡养费标准") { edges { node { channel status requester { phone } } } } }', {}, staff));
    expect(list.cases.edges.map((e: { node: unknown }) => e.node)).toEqual([{ channel: 'MESSAGE', status: 'OPEN', requester: { phone: '139****5678' } }]);
  });

  test('bad input re-shows the form with the values and a message per field in Chinese, and stores nothing', async () => {
    const staff = await t.login('yubei.staff');
    const before = ok(await t.gql('query { cases(channel: [MESSAGE]) { totalCount } }', {}, staff)).cases.totalCount;
    const r = await post('/public/yubei/inquiry', { subject: '房屋继承', description: '这个问题不归我管吗？', phone: '12345' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('手机号码：不是有效的手机号码');
    expect(r.body).toContain('value="房屋继承"');
    const forbidden = await post('/public/yubei/inquiry', { subject: '房屋继承', description: '这个问题不归我管吗？' });
    expect(forbidden.status).toBe(400);
    expect(forbidden.body).toContain('留言内容：含有不文明或不规范用语 &quot;不归我管&quot;');
    const missing = await post('/public/yubei/inquiry', { subject: '', description: '' });
    expect(missing.body).toContain('标题：必填');
    expect(ok(await t.gql('query { cases(channel: [MESSAGE]) { totalCount } }', {}, staff)).cases.totalCount).toBe(before);
  });

  test('an unknown organisation cannot take messages', async () => {
    const r = await post('/public/no-such-office/inquiry', { subject: '问题', description: '内容' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('该机构不接受网上留言');
  });

  test('the per-client limit answers 429 with a page', async () => {
    const from = '203.0.113.99';
    const statuses: number[] = [];
    for (let i = 0; i < t.config.rateLimits.inquiriesPerHour + 1; i++) {
      statuses.push((await post('/public/yubei/inquiry', { subject: `限流测试${i}`, description: '内容' }, from)).status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('following and rating it', () => {
  test('the tracking form is a POST (the secret never goes into a URL)', async () => {
    const res = await t.app.fetch(new Request('http://127.0.0.1/public/track'));
    const body = await res.text();
    expect(body).toContain('<form method="post" action="/public/track">');
    expect(body).toContain('type="password"');
  });

  test('status, replies and the result; a rating once, after resolution', async () => {
    const { code, secret } = receiptOf((await post('/public/yubei/inquiry', { subject: '邻里噪音纠纷', description: '楼上夜间噪音严重，如何处理？' })).body);
    let page = await post('/public/track', { code, secret });
    expect(page.status).toBe(200);
    expect(page.body).toContain('已受理，等待处理');
    expect(page.body).not.toContain('评价本次服务');
    expect((await post('/public/track/rate', { code, secret, level: 'SATISFIED' })).status).toBe(409);

    const staff = await t.login('yubei.staff');
    const found = ok(await t.gql('query { cases(search: "邻里噪音纠纷") { edges { node { id version } } } }', {}, staff));
    let { id, version } = found.cases.edges[0].node;
    const steps: [string, Record<string, unknown>][] = [
      ['mutation($i: StartCaseInput!) { startCase(input: $i) { case { version } } }', { strategy: 'GUIDE' }],
      ['mutation($i: CaseTextInput!) { addCaseNote(input: $i) { case { version } } }', { text: '内部记录：楼上住户系老年人' }],
      ['mutation($i: ReplyToRequesterInput!) { replyToRequester(input: $i) { case { version } } }', { text: '您好，可先向物业反映，也可申请人民调解。' }],
      ['mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { version } } }', { outcome: 'GUIDED', strategy: 'GUIDE', category: 'LEGAL', summary: '引导申请人民调解', legalBasis: '《中华人民共和国民法典》第二百九十四条', riskNotice: '请保留噪音证据' }],
    ];
    for (const [doc, input] of steps) {
      const data = ok(await t.gql(doc, { i: { id, version, ...input } }, staff));
      version = (Object.values(data)[0] as { case: { version: number } }).case.version;
    }
    page = await post('/public/track', { code, secret });
    expect(page.body).toContain('已办结');
    expect(page.body).toContain('您好，可先向物业反映，也可申请人民调解。');
    expect(page.body).toContain('《中华人民共和国民法典》第二百九十四条');
    expect(page.body).not.toContain('内部记录');
    expect(page.body).toContain('评价本次服务');

    // The person's own words may quote what staff must never say (the complaint is the point).
    const rated = await post('/public/track/rate', { code, secret, level: 'BASICALLY_SATISFIED', comment: '还可以，但第一次去窗口时被说不归我管' });
    expect(rated.status).toBe(200);
    expect(rated.body).toContain('感谢您的评价');
    expect(rated.body).toContain('基本满意：还可以，但第一次去窗口时被说不归我管');
    expect(rated.body).toContain('已结案');
    expect((await post('/public/track/rate', { code, secret, level: 'VERY_SATISFIED' })).status).toBe(409);
  });

  test('a wrong secret or an unknown code gets the same answer', async () => {
    const { code } = receiptOf((await post('/public/yubei/inquiry', { subject: '工伤认定', description: '工伤认定需要多久？' })).body);
    const wrong = await post('/public/track', { code, secret: 'not-the-secret' });
    const unknown = await post('/public/track', { code: 'AAAA-BBBB-CCCC', secret: 'not-the-secret' });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.body).toContain('查询码或密码不正确');
  });

  test('other methods are refused', async () => {
    const res = await t.app.fetch(new Request('http://127.0.0.1/public/yubei/inquiry'));
    expect(res.status).toBe(405);
  });
});
