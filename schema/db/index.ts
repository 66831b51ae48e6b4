// The one allowed barrel: drizzle-kit reads every table from here.
export * from './tenancy.js';
export * from './auth.js';
export * from './calendar.js';
export * from './catalogue.js';
export * from './disclosure.js';
export * from './public-views.js';
export * from './cases.js';
export * from './incidents.js';
export * from './stats.js';
