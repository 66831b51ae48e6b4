import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The end-to-end suite drives the built app: build it first when its inputs changed (a no-op otherwise). */
export default function setup() {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../admin/scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });
}
