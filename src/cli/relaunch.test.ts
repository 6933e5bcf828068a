// check and verify relaunch themselves with a one-thread V8 pool on machines with two
// cores or fewer (relaunch.ts): the relaunched run must be the same run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../testutil/go.js';
import { shouldRelaunch } from './relaunch.js';

test('only the engine commands relaunch, on two cores or fewer, once, and not when the user chose', () => {
  const env = {};
  assert.ok(shouldRelaunch(['check', './...'], env, 2, []));
  assert.ok(shouldRelaunch(['verify'], env, 1, []));
  assert.ok(!shouldRelaunch(['check'], env, 4, []), 'more cores: the default pool');
  assert.ok(!shouldRelaunch(['triage', 'x.log'], env, 2, []), 'not an engine command');
  assert.ok(!shouldRelaunch([], env, 2, []), 'no command');
  assert.ok(!shouldRelaunch(['check'], { RACEWATCH_V8_POOL: '1' }, 2, []), 'the relaunched child, or a user keeping it in-process');
  assert.ok(!shouldRelaunch(['check'], env, 2, ['--v8-pool-size=2']), 'a pool size given already');
});

test('a relaunched check prints and exits as an in-process one', (t) => {
  // taskset pins the run to one core, so availableParallelism() says 1 and check relaunches.
  if (spawnSync('taskset', ['-c', '0', 'true']).status !== 0) {
    t.skip('taskset is not available to pin the run to one core');
    return;
  }
  const bin = join(repoRoot, 'dist', 'src', 'cli', 'bin.js');
  const { RACEWATCH_V8_POOL: _, ...unmarked } = process.env;
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync('taskset', ['-c', '0', process.execPath, bin, 'check', '--format', 'json', './...'], { cwd: join(repoRoot, 'examples'), encoding: 'utf8', env });
  const relaunched = run(unmarked);
  const inProcess = run({ ...unmarked, RACEWATCH_V8_POOL: 'off' });
  assert.equal(relaunched.status, 1, relaunched.stderr);
  assert.equal(relaunched.status, inProcess.status);
  const findings = (out: string) => (JSON.parse(out) as { findings: unknown[] }).findings;
  assert.ok(findings(relaunched.stdout).length > 0);
  assert.deepEqual(findings(relaunched.stdout), findings(inProcess.stdout));
  const untimed = (s: string) => s.replace(/in [\d.]+ s/g, 'in - s');
  assert.equal(untimed(relaunched.stderr), untimed(inProcess.stderr));
  // The timeline's first line names Node's options: the relaunched run had the pool set.
  const header = (env: NodeJS.ProcessEnv) => run({ ...env, RACEWATCH_DEBUG: 'timeline' }).stderr.split('\n')[0]!;
  assert.match(header(unmarked), /--v8-pool-size=1/);
  assert.doesNotMatch(header({ ...unmarked, RACEWATCH_V8_POOL: 'off' }), /--v8-pool-size/);
});
