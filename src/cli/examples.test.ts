// The README's first command checks examples/: each racy example must be reported by
// map-race at a line the race detector names (marked `// race`), and the example done
// right must stay quiet. The labels themselves are proved by src/analysis/fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runChecks } from '../analysis/driver.js';
import { checks } from '../checks/registry.js';
import { listExampleCases } from '../analysis/fixtures/manifest.js';
import { repoRoot } from '../testutil/go.js';

test('check ./examples/... reports every racy example at a racing line and nothing in the one done right', async () => {
  const run = await runChecks({ cwd: repoRoot, patterns: ['./examples/...'], checks });
  const cases = listExampleCases();
  assert.ok(cases.length >= 5);
  for (const c of cases) {
    const inCase = run.findings.filter((f) => f.file.startsWith(join(repoRoot, c.dir) + '/'));
    if (c.label === 'norace') {
      assert.deepEqual(inCase.map((f) => `${f.line}: ${f.message}`), [], `${c.dir} is race-free`);
      continue;
    }
    const marked = new Set(c.raceLines.map((r) => `${join(repoRoot, r.file)}:${r.line}`));
    const hit = inCase.some(
      (f) => f.check === 'map-race' && [f, ...f.related].some((l) => marked.has(`${l.file}:${l.line}`)),
    );
    assert.ok(hit, `${c.dir}: no map-race finding at a // race line (got ${JSON.stringify(inCase.map((f) => `${f.check} ${f.line}`))})`);
  }
});
