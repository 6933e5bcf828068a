// Loading benchmark: selecting the files of every package of GOROOT/src (std and cmd)
// with racewatch's loader, beside `go list -e std cmd` doing the same work in this run.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createLoader } from '../src/load/index.js';
import { detectGoroot } from '../src/load/env.js';

function timeIt(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function benchLoad(): Promise<void> {
  const goroot = detectGoroot();
  if (!goroot) {
    process.stdout.write('load: skipped (Go is not installed)\n');
    return;
  }
  const src = join(goroot, 'src');
  let packages = 0;
  // Best of three for both, so that a cold file cache does not decide the ratio.
  let ours = Infinity;
  let theirs = Infinity;
  for (let i = 0; i < 3; i++) {
    ours = Math.min(ours, timeIt(() => {
      packages = createLoader({ cwd: src, tests: true }).packages(['std', 'cmd']).packages.length;
    }));
    theirs = Math.min(theirs, timeIt(() => {
      execFileSync('go', ['list', '-e', '-f', '{{.Dir}}', 'std', 'cmd'], {
        cwd: src,
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GOFLAGS: '', GOPROXY: 'off', GOTOOLCHAIN: 'local' },
      });
    }));
  }
  process.stdout.write(
    `load: GOROOT/src std+cmd, ${packages} packages: racewatch ${ours.toFixed(0)} ms, go list ${theirs.toFixed(0)} ms, ratio ${(ours / theirs).toFixed(2)}\n`,
  );
}
