import type { ComponentType, ReactElement } from 'react';
import type { DashboardComponent } from 'react-admin';
import type { Role } from './auth/session.js';
import type { ResourceDefinition } from './dataProvider/types.js';

/** A menu entry for a page that is not a resource list (a dashboard, a calendar). */
export interface MenuEntry {
  to: string;
  /** A message key. */
  label: string;
  icon?: ComponentType;
}

/**
 * One area of the app (STYLE.md: feature folders). Each folder owns its screens, its GraphQL
 * documents (`documents.ts`, validated against the schema by documents.test.ts), its messages
 * (`messages.ts`, merged by i18n/index.ts) and this description, which registry.ts gathers.
 * The roles decide what is offered; the server decides again on every request.
 */
export interface AdminModule {
  name: string;
  /** `<Resource>` elements, keyed. */
  resources?(roles: Role[]): ReactElement[];
  /** `<Route>` elements for pages of their own (inside the layout, signed in). */
  routes?(roles: Role[]): ReactElement[];
  menu?(roles: Role[]): MenuEntry[];
  /** Resource definitions the data provider serves (list/getOne/create/update over GraphQL). */
  dataResources?: Record<string, ResourceDefinition>;
  /** Components placed in the app bar (e.g. the notification bell). */
  appBarItems?: ComponentType[];
  /** Components rendered once inside the layout (e.g. the live alert banner). */
  layoutItems?: ComponentType[];
  /** The home page; the first module that has one wins. */
  dashboard?: DashboardComponent;
}
