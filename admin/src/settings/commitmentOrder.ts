export interface Ordered {
  id: string;
  sortOrder: number;
}

/** The gap between neighbours, so one can later go between two without renumbering. */
export const ORDER_STEP = 10;

/**
 * Moves the row at `index` one place up (-1) or down (+1) and answers the rows whose sortOrder must
 * change for the list to read in that order: the list is renumbered in steps of ORDER_STEP, and
 * only rows whose number differs are sent (the server takes one update per commitment).
 */
export function reorder<T extends Ordered>(rows: readonly T[], index: number, delta: -1 | 1): { row: T; sortOrder: number }[] {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return [];
  const next = [...rows];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next.map((row, i) => ({ row, sortOrder: (i + 1) * ORDER_STEP })).filter((u) => u.row.sortOrder !== u.sortOrder);
}

/** The next number at the end of the list, for a new commitment. */
export const nextSortOrder = (rows: readonly Ordered[]) => (rows.length ? Math.max(...rows.map((r) => r.sortOrder)) : 0) + ORDER_STEP;
