/**
 * What only reports print (Art. 18 工作台账); the vocabularies' labels are in server/domain/labels.ts.
 */

/** Said of a rating a supervisor set aside on appeal (Art. 22): shown, but it counts for nothing. */
export const RATING_SET_ASIDE = '（申诉成立，不计入）';

/** 是否按时: yes, no, and "not applicable yet" (unresolved, rejected). */
export const ON_TIME_LABEL = { yes: '是', no: '否', none: '—' } as const;

/** What a law firm's confidential case shows instead of its matter (as the GraphQL `Case.subject` does). */
export const CONFIDENTIAL_SUBJECT = '（律师事务所保密事项）';
