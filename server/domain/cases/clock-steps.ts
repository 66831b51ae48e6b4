import type { ClockStep } from './clocks.js';
import type { CaseEvent } from './events.js';

/**
 * The ledger events the due dates depend on, as clock steps (recomputeDueDates): the opening with
 * its limits, each pause and resume for materials (Art. 14), each extension (Art. 15).
 */
export function clockStepsOf(events: readonly CaseEvent[]): ClockStep[] {
  const steps: ClockStep[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'OPENED':
        steps.push({ kind: 'OPEN', at: e.payload.clocks.receivedAt, statutory: e.payload.clocks.statutory.limit, committed: e.payload.clocks.committed.limit });
        break;
      case 'TRANSFER_ACCEPTED':
        // The receiver's clocks, from acceptance, replace the running ones.
        if (e.payload.clocks) {
          steps.push({ kind: 'OPEN', at: e.payload.clocks.receivedAt, statutory: e.payload.clocks.statutory.limit, committed: e.payload.clocks.committed.limit });
        }
        break;
      case 'MATERIALS_REQUESTED':
        steps.push({ kind: 'PAUSE', at: e.at });
        break;
      case 'MATERIALS_RECEIVED':
        steps.push({ kind: 'RESUME', at: e.at });
        break;
      case 'EXTENDED':
        steps.push({ kind: 'EXTEND', at: e.at, clock: e.payload.clock, by: e.payload.by });
        break;
      default:
        break;
    }
  }
  return steps;
}
