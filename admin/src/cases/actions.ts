/**
 * Which actions the case page offers. The state decides through the server's state machine (the
 * case's `allowedEvents`, or `caseTransitions` read as data for its state); this file only says
 * which dialog records which event and which party may use it — never which state allows what.
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
 * Who may use an action, as the server checks it (server/domain/cases/access.ts): the handler
 * tenant's caseworkers, its supervisors or admins (extensions, Art. 15), or the caseworkers of the
 * tenant a transfer waits for.
 */
type Party = 'handler' | 'approver' | 'receiver';

/**
 * The event each action records. Events with no action here are recorded by others: OPENED by
 * intake, RATED by the person, CLOSED by the quiet period, FLAGGED and CLOCKS_RECOMPUTED by the
 * sweeper, SUPERVISION_* by the supervision screens, RATING_APPEAL_DECIDED by a supervisor above.
 */
export const ACTIONS: Record<CaseAction, { event: string; party: Party }> = {
  start: { event: 'STARTED', party: 'handler' },
  assign: { event: 'ASSIGNED', party: 'handler' },
  reassign: { event: 'ASSIGNED', party: 'handler' },
  requestMaterials: { event: 'MATERIALS_REQUESTED', party: 'handler' },
  receiveMaterials: { event: 'MATERIALS_RECEIVED', party: 'handler' },
  extend: { event: 'EXTENDED', party: 'approver' },
  reply: { event: 'REPLIED', party: 'handler' },
  note: { event: 'NOTE_ADDED', party: 'handler' },
  feedback: { event: 'NOTE_ADDED', party: 'handler' },
  transfer: { event: 'TRANSFER_REQUESTED', party: 'handler' },
  acceptTransfer: { event: 'TRANSFER_ACCEPTED', party: 'receiver' },
  rejectTransfer: { event: 'TRANSFER_REJECTED', party: 'receiver' },
  withdrawTransfer: { event: 'TRANSFER_WITHDRAWN', party: 'handler' },
  resolve: { event: 'RESOLVED', party: 'handler' },
  reopen: { event: 'REOPENED', party: 'handler' },
  reject: { event: 'REJECTED', party: 'handler' },
  appealRating: { event: 'RATING_APPEALED', party: 'handler' },
};

export interface ActionViewer {
  roles: string[];
  tenant: { id: string };
}

export interface ActionCase {
  status: string;
  allowedEvents?: string[] | null;
  handlerTenant?: { id: string } | null;
  transfer?: { toTenant?: { id: string } | null } | null;
  handlerTenantName?: string | null;
  firstResponderTenantName?: string | null;
  assignment?: unknown;
  rating?: { appeal?: unknown } | null;
}

/** The events the case may take now: the server's list, or the transition table read for its state. */
export function allowedEventsOf(kase: ActionCase, transitions: TransitionRow[] | undefined): string[] {
  if (kase.allowedEvents) return kase.allowedEvents;
  return (transitions ?? []).filter((t) => t.from.includes(kase.status)).map((t) => t.event);
}

function partyAllows(party: Party, viewer: ActionViewer, kase: ActionCase): boolean {
  const has = (r: string) => viewer.roles.includes(r);
  const caseworker = has('STAFF') || has('SUPERVISOR');
  const handlerHere = !!kase.handlerTenant && kase.handlerTenant.id === viewer.tenant.id;
  switch (party) {
    case 'handler':
      return handlerHere && caseworker;
    case 'approver':
      return handlerHere && (has('SUPERVISOR') || has('ADMIN'));
    case 'receiver':
      return caseworker && !!kase.transfer?.toTenant && kase.transfer.toTenant.id === viewer.tenant.id;
  }
}

/**
 * The actions offered for a case to a viewer, in the order of the transition table (the server's
 * order is the order clients list actions in), then in this file's order for one event's actions.
 */
export function offeredActions(kase: ActionCase, viewer: ActionViewer | undefined, transitions?: TransitionRow[]): CaseAction[] {
  if (!viewer) return [];
  const allowed = new Set(allowedEventsOf(kase, transitions));
  const order = transitions?.map((t) => t.event) ?? [];
  const rank = (event: string) => {
    const i = order.indexOf(event);
    return i === -1 ? order.length : i;
  };
  return (Object.keys(ACTIONS) as CaseAction[])
    .filter((a) => allowed.has(ACTIONS[a].event) && partyAllows(ACTIONS[a].party, viewer, kase))
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
