import { describe, expect, test } from 'vitest';
import { type IntakeItem, openCaseInput } from './IntakePage.js';

const item: IntakeItem = {
  id: 'SXRlbTox',
  name: '调解',
  code: 'MED',
  published: {
    versionNo: 2,
    content: {
      channels: ['ONSITE'],
      formFields: [
        { key: 'partyName', label: '姓名', type: 'TEXT', required: true, config: {} },
        { key: 'amount', label: '金额', type: 'NUMBER', required: false, config: {} },
      ],
    },
  },
};

describe('openCaseInput', () => {
  test('sends the chosen item’s answers only, and the requester without blanks', () => {
    const input = openCaseInput(
      {
        channel: 'ONSITE',
        kind: 'MATTER',
        serviceItemId: item.id,
        subject: ' 欠薪 ',
        description: '  ',
        requester: { name: ' 张三 ', phone: '', residentId: null },
        formData: { partyName: '张三', amount: '12', leftOver: 'from another item' },
        urgency: 'URGENT',
        protectedGroups: ['ELDERLY'],
      },
      item,
      'intake:key-1',
    );
    expect(input).toEqual({
      channel: 'ONSITE',
      kind: 'MATTER',
      serviceItemId: item.id,
      subject: '欠薪',
      description: null,
      requester: { name: '张三' },
      formData: { partyName: '张三', amount: 12 },
      urgency: 'URGENT',
      sensitive: false,
      protectedGroups: ['ELDERLY'],
      idempotencyKey: 'intake:key-1',
    });
  });

  test('without an item there is no form data (the server refuses it)', () => {
    const input = openCaseInput({ channel: 'HOTLINE', kind: 'CONSULTATION', subject: 'x', formData: { a: 1 } }, undefined, 'intake:key-2');
    expect(input.serviceItemId).toBeNull();
    expect(input.formData).toBeNull();
  });
});
