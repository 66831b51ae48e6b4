/**
 * The requester's personal data as shown by default (Art. 26; DESIGN.md "Personal data"): names,
 * phones and ID numbers masked in every response unless one field of one case is revealed, with a
 * reason, through the access log. Phone and ID masks are the identity module's; this adds names.
 */
import { maskMobile } from '../identity/phone.js';
import { maskResidentId } from '../identity/resident-id.js';

export { maskMobile, maskResidentId };

/** Kept in place in a masked name: they separate parts, they reveal nothing. */
const SEPARATOR = /^[\s·•.\-'’]$/u;

/**
 * The first character kept, every other character but separators masked, one `*` each:
 * `张三` → `张*`, `欧阳娜娜` → `欧***`, `买买提·艾力` → `买**·**`, `John Smith` → `J*** *****`.
 * A one-character name is masked whole: keeping it would show it all.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars.map((c, i) => (i === 0 || SEPARATOR.test(c) ? c : '*')).join('');
}

/** Free-form contact (WeChat ID, e-mail ...): first character and a fixed `***`, so no length shows. */
export function maskOtherContact(contact: string): string {
  const chars = Array.from(contact.trim());
  return chars.length === 0 ? '' : `${chars[0]}***`;
}

export interface Requester {
  name: string | null;
  phone: string | null;
  residentId: string | null;
  otherContact: string | null;
}

/** The requester fields that are personal data, each revealable on its own with a logged reason. */
export const REQUESTER_FIELDS = ['name', 'phone', 'residentId', 'otherContact'] as const satisfies readonly (keyof Requester)[];
export type RequesterField = (typeof REQUESTER_FIELDS)[number];

const MASKS: Record<RequesterField, (s: string) => string> = {
  name: maskName,
  phone: maskMobile,
  residentId: maskResidentId,
  otherContact: maskOtherContact,
};

/** The requester as shown by default; `revealed` lists fields a logged reveal unmasked. */
export function maskRequester(requester: Requester, revealed: readonly RequesterField[] = []): Requester {
  const out = { ...requester };
  for (const field of REQUESTER_FIELDS) {
    const value = requester[field];
    if (value !== null && !revealed.includes(field)) out[field] = MASKS[field](value);
  }
  return out;
}
