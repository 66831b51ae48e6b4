import AddIcon from '@mui/icons-material/Add';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import InboxIcon from '@mui/icons-material/MoveToInbox';
import AlarmIcon from '@mui/icons-material/Alarm';
import ApartmentIcon from '@mui/icons-material/Apartment';
import ViewListIcon from '@mui/icons-material/ViewList';
import { Card, CardContent } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  Button,
  Datagrid,
  FilterButton,
  FilterList,
  FilterListItem,
  FunctionField,
  List,
  ReferenceInput,
  SavedQueriesList,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextField,
  TopToolbar,
  useGetIdentity,
} from 'react-admin';
import { Link } from 'react-router-dom';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { DateTimeField } from '../shared/DateTimeField.js';
import { DueField } from '../shared/DueField.js';
import { EnumField } from '../shared/EnumField.js';
import { channelChoices, kindChoices, priorityColors, scopeChoices, statusChoices, statusColors } from './choices.js';

/** The filters of the bar; the queues (mine, overdue, handled here, incoming) are in the side panel. */
const filtersFor = (tenantId: string | undefined) => [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={statusChoices} />,
  <SelectArrayInput key="channel" source="channel" choices={channelChoices} />,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <BooleanInput key="flagged" source="flagged" />,
  <SelectInput key="scope" source="scope" choices={scopeChoices} />,
  <ReferenceInput key="assigneeId" source="assigneeId" reference="users" filter={tenantId ? { tenantId, active: true } : { active: true }}>
    <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

/**
 * The queues a case worker starts from, and the queries they saved (react-admin's store, in this
 * browser's localStorage). Each queue toggles; handled-here and incoming replace each other.
 */
const QueuesAside = () => (
  <Card sx={{ order: -1, mr: 2, mt: 8, width: 200, flexShrink: 0, alignSelf: 'flex-start' }} data-testid="case-queues">
    <CardContent sx={{ pt: 1 }}>
      <FilterList label="tianping.cases.queues" icon={<ViewListIcon />}>
        <FilterListItem label="tianping.cases.queue.mine" value={{ mine: true }} icon={<AssignmentIndIcon fontSize="small" />} />
        <FilterListItem label="tianping.cases.queue.handled_here" value={{ scope: 'HANDLED_HERE' }} icon={<ApartmentIcon fontSize="small" />} />
        <FilterListItem label="tianping.cases.queue.incoming" value={{ scope: 'INCOMING_TRANSFERS' }} icon={<InboxIcon fontSize="small" />} />
        <FilterListItem label="tianping.cases.queue.overdue" value={{ overdue: true }} icon={<AlarmIcon fontSize="small" />} />
      </FilterList>
      <SavedQueriesList />
    </CardContent>
  </Card>
);

/** Intake (opening a case) is its own page (admin/src/intake). */
const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <Button component={Link} to="/intake" label="tianping.cases.new_case" variant="contained" data-testid="new-case">
      <AddIcon />
    </Button>
  </TopToolbar>
);

/**
 * The inbox: the server's queues and filters, both clocks with their due/overdue indicator.
 * Sortable by committed due date, received time or priority — what `cases(orderBy:)` offers.
 */
export const CaseList = () => {
  const { identity } = useGetIdentity();
  const tenantId = (identity as TianpingIdentity | undefined)?.tenant?.id;
  return (
    <List
      filters={filtersFor(tenantId)}
      aside={<QueuesAside />}
      actions={<ListActions />}
      sort={{ field: 'committedClock.dueAt', order: 'ASC' }}
      exporter={false}
      perPage={25}
      // Beside the queues panel the table may not fit: it scrolls inside its card, the page does not.
      sx={{ '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { overflowX: 'auto' } }}
    >
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        // Many columns: the subject wraps, names and dates do not.
        sx={{ '& .column-subject': { minWidth: 180 }, '& .column-handlerTenantName, & .column-channel, & .column-receivedAt, & .column-assignee\\.displayName': { whiteSpace: 'nowrap' } }}
      >
        <TextField source="number" sortable={false} sx={{ whiteSpace: 'nowrap' }} />
        <FunctionField
          source="subject"
          sortable={false}
          render={(r: { subject: string; confidential: boolean }) => (r.confidential ? '—' : r.subject)}
        />
        <EnumField source="status" enumName="CaseStatus" chip colors={statusColors} sortable={false} />
        {/* Both clocks right after the state: what a worker scans first, never scrolled out of view. */}
        <DueField clock="statutoryClock" label="resources.cases.fields.statutoryClock.dueAt" sortable={false} />
        <DueField clock="committedClock" label="resources.cases.fields.committedClock.dueAt" sortBy="committedClock.dueAt" sortByOrder="ASC" />
        <EnumField source="channel" enumName="Channel" sortable={false} />
        <EnumField source="priority.level" enumName="PriorityLevel" chip colors={priorityColors} sortBy="priority.level" sortByOrder="ASC" />
        <TextField source="handlerTenantName" sortable={false} emptyText="—" />
        <TextField source="assignee.displayName" sortable={false} emptyText="—" />
        <DateTimeField source="receivedAt" sortByOrder="DESC" dateStyle="short" />
      </Datagrid>
    </List>
  );
};
