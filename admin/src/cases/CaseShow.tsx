import { Alert, Box } from '@mui/material';
import { Labeled, Show, TabbedShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../shared/DateTimeField.js';
import { DueField } from '../shared/DueField.js';
import { EnumField } from '../shared/EnumField.js';
import { priorityColors, statusColors } from './choices.js';
import { LedgerTimeline } from './LedgerTimeline.js';

const Title = () => {
  const record = useRecordContext<{ number: string }>();
  return <span>{record?.number ?? ''}</span>;
};

const Confidential = () => {
  const record = useRecordContext<{ confidential: boolean }>();
  const translate = useTranslate();
  return record?.confidential ? <Alert severity="info">{translate('tianping.cases.confidential')}</Alert> : null;
};

/** Read-only for now: the case, its clocks and its ledger timeline (actions come later). */
export const CaseShow = () => (
  <Show title={<Title />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="tianping.cases.details">
        <Confidential />
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <TextField source="number" />
          </Labeled>
          <Labeled>
            <EnumField source="status" enumName="CaseStatus" chip colors={statusColors} />
          </Labeled>
          <Labeled>
            <EnumField source="kind" enumName="CaseKind" />
          </Labeled>
          <Labeled>
            <EnumField source="channel" enumName="Channel" />
          </Labeled>
          <Labeled>
            <EnumField source="priority.level" enumName="PriorityLevel" chip colors={priorityColors} />
          </Labeled>
          <Labeled>
            <EnumField source="flags" enumName="CaseFlag" chip colors={{}} emptyText="—" />
          </Labeled>
        </Box>
        <TextField source="subject" emptyText="—" />
        <TextField source="description" emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
        <TextField source="serviceItem.name" emptyText="—" />
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled label="resources.cases.fields.statutoryClock.dueAt">
            <DueField clock="statutoryClock" />
          </Labeled>
          <Labeled label="resources.cases.fields.committedClock.dueAt">
            <DueField clock="committedClock" />
          </Labeled>
          <Labeled>
            <DateTimeField source="receivedAt" />
          </Labeled>
          <Labeled>
            <DateTimeField source="closedAt" emptyText="—" />
          </Labeled>
        </Box>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <TextField source="requester.name" emptyText="—" />
          </Labeled>
          <Labeled>
            <TextField source="requester.phone" emptyText="—" />
          </Labeled>
          <Labeled>
            <TextField source="handlerTenantName" emptyText="—" />
          </Labeled>
          <Labeled>
            <TextField source="assignee.displayName" emptyText="—" />
          </Labeled>
          <Labeled>
            <TextField source="firstResponderTenantName" emptyText="—" />
          </Labeled>
        </Box>
        <TextField source="resolution.summary" emptyText="—" />
        <TextField source="resolution.legalBasis" emptyText="—" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tianping.cases.timeline" path="ledger">
        <LedgerTimeline />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
