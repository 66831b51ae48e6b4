/**
 * Canonical JSON for the work ledger's hash chain (Art. 18): RFC 8785 (JCS) serialisation, so one
 * JSON value always gives the same text, whoever writes it and whatever order its keys came in.
 *
 *  - object keys sorted by UTF-16 code units (JCS 3.2.3), no whitespace;
 *  - numbers in ECMAScript's shortest round-trip form (`Number.prototype.toString`), `-0` as `0`;
 *  - strings escaped as `JSON.stringify` does: `\" \\ \b \f \n \r \t`, other controls as
 *    `\u00xx`, everything else literal (Chinese, emoji, U+2028/U+2029 included).
 *
 * Only values that survive a round trip through a `jsonb` column unchanged are accepted, so that
 * the payload we store and the payload we hash are the same JSON. Refused, with the path:
 * `undefined`, functions, symbols, bigints, NaN and ±Infinity, strings with a lone surrogate
 * (PostgreSQL rejects them), sparse arrays, cycles, and every object that is not a plain object or
 * an array — Date included: give times as ISO strings (`date.toISOString()`), because a Date would
 * be hashed as whatever it printed today and stored as a timestamp the database may re-format.
 * `toJSON` is never called. A value may be shared by several parents (it is written each time).
 *
 * Numbers are not otherwise limited: a double is a double, and `1e+21` read back from `jsonb` as
 * `1000000000000000000000` parses to the same double. Verify by canonicalising the parsed value,
 * never by hashing the database's own text of it (`jsonb` reorders keys and respells numbers).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A value that has no canonical JSON form; `path` is where, e.g. `$.people[2].name`. */
export class CanonicalJsonError extends TypeError {
  override name = 'CanonicalJsonError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`no canonical JSON for ${path}: ${problem}`);
  }
}

/** The canonical (RFC 8785) JSON text of `value`; throws CanonicalJsonError for a non-JSON value. */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

/** Whether `value` has a canonical JSON form (see the module comment for what is refused). */
export function isCanonicalJsonValue(value: unknown): value is JsonValue {
  try {
    canonicalJson(value);
    return true;
  } catch (e) {
    if (e instanceof CanonicalJsonError) return false;
    throw e;
  }
}

// With the `u` flag a surrogate pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function writeString(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError(path, 'string has a lone surrogate');
  return JSON.stringify(s);
}

function write(value: unknown, path: string, open: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return writeString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      // ECMAScript Number::toString, which JCS adopts as is; JSON.stringify(-0) is "0".
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeObject(value, path, open);
    default:
      // undefined, function, symbol, bigint
      throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
  }
}

function writeObject(value: object, path: string, open: Set<object>): string {
  if (open.has(value)) throw new CanonicalJsonError(path, 'cycle');
  open.add(value);
  let text: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new CanonicalJsonError(`${path}[${i}]`, 'hole in a sparse array');
      items.push(write(value[i], `${path}[${i}]`, open));
    }
    text = `[${items.join(',')}]`;
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const kind = value instanceof Date ? 'a Date (give an ISO string)' : `a ${value.constructor?.name ?? 'non-plain'} object`;
      throw new CanonicalJsonError(path, `${kind} is not JSON`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new CanonicalJsonError(path, 'symbol keys are not JSON');
    const record = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, which is what JCS asks for.
    const keys = Object.keys(record).sort();
    const members = keys.map((key) => {
      const at = IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      return `${writeString(key, at)}:${write(record[key], at, open)}`;
    });
    text = `{${members.join(',')}}`;
  }
  open.delete(value);
  return text;
}
