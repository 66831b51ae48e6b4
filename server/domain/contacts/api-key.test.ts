import { describe, expect, test } from 'vitest';
import { apiKeyFromHeader, apiKeyMatches, generateApiKey, hashApiKey, prefixOf } from './api-key.js';

describe('integration keys', () => {
  test('tpk_<10 random [a-z0-9]>_<43 base64url>, a new one every time', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^tpk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(prefixOf(a.key)).toBe(a.prefix);
    expect(a.secretHash).toBe(hashApiKey(a.key));
    expect(a.secretHash).not.toContain(a.key.slice(15));
  });

  test('only the key itself matches its hash', () => {
    const { key, secretHash } = generateApiKey();
    expect(apiKeyMatches(key, secretHash)).toBe(true);
    expect(apiKeyMatches(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, secretHash)).toBe(false);
    expect(apiKeyMatches(key, '')).toBe(false);
  });

  test('the header scheme is ApiKey; anything else is not a key', () => {
    expect(apiKeyFromHeader('ApiKey tpk_abc')).toBe('tpk_abc');
    expect(apiKeyFromHeader('apikey  tpk_abc ')).toBe('tpk_abc');
    expect(apiKeyFromHeader('Bearer tpk_abc')).toBeNull();
    expect(apiKeyFromHeader(null)).toBeNull();
    expect(prefixOf('tpk_short_x')).toBeNull();
  });
});
