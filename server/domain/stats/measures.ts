import type { CommitmentMetric } from '../../../schema/db/disclosure.js';

/**
 * Measured commitments (Art. 16, 21): what the platform shows beside a published promise. Values
 * are over the last MEASURE_WINDOW_DAYS; below MIN_SAMPLE cases or contacts the page says "not
 * enough data" rather than a rate that two cases could swing.
 */
export const MEASURE_WINDOW_DAYS = 90;
export const MIN_SAMPLE = 20;

/** How each metric is measured, and in what its target is written. */
export const METRIC_MEASURES: Record<CommitmentMetric, { target: 'PERCENT' | 'SECONDS' | 'MINUTES'; basis: 'CASES' | 'CONTACTS'; channel?: 'HOTLINE' | 'CHAT' | 'MESSAGE' }> = {
  ON_TIME_RATE: { target: 'PERCENT', basis: 'CASES' },
  SATISFACTION_RATE: { target: 'PERCENT', basis: 'CASES' },
  HOTLINE_ANSWER_SECONDS: { target: 'SECONDS', basis: 'CONTACTS', channel: 'HOTLINE' },
  CHAT_ANSWER_SECONDS: { target: 'SECONDS', basis: 'CONTACTS', channel: 'CHAT' },
  MESSAGE_REPLY_MINUTES: { target: 'MINUTES', basis: 'CONTACTS', channel: 'MESSAGE' },
};

export interface CaseCounts {
  resolved: number;
  resolvedOnTime: number;
  rated: number;
  satisfied: number;
}

export interface ContactCounts {
  total: number;
  within: number;
}

export interface Measure {
  /** Percent (0–100, one decimal): on time, satisfied, or answered within the target time; null without enough data. */
  value: number | null;
  /** How many cases (resolved or rated) or contacts it is based on. */
  sample: number;
  enoughData: boolean;
  /** For a percent target: whether the value reaches it; null for time targets or without enough data. */
  met: boolean | null;
}

const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

function measure(part: number, whole: number, percentTarget: number | null): Measure {
  const enoughData = whole >= MIN_SAMPLE;
  const value = enoughData ? percent(part, whole) : null;
  return { value, sample: whole, enoughData, met: value !== null && percentTarget !== null ? value >= percentTarget : null };
}

/** The measured value of one commitment, from the counts of its tenant. */
export function measureCommitment(metric: CommitmentMetric, target: number, cases: CaseCounts, contacts: ContactCounts | null): Measure {
  switch (metric) {
    case 'ON_TIME_RATE':
      return measure(cases.resolvedOnTime, cases.resolved, target);
    case 'SATISFACTION_RATE':
      return measure(cases.satisfied, cases.rated, target);
    default:
      return measure(contacts?.within ?? 0, contacts?.total ?? 0, null);
  }
}

/** A contact metric's target as seconds (the minutes of a message reply, converted). */
export function withinSeconds(metric: CommitmentMetric, target: number): number {
  return METRIC_MEASURES[metric].target === 'MINUTES' ? target * 60 : target;
}

/** A tenant's headline rates for the public directory, null below the minimum sample. */
export function headlineRates(c: CaseCounts) {
  return {
    onTimeRate: c.resolved >= MIN_SAMPLE ? percent(c.resolvedOnTime, c.resolved) : null,
    satisfactionRate: c.rated >= MIN_SAMPLE ? percent(c.satisfied, c.rated) : null,
    resolved: c.resolved,
    rated: c.rated,
  };
}
