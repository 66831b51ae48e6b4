// The benchmark's watchdog (plain Node, started by run.ts, detached, with an IPC channel).
// run.ts cleans up after itself, also on errors and SIGINT/SIGTERM; but a process that is killed
// outright cannot (tsx, for one, SIGKILLs its child when a relayed signal is not acknowledged within
// 30 ms, which a busy event loop easily misses). So: when the channel closes without a "done"
// message first, the bench process is gone without cleaning up, and this drops its database
// (WITH (FORCE)) or removes its PGlite directory.
'use strict';
const { rmSync } = require('node:fs');

const job = JSON.parse(process.env.TIANPING_BENCH_REAPER || '{}');
let done = false;

process.on('SIGINT', () => {}); // a Ctrl-C meant for the benchmark is not for the watchdog
process.on('message', (message) => {
  if (message === 'done') done = true;
});
process.on('disconnect', () => {
  if (done) process.exit(0);
  reap().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`bench watchdog: cleanup failed: ${err && err.message}\n`);
      process.exit(1);
    },
  );
});

async function reap() {
  if (job.database) {
    const postgres = require(job.postgresModule);
    const admin = postgres(job.adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await admin.unsafe(`drop database if exists ${job.database} with (force)`);
      process.stderr.write(`bench watchdog: the benchmark ended without cleaning up; dropped database ${job.database}\n`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  }
  if (job.dir) {
    rmSync(job.dir, { recursive: true, force: true });
    process.stderr.write(`bench watchdog: the benchmark ended without cleaning up; removed ${job.dir}\n`);
  }
}
