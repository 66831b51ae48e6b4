import { describe, expect, test } from 'vitest';
import { headlineRates, measureCommitment, MIN_SAMPLE, withinSeconds } from './measures.js';

const cases = (resolved: number, resolvedOnTime: number, rated = 0, satisfied = 0) => ({ resolved, resolvedOnTime, rated, satisfied });

describe('measured commitments', () => {
  test('on-time rate against a percent target, one decimal', () => {
    // 39 of 40 on time = 97.5 %: below a 98 % promise, above 97.
    expect(measureCommitment('ON_TIME_RATE', 98, cases(40, 39), null)).toEqual({ value: 97.5, sample: 40, enoughData: true, met: false });
    expect(measureCommitment('ON_TIME_RATE', 97, cases(40, 39), null).met).toBe(true);
  });
  test('below the minimum sample: no value, not enough data', () => {
    expect(MIN_SAMPLE).toBe(20);
    expect(measureCommitment('SATISFACTION_RATE', 95, cases(0, 0, 19, 19), null)).toEqual({ value: null, sample: 19, enoughData: false, met: null });
    expect(measureCommitment('SATISFACTION_RATE', 95, cases(0, 0, 20, 19), null)).toEqual({ value: 95, sample: 20, enoughData: true, met: true });
  });
  test('contact metrics: the share answered within the target, no pass/fail', () => {
    expect(measureCommitment('HOTLINE_ANSWER_SECONDS', 3, cases(0, 0), { total: 30, within: 27 })).toEqual({ value: 90, sample: 30, enoughData: true, met: null });
    expect(measureCommitment('CHAT_ANSWER_SECONDS', 3, cases(0, 0), null)).toEqual({ value: null, sample: 0, enoughData: false, met: null });
    expect(withinSeconds('MESSAGE_REPLY_MINUTES', 60)).toBe(3600);
    expect(withinSeconds('HOTLINE_ANSWER_SECONDS', 3)).toBe(3);
  });
  test('directory rates', () => {
    expect(headlineRates(cases(25, 20, 10, 9))).toEqual({ onTimeRate: 80, satisfactionRate: null, resolved: 25, rated: 10 });
  });
});
