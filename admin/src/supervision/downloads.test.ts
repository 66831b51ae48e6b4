import { afterEach, describe, expect, test, vi } from 'vitest';
import { sessionStore } from '../auth/session.js';
import { downloadReport, fileNameOf } from './Downloads.js';

afterEach(() => {
  sessionStore.clear();
  vi.restoreAllMocks();
});

describe('report downloads', () => {
  test('the server’s file name: the UTF-8 one first, then the ASCII one, then ours', () => {
    const zh = '统计报表-渝北-2026-11-01至2026-11-30.xlsx';
    expect(fileNameOf(`attachment; filename="statistics-yubei.xlsx"; filename*=UTF-8''${encodeURIComponent(zh)}`, 'x')).toBe(zh);
    expect(fileNameOf('attachment; filename="statistics-yubei.xlsx"', 'x')).toBe('statistics-yubei.xlsx');
    expect(fileNameOf(null, 'fallback.csv')).toBe('fallback.csv');
  });

  test('the bearer token goes with the request (a plain link would not send it), empty parameters stay out', async () => {
    sessionStore.write({ token: 'tok', expiresAt: Date.now() + 3_600_000, viewer: { id: 'u', username: 'u', displayName: 'u', roles: ['SUPERVISOR'], tenant: { id: 't', name: 't', slug: 't', kind: 'X' } } });
    const fetchMock = vi.fn(async () => new Response('a,b\n', { status: 200, headers: { 'content-disposition': 'attachment; filename="s.csv"' } }));
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    await downloadReport('/reports/statistics.csv', { kind: 'MONTH', date: '2026-11-01', tenantId: '', subtree: '1' }, 'f.csv', fetchMock as unknown as typeof fetch);
    expect(fetchMock).toHaveBeenCalledWith('/reports/statistics.csv?kind=MONTH&date=2026-11-01&subtree=1', { headers: { authorization: 'Bearer tok' } });
    expect(created).toHaveBeenCalledTimes(1);
  });

  test('a refusal shows the server’s message', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'reports over a subtree are for ADMINs and SUPERVISORs' } }), { status: 403 }));
    await expect(downloadReport('/reports/ledger.xlsx', {}, 'f', fetchMock as unknown as typeof fetch)).rejects.toThrow('reports over a subtree');
  });
});
