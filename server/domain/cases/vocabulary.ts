/**
 * The case's small vocabularies (DESIGN.md "Case"), as const tables the server, the GraphQL enums
 * and the admin all read (STYLE.md habit 4).
 */

/** A consultation (Art. 9) or a matter to handle (Art. 10). */
export const CASE_KINDS = ['CONSULTATION', 'MATTER'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Art. 7-8: after listening, the handler answers (咨询解答), guides (引导办理) or refers (指引转介). */
export const STRATEGIES = ['ANSWER', 'GUIDE', 'REFER'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Art. 10: on the spot, by appointment, or passed on (转交). */
export const HANDLING_MODES = ['ON_THE_SPOT', 'BY_APPOINTMENT', 'TRANSFER'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];

/**
 * The public's rating (好差评, Art. 12 评价, Art. 16), best first. A negative rating opens a
 * follow-up the tenant must answer (DESIGN.md "Public self-service").
 */
export const RATING_SCALE = {
  VERY_SATISFIED: { label: '非常满意', negative: false },
  SATISFIED: { label: '满意', negative: false },
  BASICALLY_SATISFIED: { label: '基本满意', negative: false },
  DISSATISFIED: { label: '不满意', negative: true },
  VERY_DISSATISFIED: { label: '非常不满意', negative: true },
} as const;
export type Rating = keyof typeof RATING_SCALE;
export const RATINGS = Object.keys(RATING_SCALE) as [Rating, ...Rating[]];

/** Why a resolved case closed: the person rated it, or the tenant's quiet period passed. */
export const CLOSE_CAUSES = ['RATED', 'QUIET_PERIOD'] as const;
export type CloseCause = (typeof CLOSE_CAUSES)[number];

/**
 * Marks on a case that supervisors see in lists (the ledger holds the details):
 * - LATE_MATERIALS_REQUEST: a materials request named items the first one did not (Art. 14);
 * - REOPENED: the case was resolved and reopened at least once (Art. 22);
 * - NEGATIVE_RATING: the person rated the service 不满意 or worse (Art. 12, 16);
 * - TRANSFER_UNDECIDED: a transfer passed its decision deadline undecided (Art. 10, 13);
 * - FOLLOW_UP_OVERDUE: a negative rating's follow-up was not answered in time (Art. 12, 16).
 */
export const CASE_FLAGS = ['LATE_MATERIALS_REQUEST', 'REOPENED', 'NEGATIVE_RATING', 'TRANSFER_UNDECIDED', 'FOLLOW_UP_OVERDUE'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];
