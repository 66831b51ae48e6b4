/**
 * What a resolution must say (Art. 9, 11, 22; DESIGN.md "Case": summary, outcome, legal basis
 * cited, risk notice, referred-to channel). A case cannot be resolved, and so never closed,
 * without one (Art. 22).
 *
 * A legal consultation is a CONSULTATION whose `category` is LEGAL. Art. 9 sorts consultations by
 * what is asked: law (LEGAL), policy (POLICY), or the bureau's business, institutions and staff
 * (INSTITUTION); only a legal answer must cite the provisions relied on and warn of the risks.
 * Every consultation says which it is (so "legal" is never skipped by leaving a flag out); a
 * matter has no category.
 *
 * Non-acceptance is not an outcome: a case that is not accepted is REJECTED with its reasons
 * (states.ts), it is never "resolved".
 */
import type { WorkCalendar } from '../calendar/calendar.js';
import { dueAt, type TimeLimit } from '../calendar/deadlines.js';
import { badInput, type FieldErrors } from '../shared/errors.js';
import { CASE_KINDS, STRATEGIES, type CaseKind, type Strategy } from './vocabulary.js';

export const CONSULTATION_CATEGORIES = ['LEGAL', 'POLICY', 'INSTITUTION'] as const;
export type ConsultationCategory = (typeof CONSULTATION_CATEGORIES)[number];

interface OutcomeRule {
  /** The kinds of case the outcome fits. */
  readonly kinds: readonly CaseKind[];
  /** The person was sent somewhere: say where (Art. 8, 11). */
  readonly needsReferredTo: boolean;
  /** For a legal consultation this outcome is a legal answer: cite provisions, warn of risks (Art. 9). */
  readonly givesLegalAnswer: boolean;
  readonly basis: string;
}

/** The outcomes and their rules, one row each (the admin shows `basis` beside them). */
export const OUTCOME_RULES = {
  // A consultation answered, at once or at the agreed time.
  ANSWERED: { kinds: ['CONSULTATION'], needsReferredTo: false, givesLegalAnswer: true, basis: 'Art. 9' },
  // The person was guided to handle it themselves (引导办理): procedure and provisions explained.
  GUIDED: { kinds: ['CONSULTATION', 'MATTER'], needsReferredTo: false, givesLegalAnswer: true, basis: 'Art. 8' },
  // A matter handled to its result (lawyer, notary, legal aid, mediation, appraisal ...).
  HANDLED: { kinds: ['MATTER'], needsReferredTo: false, givesLegalAnswer: true, basis: 'Art. 10' },
  // Referred (指引转介) to a competent unit or professional inside the justice system; a referral
  // is not itself a legal answer.
  REFERRED: { kinds: ['CONSULTATION', 'MATTER'], needsReferredTo: true, givesLegalAnswer: false, basis: 'Art. 8, 10' },
  // Outside the justice system's remit, or a sensitive issue: the person is told the lawful channel.
  OUT_OF_SCOPE: { kinds: ['CONSULTATION', 'MATTER'], needsReferredTo: true, givesLegalAnswer: false, basis: 'Art. 11' },
  // The person withdrew; nothing was answered.
  WITHDRAWN: { kinds: ['CONSULTATION', 'MATTER'], needsReferredTo: false, givesLegalAnswer: false, basis: 'Art. 22' },
} as const satisfies Record<string, OutcomeRule>;
export type Outcome = keyof typeof OUTCOME_RULES;
export const OUTCOMES = Object.keys(OUTCOME_RULES) as [Outcome, ...Outcome[]];

export const RESOLUTION_LIMITS = { summary: 5000, legalBasis: 5000, riskNotice: 2000, referredTo: 500 } as const;

export interface ResolutionInput {
  kind: CaseKind;
  category?: ConsultationCategory | null;
  strategy: Strategy;
  outcome: Outcome;
  summary: string;
  legalBasis?: string | null;
  riskNotice?: string | null;
  referredTo?: string | null;
}

