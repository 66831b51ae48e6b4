import DownloadIcon from '@mui/icons-material/Download';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { currentToken } from '../auth/authProvider.js';

/** The file name the server chose (RFC 5987 `filename*` first, then the ASCII one). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      /* fall through to the plain name */
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Reports are plain GET routes that want the bearer token (server/pages/reports.ts); a link
 * would not send it, so the file is fetched and saved from a blob.
 */
export async function downloadReport(path: string, params: Record<string, string>, fallback: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  const token = currentToken();
  const response = await fetchImpl(`${path}?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      /* not JSON */
    }
    throw new Error(message);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response.headers.get('content-disposition'), fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ReportScope {
  tenantId?: string;
  /** The statistics period as query parameters (periodParams). */
  period: Record<string, string>;
  /** The resolved period's days, for the ledger report. */
  from: string;
  to: string;
}

/** Statistics (XLSX, CSV) and the work ledger (工作台账, XLSX) of the shown subtree and period. */
export const Downloads = ({ scope }: { scope: ReportScope }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const tenant: Record<string, string> = scope.tenantId ? { tenantId: scope.tenantId } : {};
  const files: { id: string; label: string; params: Record<string, string> }[] = [
    { id: 'statistics.xlsx', label: 'tianping.supervision.dashboard.download_statistics_xlsx', params: { ...scope.period, ...tenant, subtree: '1' } },
    { id: 'statistics.csv', label: 'tianping.supervision.dashboard.download_statistics_csv', params: { ...scope.period, ...tenant, subtree: '1' } },
    { id: 'ledger.xlsx', label: 'tianping.supervision.dashboard.download_ledger', params: { ...tenant, from: scope.from, to: scope.to, subtree: '1' } },
  ];
  const run = async (f: (typeof files)[number]) => {
    setBusy(f.id);
    try {
      await downloadReport(`/reports/${f.id}`, f.params, f.id);
    } catch (err) {
      notify(translate('tianping.supervision.dashboard.download_failed', { message: (err as Error).message }), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {files.map((f) => (
        <Button key={f.id} size="small" variant="outlined" startIcon={<DownloadIcon />} disabled={busy !== null} onClick={() => void run(f)} data-testid={`download-${f.id}`}>
          {translate(f.label)}
        </Button>
      ))}
    </Stack>
  );
};
