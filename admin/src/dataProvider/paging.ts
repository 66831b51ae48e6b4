/**
 * The server's connections page by offset behind opaque-looking cursors (server/graphql/pagination.ts:
 * Pothos `offsetToCursor`, base64 of `OffsetConnection:<n>`), so react-admin's page numbers map
 * straight onto `first`/`after` without walking the pages before.
 */
const PREFIX = 'OffsetConnection:';

export const offsetCursor = (offset: number): string => btoa(`${PREFIX}${offset}`);

/** The server refuses `first` above MAX_PAGE_SIZE (100 by default): bigger pages are fetched in slices. */
export const MAX_PAGE_SIZE = 100;

export interface Slice {
  first: number;
  after: string | null;
}

/** Page `page` (from 1) of `perPage` rows, as one or more `first`/`after` requests. */
export function slicesFor(page: number, perPage: number, maxPageSize = MAX_PAGE_SIZE): Slice[] {
  const start = Math.max(0, (page - 1) * perPage);
  const slices: Slice[] = [];
  for (let offset = start; offset < start + perPage; offset += maxPageSize) {
    slices.push({ first: Math.min(maxPageSize, start + perPage - offset), after: offset > 0 ? offsetCursor(offset - 1) : null });
  }
  return slices;
}
