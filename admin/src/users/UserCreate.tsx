import { AutocompleteInput, CheckboxGroupInput, Create, PasswordInput, ReferenceInput, required, SimpleForm, TextInput } from 'react-admin';
import { roleChoices } from './choices.js';

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ roles: ['STAFF'] }}>
      <ReferenceInput source="tenantId" reference="tenants">
        <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} fullWidth />
      </ReferenceInput>
      <TextInput source="username" validate={required()} autoComplete="off" />
      <TextInput source="displayName" validate={required()} />
      <PasswordInput source="password" validate={required()} autoComplete="new-password" helperText="tianping.users.password_help" />
      <TextInput source="phone" />
      <CheckboxGroupInput source="roles" choices={roleChoices} />
    </SimpleForm>
  </Create>
);
