import { expect, test } from 'vitest';
import { decodeGlobalId, encodeGlobalId, idOf } from './global-id.js';

const uuid = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

test('round trip', () => {
  expect(decodeGlobalId(encodeGlobalId('Tenant', uuid))).toEqual({ typename: 'Tenant', id: uuid });
});

test('anything malformed decodes to null', () => {
  for (const bad of ['', 'garbage', '!!!', encodeGlobalId('Tenant', 'not-a-uuid'), Buffer.from(uuid).toString('base64url'), 'x'.repeat(300)]) {
    expect(decodeGlobalId(bad)).toBeNull();
  }
});

test('input ids of the wrong type are BAD_USER_INPUT naming the field', () => {
  expect(() => idOf(encodeGlobalId('User', uuid), 'Tenant', 'parentId')).toThrow(
    expect.objectContaining({ code: 'BAD_USER_INPUT', fields: { parentId: 'is not a Tenant id' } }),
  );
});
