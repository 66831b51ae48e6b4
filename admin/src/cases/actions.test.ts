import { describe, expect, test } from 'vitest';
import { type ActionCase, offeredActions, type TransitionRow } from './actions.js';

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
/** A case as the server sends it to a handler's caseworker: `viewerEvents` = what the state allows them. */
const kase = (status: string, extra: Partial<ActionCase> = {}): ActionCase => ({ status, viewerEvents: allowedIn(status).filter((e) => e !== 'EXTENDED'), ...extra });

describe('offered actions', () => {
  test('an open case: start, assign/reassign, one-time notice, note, reply, reject — in the table’s order', () => {
    expect(offeredActions(kase('OPEN'), TRANSITIONS)).toEqual(['assign', 'reassign', 'start', 'requestMaterials', 'note', 'reply', 'reject']);
  });

  test('in progress: transfer and resolve appear, start does not', () => {
    const offered = offeredActions(kase('IN_PROGRESS'), TRANSITIONS);
    expect(offered).toEqual(expect.arrayContaining(['transfer', 'resolve', 'requestMaterials']));
    expect(offered).not.toContain('start');
    expect(offered).not.toContain('receiveMaterials');
  });

  test('the server’s viewerEvents decide, not the status or the roles: what it leaves out is not offered', () => {
    expect(offeredActions(kase('IN_PROGRESS', { viewerEvents: ['REPLIED'] }), TRANSITIONS)).toEqual(['reply']);
    expect(offeredActions(kase('IN_PROGRESS', { viewerEvents: ['EXTENDED'] }), TRANSITIONS)).toEqual(['extend']);
    expect(offeredActions(kase('IN_PROGRESS', { viewerEvents: [] }), TRANSITIONS)).toEqual([]);
    expect(offeredActions({ status: 'IN_PROGRESS' }, TRANSITIONS)).toEqual([]);
  });

  test('a pending transfer: accept and reject for the receiver, withdraw for the sender, as the server lists them', () => {
    expect(offeredActions(kase('TRANSFER_PENDING', { viewerEvents: ['TRANSFER_REJECTED', 'TRANSFER_ACCEPTED'] }), TRANSITIONS)).toEqual(['acceptTransfer', 'rejectTransfer']);
    expect(offeredActions(kase('TRANSFER_PENDING', { viewerEvents: ['NOTE_ADDED', 'REPLIED', 'TRANSFER_WITHDRAWN'] }), TRANSITIONS)).toEqual(['note', 'reply', 'withdrawTransfer']);
  });

  test('feedback only when someone else waits for it; a rating appeal only once there is a rating', () => {
    expect(offeredActions(kase('IN_PROGRESS', { firstResponderTenantName: 'A', handlerTenantName: 'A' }), TRANSITIONS)).not.toContain('feedback');
    expect(offeredActions(kase('IN_PROGRESS', { firstResponderTenantName: 'Hotline', handlerTenantName: 'A' }), TRANSITIONS)).toContain('feedback');
    expect(offeredActions(kase('RESOLVED'), TRANSITIONS)).not.toContain('appealRating');
    expect(offeredActions(kase('RESOLVED', { rating: { appeal: null } }), TRANSITIONS)).toContain('appealRating');
    expect(offeredActions(kase('RESOLVED', { rating: { appeal: { status: 'PENDING' } } }), TRANSITIONS)).not.toContain('appealRating');
  });

  test('a closed case can still take a note and a reply (the table says so), nothing else', () => {
    expect(offeredActions(kase('CLOSED'), TRANSITIONS)).toEqual(['note', 'reply']);
  });
});
