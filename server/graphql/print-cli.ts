// Writes the printed SDL to schema/schema.graphql (committed; test/schema.test.ts fails on drift).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSdl, SDL_PATH } from './print.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', SDL_PATH);
writeFileSync(target, printSdl());
process.stdout.write(`wrote ${SDL_PATH}\n`);
