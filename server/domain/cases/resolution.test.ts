import { describe, expect, test } from 'vitest';
import { checkResolution, OUTCOME_RULES, OUTCOMES, quietPeriodEndsAt, type ResolutionInput } from './resolution.js';
import { at, cal, fieldsOf } from './test-support.js';

const legalAnswer: ResolutionInput = {
  kind: 'CONSULTATION',
  category: 'LEGAL',
  strategy: 'ANSWER',
  outcome: 'ANSWERED',
  summary: '  解答了拖欠工资的维权途径  ',
  legalBasis: '《劳动合同法》第三十条；《劳动争议调解仲裁法》第二十七条',
  riskNotice: '仲裁时效为一年，请尽快申请，行动前可咨询律师',
};

describe('checkResolution', () => {
  test('a legal consultation answered with provisions and a risk notice; texts trimmed, absent texts null', () => {
    expect(checkResolution(legalAnswer)).toEqual({
      outcome: 'ANSWERED',
      strategy: 'ANSWER',
      summary: '解答了拖欠工资的维权途径',
      category: 'LEGAL',
      legalBasis: legalAnswer.legalBasis,
      riskNotice: legalAnswer.riskNotice,
      referredTo: null,
    });
  });

  test('summary and outcome are required', () => {
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, summary: '   ' }))).toEqual({ summary: 'say what was done and told (Art. 22)' });
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, outcome: undefined as never }))).toHaveProperty('outcome');
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, strategy: 'IGNORE' as never }))).toHaveProperty('strategy');
  });

  test('a legal answer needs the provisions relied on and a risk notice (Art. 9), both named at once', () => {
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, legalBasis: undefined, riskNotice: ' ' }))).toEqual({
      legalBasis: 'a legal answer cites the provisions it relies on (Art. 3-4, 9)',
      riskNotice: 'a legal answer warns of the potential risks (Art. 9)',
    });
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, outcome: 'GUIDED', strategy: 'GUIDE', riskNotice: null }))).toEqual({
      riskNotice: expect.any(String),
    });
  });

  test('policy and institution questions, referrals and withdrawals need no legal basis', () => {
    const bare = { ...legalAnswer, legalBasis: null, riskNotice: null };
    expect(checkResolution({ ...bare, category: 'POLICY' }).legalBasis).toBeNull();
    expect(checkResolution({ ...bare, category: 'INSTITUTION' }).riskNotice).toBeNull();
    expect(checkResolution({ ...bare, outcome: 'WITHDRAWN' }).outcome).toBe('WITHDRAWN');
    expect(checkResolution({ ...bare, outcome: 'REFERRED', strategy: 'REFER', referredTo: '渝北区法律援助中心' }).referredTo).toBe('渝北区法律援助中心');
  });

  test('every consultation says whether it is a legal question; a matter has no category', () => {
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, category: undefined }))).toEqual({
      category: 'say whether the consultation is LEGAL, POLICY or INSTITUTION (Art. 9)',
    });
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, category: 'TAX' as never }))).toHaveProperty('category');
    const matter: ResolutionInput = { kind: 'MATTER', strategy: 'GUIDE', outcome: 'HANDLED', summary: '已出具公证书' };
    expect(checkResolution(matter).category).toBeNull();
    expect(fieldsOf(() => checkResolution({ ...matter, category: 'LEGAL' }))).toEqual({ category: 'only a consultation has a category (Art. 9)' });
  });

  test('out of scope and referred name where the person was sent (Art. 8, 11)', () => {
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, category: 'POLICY', outcome: 'OUT_OF_SCOPE', strategy: 'REFER' }))).toEqual({
      referredTo: 'say which channel the person was told to go to (Art. 11)',
    });
    expect(
      checkResolution({ kind: 'MATTER', strategy: 'REFER', outcome: 'OUT_OF_SCOPE', summary: '属信访事项', referredTo: '区信访办' }).referredTo,
    ).toBe('区信访办');
    expect(fieldsOf(() => checkResolution({ kind: 'MATTER', strategy: 'REFER', outcome: 'REFERRED', summary: 's' }))).toEqual({
      referredTo: 'say where the person was referred (Art. 8)',
    });
  });

  test('outcomes fit their kinds: ANSWERED is for consultations, HANDLED for matters', () => {
    expect(fieldsOf(() => checkResolution({ kind: 'MATTER', strategy: 'ANSWER', outcome: 'ANSWERED', summary: 's' }))).toEqual({
      outcome: 'ANSWERED is not an outcome of a matter',
    });
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, outcome: 'HANDLED' }))).toEqual({
      outcome: 'HANDLED is not an outcome of a consultation',
    });
  });

  test('there is no NOT_ACCEPTED outcome: non-acceptance is the REJECTED event', () => {
    expect(OUTCOMES).not.toContain('NOT_ACCEPTED');
    expect(Object.keys(OUTCOME_RULES)).toEqual(OUTCOMES);
  });

  test('length limits', () => {
    expect(fieldsOf(() => checkResolution({ ...legalAnswer, referredTo: 'x'.repeat(501) }))).toEqual({ referredTo: 'must be at most 500 characters' });
  });
});

test('quietPeriodEndsAt: 5 working days after resolution by default, on the calendar', () => {
  // resolved Thu 04-02: 04-03 (1), 清明 04-04..06 off, 04-07 .. 04-10 (5)
  expect(quietPeriodEndsAt(cal, at('2026-04-02T16:00+08:00'))).toEqual(at('2026-04-10'));
  expect(quietPeriodEndsAt(cal, at('2026-04-02T16:00+08:00'), { unit: 'CALENDAR_DAYS', amount: 7 })).toEqual(at('2026-04-09'));
});
