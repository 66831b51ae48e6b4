import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';

/**
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form (nor a
 * canonical JSON form for the ledger's hash): either anywhere in the input would fail deep inside a
 * statement as an unexpected error. Refuse it up front as the client's mistake, naming where.
 */
export function nulInputError(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  const where = findInVariables(variables ?? {}, []) ?? findInDocument(document);
  if (!where) return null;
  return new GraphQLError(`invalid input (${where}: ${PROBLEM})`, {
    extensions: { code: 'BAD_USER_INPUT', fields: { [where]: PROBLEM }, http: { status: 400 } },
  });
}

const PROBLEM = 'must not contain NUL characters or unpaired surrogates';
/** Text PostgreSQL and the ledger cannot store as given. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

function findInVariables(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return unstorable(value) ? path.join('.') || 'variables' : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const hit = findInVariables(item, path);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findInVariables(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

function findInDocument(document: DocumentNode): string | null {
  let hit: string | null = null;
  const names: string[] = [];
  visit(document, {
    [Kind.ARGUMENT]: { enter: (n) => void names.push(n.name.value), leave: () => void names.pop() },
    [Kind.OBJECT_FIELD]: { enter: (n) => void names.push(n.name.value), leave: () => void names.pop() },
    [Kind.STRING]: (n) => {
      if (!hit && unstorable(n.value)) hit = names.join('.') || 'query';
    },
  });
  return hit;
}
