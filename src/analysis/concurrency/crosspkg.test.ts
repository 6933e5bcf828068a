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

function module(suppressed: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-xpkg-'));
  writeFileSync(join(dir, 'go.mod'), 'module example.com/xs\n\ngo 1.22\n');
  mkdirSync(join(dir, 'store'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'store', 'store.go'), storeSource(suppressed));
  writeFileSync(join(dir, 'app', 'app.go'), APP);
  return dir;
}

async function findings(suppressed: boolean, patterns: string[]) {
  const dir = module(suppressed);
  try {
    const run = await runChecks({ cwd: dir, patterns, checks: [mapRace, badSuppressionCheck], workers: 0 });
    return run.findings.map((f) => `${f.check} ${f.file.slice(dir.length + 1)}:${f.line}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a race inside another package, reached from this one, is reported at its accesses there', async () => {
  assert.deepEqual(await findings(false, ['./...']), ['map-race store/store.go:7']);
  assert.deepEqual(await findings(false, ['./app']), ['map-race store/store.go:7']);
});

test('suppression comments in the called package apply, and are not called unused there', async () => {
  assert.deepEqual(await findings(true, ['./...']), []);
  assert.deepEqual(await findings(true, ['./app']), []);
});
