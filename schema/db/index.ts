// The one allowed barrel: drizzle-kit reads every table from here.
export * from './tenancy.js';
export * from './auth.js';
