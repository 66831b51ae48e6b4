import { describe, expect, test } from 'vitest';
import type { UserRole } from '../../../schema/db/tenancy.js';
import { eventsViewerMayRecord } from './access.js';
import { allowedEvents } from './states.js';

const viewer = (tenantId: string, ...roles: UserRole[]) => ({ userId: `u-${tenantId}-${roles.join('-')}`, tenantId, username: 'x', roles });
const handledBy = (handlerTenantId: string, toTenantId?: string) => ({ handlerTenantId, transfer: toTenantId ? { toTenantId } : null });

describe('the events a viewer may record on the case page', () => {
  test('in progress: the handler’s caseworkers handle it; only its SUPERVISORs and ADMINs extend; others nothing', () => {
    const allowed = allowedEvents('IN_PROGRESS');
    const staff = eventsViewerMayRecord(viewer('T1', 'STAFF'), handledBy('T1'), allowed);
    expect(staff).toEqual(expect.arrayContaining(['RESOLVED', 'REPLIED', 'TRANSFER_REQUESTED', 'MATERIALS_REQUESTED']));
    expect(staff).not.toContain('EXTENDED');
    expect(eventsViewerMayRecord(viewer('T1', 'SUPERVISOR'), handledBy('T1'), allowed)).toContain('EXTENDED');
    expect(eventsViewerMayRecord(viewer('T1', 'ADMIN'), handledBy('T1'), allowed)).toEqual(['EXTENDED']);
    expect(eventsViewerMayRecord(viewer('T2', 'STAFF', 'SUPERVISOR', 'ADMIN'), handledBy('T1'), allowed)).toEqual([]);
    // Never beyond what the state allows.
    for (const e of eventsViewerMayRecord(viewer('T1', 'STAFF', 'SUPERVISOR', 'ADMIN'), handledBy('T1'), allowed)) expect(allowed).toContain(e);
  });

  test('a transfer pending: the receiver’s caseworkers decide, the sender may withdraw, an ADMIN alone decides nothing', () => {
    const allowed = allowedEvents('TRANSFER_PENDING');
    expect(eventsViewerMayRecord(viewer('T2', 'STAFF'), handledBy('T1', 'T2'), allowed).sort()).toEqual(['TRANSFER_ACCEPTED', 'TRANSFER_REJECTED']);
    expect(eventsViewerMayRecord(viewer('T2', 'ADMIN'), handledBy('T1', 'T2'), allowed)).toEqual([]);
    const sender = eventsViewerMayRecord(viewer('T1', 'STAFF'), handledBy('T1', 'T2'), allowed);
    expect(sender).toContain('TRANSFER_WITHDRAWN');
    expect(sender).not.toContain('TRANSFER_ACCEPTED');
  });

  test('a rating is appealed by the handling tenant, its ADMINs included', () => {
    const allowed = allowedEvents('RESOLVED');
    expect(allowed).toContain('RATING_APPEALED');
    expect(eventsViewerMayRecord(viewer('T1', 'ADMIN'), handledBy('T1'), allowed)).toContain('RATING_APPEALED');
    expect(eventsViewerMayRecord(viewer('T2', 'ADMIN'), handledBy('T1'), allowed)).not.toContain('RATING_APPEALED');
  });
});
