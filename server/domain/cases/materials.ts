/**
 * One-time notification (一次性告知, Art. 14): when materials are missing or not in legal form, the
 * person is told everything at once. A request lists every missing or non-conforming item of the
 * service item's checklist with a note per item. A later request that names an item the FIRST
 * request did not is refused unless it gives a reason (new facts), and is then flagged on the
 * ledger for supervisors. The first notification is the promise: every later departure from it is
 * flagged, each time, even if a second request already added the same item.
 *
 * Free items: a key `other:<slug>` names a material the checklist does not list (e.g. a power of
 * attorney because a representative came). Without it staff could not tell everything at once
 * when the checklist falls short, which is what Art. 14 asks; its note says what the material is.
 */
import { badInput, type FieldErrors } from '../shared/errors.js';

export const OTHER_MATERIAL_PREFIX = 'other:';
const OTHER_KEY = /^other:[a-z0-9][a-z0-9_-]{0,39}$/;
export const MATERIAL_NOTE_MAX = 500;
export const MATERIALS_REASON_MAX = 2000;
export const MATERIALS_ITEMS_MAX = 100;

export interface MaterialsItem {
  key: string;
  note: string;
}

export interface MaterialsRequestInput {
  /** The keys of the case's service-item version's materials checklist. */
  checklistKeys: readonly string[];
  /** The case's earlier requests, oldest first. */
  previousRequests: readonly { items: readonly { key: string }[] }[];
  items: readonly MaterialsItem[];
  reason?: string | null;
}

export interface MaterialsRequestCheck {
  /** True when the request names items the first request did not (shown to supervisors). */
  flagged: boolean;
  /** Those items' keys, in request order. */
  addedKeys: string[];
}

export const isOtherMaterialKey = (key: string) => OTHER_KEY.test(key);

/** The keys of `items` that the first of `previousRequests` did not name (none for a first request). */
export function keysBeyondFirstRequest(
  previousRequests: readonly { items: readonly { key: string }[] }[],
  items: readonly { key: string }[],
): string[] {
  const first = previousRequests[0];
  if (!first) return [];
  const promised = new Set(first.items.map((i) => i.key));
  return [...new Set(items.map((i) => i.key))].filter((key) => !promised.has(key));
}

/**
 * Checks a materials request; every problem is reported at once, keyed by field (`items`,
 * `items.2.key`, `items.2.note`, `reason`). Returns whether the request is flagged.
 */
export function checkMaterialsRequest(input: MaterialsRequestInput): MaterialsRequestCheck {
  const problems: FieldErrors = {};
  const checklist = new Set(input.checklistKeys);
  const { items } = input;

  if (items.length === 0) {
    problems.items = 'list every missing or non-conforming item at once (Art. 14): at least one';
  } else if (items.length > MATERIALS_ITEMS_MAX) {
    problems.items = `at most ${MATERIALS_ITEMS_MAX} items`;
  }

  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = typeof item.key === 'string' ? item.key : '';
    if (!checklist.has(key) && !isOtherMaterialKey(key)) {
      problems[`items.${i}.key`] = key.startsWith(OTHER_MATERIAL_PREFIX)
        ? 'a material not on the checklist is other:<slug> (lowercase letters, digits, _ or -)'
        : `"${key}" is not on the service item's materials checklist (use other:<slug> for anything else)`;
    } else if (seen.has(key)) {
      problems[`items.${i}.key`] = `"${key}" is listed twice`;
    }
    seen.add(key);
    const note = typeof item.note === 'string' ? item.note.trim() : '';
    if (!note) problems[`items.${i}.note`] = 'say what is missing or wrong with this item';
    else if (note.length > MATERIAL_NOTE_MAX) problems[`items.${i}.note`] = `must be at most ${MATERIAL_NOTE_MAX} characters`;
  });

  const reason = input.reason?.trim() ?? '';
  if (reason.length > MATERIALS_REASON_MAX) problems.reason = `must be at most ${MATERIALS_REASON_MAX} characters`;

  const addedKeys = keysBeyondFirstRequest(input.previousRequests, items);
  if (addedKeys.length > 0 && !reason) {
    problems.reason =
      `${addedKeys.join(', ')} ${addedKeys.length === 1 ? 'was' : 'were'} not in the first notification: ` +
      'everything missing must be told at once (Art. 14), so a later request may add items only with a reason (new facts)';
  }

  if (Object.keys(problems).length > 0) throw badInput(problems);
  return { flagged: addedKeys.length > 0, addedKeys };
}
