/** Every GraphQL document this module sends (validated against the schema by documents.test.ts). */
export const documents: string[] = [];
