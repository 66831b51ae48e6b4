import type { AdminModule } from '../module.js';

const module: AdminModule = { name: 'intake' };
export default module;
