import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Lexer, parse, Source, TokenKind, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import { LOGIN, VIEWER_QUERY } from './auth/authProvider.js';
import { allDocuments } from './dataProvider/index.js';
import { dataResources } from './registry.js';

/** Every module's documents.ts (its own operations) beside the data provider's resource documents. */
const moduleDocuments = Object.entries(import.meta.glob<{ documents: string[] }>('./*/documents.ts', { eager: true })).flatMap(([file, m]) =>
  m.documents.map((d) => [`${file.split('/')[1]}: ${d.match(/(?:query|mutation|subscription) (\w+)/)?.[1] ?? d.slice(0, 30)}`, d] as const),
);
const providerDocuments = [...allDocuments(dataResources()), LOGIN, VIEWER_QUERY].map((d) => [`provider: ${d.match(/(?:query|mutation) (\w+)/)?.[1] ?? d.slice(0, 30)}`, d] as const);
const documents = [...providerDocuments, ...moduleDocuments];

describe('documents', () => {
  const schema = buildSchema(readFileSync(path.resolve(process.cwd(), 'schema/schema.graphql'), 'utf8'));

  test.each(documents)('%s is valid against schema/schema.graphql', (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });

  test('every document stays well under the server limits (MAX_TOKENS 3000)', () => {
    for (const [name, document] of documents) {
      const lexer = new Lexer(new Source(document));
      let tokens = 0;
      while (lexer.advance().kind !== TokenKind.EOF) tokens++;
      expect(tokens, name).toBeLessThan(1500);
    }
  });
});
