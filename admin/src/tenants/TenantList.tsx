import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Button, CreateButton, Datagrid, Link, List, SearchInput, SelectInput, TextField, TopToolbar, usePermissions } from 'react-admin';
import { EnumField } from '../shared/EnumField.js';
import { kindChoices, statusChoices, statusColors } from './choices.js';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <SelectInput key="status" source="status" choices={statusChoices} />,
];

const Actions = () => {
  const { permissions } = usePermissions<string[]>();
  return (
    <TopToolbar>
      <Button component={Link} to="/tenant-tree" label="tianping.tenants.tree_view">
        <AccountTreeIcon />
      </Button>
      {permissions?.includes('ADMIN') && <CreateButton />}
    </TopToolbar>
  );
};

/** Every tenant the viewer may see, as the server orders them: by depth, then name. */
export const TenantList = () => (
  <List filters={filters} actions={<Actions />} exporter={false} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" sortable={false} />
      <EnumField source="kind" enumName="TenantKind" sortable={false} />
      <EnumField source="status" enumName="TenantStatus" chip colors={statusColors} sortable={false} />
      <TextField source="parent.name" sortable={false} />
      <TextField source="phone" sortable={false} />
      <TextField source="slug" sortable={false} />
    </Datagrid>
  </List>
);
