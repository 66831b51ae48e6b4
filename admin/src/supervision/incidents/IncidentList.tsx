import { Datagrid, DateInput, FunctionField, List, SelectArrayInput, TextField } from 'react-admin';
import { DateTimeField } from '../../shared/DateTimeField.js';
import { EnumField } from '../../shared/EnumField.js';
import { categoryChoices, incidentStatusChoices, incidentStatusColors, severityChoices, severityColors } from '../choices.js';
import { AckLevels, AcknowledgeButton, type IncidentRecord } from './AckLevels.js';
import { SubtreeTenantInput } from './SubtreeTenantInput.js';

const filters = [
  <SelectArrayInput key="status" source="status" choices={incidentStatusChoices} alwaysOn />,
  <SelectArrayInput key="severity" source="severity" choices={severityChoices} alwaysOn />,
  <SelectArrayInput key="category" source="category" choices={categoryChoices} />,
  <SubtreeTenantInput key="tenantId" source="tenantId" />,
  <DateInput key="from" source="from" />,
  <DateInput key="to" source="to" />,
];

/**
 * Incidents reported in the viewer's subtree, newest first, with each level's acknowledgement and
 * the acknowledge button for the viewer's own level. (Live alerts are the banner's: this list refreshes.)
 */
export const IncidentList = () => (
    <List filters={filters} exporter={false} perPage={25} sort={{ field: 'reportedAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="incident-list">
        <DateTimeField source="occurredAt" sortable={false} dateStyle="short" />
        <EnumField source="severity" enumName="IncidentSeverity" chip colors={severityColors} sortable={false} />
        <EnumField source="category" enumName="IncidentCategory" sortable={false} />
        <TextField source="tenant.name" sortable={false} emptyText="—" />
        <TextField source="place" sortable={false} />
        <EnumField source="status" enumName="IncidentStatus" chip colors={incidentStatusColors} sortable={false} />
        <FunctionField source="levels" sortable={false} render={() => <AckLevels compact />} />
        <FunctionField label="tianping.supervision.orders.actions" render={(r: IncidentRecord) => <AcknowledgeButton incident={r} />} />
      </Datagrid>
    </List>
);
