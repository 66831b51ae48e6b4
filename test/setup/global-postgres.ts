import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/client.js';
import { prepareTemplate, testEnv } from './template.js';

/**
 * Creates a template database for this run (migrated and seeded once); each test file clones it.
 * Every database this run made is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const prefix = `tianping_test_${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_tpl`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const database = await openDatabase(loadConfig(testEnv({ DATABASE_URL: withDatabase(adminUrl, template) })));
  try {
    await prepareTemplate(database);
  } finally {
    await database.close();
  }
  project.provide('postgresTemplate', { adminUrl, template, prefix });
  return async () => {
    const rows = await admin`select datname from pg_database where datname like ${`${prefix}%`}`;
    for (const { datname } of rows) {
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    }
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
