/**
 * Integration keys for a tenant's telephony and chat systems: `tpk_<prefix>_<secret>`.
 *
 * - prefix: 10 characters of [a-z0-9] (~51 bits), random; it finds the row (unique index) and is
 *   shown to admins so they can tell their keys apart. It proves nothing.
 * - secret: 32 random bytes, base64url (43 characters). Shown once, at creation.
 *
 * Only a SHA-256 of the whole key is stored. An unkeyed hash is enough here: the secret carries
 * 256 bits of entropy, so nobody can guess it back from the hash, and a slow or keyed hash would
 * only matter for low-entropy secrets such as passwords. Keying it with the server secret
 * (TokenService.derive) would tie every integration to JWT_SECRET, so rotating the signing key
 * (the standard answer to its leak) would silently cut off every telephony system.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const API_KEY_SCHEME = 'ApiKey';
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_LENGTH = 10;
const KEY_FORMAT = /^tpk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
const HASH_PREFIX = 'sha256:';

export interface NewApiKey {
  /** The whole key, to show once. */
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): NewApiKey {
  let prefix = '';
  for (let i = 0; i < PREFIX_LENGTH; i++) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  const key = `tpk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return HASH_PREFIX + createHash('sha256').update(key, 'utf8').digest('base64url');
}

/** The key from `Authorization: ApiKey <key>`; null for any other header (or none). */
export function apiKeyFromHeader(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^ApiKey\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

/** The prefix of a well-formed key; null when malformed. */
export function prefixOf(key: string): string | null {
  return KEY_FORMAT.exec(key)?.[1] ?? null;
}

/** Whether `key` hashes to `storedHash`, comparing in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key));
  const stored = Buffer.from(storedHash);
  if (presented.length !== stored.length) {
    timingSafeEqual(presented, presented); // same work either way
    return false;
  }
  return timingSafeEqual(presented, stored);
}
