import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { repoRoot } from '../testutil/go.js';
import { typesCommand } from '../cli/commands/types.js';

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  });
  return { stream, text: () => out };
}

const cacheDir = join(repoRoot, 'src', 'types', 'testdata', 'mod', 'cache');

test('racewatch types --json prints object and type per position, one load for all', async () => {
  const out = sink();
  const err = sink();
  // cache.go line 37: `	v, ok := c.items[k]`; line 35: `	c.mu.RLock()`; line 51: `	c.m.Store(k, v)`.
  const code = await typesCommand.run(['--json', 'cache.go:37:13', 'cache.go:35:4', 'cache.go:51:6', 'cache.go:37:2'], { stdout: out.stream, stderr: err.stream, cwd: cacheDir });
  assert.equal(code, 0, err.text());
  const lines = out.text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  assert.deepEqual(lines[0], { pos: 'cache.go:37:13', object: 'field', name: 'items', type: 'map[string]*net/http.Cookie' });
  assert.deepEqual(lines[1], { pos: 'cache.go:35:4', object: 'field', name: 'mu', type: 'sync.RWMutex' });
  assert.deepEqual(lines[2], { pos: 'cache.go:51:6', object: 'method', name: 'Store', type: 'func(key any, value any)' });
  assert.deepEqual(lines[3], { pos: 'cache.go:37:2', object: 'var', name: 'v', type: '*net/http.Cookie' });
});

test('racewatch types reports positions it cannot resolve and goes on', async () => {
  const out = sink();
  const err = sink();
  const code = await typesCommand.run(['cache.go:1:1', 'nosuch.go:1:1', 'cache.go:35:4'], { stdout: out.stream, stderr: err.stream, cwd: cacheDir });
  assert.equal(code, 1);
  assert.match(err.text(), /cache\.go:1:1: no identifier or selector expression here/);
  assert.match(err.text(), /nosuch\.go:1:1: no such file/);
  assert.match(out.text(), /cache\.go:35:4: field mu sync\.RWMutex/);
  await assert.rejects(typesCommand.run(['cache.go'], { stdout: out.stream, stderr: err.stream, cwd: cacheDir }), /want FILE:LINE:COL/);
});
