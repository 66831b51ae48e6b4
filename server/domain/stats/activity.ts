import type { ACTIVITY_KINDS } from '../../../schema/db/stats.js';
import { civilDateAt } from '../calendar/civil-date.js';
import type { CaseEvent, CaseProjection } from '../cases/projection.js';

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One countable moment of a case, for the tenant it counts for (Art. 12, 16). */
export interface Activity {
  tenantId: string;
  kind: ActivityKind;
  /** For answers with a date to meet: met or not. */
  onTime: boolean | null;
  at: Date;
  /** The Asia/Shanghai civil date of `at`. */
  day: string;
}

/**
 * What a ledger event adds to the statistics, from the case before and after it: transfers sent
 * and received (and decided, by the receiver), supervision orders issued (by the issuing tenant),
 * answered and escalated (for the handling tenant), and a negative rating's follow-up answered
 * (by its date or not).
 */
export function activityOf(before: CaseProjection | null, event: CaseEvent): Activity[] {
  const at = event.at;
  const one = (tenantId: string, kind: ActivityKind, onTime: boolean | null = null): Activity => ({ tenantId, kind, onTime, at, day: civilDateAt(at) });
  if (!before) return [];
  switch (event.type) {
    case 'TRANSFER_REQUESTED':
      return [one(before.handlerTenantId, 'TRANSFER_OUT'), one(event.payload.toTenantId, 'TRANSFER_IN')];
    case 'TRANSFER_ACCEPTED':
      return before.transfer ? [one(before.transfer.toTenantId, 'TRANSFER_ACCEPTED')] : [];
    case 'TRANSFER_REJECTED':
      return before.transfer ? [one(before.transfer.toTenantId, 'TRANSFER_REJECTED')] : [];
    case 'SUPERVISION_ISSUED':
      return [one(event.payload.byTenantId, 'ORDER_ISSUED')];
    case 'SUPERVISION_RESPONDED': {
      const order = before.supervision.find((o) => o.orderId === event.payload.orderId);
      return order ? [one(before.handlerTenantId, 'ORDER_RESPONDED', at.getTime() <= order.respondBy.getTime())] : [];
    }
    case 'SUPERVISION_ESCALATED':
      return [one(before.handlerTenantId, 'ORDER_ESCALATED')];
    case 'REPLIED':
      return before.followUpPending && before.followUpDueAt
        ? [one(before.handlerTenantId, 'FOLLOW_UP_ANSWERED', at.getTime() <= before.followUpDueAt.getTime())]
        : [];
    default:
      return [];
  }
}
