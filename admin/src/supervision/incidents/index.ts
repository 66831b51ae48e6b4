import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { IncidentCreate } from './IncidentCreate.js';
import { IncidentList } from './IncidentList.js';
import { IncidentShow } from './IncidentShow.js';

export default {
  list: IncidentList,
  show: IncidentShow,
  create: IncidentCreate,
  icon: ReportProblemIcon,
  recordRepresentation: 'place',
};
