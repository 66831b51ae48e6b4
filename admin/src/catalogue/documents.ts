import { ADOPT, ARCHIVE, PUBLISH, VERSIONS } from './serviceItems.js';

/**
 * Every GraphQL document this module sends besides its resource's (serviceItems: list, node,
 * create, update — validated through the registry's dataResources). Validated by documents.test.ts.
 */
export const documents: string[] = [PUBLISH, ARCHIVE, ADOPT, VERSIONS];
