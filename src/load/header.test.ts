import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHeader, scanHeader } from './header.js';

test('reads the package clause and imports, including cgo\'s "C"', () => {
  const h = scanHeader('// doc\npackage foo // trailing\n\nimport "fmt"\nimport (\n\tx "os"\n\t. `strings`\n\t_ "C"\n)\nimport "io"; func f() {}\n', true)!;
  assert.equal(h.packageName, 'foo');
  assert.deepEqual(h.imports, ['fmt', 'os', 'strings', 'C', 'io']);
  assert.equal(h.error, null);
});

test('finds //go:build after other comments and ignores it inside block comments or after the package clause', () => {
  assert.equal(scanHeader('// Copyright\n\n//go:build linux\n\npackage p\n', true)!.goBuild, '//go:build linux');
  assert.equal(scanHeader('/*\n//go:build linux\n*/\npackage p\n', true)!.goBuild, null);
  assert.equal(scanHeader('package p\n//go:build linux\n', true)!.goBuild, null);
  const twice = scanHeader('//go:build a\n//go:build b\n\npackage p\n', true)!;
  assert.match(twice.constraintError!.message, /multiple \/\/go:build/);
});

test('// +build lines count only when a blank line follows them', () => {
  assert.deepEqual(scanHeader('// +build linux\n\npackage p\n', true)!.plusBuild, ['// +build linux']);
  assert.deepEqual(scanHeader('// +build linux\npackage p\n', true)!.plusBuild, []);
  assert.deepEqual(scanHeader('// +build a\n// +build b\n\n// doc\npackage p\n', true)!.plusBuild, ['// +build a', '// +build b']);
});

test('reports a missing package clause with its position', () => {
  const h = scanHeader('// only a comment\n\nfunc f() {}\n', true)!;
  assert.equal(h.packageName, null);
  assert.deepEqual([h.error!.line, h.error!.column], [3, 1]);
  assert.equal(scanHeader('', true)!.packageName, null);
});

test('asks for the whole file when the header runs past the first chunk', () => {
  assert.equal(scanHeader('/* long comment', false), null);
  assert.equal(scanHeader('package p\nimport (\n"fmt"\n', false), null);
  const dir = mkdtempSync(join(tmpdir(), 'rw-header-'));
  try {
    const file = join(dir, 'big.go');
    writeFileSync(file, '\ufeff' + '// filler line of comment text\n'.repeat(2000) + '\n//go:build linux\n\npackage big\n\nimport "C"\n');
    const h = readHeader(file);
    assert.equal(h.packageName, 'big');
    assert.equal(h.goBuild, '//go:build linux');
    assert.deepEqual(h.imports, ['C']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('never throws on arbitrary text (deterministic random inputs and every prefix of a real header)', () => {
  let seed = 12345;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ['package', ' p', '\n', '//go:build', ' linux', '&&', '(', ')', '!', '/*', '*/', 'import', '(', '"C"', '`x`', '"', '\\', ';', '// +build', ' a,b', '\ufeff', 'é', '\t', '_', '.'];
  for (let i = 0; i < 3000; i++) {
    let text = '';
    const n = Math.floor(next() * 30);
    for (let j = 0; j < n; j++) text += pieces[Math.floor(next() * pieces.length)];
    for (const complete of [true, false]) {
      const h = scanHeader(text, complete);
      if (complete) assert.ok(h !== null);
    }
  }
  const real = '// Copyright\n\n//go:build linux && !cgo\n// +build linux,!cgo\n\n/* doc */\npackage p // c\n\nimport (\n\t"fmt"\n\tx `os`\n)\n\nfunc f() {}\n';
  for (let i = 0; i <= real.length; i++) {
    assert.ok(scanHeader(real.slice(0, i), true) !== null);
    const partial = scanHeader(real.slice(0, i), false);
    if (partial !== null && i < real.length) assert.ok(partial.packageName !== null || partial.error !== null);
  }
});
