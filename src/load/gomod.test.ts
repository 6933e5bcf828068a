import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSemver, escapeModulePath, languageVersion, parseGoMod, parseGoWork, parseVendorModules } from './gomod.js';

test('go.mod: module, go, toolchain, require blocks, replace forms, exclude, comments', () => {
  const mod = parseGoMod(`// comment
module "example.com/m" // trailing

go 1.22.3
toolchain go1.23.0
require (
\texample.com/a v1.0.0 // indirect
\texample.com/b v0.0.0-20240101000000-abcdefabcdef
)
require example.com/c v2.0.0+incompatible
exclude example.com/a v0.9.0
replace example.com/a => ../a
replace (
\texample.com/b v0.1.0 => example.com/b2 v0.2.0
)
retract [v1.0.0, v1.0.5]
godebug default=go1.21
ignore (
	./web/static
	node_modules
)
`);
  assert.deepEqual(mod.ignore, ['./web/static', 'node_modules']);
  assert.equal(mod.module, 'example.com/m');
  assert.equal(mod.go, '1.22.3');
  assert.equal(mod.toolchain, 'go1.23.0');
  assert.deepEqual(mod.require.map((r) => `${r.path}@${r.version}`), [
    'example.com/a@v1.0.0',
    'example.com/b@v0.0.0-20240101000000-abcdefabcdef',
    'example.com/c@v2.0.0+incompatible',
  ]);
  assert.deepEqual(mod.exclude, [{ path: 'example.com/a', version: 'v0.9.0' }]);
  assert.deepEqual(mod.replace, [
    { oldPath: 'example.com/a', oldVersion: '', newPath: '../a', newVersion: '' },
    { oldPath: 'example.com/b', oldVersion: 'v0.1.0', newPath: 'example.com/b2', newVersion: 'v0.2.0' },
  ]);
  assert.deepEqual(mod.errors, []);
  assert.equal(parseGoMod('replace a =>\n').errors.length, 1);
  assert.equal(parseGoMod('require (\n a v1\n').errors.length, 1);
});

test('go.work: use blocks and replace', () => {
  const work = parseGoWork('go 1.22\nuse (\n\t./a\n\t"./b c"\n)\nuse ./d\nreplace x => ./y\n');
  assert.deepEqual(work.use, ['./a', './b c', './d']);
  assert.equal(work.replace[0]!.newPath, './y');
});

test('module cache case encoding and versions', () => {
  assert.equal(escapeModulePath('github.com/Azure/Go-Foo'), 'github.com/!azure/!go-!foo');
  assert.equal(languageVersion('1.22.3'), '1.22');
  assert.equal(languageVersion('1.21rc1'), '1.21');
  assert.equal(languageVersion(''), '');
  assert.ok(compareSemver('v1.10.0', 'v1.9.0') > 0);
  assert.ok(compareSemver('v1.0.0', 'v1.0.0-rc.1') > 0);
  assert.ok(compareSemver('v1.0.0-rc.2', 'v1.0.0-rc.10') < 0);
  assert.ok(compareSemver('v0.0.0-20240101000000-abc', 'v0.0.0-20230101000000-def') > 0);
  assert.equal(compareSemver('v2.0.0+incompatible', 'v2.0.0'), 0);
});

test('vendor/modules.txt: modules, their packages and go versions', () => {
  const m = parseVendorModules('# example.com/a v1.0.0\n## explicit; go 1.20\nexample.com/a\nexample.com/a/b\n# example.com/c v0.1.0 => ../c\n## explicit\nexample.com/c/d\n');
  assert.equal(m.packages.get('example.com/a/b'), 'example.com/a');
  assert.equal(m.packages.get('example.com/c/d'), 'example.com/c');
  assert.equal(m.modules.get('example.com/a'), 'v1.0.0');
  assert.equal(m.goVersions.get('example.com/a'), '1.20');
  assert.equal(m.goVersions.get('example.com/c'), undefined);
});

test('go.mod, go.work and modules.txt parsers never throw on arbitrary text', () => {
  let seed = 777;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ['module', 'require', 'replace', '=>', '(', ')', '"', '`', '//', '\n', ' ', 'v1.2.3', 'example.com/x', '../d', '#', '##', 'go', '1.22'];
  for (let i = 0; i < 3000; i++) {
    let text = '';
    const n = Math.floor(next() * 40);
    for (let j = 0; j < n; j++) text += pieces[Math.floor(next() * pieces.length)];
    parseGoMod(text);
    parseGoWork(text);
    parseVendorModules(text);
  }
});
