import { describe, expect, test } from 'vitest';
import { type ActionCase, allowedEventsOf, offeredActions, type TransitionRow } from './actions.js';

// A cut of the server's table (caseTransitions), in its order; the tests read it as the page does.
const TRANSITIONS: TransitionRow[] = [
  { event: 'OPENED', from: [], to: 'OPEN', basis: 'Art. 6, 18' },
  { event: 'ASSIGNED', from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS'], to: null, basis: 'Art. 10, 12' },
  { event: 'STARTED', from: ['OPEN'], to: 'IN_PROGRESS', basis: 'Art. 7, 8' },
  { event: 'MATERIALS_REQUESTED', from: ['OPEN', 'IN_PROGRESS'], to: 'AWAITING_MATERIALS', basis: 'Art. 14' },
  { event: 'MATERIALS_RECEIVED', from: ['AWAITING_MATERIALS'], to: 'IN_PROGRESS', basis: 'Art. 14, 15' },
  { event: 'EXTENDED', from: ['OPEN', 'IN_PROGRESS'], to: null, basis: 'Art. 15' },
  { event: 'NOTE_ADDED', from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING', 'RESOLVED', 'CLOSED', 'REJECTED'], to: null, basis: 'Art. 13, 18' },
  { event: 'REPLIED', from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING', 'RESOLVED', 'CLOSED', 'REJECTED'], to: null, basis: 'Art. 6, 21' },
  { event: 'TRANSFER_REQUESTED', from: ['IN_PROGRESS'], to: 'TRANSFER_PENDING', basis: 'Art. 10, 12, 13' },
  { event: 'TRANSFER_ACCEPTED', from: ['TRANSFER_PENDING'], to: 'IN_PROGRESS', basis: 'Art. 10, 12' },
  { event: 'TRANSFER_REJECTED', from: ['TRANSFER_PENDING'], to: 'IN_PROGRESS', basis: 'Art. 12, 13' },
  { event: 'TRANSFER_WITHDRAWN', from: ['TRANSFER_PENDING'], to: 'IN_PROGRESS', basis: 'Art. 13' },
  { event: 'RESOLVED', from: ['IN_PROGRESS'], to: 'RESOLVED', basis: 'Art. 9, 11, 22' },
  { event: 'REOPENED', from: ['RESOLVED'], to: 'IN_PROGRESS', basis: 'Art. 22' },
  { event: 'RATING_APPEALED', from: ['RESOLVED', 'CLOSED', 'REJECTED'], to: null, basis: 'Art. 12, 16' },
  { event: 'CLOSED', from: ['RESOLVED'], to: 'CLOSED', basis: 'Art. 22' },
  { event: 'REJECTED', from: ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS'], to: 'REJECTED', basis: 'Art. 10, 14' },
];
const allowedIn = (status: string) => TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.event);

const HERE = { id: 'T-yubei' };
const staff = { roles: ['STAFF'], tenant: HERE };
const supervisor = { roles: ['SUPERVISOR'], tenant: HERE };
const receiverStaff = { roles: ['STAFF'], tenant: { id: 'T-longxi' } };
const kase = (status: string, extra: Partial<ActionCase> = {}): ActionCase => ({ status, allowedEvents: allowedIn(status), handlerTenant: HERE, ...extra });

describe('offered actions', () => {
  test('an open case: start, assign/reassign, one-time notice, note, reply, reject — in the table’s order', () => {
    expect(offeredActions(kase('OPEN'), staff, TRANSITIONS)).toEqual(['assign', 'reassign', 'start', 'requestMaterials', 'note', 'reply', 'reject']);
  });

  test('in progress: transfer and resolve appear, start does not', () => {
    const offered = offeredActions(kase('IN_PROGRESS'), staff, TRANSITIONS);
    expect(offered).toEqual(expect.arrayContaining(['transfer', 'resolve', 'requestMaterials']));
    expect(offered).not.toContain('start');
    expect(offered).not.toContain('receiveMaterials');
  });

  test('the case’s allowedEvents decide, not the status: an event the server leaves out is not offered', () => {
    const offered = offeredActions(kase('IN_PROGRESS', { allowedEvents: ['REPLIED'] }), staff, TRANSITIONS);
    expect(offered).toEqual(['reply']);
  });

  test('without allowedEvents the transition table is read for the state', () => {
    expect(allowedEventsOf({ status: 'AWAITING_MATERIALS' }, TRANSITIONS)).toEqual(allowedIn('AWAITING_MATERIALS'));
    expect(offeredActions({ status: 'AWAITING_MATERIALS', handlerTenant: HERE }, staff, TRANSITIONS)).toContain('receiveMaterials');
  });

  test('extensions are for a supervisor of the handler tenant (Art. 15), not staff', () => {
    expect(offeredActions(kase('IN_PROGRESS'), staff, TRANSITIONS)).not.toContain('extend');
    expect(offeredActions(kase('IN_PROGRESS'), supervisor, TRANSITIONS)).toContain('extend');
  });

  test('a pending transfer: the receiver accepts or rejects, the sender may withdraw', () => {
    const pending = kase('TRANSFER_PENDING', { transfer: { toTenant: { id: 'T-longxi' } } });
    expect(offeredActions(pending, receiverStaff, TRANSITIONS)).toEqual(['acceptTransfer', 'rejectTransfer']);
    expect(offeredActions(pending, staff, TRANSITIONS)).toEqual(['note', 'reply', 'withdrawTransfer']);
  });

  test('another tenant’s case offers nothing to handle', () => {
    expect(offeredActions(kase('IN_PROGRESS', { handlerTenant: { id: 'T-other' } }), staff, TRANSITIONS)).toEqual([]);
    // An admin handles no cases, but approves extensions of its tenant's (Art. 15).
    expect(offeredActions(kase('IN_PROGRESS'), { roles: ['ADMIN'], tenant: HERE }, TRANSITIONS)).toEqual(['extend']);
  });

  test('feedback only when someone else waits for it; a rating appeal only once there is a rating', () => {
    expect(offeredActions(kase('IN_PROGRESS', { firstResponderTenantName: 'A', handlerTenantName: 'A' }), staff, TRANSITIONS)).not.toContain('feedback');
    expect(offeredActions(kase('IN_PROGRESS', { firstResponderTenantName: 'Hotline', handlerTenantName: 'A' }), staff, TRANSITIONS)).toContain('feedback');
    expect(offeredActions(kase('RESOLVED'), staff, TRANSITIONS)).not.toContain('appealRating');
    expect(offeredActions(kase('RESOLVED', { rating: { appeal: null } }), staff, TRANSITIONS)).toContain('appealRating');
    expect(offeredActions(kase('RESOLVED', { rating: { appeal: { status: 'PENDING' } } }), staff, TRANSITIONS)).not.toContain('appealRating');
  });

  test('a closed case can still take a note and a reply (the table says so), nothing else', () => {
    expect(offeredActions(kase('CLOSED'), staff, TRANSITIONS)).toEqual(['note', 'reply']);
  });
});
