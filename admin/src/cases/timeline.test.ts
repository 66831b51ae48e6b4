import { describe, expect, test } from 'vitest';
import { i18nProvider } from '../i18n/index.js';
import { SPECS } from './CaseActionDialog.js';
import { describeEvent, type DescribeContext, globalId } from './LedgerTimeline.js';
import { shanghaiInputToIso } from './time.js';
import type { CaseRecord } from './types.js';

const LONGXI = '0b1f6a2e-1c1d-4f7a-9a55-6f1b2c3d4e5f';
const ctx: DescribeContext = {
  translate: (key, options) => i18nProvider.translate(key, options),
  when: (iso) => iso.slice(0, 10),
  tenantName: (uuid) => (uuid === LONGXI ? '渝北区龙溪司法所' : null),
  userName: () => null,
  materialName: (key) => (key === 'id_card' ? '身份证' : null),
};

describe('ledger lines', () => {
  test('a transfer names the tenant, the decision deadline and the reason; an unseen tenant is "another"', () => {
    expect(describeEvent('TRANSFER_REQUESTED', { toTenantId: LONGXI, reason: '辖区调解', decideBy: '2026-12-01T15:59:00Z' }, ctx)).toEqual([
      '转至：渝北区龙溪司法所',
      '决定期限：2026-12-01',
      '辖区调解',
    ]);
    expect(describeEvent('ASSIGNED', { handlerTenantId: 'aaaaaaaa-0000-4000-8000-000000000000', assigneeUserId: null, note: null }, ctx)).toEqual(['交办至：其他机构']);
  });

  test('a materials notice lists each item with its note, flags a later one and keeps its reason', () => {
    const lines = describeEvent('MATERIALS_REQUESTED', { items: [{ key: 'id_card', note: '原件' }, { key: 'other:extra-1', note: '委托书' }], flagged: true, reason: '新情况' }, ctx);
    expect(lines).toEqual(['告知材料：身份证（原件）；其他材料（清单外）（委托书）', '超出首次告知', '新情况']);
  });

  test('a resolution shows outcome, summary, legal basis and risk notice; masked payloads show nothing', () => {
    expect(describeEvent('RESOLVED', { outcome: 'ANSWERED', summary: '已解答', legalBasis: '民法典第七百零三条', riskNotice: '注意时效', referredTo: null }, ctx)).toEqual([
      '结果：已解答',
      '已解答',
      '依据：民法典第七百零三条',
      '风险提示：注意时效',
    ]);
    expect(describeEvent('RESOLVED', null, ctx)).toEqual([]);
    expect(describeEvent('TRANSFER_REJECTED', { reason: '不属本所辖区' }, ctx)).toEqual(['不属本所辖区']);
  });

  test('payload ids become the API’s global ids', () => {
    expect(globalId('Tenant', LONGXI)).toBe(Buffer.from(`Tenant:${LONGXI}`).toString('base64url'));
  });
});

describe('dialog inputs', () => {
  const record = { id: 'C', version: 3, kind: 'MATTER', status: 'IN_PROGRESS', requester: {} } as unknown as CaseRecord;

  test('materials outside the checklist become other:<slug> keys, notes trimmed', () => {
    expect(SPECS.requestMaterials.input({ items: [{ key: 'id_card', note: ' 原件 ' }, { key: 'other', note: '委托书' }, { key: 'other', note: '证言' }] }, record)).toEqual({
      items: [
        { key: 'id_card', note: '原件' },
        { key: 'other:extra-1', note: '委托书' },
        { key: 'other:extra-2', note: '证言' },
      ],
      reason: null,
    });
  });

  test('reasons for not accepting are one a line; a matter’s resolution has no category', () => {
    expect(SPECS.reject.input({ reasons: '材料不全\n\n 不属受理范围 ' }, record)).toEqual({ reasons: ['材料不全', '不属受理范围'] });
    expect(SPECS.reject.remap!('reasons.1')).toBe('reasons');
    expect(SPECS.resolve.input({ outcome: 'HANDLED', strategy: 'GUIDE', category: 'LEGAL', summary: ' 办结 ', referredTo: 'x' }, record)).toMatchObject({
      category: null,
      summary: '办结',
      referredTo: null,
    });
  });

  test('times typed in are Beijing time whatever the browser’s zone', () => {
    expect(shanghaiInputToIso('2026-12-01T09:30')).toBe('2026-12-01T01:30:00.000Z');
    expect(shanghaiInputToIso('')).toBeNull();
  });
});
