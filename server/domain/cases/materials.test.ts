import { describe, expect, test } from 'vitest';
import { checkMaterialsRequest, keysBeyondFirstRequest, type MaterialsRequestInput } from './materials.js';
import { CHECKLIST, fieldsOf } from './test-support.js';

const request = (over: Partial<MaterialsRequestInput>): MaterialsRequestInput => ({
  checklistKeys: CHECKLIST,
  previousRequests: [],
  items: [{ key: 'id_card', note: '复印件不清晰，请提供原件' }],
  ...over,
});

describe('first request (Art. 14: everything at once)', () => {
  test('lists checklist items with a note each; not flagged', () => {
    expect(
      checkMaterialsRequest(
        request({
          items: [
            { key: 'id_card', note: '身份证已过期' },
            { key: 'contract', note: '缺少劳动合同' },
            { key: 'pay_slips', note: '缺少近六个月工资条' },
          ],
        }),
      ),
    ).toEqual({ flagged: false, addedKeys: [] });
  });

  test('a material not on the checklist is an other:<slug> item with a note', () => {
    expect(checkMaterialsRequest(request({ items: [{ key: 'other:power_of_attorney', note: '代理人需提交授权委托书' }] }))).toEqual({
      flagged: false,
      addedKeys: [],
    });
  });

  test('at least one item', () => {
    expect(fieldsOf(() => checkMaterialsRequest(request({ items: [] })))).toEqual({
      items: expect.stringContaining('at once (Art. 14)'),
    });
  });

  test('every problem at once, by field', () => {
    const fields = fieldsOf(() =>
      checkMaterialsRequest(
        request({
          items: [
            { key: 'id_card', note: 'ok' },
            { key: 'passport', note: 'not on the list' },
            { key: 'id_card', note: 'twice' },
            { key: 'contract', note: '   ' },
            { key: 'other:', note: 'no slug' },
            { key: 'other:Bad Key', note: 'bad slug' },
            { key: 'pay_slips', note: 'x'.repeat(501) },
          ],
        }),
      ),
    );
    expect(Object.keys(fields).sort()).toEqual(['items.1.key', 'items.2.key', 'items.3.note', 'items.4.key', 'items.5.key', 'items.6.note']);
    expect(fields['items.1.key']).toContain('"passport" is not on');
    expect(fields['items.2.key']).toContain('listed twice');
    expect(fields['items.4.key']).toContain('other:<slug>');
  });

  test('a reason on a first request is allowed and changes nothing', () => {
    expect(checkMaterialsRequest(request({ reason: '初次告知' })).flagged).toBe(false);
  });
});

describe('later requests', () => {
  const first = { items: [{ key: 'id_card' }, { key: 'contract' }] };

  test('repeating items of the first request needs no reason and is not flagged', () => {
    expect(checkMaterialsRequest(request({ previousRequests: [first], items: [{ key: 'contract', note: '仍缺少盖章页' }] }))).toEqual({
      flagged: false,
      addedKeys: [],
    });
  });

  test('a new item without a reason is refused, naming the items', () => {
    const fields = fieldsOf(() =>
      checkMaterialsRequest(
        request({
          previousRequests: [first],
          items: [
            { key: 'contract', note: '仍缺' },
            { key: 'pay_slips', note: '新增' },
            { key: 'other:bank_statement', note: '新增' },
          ],
        }),
      ),
    );
    expect(Object.keys(fields)).toEqual(['reason']);
    expect(fields.reason).toContain('pay_slips, other:bank_statement were not in the first notification');
  });

  test('a blank reason is no reason', () => {
    expect(
      fieldsOf(() => checkMaterialsRequest(request({ previousRequests: [first], items: [{ key: 'pay_slips', note: 'n' }], reason: '  ' }))),
    ).toHaveProperty('reason');
  });

  test('with a reason (new facts) it passes and is flagged', () => {
    expect(
      checkMaterialsRequest(
        request({ previousRequests: [first], items: [{ key: 'medical_report', note: '申请人称受伤，需伤情鉴定' }], reason: '当事人新陈述工伤情况' }),
      ),
    ).toEqual({ flagged: true, addedKeys: ['medical_report'] });
  });

  test('compared with the FIRST request only: an item a second request added is new again in a third', () => {
    const second = { items: [{ key: 'pay_slips' }] };
    expect(
      fieldsOf(() => checkMaterialsRequest(request({ previousRequests: [first, second], items: [{ key: 'pay_slips', note: 'again' }] }))),
    ).toHaveProperty('reason');
    expect(
      checkMaterialsRequest(request({ previousRequests: [first, second], items: [{ key: 'pay_slips', note: 'again' }], reason: 'r' })).flagged,
    ).toBe(true);
  });

  test('keysBeyondFirstRequest is what the projection re-checks', () => {
    expect(keysBeyondFirstRequest([], [{ key: 'a' }])).toEqual([]);
    expect(keysBeyondFirstRequest([{ items: [{ key: 'a' }] }], [{ key: 'a' }, { key: 'b' }, { key: 'b' }])).toEqual(['b']);
  });
});
