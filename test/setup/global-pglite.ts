import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/client.js';
import { prepareTemplate, testEnv } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresTemplate: { adminUrl: string; template: string; prefix: string };
  }
}

/** PGlite takes seconds to create: migrate and seed one in memory, dump it, load per test file. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tianping-pglite-'));
  const pglite = await PGlite.create();
  const database = await openDatabase(loadConfig(testEnv()), { pglite });
  await prepareTemplate(database);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
