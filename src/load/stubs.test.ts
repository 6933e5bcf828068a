import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { gooracle, requireGo } from '../testutil/go.js';
import { stubsDirectory } from './loader.js';

interface StubResult {
  pkg: string;
  name: string;
  ok: boolean;
  problem?: string;
  stub?: string;
  real?: string;
}

/** Differences the stubs keep on purpose. */
function tolerated(r: StubResult): boolean {
  // reflect.Type lists the methods checks call, not all forty.
  if (r.pkg === 'reflect' && r.name === 'Type' && r.problem === 'interface-subset') return true;
  // x/sync is not in GOROOT; it is compared only where the module cache has it.
  if (r.pkg === 'golang.org/x/sync/errgroup' && r.problem === 'unavailable') return true;
  // The stub describes linux/amd64; the real constants follow the host.
  if (r.pkg === 'runtime' && (r.name === 'GOOS' || r.name === 'GOARCH') && r.problem === 'value') return true;
  return false;
}

test('every exported declaration of the built-in stubs has the type of the real one', (t) => {
  if (!requireGo(t)) return;
  // The source importer may run `go list` for golang.org/x/sync: keep it offline.
  const out = execFileSync(gooracle(), ['stubcheck', stubsDirectory()], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local' },
  });
  const results = out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as StubResult);
  const ok = results.filter((r) => r.ok).length;
  const problems = results.filter((r) => !r.ok && !tolerated(r)).map((r) => `${r.pkg}.${r.name}: ${r.problem}: stub ${r.stub ?? ''} real ${r.real ?? ''}`);
  console.log(`stubs: ${ok} declarations agree with the real packages; ${results.length - ok} differ (${problems.length} not tolerated)`);
  assert.deepEqual(problems, []);
  assert.ok(ok > 300, `only ${ok} declarations compared`);
});
