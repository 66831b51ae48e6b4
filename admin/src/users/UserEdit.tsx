import { CheckboxGroupInput, Edit, Labeled, SaveButton, SimpleForm, TextField, TextInput, Toolbar, required, useRecordContext } from 'react-admin';
import { Box } from '@mui/material';
import { DateTimeField } from '../shared/DateTimeField.js';
import { EnumField } from '../shared/EnumField.js';
import { roleChoices } from './choices.js';
import { ResetPasswordButton } from './ResetPasswordButton.js';
import { UserActiveButton } from './UserActiveButton.js';

const EditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <Box sx={{ display: 'flex', gap: 1 }}>
      <ResetPasswordButton />
      <UserActiveButton />
    </Box>
  </Toolbar>
);

const Title = () => {
  const record = useRecordContext<{ displayName: string; username: string }>();
  return <span>{record ? `${record.displayName} (${record.username})` : ''}</span>;
};

/** Name, phone and roles; the version read here goes with the update (a stale one is CONFLICT). */
export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" title={<Title />}>
    <SimpleForm toolbar={<EditToolbar />}>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Labeled>
          <TextField source="username" />
        </Labeled>
        <Labeled>
          <TextField source="tenant.name" />
        </Labeled>
        <Labeled>
          <EnumField source="active" enumName="Active" chip colors={{ true: 'success', false: 'error' }} />
        </Labeled>
        <Labeled>
          <DateTimeField source="lastLoginAt" emptyText="—" />
        </Labeled>
      </Box>
      <TextInput source="displayName" validate={required()} />
      <TextInput source="phone" helperText="tianping.users.masked_phone" />
      <CheckboxGroupInput source="roles" choices={roleChoices} />
    </SimpleForm>
  </Edit>
);
