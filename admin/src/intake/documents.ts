/** The published items a case can be opened under: the viewer's own tenant's (openCase accepts no other). */
export const INTAKE_ITEMS = `query IntakeItems($tenantId: ID!, $first: Int!) {
  serviceItems(tenantId: $tenantId, status: [PUBLISHED], first: $first) {
    totalCount
    edges { node { id name code category published { versionNo content { channels formFields { key label type required helpText config } } } } }
  }
}`;

export const OPEN_CASE = `mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { case { id number } } }`;

/** Every GraphQL document this module sends (validated against the schema by documents.test.ts). */
export const documents: string[] = [INTAKE_ITEMS, OPEN_CASE];
