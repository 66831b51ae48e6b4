import { AutocompleteInput, ReferenceInput, regex, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { kindChoices } from './choices.js';

const slugFormat = regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'tianping.server.slug_format');

/** The disclosure profile (Art. 17); on create also where the tenant sits in the tree. */
export const TenantForm = ({ create = false }: { create?: boolean }) => (
  // No delete button: a tenant is suspended, never deleted.
  <SimpleForm
    toolbar={
      <Toolbar>
        <SaveButton />
      </Toolbar>
    }
  >
    {create && (
      <ReferenceInput source="parentId" reference="tenants">
        <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} fullWidth />
      </ReferenceInput>
    )}
    <TextInput source="name" validate={required()} fullWidth />
    <TextInput source="nameEn" fullWidth />
    <TextInput source="slug" validate={[required(), slugFormat]} />
    <SelectInput source="kind" choices={kindChoices} validate={required()} />
    <TextInput source="divisionCode" />
    <TextInput source="address" fullWidth />
    <TextInput source="phone" />
    <TextInput source="officeHours" fullWidth />
    <TextInput source="statutoryDuties" multiline minRows={2} fullWidth />
    <TextInput source="introduction" multiline minRows={3} fullWidth />
  </SimpleForm>
);
