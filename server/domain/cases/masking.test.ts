import { describe, expect, test } from 'vitest';
import { maskMobile as identityMaskMobile } from '../identity/phone.js';
import { maskResidentId as identityMaskResidentId } from '../identity/resident-id.js';
import { maskMobile, maskName, maskOtherContact, maskRequester, maskResidentId } from './masking.js';

describe('maskName (Art. 26)', () => {
  test.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['王小明', '王**'],
    ['买买提·艾力', '买**·**'],
    ['  李四 ', '李*'],
    ['John Smith', 'J*** *****'],
    ['Anne-Marie O’Neil', 'A***-***** *’****'],
    ['Li', 'L*'],
    ['张', '*'],
    ['', ''],
    ['𠮷野家', '𠮷**'], // a character outside the BMP is one character
  ])('%j -> %j', (name, masked) => expect(maskName(name)).toBe(masked));
});

test('phones and ID numbers use the identity module’s masks, not copies', () => {
  expect(maskMobile).toBe(identityMaskMobile);
  expect(maskResidentId).toBe(identityMaskResidentId);
  expect(maskMobile('13812345678')).toBe('138****5678');
  expect(maskResidentId('500101199001011234')).toBe('500101********1234');
});

test('maskOtherContact shows the first character and hides the length', () => {
  expect(maskOtherContact('zhangsan@example.com')).toBe('z***');
  expect(maskOtherContact('wx')).toBe('w***');
  expect(maskOtherContact('  ')).toBe('');
});

describe('maskRequester', () => {
  const requester = { name: '张三', phone: '13812345678', residentId: '500101199001011234', otherContact: 'wxid_abc' };

  test('masks every field by default', () => {
    expect(maskRequester(requester)).toEqual({ name: '张*', phone: '138****5678', residentId: '500101********1234', otherContact: 'w***' });
  });

  test('a logged reveal unmasks exactly its field', () => {
    expect(maskRequester(requester, ['phone'])).toEqual({ name: '张*', phone: '13812345678', residentId: '500101********1234', otherContact: 'w***' });
  });

  test('absent fields stay null and the input is not changed', () => {
    const anon = { name: null, phone: '13812345678', residentId: null, otherContact: null };
    expect(maskRequester(anon)).toEqual({ ...anon, phone: '138****5678' });
    expect(anon.phone).toBe('13812345678');
  });
});
