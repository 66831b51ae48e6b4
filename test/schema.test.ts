import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { printSdl, SDL_PATH } from '../server/graphql/print.js';

test('the committed SDL matches the schema (run `npm run schema:print` after changing it)', () => {
  expect(readFileSync(SDL_PATH, 'utf8')).toBe(printSdl());
});
