// Races reached through calls into another package of the module are reported where the
// accesses are (in that package's files), so the suppression comments there apply to
// them, and such a comment is not called unused by its own package's run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecks } from '../driver.js';
import { mapRace } from '../../checks/map-race/index.js';
import { badSuppressionCheck } from '../suppress.js';
import { importedCode } from './crosspkg.js';

const APP = `package app

import "example.com/xs/store"

func Run(x *store.Index) int {
	done := make(chan bool)
	go func() {
		x.Set("a")
		done <- true
	}()
	n := x.Len()
	<-done
	return n
}
`;

function storeSource(suppressed: boolean): string {
  return `package store

type Index struct{ ids map[string]int }

func (x *Index) Set(k string) { x.ids[k] = 1 }

${suppressed ? '//racewatch:ignore map-race callers hold their own lock around Len\n' : ''}func (x *Index) Len() int { return len(x.ids) }
`;
}

/** The module: `pairs` packages store, store2, ... each called by its own app, app2, .... */
function module(suppressed: boolean, pairs: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-xpkg-'));
  writeFileSync(join(dir, 'go.mod'), 'module example.com/xs\n\ngo 1.22\n');
  for (let i = 1; i <= pairs; i++) {
    const n = i === 1 ? '' : String(i);
    mkdirSync(join(dir, `store${n}`));
    writeFileSync(join(dir, `store${n}`, 'store.go'), storeSource(suppressed).replace('package store', `package store${n}`));
    mkdirSync(join(dir, `app${n}`));
    writeFileSync(join(dir, `app${n}`, 'app.go'), APP.replace('package app', `package app${n}`).replace(/\bstore\b/g, `store${n}`));
  }
  return dir;
}

/** `check file:line (where the other access's goroutine starts)` of each finding. */
async function findings(suppressed: boolean, patterns: string[], workers = 0, pairs = 1) {
  const dir = module(suppressed, pairs);
  try {
    const run = await runChecks({ cwd: dir, patterns, checks: [mapRace, badSuppressionCheck], workers });
    const rel = (f: string) => f.slice(dir.length + 1);
    return run.findings.map((f) => `${f.check} ${rel(f.file)}:${f.line}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a race inside another package, reached from this one, is reported at its accesses there', async () => {
  assert.deepEqual(await findings(false, ['./...']), ['map-race store/store.go:7']);
  assert.deepEqual(await findings(false, ['./app']), ['map-race store/store.go:7']);
});

test('worker threads follow calls across packages too (with or without the type checker)', async () => {
  // Six callers for two workers: both get some (only the first worker has the type checker).
  const stores = ['store', 'store2', 'store3', 'store4', 'store5', 'store6'];
  assert.deepEqual(await findings(false, ['./...'], 2, stores.length), stores.map((s) => `map-race ${s}/store.go:7`));
  assert.deepEqual(await findings(true, ['./...'], 2, stores.length), []);
});

test('suppression comments in the called package apply, and are not called unused there', async () => {
  assert.deepEqual(await findings(true, ['./...']), []);
  assert.deepEqual(await findings(true, ['./app']), []);
});

test('mayFollow answers without loading, and is true for every package of the importer\'s module', () => {
  const asked: string[] = [];
  const find = (p: string) => {
    asked.push(p);
    return null;
  };
  const app = importedCode(find, { dir: '/m/app', inGoroot: false, module: { path: 'example.com/xs', dir: '/m' } }, () => 0);
  assert.equal(app.mayFollow!('example.com/xs/store'), true);
  assert.equal(app.mayFollow!('example.com/xs'), true);
  assert.equal(app.mayFollow!('example.com/xsother'), false);
  assert.equal(app.mayFollow!('sync'), false);
  assert.equal(app.mayFollow!('example.com/xs/errgroup'), false);
  const outside = importedCode(find, { dir: '/tmp/x', inGoroot: false, module: null }, () => 0);
  assert.equal(outside.mayFollow!('example.com/xs/store'), false);
  if (process.env['RACEWATCH_FOLLOW_GOROOT'] !== '1') {
    const std = importedCode(find, { dir: '/goroot/src/net/http', inGoroot: true, module: { path: 'std', dir: '/goroot/src' } }, () => 0);
    assert.equal(std.mayFollow!('net/textproto'), false);
  }
  assert.deepEqual(asked, []);
});
