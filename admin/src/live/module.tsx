import type { AdminModule } from '../module.js';

const module: AdminModule = { name: 'live' };
export default module;
