import { offsetToCursor, cursorToOffset } from '@pothos/plugin-relay';
import { badInput } from '../domain/shared/errors.js';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Page {
  offset: number;
  limit: number;
}

export const DEFAULT_PAGE_SIZE = 20;

/**
 * Offset pagination with opaque cursors, over a stable ordering. Page sizes are 1..max; a bad
 * cursor or size is BAD_USER_INPUT naming the argument.
 */
export function pageFor(args: ConnectionArgs, maxPageSize: number): Page & { backwards: boolean } {
  for (const key of ['first', 'last'] as const) {
    const v = args[key];
    if (v != null && (v < 1 || v > maxPageSize)) throw badInput({ [key]: `must be between 1 and ${maxPageSize}` });
  }
  if (args.first != null && args.last != null) throw badInput({ last: 'give first or last, not both' });
  const after = args.after != null ? decodeCursor(args.after, 'after') : null;
  const before = args.before != null ? decodeCursor(args.before, 'before') : null;
  const start = after != null ? after + 1 : 0;
  const end = before != null ? before : Number.POSITIVE_INFINITY;
  if (args.last != null) {
    if (!Number.isFinite(end)) throw badInput({ before: 'last needs before' });
    const offset = Math.max(start, end - args.last);
    return { offset, limit: end - offset, backwards: true };
  }
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  return { offset: start, limit: Math.min(size, Math.max(0, end - start)), backwards: false };
}

function decodeCursor(cursor: string, field: string): number {
  try {
    const n = cursorToOffset(cursor);
    if (Number.isInteger(n) && n >= 0) return n;
  } catch {
    /* fall through */
  }
  throw badInput({ [field]: 'is not a valid cursor' });
}

/** Builds the connection from one page of rows fetched with `limit + 1` (to know if more follow). */
export function connectionFrom<T>(rows: readonly T[], page: Page & { backwards: boolean }, totalCount: number) {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node, i) => ({ node, cursor: offsetToCursor(page.offset + i) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasPreviousPage: page.offset > 0,
      hasNextPage: page.offset + nodes.length < totalCount,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
