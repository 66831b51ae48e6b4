import cases from './cases/module.js';
import catalogue from './catalogue/module.js';
import type { ResourceDefinition } from './dataProvider/types.js';
import intake from './intake/module.js';
import live from './live/module.js';
import type { AdminModule } from './module.js';
import settings from './settings/module.js';
import supervision from './supervision/module.js';
import tenants from './tenants/module.js';
import users from './users/module.js';

/** Every area of the app, in menu order. */
export const modules: AdminModule[] = [cases, intake, supervision, catalogue, settings, tenants, users, live];

export const dataResources = (): Record<string, ResourceDefinition> => Object.assign({}, ...modules.map((m) => m.dataResources ?? {}));
