import { enumChoices } from '../shared/EnumField.js';

export const roleChoices = enumChoices('UserRole', ['ADMIN', 'STAFF', 'SUPERVISOR']);
export const activeChoices = [
  { id: true, name: 'enums.Active.true' },
  { id: false, name: 'enums.Active.false' },
];
