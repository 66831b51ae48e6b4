import { Edit } from 'react-admin';
import { TenantForm } from './TenantForm.js';

/** Pessimistic: the server's field errors and version conflicts come back into the form. */
export const TenantEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <TenantForm />
  </Edit>
);
