import { Alert, Box, Divider, Stack, Typography } from '@mui/material';
import { Labeled, Show, TabbedShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../shared/DateTimeField.js';
import { EnumField } from '../shared/EnumField.js';
import { CaseSupervision } from '../supervision/CaseSupervision.js';
import { CaseActions } from './CaseActions.js';
import { priorityColors, statusColors } from './choices.js';
import { ClocksPanel } from './ClocksPanel.js';
import { LedgerTimeline } from './LedgerTimeline.js';
import { MaterialsPanel } from './MaterialsPanel.js';
import { RequesterPanel } from './RequesterPanel.js';

const Title = () => {
  const record = useRecordContext<{ number: string }>();
  return <span>{record?.number ?? ''}</span>;
};

const Confidential = () => {
  const record = useRecordContext<{ confidential: boolean }>();
  const translate = useTranslate();
  return record?.confidential ? <Alert severity="info">{translate('tianping.cases.confidential')}</Alert> : null;
};

/** Number, state and the actions the state machine offers, above every tab. */
const Header = () => {
  const record = useRecordContext<{ subject: string; confidential: boolean }>();
  if (!record) return null;
  return (
    <Stack spacing={1.5} sx={{ p: 2 }} data-testid="case-header">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField source="number" variant="h6" />
        <EnumField source="status" enumName="CaseStatus" chip colors={statusColors} />
        <EnumField source="priority.level" enumName="PriorityLevel" chip colors={priorityColors} />
        <EnumField source="flags" enumName="CaseFlag" chip colors={{}} />
        <Typography variant="subtitle1">{record.confidential ? '—' : record.subject}</Typography>
      </Stack>
      <CaseActions />
    </Stack>
  );
};

const Resolution = () => {
  const record = useRecordContext<{ resolution: unknown; rejectionReasons: string[] | null; rating: { label: string; comment: string | null; appeal: { status: string } | null } | null }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      {record.resolution ? (
        <Stack spacing={1} data-testid="resolution">
          <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Labeled>
              <EnumField source="resolution.outcome" enumName="Outcome" />
            </Labeled>
            <Labeled>
              <EnumField source="resolution.strategy" enumName="Strategy" />
            </Labeled>
            <Labeled>
              <EnumField source="resolution.category" enumName="ConsultationCategory" emptyText="—" />
            </Labeled>
            <Labeled>
              <DateTimeField source="resolution.resolvedAt" />
            </Labeled>
          </Stack>
          <TextField source="resolution.summary" sx={{ whiteSpace: 'pre-line' }} />
          <Labeled>
            <TextField source="resolution.legalBasis" emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
          </Labeled>
          <Labeled>
            <TextField source="resolution.riskNotice" emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
          </Labeled>
          <Labeled>
            <TextField source="resolution.referredTo" emptyText="—" />
          </Labeled>
        </Stack>
      ) : null}
      {record.rejectionReasons?.length ? (
        <Alert severity="warning">
          {translate('tianping.cases.rejection_reasons')}: {record.rejectionReasons.join('；')}
        </Alert>
      ) : null}
      {record.rating && (
        <Typography variant="body2">
          {translate('tianping.cases.rating')}: {record.rating.label}
          {record.rating.comment ? ` · ${record.rating.comment}` : ''}
          {record.rating.appeal ? ` · ${translate('tianping.cases.appeal', { status: record.rating.appeal.status })}` : ''}
        </Typography>
      )}
    </>
  );
};

/**
 * The case page: its state and the actions the state machine allows (CaseActions), both clocks,
 * the requester masked with a logged reveal, the materials checklist and one-time notices, the
 * resolution, and the ledger timeline.
 */
export const CaseShow = () => (
  <Show title={<Title />} actions={false}>
    <Header />
    <Divider />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="tianping.cases.details">
        <Confidential />
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <EnumField source="kind" enumName="CaseKind" />
          </Labeled>
          <Labeled>
            <EnumField source="channel" enumName="Channel" />
          </Labeled>
          <Labeled>
            <TextField source="serviceItem.name" emptyText="—" />
          </Labeled>
          <Labeled>
            <DateTimeField source="receivedAt" />
          </Labeled>
          <Labeled>
            <DateTimeField source="closedAt" emptyText="—" />
          </Labeled>
        </Box>
        <Labeled label="tianping.cases.state">
          <ClocksPanel />
        </Labeled>
        <TextField source="description" emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
        <RequesterPanel />
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <TextField source="handlerTenantName" emptyText="—" />
          </Labeled>
          <Labeled>
            <TextField source="assignee.displayName" emptyText="—" />
          </Labeled>
          <Labeled>
            <TextField source="firstResponderTenantName" emptyText="—" />
          </Labeled>
          <Labeled>
            <TextField source="firstResponder.displayName" emptyText="—" />
          </Labeled>
          <Labeled>
            <EnumField source="handlingMode" enumName="HandlingMode" emptyText="—" />
          </Labeled>
          <Labeled>
            <DateTimeField source="appointmentAt" emptyText="—" />
          </Labeled>
        </Box>
        <Resolution />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tianping.cases.materials_tab" path="materials">
        <MaterialsPanel />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tianping.cases.supervision_tab" path="supervision">
        <CaseSupervision />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tianping.cases.timeline" path="ledger">
        <LedgerTimeline />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
