import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, type AuthProvider, RecordContextProvider } from 'react-admin';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createDataProvider } from '../dataProvider/index.js';
import { i18nProvider } from '../i18n/index.js';
import { CaseSupervision } from './CaseSupervision.js';
import { Dashboard } from './Dashboard.js';
import { CASE_ORDER_IDS, ISSUE, MY_SUMMARY, ORDERS_BY_ID, STATISTICS, SUBTREE_TENANTS } from './documents.js';
import { AckLevels, AcknowledgeButton, type IncidentRecord } from './incidents/AckLevels.js';

afterEach(cleanup);

type Graphql = (document: string, variables?: Record<string, unknown>) => Promise<any>;

/** A data provider whose `graphql` is the mock; react-admin around the component, signed in as `viewer`. */
function renderWith(ui: React.ReactElement, graphql: Graphql, viewer: { roles: string[]; tenant: { id: string; name: string } }) {
  const dp = { ...createDataProvider({ getToken: () => 't' }), graphql: vi.fn(graphql) };
  const authProvider: AuthProvider = {
    login: async () => undefined,
    logout: async () => undefined,
    checkAuth: async () => undefined,
    checkError: async () => undefined,
    getPermissions: async () => viewer.roles,
    getIdentity: async () => ({ id: 'U1', fullName: 'x', username: 'x', ...viewer }),
  };
  render(
    <AdminContext dataProvider={dp as never} authProvider={authProvider} i18nProvider={i18nProvider}>
      {ui}
    </AdminContext>,
  );
  return dp.graphql;
}

const zeroStats = (over: Record<string, unknown> = {}) => ({
  overdue: 0,
  extended: 0,
  subtree: true,
  period: { kind: 'MONTH', from: '2026-11-01', to: '2026-11-30', days: 30 },
  received: { total: 0, byChannel: [{ key: 'HOTLINE', label: null, count: 0 }], byCategory: [], byKind: [] },
  resolved: { total: 0, averageWorkingDays: null, p90WorkingDays: null, onTimeCommitted: { count: 0, rate: null }, onTimeStatutory: { count: 0, rate: null } },
  transfers: { in: 0, out: 0, accepted: 0, rejected: 0, acceptanceRate: null },
  supervision: { issued: 0, responded: 0, respondedOnTime: 0, escalated: 0 },
  ratings: { total: 0, satisfactionRate: null, distribution: [{ key: 'VERY_SATISFIED', label: '非常满意', count: 0 }] },
  followUps: { answered: 0, answeredOnTime: 0 },
  ...over,
});

