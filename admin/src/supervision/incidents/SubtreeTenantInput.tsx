import { SelectInput } from 'react-admin';
import { useSubtreeTenants } from '../useSubtreeTenants.js';

/** A tenant of the viewer's subtree, as a filter. */
export const SubtreeTenantInput = ({ source }: { source: string; alwaysOn?: boolean }) => {
  const tenants = useSubtreeTenants();
  return <SelectInput source={source} choices={tenants} optionText="name" optionValue="id" translateChoice={false} />;
};
