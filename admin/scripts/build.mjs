#!/usr/bin/env node
/**
 * Builds the admin app into admin/dist when its inputs changed since the last build (`npm start`
 * runs this first), or always with --force (`npm run build:admin`). The inputs' hash is kept in
 * admin/dist/.build-hash, so a fresh clone, a pull or an edit rebuilds, and nothing else does.
 * A failed build stops `npm start`: the server would otherwise serve a stale or missing app.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const adminDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const repoDir = path.dirname(adminDir);
const distDir = path.join(adminDir, 'dist');
const stampFile = path.join(distDir, '.build-hash');
const force = process.argv.includes('--force');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (!/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [
    path.join(adminDir, 'index.html'),
    path.join(adminDir, 'vite.config.ts'),
    path.join(repoDir, 'package-lock.json'),
    ...files(path.join(adminDir, 'src')),
    ...(existsSync(path.join(adminDir, 'public')) ? files(path.join(adminDir, 'public')) : []),
  ];
  for (const file of inputs) {
    hash.update(path.relative(repoDir, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const hash = inputsHash();
const current = existsSync(stampFile) && existsSync(path.join(distDir, 'index.html')) ? readFileSync(stampFile, 'utf8').trim() : null;
if (!force && current === hash) {
  process.stdout.write('admin: admin/dist is up to date\n');
  process.exit(0);
}

// Vite takes the mode's NODE_ENV from the environment when set: a server started with
// NODE_ENV=development (or vitest's "test") must still get React's production build.
process.env.NODE_ENV = 'production';
let build;
try {
  ({ build } = await import('vite'));
} catch {
  fail('vite is not installed (a production install without devDependencies?): run `npm install`, or build the admin app in the build stage with `npm run build:admin`');
}

process.stdout.write(`admin: building admin/dist (${current ? 'inputs changed' : force ? 'forced' : 'no build yet'}) …\n`);
const started = Date.now();
try {
  await build({ configFile: path.join(adminDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
} catch (err) {
  fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
}
writeFileSync(stampFile, `${hash}\n`);
const size = [...files(path.join(distDir, 'assets'))].reduce((sum, f) => sum + statSync(f).size, 0);
process.stdout.write(`admin: built in ${((Date.now() - started) / 1000).toFixed(1)} s (${(size / 1024).toFixed(0)} KiB of assets), served at /admin\n`);

function fail(message) {
  process.stderr.write(`\n*** admin: the build FAILED — the admin app at /admin is not up to date ***\n${message}\n\n`);
  process.exit(1);
}