describe('Dashboard', () => {
  test('supervisors see the subtree’s charts for this month, with a zero previous period drawn without NaN', async () => {
    const calls: [string, Record<string, unknown> | undefined][] = [];
    renderWith(
      <Dashboard />,
      async (doc, vars) => {
        calls.push([doc, vars]);
        if (doc === SUBTREE_TENANTS) return { tenants: { edges: [{ node: { id: 'T1', name: '渝北区司法局', depth: 1 } }, { node: { id: 'T0', name: '市局', depth: 0 } }] } };
        if (doc === STATISTICS) {
          return {
            statistics: {
              ...zeroStats({
                received: { total: 7, byChannel: [{ key: 'HOTLINE', label: null, count: 5 }, { key: 'ONSITE', label: null, count: 2 }], byCategory: [], byKind: [] },
                resolved: { total: 4, averageWorkingDays: 3.5, p90WorkingDays: 6, onTimeCommitted: { count: 3, rate: 0.75 }, onTimeStatutory: { count: 4, rate: 1 } },
              }),
              tenant: { id: 'T1', name: '渝北区司法局' },
              byTenant: [{ tenant: { id: 'T2', name: '龙溪司法所' }, includesSubtree: true, received: 3, resolved: 1, overdue: 1, onTimeCommittedRate: null, satisfactionRate: null }],
              previous: zeroStats(),
            },
          };
        }
        throw new Error(`unexpected ${doc.slice(0, 40)}`);
      },
      { roles: ['SUPERVISOR'], tenant: { id: 'T1', name: '渝北区司法局' } },
    );
    await screen.findByTestId('bars-channel', {}, { timeout: 5000 });
    const stats = calls.find(([d]) => d === STATISTICS)!;
    expect((stats[1]!.period as { kind: string }).kind).toBe('MONTH');
    expect(stats[1]!.tenantId).toBeUndefined(); // the viewer's own tenant by default
    const bars = screen.getByTestId('bars-channel');
    expect(bars.querySelector('[data-key="HOTLINE"]')?.getAttribute('data-value')).toBe('5');
    expect(bars.innerHTML).not.toContain('NaN');
    expect(screen.getByTestId('rate-committed').textContent).toContain('75.0%');
    expect(screen.getByTestId('rate-committed').textContent).toContain('—'); // previous: nothing resolved
    expect(within(screen.getByTestId('by-tenant')).getByText('龙溪司法所')).toBeTruthy();
    // A child in the roll-up opens its own view.
    fireEvent.click(within(screen.getByTestId('by-tenant')).getByText('龙溪司法所'));
    await waitFor(() => expect(calls.filter(([d]) => d === STATISTICS).at(-1)![1]!.tenantId).toBe('T2'));
  });

  test('staff get a short personal summary instead (counts only)', async () => {
    const graphql = renderWith(
      <Dashboard />,
      async (doc) => {
        if (doc === MY_SUMMARY) return { open: { totalCount: 4 }, overdue: { totalCount: 1 }, tenantOverdue: { totalCount: 2 } };
        throw new Error('statistics are not asked for staff');
      },
      { roles: ['STAFF'], tenant: { id: 'T2', name: '龙溪司法所' } },
    );
    await waitFor(() => expect(screen.getByTestId('summary-open').textContent).toBe('4'), { timeout: 5000 });
    expect(screen.getByTestId('summary-overdue').textContent).toBe('1');
    expect(graphql.mock.calls.every(([doc]) => doc === MY_SUMMARY)).toBe(true);
  });
});

describe('CaseSupervision', () => {
  const caseNode = { __typename: 'Case', id: 'C1', version: 7, status: 'IN_PROGRESS', handlerTenant: { id: 'T2', name: '龙溪司法所' }, supervision: [{ orderId: 'O1' }] };
  const orderNode = {
    __typename: 'SupervisionOrder',
    id: 'O1',
    status: 'OPEN',
    reason: '请加快办理',
    respondBy: '2026-12-03T10:00:00Z',
    issuedAt: '2026-11-29T02:00:00Z',
    respondedAt: null,
    closedAt: null,
    response: null,
    reminders: 0,
    overdue: false,
    automatic: false,
    version: 1,
    issuer: { id: 'U9', displayName: '渝北督办' },
    issuerTenant: { id: 'T1', name: '渝北区司法局' },
    case: { id: 'C1', number: 'N1', subject: 's', confidential: false, status: 'IN_PROGRESS', handlerTenant: { id: 'T2', name: '龙溪司法所' } },
  };

  test('a supervisor above the handler sees the orders and issues one with the case’s version; field errors show beside the field', async () => {
    let issued = 0;
    const graphql = renderWith(
      <RecordContextProvider value={{ id: 'C1' }}>
        <CaseSupervision />
      </RecordContextProvider>,
      async (doc, vars) => {
        if (doc === CASE_ORDER_IDS) return { node: caseNode };
        if (doc === ORDERS_BY_ID) return { nodes: [orderNode] };
        if (doc === ISSUE) {
          issued++;
          const input = vars!.input as { reason: string };
          if (input.reason === 'x') {
            const { HttpError } = await import('react-admin');
            throw new HttpError('bad', 400, { code: 'BAD_USER_INPUT', errors: { reason: '太短了', root: { serverError: 'bad' } } });
          }
          return { issueSupervision: { order: orderNode } };
        }
        throw new Error('unexpected');
      },
      { roles: ['SUPERVISOR'], tenant: { id: 'T1', name: '渝北区司法局' } },
    );
    await screen.findByText('请加快办理');
    // The issuer's supervisor may remind an open order but not answer it.
    expect(screen.queryByRole('button', { name: '回复' })).toBeNull();
    await screen.findByRole('button', { name: '催办' });
    fireEvent.click(screen.getByRole('button', { name: '督办' }));
    const dialog = await screen.findByTestId('issue-dialog');
    fireEvent.change(within(dialog).getByLabelText(/督办事由/), { target: { value: 'x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认' }));
    await within(dialog).findByText('太短了');
    expect(graphql).toHaveBeenCalledWith(ISSUE, { input: { caseId: 'C1', version: 7, reason: 'x', respondWorkingDays: undefined } });
    expect(issued).toBe(1);
  });

  test('the handling tenant’s staff may answer, and are not offered to issue', async () => {
    renderWith(
      <RecordContextProvider value={{ id: 'C1' }}>
        <CaseSupervision />
      </RecordContextProvider>,
      async (doc) => (doc === CASE_ORDER_IDS ? { node: caseNode } : { nodes: [orderNode] }),
      { roles: ['STAFF'], tenant: { id: 'T2', name: '龙溪司法所' } },
    );
    await screen.findByRole('button', { name: '回复' });
    expect(screen.queryByRole('button', { name: '督办' })).toBeNull();
    expect(screen.queryByRole('button', { name: '催办' })).toBeNull();
  });
});

