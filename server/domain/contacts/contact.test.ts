import { describe, expect, test } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { parseContacts, repostOf } from './contact.js';

const now = new Date('2025-06-10T00:00:00Z');
const arrived = new Date('2025-06-02T01:00:00Z');
const plus = (ms: number) => new Date(arrived.getTime() + ms);

describe('a batch of contacts', () => {
  test('valid entries are normalised (trimmed, defaults filled)', () => {
    const { entries, problems } = parseContacts({ contacts: [{ channel: 'HOTLINE', externalId: ' call-1 ', arrivedAt: arrived }] }, now);
    expect(problems).toEqual({});
    expect(entries).toEqual([{ channel: 'HOTLINE', externalId: 'call-1', arrivedAt: arrived, answeredAt: null, abandoned: false, agentUsername: null, caseNumber: null }]);
  });

  test('every bad entry is named by its index and field', () => {
    const { entries, problems } = parseContacts(
      {
        contacts: [
          { channel: 'HOTLINE', externalId: 'ok', arrivedAt: arrived, answeredAt: plus(1000) },
          { channel: 'FAX', externalId: 'x', arrivedAt: arrived },
          { channel: 'CHAT', externalId: 'y', arrivedAt: arrived, answeredAt: plus(-1) },
          { channel: 'CHAT', externalId: 'z', arrivedAt: arrived, answeredAt: plus(1), abandoned: true },
          { channel: 'CHAT', externalId: 'w\u0007', arrivedAt: new Date(now.getTime() + 6 * 60_000) },
        ],
      },
      now,
    );
    expect(entries.map((e) => e !== null)).toEqual([true, false, false, false, false]);
    expect(problems).toEqual({
      'contacts.1.channel': 'must be one of HOTLINE, CHAT, MESSAGE',
      'contacts.2.answeredAt': 'is before arrivedAt',
      'contacts.3.answeredAt': 'must be empty for an abandoned contact',
      'contacts.4.externalId': 'must not contain control characters',
      'contacts.4.arrivedAt': 'is in the future',
    });
  });

  test('a little clock skew is tolerated', () => {
    const { problems } = parseContacts({ contacts: [{ channel: 'HOTLINE', externalId: 'a', arrivedAt: new Date(now.getTime() + 4 * 60_000) }] }, now);
    expect(problems).toEqual({});
  });

  test('1 to 500 entries', () => {
    const one = { channel: 'HOTLINE', externalId: 'a', arrivedAt: arrived };
    for (const contacts of [[], Array.from({ length: 501 }, () => one)]) {
      try {
        parseContacts({ contacts }, now);
        expect.unreachable();
      } catch (err) {
        expect((err as DomainError).fields).toHaveProperty('contacts');
      }
    }
    expect(parseContacts({ contacts: Array.from({ length: 500 }, () => one) }, now).entries).toHaveLength(500);
  });
});

describe('a repost', () => {
  const stored = { channel: 'MESSAGE', arrivedAt: arrived, answeredAt: null, abandoned: false, agentUserId: null, caseId: 'case-1' };
  const incoming = { answeredAt: plus(600_000), abandoned: false, agentUserId: 'agent-1', caseId: 'case-2' };

  test('completes a pending contact, filling only what was empty', () => {
    expect(repostOf(stored, incoming)).toEqual({ kind: 'COMPLETES', answeredAt: plus(600_000), abandoned: false, agentUserId: 'agent-1', caseId: 'case-1' });
    expect(repostOf(stored, { ...incoming, answeredAt: null, abandoned: true })).toMatchObject({ kind: 'COMPLETES', abandoned: true });
  });

  test('changes nothing when the contact is complete, or the repost adds nothing', () => {
    expect(repostOf({ ...stored, answeredAt: plus(1000) }, incoming)).toEqual({ kind: 'DUPLICATE' });
    expect(repostOf({ ...stored, abandoned: true }, incoming)).toEqual({ kind: 'DUPLICATE' });
    expect(repostOf(stored, { ...incoming, answeredAt: null })).toEqual({ kind: 'DUPLICATE' });
  });

  test('an answer before the recorded arrival is refused', () => {
    expect(repostOf(stored, { ...incoming, answeredAt: plus(-1) })).toMatchObject({ kind: 'INVALID', field: 'answeredAt' });
  });
});
