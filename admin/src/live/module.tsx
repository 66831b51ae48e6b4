import type { AdminModule } from '../module.js';
import { LiveAlerts } from './AlertBanner.js';
import { ConnectionDot } from './ConnectionDot.js';
import { NotificationBell } from './NotificationBell.js';

/** Live alerts and notifications over graphql-ws: the banner in the layout, the bell and the status dot in the app bar. */
const module: AdminModule = {
  name: 'live',
  layoutItems: [LiveAlerts],
  appBarItems: [ConnectionDot, NotificationBell],
};
export default module;
