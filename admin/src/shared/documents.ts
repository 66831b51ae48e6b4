import { CHECK_TEXT } from './phraseCheck.js';

/** Documents of the shared components (validated against the schema by documents.test.ts). */
export const documents: string[] = [CHECK_TEXT];
