import type { AdminModule } from '../module.js';

const module: AdminModule = { name: 'settings' };
export default module;
