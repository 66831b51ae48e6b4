import type { AdminModule } from '../module.js';

const module: AdminModule = { name: 'catalogue' };
export default module;
