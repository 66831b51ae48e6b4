import InboxIcon from '@mui/icons-material/Inbox';
import { CaseList } from './CaseList.js';
import { CaseShow } from './CaseShow.js';

export default {
  list: CaseList,
  show: CaseShow,
  icon: InboxIcon,
  recordRepresentation: 'number',
};
