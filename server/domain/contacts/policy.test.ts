import { describe, expect, test } from 'vitest';
import { answerSeconds, complied, effectivePolicy, limitSeconds, responseTimeSettingProblems } from './policy.js';

const MUNICIPAL = { hotlineAnswerSeconds: 3, chatAnswerSeconds: 3, messageReplyMinutes: 60 };
const at = (ms: number) => new Date(Date.UTC(2025, 5, 2, 1, 0, 0) + ms);

describe('effective policy', () => {
  test('the municipal defaults when nothing stricter applies', () => {
    expect(effectivePolicy(MUNICIPAL, null, [])).toEqual({ hotlineSeconds: 3, chatSeconds: 3, messageMinutes: 60 });
  });

  test('the strictest of defaults, the tenant setting and its commitments, per channel', () => {
    const policy = effectivePolicy(MUNICIPAL, { hotlineSeconds: 2, chatSeconds: null, messageMinutes: 45 }, [
      { metric: 'MESSAGE_REPLY_MINUTES', target: 30 },
      { metric: 'HOTLINE_ANSWER_SECONDS', target: 2.5 }, // looser than the setting: the setting stands
      { metric: 'CHAT_ANSWER_SECONDS', target: 1.5 },
      { metric: 'ON_TIME_RATE', target: 1 }, // another metric: ignored
      { metric: null, target: null },
    ]);
    expect(policy).toEqual({ hotlineSeconds: 2, chatSeconds: 1.5, messageMinutes: 30 });
  });

  test('never looser than the defaults, whatever is stored', () => {
    expect(effectivePolicy(MUNICIPAL, { hotlineSeconds: 9, chatSeconds: 9, messageMinutes: 90 }, [{ metric: 'CHAT_ANSWER_SECONDS', target: 5 }])).toEqual({
      hotlineSeconds: 3,
      chatSeconds: 3,
      messageMinutes: 60,
    });
  });

  test('messages are promised in minutes', () => {
    expect(limitSeconds({ hotlineSeconds: 3, chatSeconds: 2, messageMinutes: 30 }, 'MESSAGE')).toBe(1800);
    expect(limitSeconds({ hotlineSeconds: 3, chatSeconds: 2, messageMinutes: 30 }, 'CHAT')).toBe(2);
  });
});

describe('compliance of one contact', () => {
  const policy = effectivePolicy(MUNICIPAL, null, []);
  const call = (ms: number | null, abandoned = false) => ({ channel: 'HOTLINE' as const, arrivedAt: at(0), answeredAt: ms === null ? null : at(ms), abandoned });

  test('the limit itself complies; a millisecond more does not', () => {
    expect(complied(policy, call(3000))).toBe(true);
    expect(complied(policy, call(3001))).toBe(false);
    expect(complied(policy, call(0))).toBe(true);
  });

  test('abandoned or never answered: not compliant, no answer time', () => {
    expect(complied(policy, call(null))).toBe(false);
    expect(complied(policy, call(null, true))).toBe(false);
    expect(answerSeconds(call(null))).toBeNull();
    expect(answerSeconds(call(1500))).toBe(1.5);
  });

  test('a message answered in 60 minutes complies, in 60 minutes and a second not', () => {
    const message = (ms: number) => ({ channel: 'MESSAGE' as const, arrivedAt: at(0), answeredAt: at(ms), abandoned: false });
    expect(complied(policy, message(3_600_000))).toBe(true);
    expect(complied(policy, message(3_601_000))).toBe(false);
  });
});

describe('a tenant setting', () => {
  const none = { hotlineSeconds: null, chatSeconds: null, messageMinutes: null };

  test('may be stricter or equal, never looser, naming the field', () => {
    expect(responseTimeSettingProblems({ hotlineSeconds: 3, chatSeconds: 2, messageMinutes: 60 }, MUNICIPAL, none)).toEqual({});
    expect(Object.keys(responseTimeSettingProblems({ hotlineSeconds: 4, chatSeconds: null, messageMinutes: 61 }, MUNICIPAL, none))).toEqual([
      'responseTimes.hotlineSeconds',
      'responseTimes.messageMinutes',
    ]);
  });

  test('a value already held survives a round trip after the defaults became stricter', () => {
    const stricter = { hotlineAnswerSeconds: 2, chatAnswerSeconds: 3, messageReplyMinutes: 60 };
    const held = { hotlineSeconds: 3, chatSeconds: null, messageMinutes: null };
    expect(responseTimeSettingProblems(held, stricter, held)).toEqual({});
    expect(Object.keys(responseTimeSettingProblems(held, stricter, none))).toEqual(['responseTimes.hotlineSeconds']);
  });
});
