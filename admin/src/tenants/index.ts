import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { TenantCreate } from './TenantCreate.js';
import { TenantEdit } from './TenantEdit.js';
import { TenantList } from './TenantList.js';
import { TenantShow } from './TenantShow.js';

export default {
  list: TenantList,
  show: TenantShow,
  create: TenantCreate,
  edit: TenantEdit,
  icon: AccountTreeIcon,
  recordRepresentation: 'name',
};
