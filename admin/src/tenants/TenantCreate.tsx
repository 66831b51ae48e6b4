import { Create } from 'react-admin';
import { TenantForm } from './TenantForm.js';

export const TenantCreate = () => (
  <Create redirect="show">
    <TenantForm create />
  </Create>
);
