// Imports the type families and exports the schema; defines nothing (STYLE.md habit 1).
import { builder } from './builder.js';
import './types/tenant.js';
import './types/user.js';
import './types/auth.js';
import './types/catalogue.js';
import './types/calendar.js';
import './types/phrases.js';
import './types/commitments.js';
import './types/public.js';
import './types/cases.js';
import './types/case-flows.js';
import './types/incidents.js';
import './types/contacts.js';
import './types/statistics.js';

export const schema = builder.toSchema({ sortSchema: true });
