import { AutocompleteInput, CreateButton, Datagrid, List, ReferenceInput, SearchInput, SelectInput, TextField, TopToolbar } from 'react-admin';
import { DateTimeField } from '../shared/DateTimeField.js';
import { EnumField } from '../shared/EnumField.js';
import { activeChoices, roleChoices } from './choices.js';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <SelectInput key="active" source="active" choices={activeChoices} />,
];

/** Accounts the viewer may see (admins: their subtree), ordered by username; per tenant with the filter. */
export const UserList = () => (
  <List filters={filters} actions={<TopToolbar><CreateButton /></TopToolbar>} exporter={false} perPage={25}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="username" sortable={false} />
      <TextField source="displayName" sortable={false} />
      <TextField source="tenant.name" sortable={false} />
      <EnumField source="roles" enumName="UserRole" chip sortable={false} />
      <EnumField source="active" enumName="Active" chip colors={{ true: 'success', false: 'error' }} sortable={false} />
      <DateTimeField source="lastLoginAt" sortable={false} emptyText="—" dateStyle="short" />
    </Datagrid>
  </List>
);
