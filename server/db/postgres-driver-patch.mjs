// Runs after `npm install` / `npm ci` (package.json "postinstall").
//
// postgres@3.4.9 (pinned, STACK.md) can crash the whole process when a connection's backend dies
// mid-request (porsager/postgres #1154, #1208; STACK.md trap 13): `closed()` and `terminate()`
// clear the deferred-write timer without resetting it, and `nextWrite()` then writes to a null
// socket from a setImmediate callback, an exception no caller can catch, and the pooled connection
// never flushes again. This patch, applied idempotently to each build of the driver, resets the
// timer and buffer on teardown and turns a write after close into the ordinary CONNECTION_CLOSED
// error. Remove it once a fixed release is pinned: it reports when its patterns no longer match.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = '/* tianping: write-after-close guard */';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/postgres');
const builds = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'];

const edits = [
  {
    from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    to:
      `  function nextWrite(fn) {\n    ${MARKER}\n    if (socket === null) {\n` +
      `      chunk = nextWriteTimer = null\n` +
      `      error(Errors.connection('CONNECTION_CLOSED', options))\n` +
      `      return false\n    }\n    const x = socket.write(chunk, fn)`,
  },
  {
    from: '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    to: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {',
  },
  {
    from: '    clearImmediate(nextWriteTimer)\n    socket.removeListener(\'data\', data)',
    to: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener(\'data\', data)',
  },
];

let patched = 0;
for (const rel of builds) {
  const file = path.join(root, rel);
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  if (text.includes(MARKER)) continue;
  const missing = edits.filter((e) => !text.includes(e.from));
  if (missing.length) {
    console.warn(`postgres driver patch: ${rel} no longer matches (${missing.length} of ${edits.length}); check whether the upstream fix landed`);
    continue;
  }
  for (const e of edits) text = text.replace(e.from, e.to);
  writeFileSync(file, text);
  patched++;
}
if (patched) console.log(`postgres driver patch: applied to ${patched} build(s)`);