describe('incident acknowledgement by level', () => {
  const incident: IncidentRecord = {
    id: 'I1',
    version: 1,
    status: 'OPEN',
    tenant: { id: 'T2', name: '龙溪司法所' },
    levels: [
      { depth: 2, ackDueAt: '2026-11-29T03:00:00Z', acknowledgedAt: null, acknowledgedBy: null, overdue: false, escalatedAt: null, tenant: { id: 'T0', name: '市局' } },
      { depth: 1, ackDueAt: '2026-11-29T02:30:00Z', acknowledgedAt: '2026-11-29T02:10:00Z', acknowledgedBy: { id: 'U1', displayName: '渝北督办' }, overdue: false, escalatedAt: null, tenant: { id: 'T1', name: '渝北区司法局' } },
    ],
  };

  test('shows who acknowledged at each level, nearest first, and the button only to a level still pending', async () => {
    renderWith(
      <RecordContextProvider value={incident}>
        <AckLevels />
        <AcknowledgeButton incident={incident} />
      </RecordContextProvider>,
      async () => ({}),
      { roles: ['SUPERVISOR'], tenant: { id: 'T1', name: '渝北区司法局' } },
    );
    const levels = await screen.findByTestId('ack-levels');
    const rows = [...levels.querySelectorAll('[data-level]')];
    expect(rows.map((r) => [r.getAttribute('data-level'), r.getAttribute('data-state')])).toEqual([
      ['1', 'acknowledged'],
      ['2', 'pending'],
    ]);
    expect(rows[0]!.textContent).toContain('渝北督办');
    expect(screen.queryByTestId('acknowledge')).toBeNull();
  });

  test('the pending level’s supervisor gets the button, and it acknowledges by id', async () => {
    const graphql = renderWith(<AcknowledgeButton incident={incident} />, async () => ({ acknowledgeIncident: { incident } }), {
      roles: ['SUPERVISOR'],
      tenant: { id: 'T0', name: '市局' },
    });
    fireEvent.click(await screen.findByTestId('acknowledge'));
    await waitFor(() => expect(graphql).toHaveBeenCalledWith(expect.stringContaining('acknowledgeIncident'), { input: { id: 'I1' } }));
  });
});
