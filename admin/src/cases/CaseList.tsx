import { BooleanInput, Datagrid, FunctionField, List, SearchInput, SelectArrayInput, SelectInput, TextField } from 'react-admin';
import { DateTimeField } from '../shared/DateTimeField.js';
import { DueField } from '../shared/DueField.js';
import { EnumField } from '../shared/EnumField.js';
import { channelChoices, kindChoices, priorityColors, scopeChoices, statusChoices, statusColors } from './choices.js';

const filters = [
  <SelectInput key="scope" source="scope" choices={scopeChoices} alwaysOn emptyText="enums.CaseScope.VISIBLE" />,
  <SearchInput key="q" source="q" alwaysOn />,
  <BooleanInput key="mine" source="mine" alwaysOn />,
  <BooleanInput key="overdue" source="overdue" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={statusChoices} />,
  <SelectArrayInput key="channel" source="channel" choices={channelChoices} />,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <BooleanInput key="flagged" source="flagged" />,
];

/**
 * The inbox (read-only for now): the server's queues and filters, both clocks with their
 * due/overdue indicator. Sortable by committed due date, received time or priority — what
 * `cases(orderBy:)` offers.
 */
export const CaseList = () => (
  <List filters={filters} sort={{ field: 'committedClock.dueAt', order: 'ASC' }} exporter={false} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="number" sortable={false} sx={{ whiteSpace: 'nowrap' }} />
      <FunctionField
        source="subject"
        sortable={false}
        render={(r: { subject: string; confidential: boolean }) => (r.confidential ? '—' : r.subject)}
      />
      <EnumField source="status" enumName="CaseStatus" chip colors={statusColors} sortable={false} />
      <EnumField source="channel" enumName="Channel" sortable={false} />
      <EnumField source="priority.level" enumName="PriorityLevel" chip colors={priorityColors} sortBy="priority.level" sortByOrder="ASC" />
      <TextField source="handlerTenantName" sortable={false} emptyText="—" />
      <TextField source="assignee.displayName" sortable={false} emptyText="—" />
      <DueField clock="statutoryClock" label="resources.cases.fields.statutoryClock.dueAt" sortable={false} />
      <DueField clock="committedClock" label="resources.cases.fields.committedClock.dueAt" sortBy="committedClock.dueAt" sortByOrder="ASC" />
      <DateTimeField source="receivedAt" sortByOrder="DESC" dateStyle="short" />
    </Datagrid>
  </List>
);
