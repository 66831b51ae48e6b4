import { Button as MuiButton } from '@mui/material';
import { Datagrid, FunctionField, List, TextField, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { DueField } from '../shared/DueField.js';
import { EnumField } from '../shared/EnumField.js';
import { DateTimeField } from '../shared/DateTimeField.js';

/**
 * Open cases past due anywhere in the viewer's subtree (`cases(overdue: true, scope: VISIBLE)`),
 * the most overdue first; a row opens the case.
 */
/** To the case's supervision page (its orders; "issue" where the viewer is above the handler). */
const SuperviseLink = ({ id }: { id: string }) => {
  const translate = useTranslate();
  return (
    <MuiButton size="small" component={Link} to={`/cases/${encodeURIComponent(id)}/show/supervision`} onClick={(e: { stopPropagation(): void }) => e.stopPropagation()} data-testid="supervise-case">
      {translate('tianping.supervision.orders.of_case')}
    </MuiButton>
  );
};

export const OverdueCases = () => (
  <List
    resource="cases"
    title="tianping.supervision.overdue.title"
    filter={{ overdue: true, scope: 'VISIBLE' }}
    sort={{ field: 'committedClock.dueAt', order: 'ASC' }}
    disableSyncWithLocation
    exporter={false}
    perPage={25}
    storeKey="supervision.overdue"
    empty={false}
  >
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="overdue-cases">
      <TextField source="number" sortable={false} sx={{ whiteSpace: 'nowrap' }} />
      <FunctionField source="subject" sortable={false} render={(r: { subject: string; confidential: boolean }) => (r.confidential ? '—' : r.subject)} />
      <EnumField source="status" enumName="CaseStatus" sortable={false} />
      <TextField source="handlerTenantName" sortable={false} emptyText="—" />
      <TextField source="assignee.displayName" sortable={false} emptyText="—" />
      <DueField clock="statutoryClock" label="resources.cases.fields.statutoryClock.dueAt" sortable={false} />
      <DueField clock="committedClock" label="resources.cases.fields.committedClock.dueAt" sortBy="committedClock.dueAt" sortByOrder="ASC" />
      <DateTimeField source="receivedAt" sortable={false} dateStyle="short" />
      <FunctionField label="tianping.supervision.orders.actions" render={(r: { id: string }) => <SuperviseLink id={r.id} />} />
    </Datagrid>
  </List>
);
