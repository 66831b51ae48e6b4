import { expect, test } from 'vitest';
import {
  canCreateTenantUnder,
  canEditTenantProfile,
  canGovernTenant,
  canManageUsersOf,
  moveProblem,
  seesSubtreeUsers,
  type Viewer,
} from './access.js';

const viewer = (tenantId: string, ...roles: Viewer['roles'][number][]): Viewer => ({
  userId: 'u',
  tenantId,
  username: 'x',
  roles,
});
// root > yubei > longxi ; root > yuzhong
const longxi = ['root', 'yubei', 'longxi'];
const yubei = ['root', 'yubei'];
const yuzhong = ['root', 'yuzhong'];

test('admins create beneath their own tenant, never elsewhere', () => {
  expect(canCreateTenantUnder(viewer('yubei', 'ADMIN'), yubei)).toBe(true);
  expect(canCreateTenantUnder(viewer('yubei', 'ADMIN'), longxi)).toBe(true);
  expect(canCreateTenantUnder(viewer('yubei', 'ADMIN'), yuzhong)).toBe(false);
  expect(canCreateTenantUnder(viewer('yubei', 'STAFF', 'SUPERVISOR'), yubei)).toBe(false);
  expect(canCreateTenantUnder(viewer('root', 'ADMIN'), yuzhong)).toBe(true);
});

test('own profile is editable, but only a strict ancestor moves or suspends a tenant', () => {
  expect(canEditTenantProfile(viewer('yubei', 'ADMIN'), yubei)).toBe(true);
  expect(canGovernTenant(viewer('yubei', 'ADMIN'), yubei)).toBe(false);
  expect(canGovernTenant(viewer('yubei', 'ADMIN'), longxi)).toBe(true);
  expect(canGovernTenant(viewer('root', 'ADMIN'), ['root'])).toBe(false);
  expect(canEditTenantProfile(viewer('longxi', 'ADMIN'), yubei)).toBe(false);
});

test('user management and visibility', () => {
  expect(canManageUsersOf(viewer('yubei', 'ADMIN'), longxi)).toBe(true);
  expect(canManageUsersOf(viewer('yubei', 'SUPERVISOR'), longxi)).toBe(false);
  expect(seesSubtreeUsers(viewer('yubei', 'SUPERVISOR'))).toBe(true);
  expect(seesSubtreeUsers(viewer('yubei', 'STAFF'))).toBe(false);
});

test('a tenant never moves into its own subtree', () => {
  expect(moveProblem('yubei', longxi)).toMatch(/own subtree/);
  expect(moveProblem('yubei', yubei)).toMatch(/own subtree/);
  expect(moveProblem('longxi', yuzhong)).toBeNull();
});
