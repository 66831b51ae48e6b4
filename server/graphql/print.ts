import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema.js';

export const SDL_PATH = 'schema/schema.graphql';

export function printSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