/** A checked resolution, texts trimmed, absent texts null. */
export interface Resolution {
  outcome: Outcome;
  strategy: Strategy;
  summary: string;
  category: ConsultationCategory | null;
  legalBasis: string | null;
  riskNotice: string | null;
  referredTo: string | null;
}

const clean = (s: string | null | undefined): string | null => {
  const t = typeof s === 'string' ? s.trim() : '';
  return t ? t : null;
};

/** Checks a resolution; BAD_USER_INPUT naming every missing or wrong field at once. */
export function checkResolution(input: ResolutionInput): Resolution {
  const problems: FieldErrors = {};
  const resolution: Resolution = {
    outcome: input.outcome,
    strategy: input.strategy,
    summary: clean(input.summary) ?? '',
    category: input.category ?? null,
    legalBasis: clean(input.legalBasis),
    riskNotice: clean(input.riskNotice),
    referredTo: clean(input.referredTo),
  };

  for (const [field, max] of Object.entries(RESOLUTION_LIMITS)) {
    const value = resolution[field as keyof typeof RESOLUTION_LIMITS];
    if (value && value.length > max) problems[field] = `must be at most ${max} characters`;
  }
  if (!resolution.summary) problems.summary = 'say what was done and told (Art. 22)';

  const kindKnown = CASE_KINDS.includes(input.kind);
  if (!kindKnown) problems.kind = 'must be CONSULTATION or MATTER';
  if (!STRATEGIES.includes(input.strategy)) problems.strategy = 'must be ANSWER, GUIDE or REFER (Art. 8)';

  const rule: OutcomeRule | undefined = Object.hasOwn(OUTCOME_RULES, input.outcome) ? OUTCOME_RULES[input.outcome] : undefined;
  if (!rule) problems.outcome = `must be one of ${OUTCOMES.join(', ')}`;
  else if (kindKnown && !rule.kinds.includes(input.kind)) {
    problems.outcome = `${input.outcome} is not an outcome of a ${input.kind.toLowerCase()}`;
  }

  if (input.kind === 'CONSULTATION') {
    if (resolution.category === null) problems.category = 'say whether the consultation is LEGAL, POLICY or INSTITUTION (Art. 9)';
    else if (!CONSULTATION_CATEGORIES.includes(resolution.category)) problems.category = 'must be LEGAL, POLICY or INSTITUTION';
  } else if (input.kind === 'MATTER' && resolution.category !== null) {
    problems.category = 'only a consultation has a category (Art. 9)';
  }

  if (rule?.needsReferredTo && !resolution.referredTo) {
    problems.referredTo =
      input.outcome === 'OUT_OF_SCOPE'
        ? 'say which channel the person was told to go to (Art. 11)'
        : 'say where the person was referred (Art. 8)';
  }

  const legalAnswer = input.kind === 'CONSULTATION' && resolution.category === 'LEGAL' && rule?.givesLegalAnswer === true;
  if (legalAnswer) {
    if (!resolution.legalBasis) problems.legalBasis = 'a legal answer cites the provisions it relies on (Art. 3-4, 9)';
    if (!resolution.riskNotice) problems.riskNotice = 'a legal answer warns of the potential risks (Art. 9)';
  }

  if (Object.keys(problems).length > 0) throw badInput(problems);
  return resolution;
}

/** A sensible default for the tenant setting "close a resolved case this long after resolution". */
export const DEFAULT_QUIET_PERIOD: TimeLimit = { unit: 'WORKING_DAYS', amount: 5 };

/** When a resolved case that nobody rated closes (CLOSED with cause QUIET_PERIOD). */
export function quietPeriodEndsAt(cal: WorkCalendar, resolvedAt: Date, quietPeriod: TimeLimit = DEFAULT_QUIET_PERIOD): Date {
  return dueAt(cal, resolvedAt, quietPeriod);
}
