/**
 * Which actions the case page offers. The server decides: the case's `viewerEvents` are the events
 * the state allows that this viewer may record (server/domain/cases/access.ts, the rules the
 * mutations apply); `caseTransitions` orders them and names their articles. This file only says
 * which dialog records which event — never which state or which party allows what.
 */

export interface TransitionRow {
  event: string;
  from: string[];
  to: string | null;
  basis: string;
}

/** One dialog of the case page. */
export type CaseAction =
  | 'start'
  | 'assign'
  | 'reassign'
  | 'requestMaterials'
  | 'receiveMaterials'
  | 'extend'
  | 'reply'
  | 'note'
  | 'feedback'
  | 'transfer'
  | 'acceptTransfer'
  | 'rejectTransfer'
  | 'withdrawTransfer'
  | 'resolve'
  | 'reopen'
  | 'reject'
  | 'appealRating';

/**
 * The event each action records. Events with no action here are recorded by others: OPENED by
 * intake, RATED by the person, CLOSED by the quiet period, FLAGGED and CLOCKS_RECOMPUTED by the
 * sweeper, SUPERVISION_* by the supervision screens, RATING_APPEAL_DECIDED by a supervisor above.
 */
export const ACTIONS: Record<CaseAction, { event: string }> = {
  start: { event: 'STARTED' },
  assign: { event: 'ASSIGNED' },
  reassign: { event: 'ASSIGNED' },
  requestMaterials: { event: 'MATERIALS_REQUESTED' },
  receiveMaterials: { event: 'MATERIALS_RECEIVED' },
  extend: { event: 'EXTENDED' },
  reply: { event: 'REPLIED' },
  note: { event: 'NOTE_ADDED' },
  feedback: { event: 'NOTE_ADDED' },
  transfer: { event: 'TRANSFER_REQUESTED' },
  acceptTransfer: { event: 'TRANSFER_ACCEPTED' },
  rejectTransfer: { event: 'TRANSFER_REJECTED' },
  withdrawTransfer: { event: 'TRANSFER_WITHDRAWN' },
  resolve: { event: 'RESOLVED' },
  reopen: { event: 'REOPENED' },
  reject: { event: 'REJECTED' },
  appealRating: { event: 'RATING_APPEALED' },
};

/** The signed-in viewer, as the dialogs need it (their tenant for pickers). */
export interface ActionViewer {
  roles: string[];
  tenant: { id: string };
}

export interface ActionCase {
  status: string;
  /** What the viewer may record now (the server's `viewerEvents`). */
  viewerEvents?: string[] | null;
  handlerTenantName?: string | null;
  firstResponderTenantName?: string | null;
  assignment?: unknown;
  rating?: { appeal?: unknown } | null;
}

/**
 * The actions offered for a case to a viewer, in the order of the transition table (the server's
 * order is the order clients list actions in), then in this file's order for one event's actions.
 */
export function offeredActions(kase: ActionCase, transitions?: TransitionRow[]): CaseAction[] {
  const allowed = new Set(kase.viewerEvents ?? []);
  const order = transitions?.map((t) => t.event) ?? [];
  const rank = (event: string) => {
    const i = order.indexOf(event);
    return i === -1 ? order.length : i;
  };
  return (Object.keys(ACTIONS) as CaseAction[])
    .filter((a) => allowed.has(ACTIONS[a].event))
    .filter((a) => {
      // Feedback goes to someone else (Art. 12, 13): the first responder's tenant when the case came
      // from another one, or the tenant that sent it down (交办).
      if (a === 'feedback') return !!kase.assignment || (!!kase.firstResponderTenantName && kase.firstResponderTenantName !== kase.handlerTenantName);
      // A rating is appealed once, and only when there is one.
      if (a === 'appealRating') return !!kase.rating && !kase.rating.appeal;
      return true;
    })
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(ACTIONS[x.a].event) - rank(ACTIONS[y.a].event) || x.i - y.i)
    .map((x) => x.a);
}

/** The transition row behind an action (its article and target state), if the table has it. */
export const transitionOf = (action: CaseAction, transitions: TransitionRow[] | undefined) =>
  transitions?.find((t) => t.event === ACTIONS[action].event);
