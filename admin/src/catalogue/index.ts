import MenuBookIcon from '@mui/icons-material/MenuBook';
import { ServiceItemCreate, ServiceItemEdit } from './ServiceItemEdit.js';
import { ServiceItemList } from './ServiceItemList.js';
import { ServiceItemShow } from './ServiceItemShow.js';

export default {
  list: ServiceItemList,
  show: ServiceItemShow,
  create: ServiceItemCreate,
  edit: ServiceItemEdit,
  icon: MenuBookIcon,
  recordRepresentation: 'name',
};
