import { Box, Chip, Stack, Typography } from '@mui/material';
import { useGetMany, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../shared/DateTimeField.js';
import { materialName } from './MaterialsPanel.js';
import { useChecklist } from './useCaseData.js';

interface LedgerEvent {
  seq: number;
  type: string;
  at: string;
  recordedAt: string;
  hash: string;
  payload: Record<string, unknown> | null;
  actor: { id: string; displayName: string } | null;
  actorTenant: { id: string; name: string } | null;
}

/** Ledger payloads name tenants and users by their database ids; the API by Relay global ids. */
export const globalId = (typename: string, uuid: string) =>
  btoa(`${typename}:${uuid}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

export interface DescribeContext {
  translate(key: string, options?: Record<string, unknown>): string;
  when(iso: string): string;
  tenantName(uuid: string): string | null;
  userName(uuid: string): string | null;
  materialName(key: string): string | null;
}

/**
 * What an event says, line by line: reasons, materials asked, the tenant a case went to, the
 * outcome and legal basis... (personal data is already masked by the server; codes are named).
 */
export function describeEvent(type: string, payload: Record<string, unknown> | null, c: DescribeContext): string[] {
  if (!payload) return [];
  const p = payload;
  const t = (key: string, options?: Record<string, unknown>) => c.translate(`tianping.cases.timeline_payload.${key}`, options);
  const lines: (string | null)[] = [];
  const tenant = (v: unknown) => (str(v) ? (c.tenantName(v as string) ?? t('other_tenant')) : null);
  const user = (v: unknown) => (str(v) ? c.userName(v as string) : null);
  const date = (v: unknown) => (str(v) ? c.when(v as string) : null);
  const en = (name: string, v: unknown) => (str(v) ? c.translate(`enums.${name}.${v}`, { _: String(v) }) : null);
  switch (type) {
    case 'ASSIGNED': {
      const to = tenant(p.handlerTenantId);
      if (to) lines.push(t('assigned_to', { name: to }));
      const who = user(p.assigneeUserId);
      if (who) lines.push(t('assignee', { name: who }));
      if (date(p.reportBy)) lines.push(t('report_by', { date: date(p.reportBy) }));
      lines.push(str(p.note));
      break;
    }
    case 'STARTED':
      lines.push([en('Strategy', p.strategy), en('HandlingMode', p.handlingMode), date(p.appointmentAt)].filter(Boolean).join(' · ') || null);
      break;
    case 'MATERIALS_REQUESTED': {
      const items = Array.isArray(p.items) ? (p.items as { key: string; note: string }[]) : [];
      if (items.length) {
        lines.push(t('items', { items: items.map((i) => `${c.materialName(i.key) ?? c.translate('tianping.cases.other_material')}（${i.note}）`).join('；') }));
      }
      if (p.flagged === true) lines.push(t('flagged'));
      lines.push(str(p.reason));
      break;
    }
    case 'MATERIALS_RECEIVED':
      lines.push(str(p.note));
      if (typeof p.pausedWorkingDays === 'number' && p.pausedWorkingDays > 0) lines.push(t('paused_days', { days: p.pausedWorkingDays }));
      break;
    case 'EXTENDED': {
      const by = (p.by ?? {}) as { amount?: number; unit?: string };
      lines.push(t('clock', { clock: en('ClockKind', p.clock) ?? '', amount: by.amount ?? '', unit: en('LimitUnit', by.unit) ?? '' }));
      if (date(p.dueAt)) lines.push(t('due', { date: date(p.dueAt) }));
      lines.push(str(p.reason));
      break;
    }
    case 'NOTE_ADDED':
      if (p.feedback === true) lines.push(t('feedback'));
      lines.push(str(p.text));
      break;
    case 'REPLIED':
      lines.push(str(p.text));
      break;
    case 'TRANSFER_REQUESTED': {
      const to = tenant(p.toTenantId);
      if (to) lines.push(t('to_tenant', { name: to }));
      if (date(p.decideBy)) lines.push(t('decide_by', { date: date(p.decideBy) }));
      lines.push(str(p.reason));
      break;
    }
    case 'TRANSFER_ACCEPTED': {
      const who = user(p.assigneeUserId);
      if (who) lines.push(t('assignee', { name: who }));
      break;
    }
    case 'RESOLVED':
      if (en('Outcome', p.outcome)) lines.push(t('outcome', { outcome: en('Outcome', p.outcome) }));
      lines.push(str(p.summary));
      if (str(p.legalBasis)) lines.push(t('legal_basis', { text: p.legalBasis }));
      if (str(p.riskNotice)) lines.push(t('risk', { text: p.riskNotice }));
      if (str(p.referredTo)) lines.push(t('referred_to', { text: p.referredTo }));
      break;
    case 'REJECTED':
      if (Array.isArray(p.reasons)) lines.push(t('reasons', { text: (p.reasons as string[]).join('；') }));
      break;
    case 'RATED':
      lines.push(t('rating', { level: String(p.score ?? '') }));
      lines.push(str(p.comment));
      break;
    case 'RATING_APPEAL_DECIDED':
      lines.push(t('appeal_decision', { decision: String(p.decision ?? '') }));
      lines.push(str(p.note));
      break;
    case 'FLAGGED':
      lines.push(en('CaseFlag', p.flag));
      lines.push(str(p.note));
      break;
    case 'SUPERVISION_ISSUED':
    case 'SUPERVISION_ESCALATED':
      lines.push(tenant(p.byTenantId));
      lines.push(str(p.reason));
      break;
    default:
      // Reopened, transfer rejected/withdrawn, rating appealed, supervision steps, recomputed clocks.
      for (const key of ['reason', 'response', 'note']) lines.push(str(p[key]));
  }
  return lines.filter((l): l is string => !!l);
}

/** The ids of tenants and users the ledger's payloads name. */
function referencedIds(ledger: LedgerEvent[]) {
  const tenants = new Set<string>();
  const users = new Set<string>();
  for (const e of ledger) {
    const p = e.payload ?? {};
    for (const k of ['handlerTenantId', 'toTenantId', 'byTenantId']) if (str(p[k])) tenants.add(p[k] as string);
    if (str(p.assigneeUserId)) users.add(p.assigneeUserId as string);
  }
  return { tenants: [...tenants].map((id) => globalId('Tenant', id)), users: [...users].map((id) => globalId('User', id)) };
}

/** The work ledger (Art. 18): every event of the case, oldest first, as the server hash-chained it. */
export const LedgerTimeline = () => {
  const record = useRecordContext<{ id: string; ledger: LedgerEvent[] }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ledger = record?.ledger ?? [];
  const ids = referencedIds(ledger);
  // Names the viewer may see; others show as "another tenant" (the server answers null for them).
  const { data: tenants } = useGetMany('tenants', { ids: ids.tenants }, { enabled: ids.tenants.length > 0 });
  const { data: users } = useGetMany('users', { ids: ids.users }, { enabled: ids.users.length > 0 });
  const asked = ledger.some((e) => e.type === 'MATERIALS_REQUESTED');
  const checklist = useChecklist(asked ? record?.id : undefined);
  if (!record) return null;
  if (!ledger.length) return <Typography variant="body2">{translate('tianping.cases.empty_ledger')}</Typography>;
  const context: DescribeContext = {
    translate,
    when: (iso) => formatDateTime(iso, locale),
    tenantName: (uuid) => tenants?.find((x) => x.id === globalId('Tenant', uuid))?.name ?? null,
    userName: (uuid) => users?.find((x) => x.id === globalId('User', uuid))?.displayName ?? null,
    materialName: (key) => materialName(key, checklist),
  };
  return (
    <Stack component="ol" spacing={0} sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="ledger-timeline">
      {ledger.map((e, i) => (
        <Box component="li" key={e.seq} sx={{ display: 'flex', gap: 2 }} data-event={e.type}>
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }}>
            <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: 'primary.main' }} />
            {i < ledger.length - 1 && <Box sx={{ flex: 1, width: 2, bgcolor: 'divider', my: 0.5 }} />}
          </Box>
          <Box sx={{ pb: 2, minWidth: 0 }}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="subtitle2">{translate(`enums.CaseEventType.${e.type}`, { _: e.type })}</Typography>
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(e.at, locale)}
              </Typography>
              <Chip size="small" variant="outlined" label={`${translate('tianping.cases.seq')} ${e.seq}`} />
            </Stack>
            <Typography variant="body2" color="text.secondary">
              {/* A person of a tenant the viewer may not see comes without a name: show the tenant only. */}
              {[e.actor?.displayName, e.actorTenant?.name].filter(Boolean).join(' · ') || translate('tianping.cases.actor_system')}
            </Typography>
            {describeEvent(e.type, e.payload, context).map((line, n) => (
              <Typography key={n} variant="body2" sx={{ whiteSpace: 'pre-line', wordBreak: 'break-word' }}>
                {line.length > 500 ? `${line.slice(0, 500)}…` : line}
              </Typography>
            ))}
            <Typography variant="caption" color="text.disabled" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} title={e.hash}>
              {translate('tianping.cases.hash')} {e.hash.slice(0, 16)}…
            </Typography>
          </Box>
        </Box>
      ))}
    </Stack>
  );
};
