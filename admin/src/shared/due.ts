/** What the inbox shows beside a due date (both clocks, Art. 15). */
export type DueState = 'overdue' | 'due_soon' | 'paused' | 'done' | 'open';

export interface ClockLike {
  dueAt: string;
  overdue?: boolean | null;
  provisional?: boolean | null;
  extension?: unknown;
}

const TERMINAL = new Set(['RESOLVED', 'CLOSED', 'REJECTED']);
const DAY = 24 * 60 * 60 * 1000;

/**
 * Overdue when the server says so or an open case is past its due date; paused while waiting for
 * materials (the clocks stop, Art. 14); "due soon" within a day; done once the case is finished.
 */
export function dueState(clock: ClockLike, kase: { status: string; pausedSince?: string | null }, now = Date.now()): DueState {
  const due = Date.parse(clock.dueAt);
  const open = !TERMINAL.has(kase.status);
  if (clock.overdue || (open && !kase.pausedSince && due < now)) return 'overdue';
  if (!open) return 'done';
  if (kase.pausedSince) return 'paused';
  if (due - now < DAY) return 'due_soon';
  return 'open';
}
