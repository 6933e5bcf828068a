// The fixed files (.golden) of stale-len-loop still compile: copy the testdata module,
// put each .golden in place of its .go file, and `go build` it (with no golden
// files, this proves the testdata itself is valid Go).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, requireGo } from '../../testutil/go.js';

function goldens(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.go.golden'))
    .map((e) => join(e.parentPath, e.name));
}

test('stale-len-loop: fixed files compile', (t) => {
  const go = requireGo(t);
  if (!go) return;
  const tmp = mkdtempSync(join(tmpdir(), 'racewatch-golden-'));
  try {
    cpSync(join(repoRoot, 'src', 'checks', 'stale-len-loop', 'testdata'), tmp, { recursive: true });
    const found = goldens(tmp);
    for (const g of found) renameSync(g, g.slice(0, -'.golden'.length));
    execFileSync(go.go, ['build', './...'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' } });
  } catch (err) {
    const e = err as { stderr?: Buffer; stdout?: Buffer };
    assert.fail(`go build of the fixed testdata failed:\n${e.stderr?.toString() ?? ''}${e.stdout?.toString() ?? String(err)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
