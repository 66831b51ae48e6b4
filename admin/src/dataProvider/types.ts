import type { GetListParams, RaRecord } from 'react-admin';

export interface Connection<T = Record<string, unknown>> {
  totalCount: number;
  edges: { node: T }[];
}

type Data = Record<string, any>;

/**
 * One resource's hand-written GraphQL: a detail fragment for `node`/`nodes`, a connection query for
 * lists, and the create/update mutations with their input shapes. Nothing is guessed from names.
 */
export interface ResourceDefinition {
  /** The GraphQL type behind the resource (`node` answers of another type are "not found"). */
  typename: string;
  /** `fragment <name> on <typename> { … }` asked by getOne/getMany. */
  detail: { name: string; text: string };
  list?: {
    /** Declares `$first: Int!, $after: String` and the filter variables it uses. */
    document: string;
    variables(params: Pick<GetListParams, 'filter' | 'sort'>): Record<string, unknown>;
    connection(data: Data): Connection;
  };
  create?: { document: string; input(data: Data): Record<string, unknown>; result(data: Data): Data };
  /** `previousData` carries the `version` the form was read at (optimistic concurrency). */
  update?: { document: string; input(id: string, data: Data, previousData: Data): Record<string, unknown>; result(data: Data): Data };
  /** The node as react-admin sees it (flat reference ids beside the nested objects). */
  toRecord?(node: Data): RaRecord;
}

/** Strings are trimmed; empty ones dropped (create) — the server treats absent fields as unset. */
export function pickDefined(data: Data, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = typeof data[f] === 'string' ? (data[f] as string).trim() : data[f];
    if (v !== undefined && v !== null && v !== '') out[f] = v;
  }
  return out;
}

/**
 * Only what the form changed: untouched fields stay out of the input (a masked phone read back is
 * not a new phone). A cleared optional text is sent as null, which clears it.
 */
export function changedFields(data: Data, previous: Data, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f in data)) continue;
    const norm = (v: unknown) => (v === '' || v === undefined ? null : typeof v === 'string' ? v.trim() : v);
    const next = norm(data[f]);
    if (JSON.stringify(next) !== JSON.stringify(norm(previous[f]))) out[f] = next;
  }
  return out;
}

/** react-admin's `version` of a record: the one the edit form was read at. */
export function versionOf(previous: Data, data: Data): number {
  const v = previous.version ?? data.version;
  if (typeof v !== 'number') throw new Error('a versioned record without its version');
  return v;
}

/** A list filter value that may be one value or several: the schema wants a list. */
export const asList = (v: unknown): unknown[] | undefined =>
  v === undefined || v === null || v === '' ? undefined : Array.isArray(v) ? (v.length ? v : undefined) : [v];

export const nonEmpty = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : v);
