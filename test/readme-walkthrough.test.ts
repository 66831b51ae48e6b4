import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ok, startTestApp, type TestApp } from './helpers.js';

/**
 * The README's walk-through ("A case, step by step"), run exactly as written: the GraphQL blocks
 * are read from README.md, placeholders filled from the previous answers. A README that drifts from
 * the API fails here.
 */

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### A case, step by step'));
const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].slice(0, 2).map((m) => m[1]!);
/** The operations of a block: each starts at `mutation` or `query` at the start of a line. */
const operations = (block: string) =>
  block
    .split(/\n(?=mutation|query|#)/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('README walk-through', () => {
  test('the staff side: open, start, request materials, receive, resolve', async () => {
    const staffOps = operations(blocks[0]!);
    expect(staffOps).toHaveLength(5);
    const token = await t.login('yubei.staff');
    let id = '';
    let status = '';
    for (const op of staffOps) {
      const doc = op.replace('<id>', id);
      const data = ok(await t.gql(doc, {}, token));
      const c = Object.values(data)[0].case;
      if (c.id) id = c.id;
      status = c.status;
      if ('requester' in c) expect(c.requester).toEqual({ name: '张*', phone: '138****5678' });
      if ('pausedSince' in c) expect(c.pausedSince).not.toBeNull();
      if ('ledger' in c) expect(c.ledger.map((e: { type: string }) => e.type)).toEqual(['OPENED', 'STARTED', 'MATERIALS_REQUESTED', 'MATERIALS_RECEIVED', 'RESOLVED']);
    }
    expect(status).toBe('RESOLVED');
  });

  test('the public side: submit, track, and rate once resolved', async () => {
    const [submit, track, rate] = operations(blocks[1]!);
    const receipt = ok(await t.gql(submit!, {}, null)).submitInquiry;
    expect(receipt.trackingCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const fill = (doc: string) => doc.replace('<trackingCode>', receipt.trackingCode).replace('<secret>', receipt.secret);
    expect(ok(await t.gql(fill(track!), {}, null)).trackCase).toMatchObject({ status: 'OPEN', replies: [], canRate: false });

    // Staff reply and resolve it (as the README says happens in between).
    const token = await t.login('yubei.staff');
    const found = ok(await t.gql('query($s: String) { cases(search: $s) { edges { node { id version } } } }', { s: receipt.number }, token));
    let { id, version } = found.cases.edges[0].node;
    for (const [doc, input] of [
      ['mutation($i: StartCaseInput!) { startCase(input: $i) { case { version } } }', { strategy: 'ANSWER' }],
      ['mutation($i: ReplyToRequesterInput!) { replyToRequester(input: $i) { case { version } } }', { text: '您好，房产分割一般区分婚前婚后财产，建议携带房产证到窗口详细咨询。' }],
      ['mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { version } } }', { outcome: 'ANSWERED', strategy: 'ANSWER', category: 'LEGAL', summary: '已在线答复', legalBasis: '《中华人民共和国民法典》第一千零八十七条', riskNotice: '具体以法院判决为准' }],
    ] as const) {
      const data = ok(await t.gql(doc, { i: { id, version, ...input } }, token));
      version = (Object.values(data)[0] as { case: { version: number } }).case.version;
    }
    expect(ok(await t.gql(fill(track!), {}, null)).trackCase).toMatchObject({ status: 'RESOLVED', canRate: true });
    const rated = ok(await t.gql(fill(rate!), {}, null)).rateCase.case;
    expect(rated).toEqual({ status: 'CLOSED', rating: { level: 'VERY_SATISFIED' } });
  });
});
