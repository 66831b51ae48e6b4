import { badInput } from '../domain/shared/errors.js';

/**
 * Relay global ids: base64url of `Type:uuid`. Decoding is total: anything malformed is null,
 * which `node` treats exactly like an id that does not exist.
 */
export function encodeGlobalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeGlobalId(globalId: string): { typename: string; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200 || !/^[A-Za-z0-9_=+/-]+$/.test(globalId)) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  if (sep <= 0) return null;
  const typename = text.slice(0, sep);
  const id = text.slice(sep + 1);
  if (!/^[A-Za-z]+$/.test(typename) || !UUID.test(id)) return null;
  return { typename, id: id.toLowerCase() };
}

/** A global id in mutation input: the right type or BAD_USER_INPUT naming the field. */
export function idOf(globalId: string, typename: string, field: string): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || decoded.typename !== typename) throw badInput({ [field]: `is not a ${typename} id` });
  return decoded.id;
}

/** Same, for an optional input field. */
export function optionalIdOf(globalId: string | null | undefined, typename: string, field: string): string | undefined {
  return globalId == null ? undefined : idOf(globalId, typename, field);
}
