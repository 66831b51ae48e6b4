/** Operations on accounts beyond create/update (validated against the schema by documents.test.ts). */
export const RESET_PASSWORD = `mutation ResetUserPassword($input: ResetUserPasswordInput!) {
  resetUserPassword(input: $input) { user { id version passwordChangedAt } }
}`;

export const documents: string[] = [RESET_PASSWORD];
