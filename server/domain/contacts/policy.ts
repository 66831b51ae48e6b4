/**
 * Response-time policy and compliance (Art. 21): a hotline call answered within 3 s, an online
 * chat within 3 s, a left message within 60 min — or better, where the tenant says so.
 *
 * A tenant's effective limit per channel is the strictest of: the municipal default (root admins
 * may change it, `setResponseTimeDefaults`), the tenant's own setting (case settings
 * `responseTimes`), and the targets of its published commitments bound to the channel's metric.
 * Only the tenant's own settings and commitments count, not its ancestors': a promise binds the
 * tenant that made it.
 *
 * The policy in force now is applied to every period asked about (there is no history of
 * policies): a tenant that tightens its promise sees its past measured against the new one.
 */
import type { CommitmentMetric, ResponseTimeDefaults } from '../../../schema/db/disclosure.js';
import type { CONTACT_CHANNELS } from '../../../schema/db/stats.js';
import type { FieldErrors } from '../shared/errors.js';

export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface ResponseTimePolicy {
  hotlineSeconds: number;
  chatSeconds: number;
  messageMinutes: number;
}

/** A tenant's own response times (case settings); null: the municipal default applies. */
export interface ResponseTimeSetting {
  hotlineSeconds: number | null;
  chatSeconds: number | null;
  messageMinutes: number | null;
}

export const NO_RESPONSE_TIME_SETTING: ResponseTimeSetting = { hotlineSeconds: null, chatSeconds: null, messageMinutes: null };

/** The commitment metric that promises each channel's response time. */
export const RESPONSE_METRIC: Record<ContactChannel, CommitmentMetric> = {
  HOTLINE: 'HOTLINE_ANSWER_SECONDS',
  CHAT: 'CHAT_ANSWER_SECONDS',
  MESSAGE: 'MESSAGE_REPLY_MINUTES',
};

const KEY: Record<ContactChannel, keyof ResponseTimePolicy> = { HOTLINE: 'hotlineSeconds', CHAT: 'chatSeconds', MESSAGE: 'messageMinutes' };

export const policyOfDefaults = (d: ResponseTimeDefaults): ResponseTimePolicy => ({
  hotlineSeconds: d.hotlineAnswerSeconds,
  chatSeconds: d.chatAnswerSeconds,
  messageMinutes: d.messageReplyMinutes,
});

/**
 * The strictest of the municipal default, the tenant's setting and its published commitments
 * (pass only published ones; commitments bound to other metrics are ignored).
 */
export function effectivePolicy(
  defaults: ResponseTimeDefaults,
  setting: ResponseTimeSetting | null | undefined,
  publishedCommitments: readonly { metric: string | null; target: number | null }[],
): ResponseTimePolicy {
  const policy = policyOfDefaults(defaults);
  for (const channel of Object.keys(KEY) as ContactChannel[]) {
    const key = KEY[channel];
    const own = setting?.[key];
    if (own != null && own > 0) policy[key] = Math.min(policy[key], own);
    for (const c of publishedCommitments) {
      if (c.metric === RESPONSE_METRIC[channel] && c.target != null && c.target > 0) policy[key] = Math.min(policy[key], c.target);
    }
  }
  return policy;
}

/** The channel's limit in seconds (messages are promised in minutes). */
export function limitSeconds(policy: ResponseTimePolicy, channel: ContactChannel): number {
  return channel === 'MESSAGE' ? policy.messageMinutes * 60 : policy[KEY[channel]];
}

export interface ContactTiming {
  channel: ContactChannel;
  arrivedAt: Date;
  answeredAt: Date | null;
  abandoned: boolean;
}

/** Seconds from arrival to answer; null when never answered (or abandoned). */
export function answerSeconds(c: Pick<ContactTiming, 'arrivedAt' | 'answeredAt' | 'abandoned'>): number | null {
  if (c.abandoned || !c.answeredAt) return null;
  return (c.answeredAt.getTime() - c.arrivedAt.getTime()) / 1000;
}

/**
 * Answered within the limit, the limit itself included (3.000 s complies with 3 s, 3.001 s does
 * not). Abandoned or never answered: not compliant. The SQL aggregate in
 * server/usecases/contacts/compliance.ts applies the same rule.
 */
export function complied(policy: ResponseTimePolicy, c: ContactTiming): boolean {
  const waited = answerSeconds(c);
  return waited !== null && waited <= limitSeconds(policy, c.channel);
}

/**
 * A tenant may set stricter response times than the municipal defaults, never looser (Art. 21).
 * A value it already had is kept even when the defaults have since become stricter (a settings
 * round trip that changes something else must not fail; the effective policy takes the stricter
 * anyway). Fields are named `responseTimes.<key>`.
 */
export function responseTimeSettingProblems(
  setting: ResponseTimeSetting,
  defaults: ResponseTimeDefaults,
  previous: ResponseTimeSetting | null | undefined,
): FieldErrors {
  const limits = policyOfDefaults(defaults);
  const units: Record<keyof ResponseTimePolicy, string> = { hotlineSeconds: 's', chatSeconds: 's', messageMinutes: 'min' };
  const problems: FieldErrors = {};
  for (const key of Object.keys(units) as (keyof ResponseTimePolicy)[]) {
    const value = setting[key];
    if (value == null || value === previous?.[key]) continue;
    if (value > limits[key]) problems[`responseTimes.${key}`] = `must be at most the municipal ${limits[key]} ${units[key]} (Art. 21: a tenant may only be stricter)`;
  }
  return problems;
}
