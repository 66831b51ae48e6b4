import type { AdminModule } from '../module.js';

const module: AdminModule = { name: 'supervision' };
export default module;
