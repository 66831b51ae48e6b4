/**
 * The case state machine as data (DESIGN.md "Case"; STYLE.md habit 4): one table of allowed
 * transitions, read by the server (every write) and by clients (which buttons to show). Every
 * transition is a ledger event (Art. 18); an event not allowed in the case's state is CONFLICT and
 * changes nothing.
 */
import { conflict } from '../shared/errors.js';

export const CASE_STATES = [
  'OPEN',
  'IN_PROGRESS',
  'AWAITING_MATERIALS',
  'TRANSFER_PENDING',
  'RESOLVED',
  'CLOSED',
  'REJECTED',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_EVENT_TYPES = [
  'OPENED',
  'ASSIGNED',
  'STARTED',
  'MATERIALS_REQUESTED',
  'MATERIALS_RECEIVED',
  'EXTENDED',
  'CLOCKS_RECOMPUTED',
  'NOTE_ADDED',
  'REPLIED',
  'TRANSFER_REQUESTED',
  'TRANSFER_ACCEPTED',
  'TRANSFER_REJECTED',
  'TRANSFER_WITHDRAWN',
  'RESOLVED',
  'REOPENED',
  'RATED',
  'RATING_APPEALED',
  'RATING_APPEAL_DECIDED',
  'SUPERVISION_ISSUED',
  'SUPERVISION_RESPONDED',
  'SUPERVISION_REMINDED',
  'SUPERVISION_ESCALATED',
  'SUPERVISION_CLOSED',
  'FLAGGED',
  'CLOSED',
  'REJECTED',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/**
 * What each state means for the clocks and whether anything but notes, replies and ratings can
 * still happen. RUNNING: both clocks count; PAUSED: waiting for materials (Art. 14), the only
 * reason a clock stops and later resumes; STOPPED: the case left the handler's hands.
 */
export const CASE_STATE_INFO = {
  OPEN: { terminal: false, clocks: 'RUNNING' },
  IN_PROGRESS: { terminal: false, clocks: 'RUNNING' },
  AWAITING_MATERIALS: { terminal: false, clocks: 'PAUSED' },
  TRANSFER_PENDING: { terminal: false, clocks: 'RUNNING' },
  RESOLVED: { terminal: false, clocks: 'STOPPED' },
  CLOSED: { terminal: true, clocks: 'STOPPED' },
  REJECTED: { terminal: true, clocks: 'STOPPED' },
} as const satisfies Record<CaseState, { terminal: boolean; clocks: 'RUNNING' | 'PAUSED' | 'STOPPED' }>;

export interface Transition {
  /** The states the event is allowed in. Empty only for OPENED, which creates the case. */
  readonly from: readonly CaseState[];
  /** The state after the event; SAME: the event is recorded and the state does not change. */
  readonly to: CaseState | 'SAME';
  /** Where the rule comes from (REGULATION.md). */
  readonly basis: string;
}

const EVERY_STATE = CASE_STATES;

/** The one table. Order is the order clients list actions in. */
export const TRANSITIONS = {
  // Art. 6: whoever asks, by any platform, is answered; every contact becomes a case at once.
  OPENED: { from: [], to: 'OPEN', basis: 'Art. 6, 18' },
  // Art. 10: route to the right post inside the unit; Art. 12: 交办, an ancestor sends the case down
  // (cannot be declined, so no pending state). Not while another tenant decides on a transfer.
  ASSIGNED: { from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS'], to: 'SAME', basis: 'Art. 10, 12' },
  // Art. 7-8: the handler has listened and takes the case up, choosing a strategy.
  STARTED: { from: ['OPEN'], to: 'IN_PROGRESS', basis: 'Art. 7, 8' },
  // Art. 14: one-time notification of everything missing; both clocks pause. Allowed at intake too
  // (materials are checked when the person first hands them in).
  MATERIALS_REQUESTED: { from: ['OPEN', 'IN_PROGRESS'], to: 'AWAITING_MATERIALS', basis: 'Art. 14' },
  // Art. 14-15: the materials came; the clocks resume, due dates moved by the paused working days.
  MATERIALS_RECEIVED: { from: ['AWAITING_MATERIALS'], to: 'IN_PROGRESS', basis: 'Art. 14, 15' },
  // Art. 15: extension only while the clocks run (a paused clock's due date is not final yet).
  EXTENDED: { from: ['OPEN', 'IN_PROGRESS'], to: 'SAME', basis: 'Art. 15' },
  // Art. 15: due dates computed without a year's holiday arrangement (so intake never waited, Art. 6)
  // are computed again once it is loaded; the person's clocks keep their meaning.
  CLOCKS_RECOMPUTED: { from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING', 'RESOLVED'], to: 'SAME', basis: 'Art. 6, 15' },
  // Art. 13: the handler's feedback to the first responder; Art. 18: a complete record. Any time.
  NOTE_ADDED: { from: EVERY_STATE, to: 'SAME', basis: 'Art. 13, 18' },
  // Art. 6, 21: answer promptly (the first reply is the first response); after closing it answers
  // the follow-up of a negative rating, after rejection a question about the reasons.
  REPLIED: { from: EVERY_STATE, to: 'SAME', basis: 'Art. 6, 21' },
  // Art. 10, 13: outside the remit, pass it on (转办) with a reason. Only a case someone has taken
  // up (Art. 13: the first responder takes the materials and passes them on); the case returns to
  // exactly this state if the receiver declines.
  TRANSFER_REQUESTED: { from: ['IN_PROGRESS'], to: 'TRANSFER_PENDING', basis: 'Art. 10, 12, 13' },
  // Art. 10, 12: the receiver becomes the handler and carries on; the clocks keep running
  // (Art. 6: passing the case on does not restart the person's wait).
  TRANSFER_ACCEPTED: { from: ['TRANSFER_PENDING'], to: 'IN_PROGRESS', basis: 'Art. 10, 12' },
  // Art. 12, 13: the receiver declines with a reason; the sender keeps the case and keeps tracking.
  TRANSFER_REJECTED: { from: ['TRANSFER_PENDING'], to: 'IN_PROGRESS', basis: 'Art. 12, 13' },
  // Art. 13: the sender takes the case back before the receiver decides.
  TRANSFER_WITHDRAWN: { from: ['TRANSFER_PENDING'], to: 'IN_PROGRESS', basis: 'Art. 13' },
  // Art. 9, 11, 22: done, with a resolution (summary, outcome, and per outcome the legal basis,
  // risk notice or referred-to channel).
  RESOLVED: { from: ['IN_PROGRESS'], to: 'RESOLVED', basis: 'Art. 9, 11, 22' },
  // Art. 22: not handled after all; the clocks do not move (only waiting for materials pauses them).
  REOPENED: { from: ['RESOLVED'], to: 'IN_PROGRESS', basis: 'Art. 22' },
  // Art. 12 (评价), 16: the person rates the service once, also a rejected case or one closed by
  // the quiet period.
  RATED: { from: ['RESOLVED', 'CLOSED', 'REJECTED'], to: 'SAME', basis: 'Art. 12, 16' },
  // Art. 12, 16: the tenant may appeal a rating as malicious; a supervisor of its parent decides.
  // The rating itself is never edited: an upheld appeal only leaves it out of the statistics.
  RATING_APPEALED: { from: ['RESOLVED', 'CLOSED', 'REJECTED'], to: 'SAME', basis: 'Art. 12, 16' },
  RATING_APPEAL_DECIDED: { from: ['RESOLVED', 'CLOSED', 'REJECTED'], to: 'SAME', basis: 'Art. 12, 16' },
  // Art. 12, 15: 督办. An order is issued while the case is still being handled; its steps (answer,
  // reminder 催办, escalation, close) may follow in any state, since a case may be resolved meanwhile.
  SUPERVISION_ISSUED: { from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING'], to: 'SAME', basis: 'Art. 12, 15' },
  SUPERVISION_RESPONDED: { from: EVERY_STATE, to: 'SAME', basis: 'Art. 12, 15' },
  SUPERVISION_REMINDED: { from: EVERY_STATE, to: 'SAME', basis: 'Art. 12, 15' },
  SUPERVISION_ESCALATED: { from: EVERY_STATE, to: 'SAME', basis: 'Art. 12, 15' },
  SUPERVISION_CLOSED: { from: EVERY_STATE, to: 'SAME', basis: 'Art. 12, 15' },
  // Art. 12, 15: the sweeper's marks for supervisors.
  FLAGGED: { from: EVERY_STATE, to: 'SAME', basis: 'Art. 12, 15' },
  // Art. 22: only a resolved case closes, after a rating or the tenant's quiet period.
  CLOSED: { from: ['RESOLVED'], to: 'CLOSED', basis: 'Art. 22' },
  // Art. 10, 14: not accepted (conditions not met, materials never supplied ...), with reasons.
  REJECTED: { from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS'], to: 'REJECTED', basis: 'Art. 10, 14' },
} as const satisfies Record<CaseEventType, Transition>;

/** The event that creates a case: the only one allowed when there is no case yet. */
export const OPENING_EVENT = 'OPENED' satisfies CaseEventType;

export function isAllowed(state: CaseState | null, event: CaseEventType): boolean {
  const row: Transition = TRANSITIONS[event];
  return state === null ? row.from.length === 0 : row.from.includes(state);
}

/**
 * The state after `event`, or CONFLICT naming the state and the event. `state` null = no case yet.
 */
export function nextState(state: CaseState | null, event: CaseEventType): CaseState {
  const row: Transition | undefined = TRANSITIONS[event];
  if (!row) throw conflict(`${String(event)} is not a case event`);
  if (!isAllowed(state, event)) {
    if (state === null) throw conflict(`there is no case yet: the first event must be ${OPENING_EVENT}, not ${event}`);
    const allowed = allowedEvents(state);
    throw conflict(
      `a case in state ${state} cannot take event ${event}` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''),
    );
  }
  if (row.to === 'SAME') {
    // Only OPENED has no `from`, and its `to` is a state; a SAME row always has a current state.
    if (state === null) throw conflict(`there is no case yet for ${event}`);
    return state;
  }
  return row.to;
}

/** The events a case in `state` may take, in table order (what a client offers). */
export function allowedEvents(state: CaseState | null): CaseEventType[] {
  return CASE_EVENT_TYPES.filter((event) => isAllowed(state, event));
}
