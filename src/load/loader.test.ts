import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, requireGo } from '../testutil/go.js';
import { createLoader } from './loader.js';
import { readHeader } from './header.js';
import { compareSelections, goList, type GoListPackage } from './golist.js';
import type { LoadOptions, SourcePackage } from './package.js';

const testdata = join(repoRoot, 'src', 'load', 'testdata');
const modcache = join(testdata, 'modcache');

/** Runs `fn` with environment variables set (undefined deletes), restoring them afterwards. */
function withEnv<T>(env: Record<string, string | undefined>, fn: () => T): T {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) {
    saved[k] = process.env[k];
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  try {
    return fn();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

interface Variant {
  label: string;
  opts: Partial<LoadOptions>;
  goArgs: string[];
  env: Record<string, string>;
}

const variants: Variant[] = [
  { label: 'host', opts: {}, goArgs: [], env: {} },
  { label: 'GOOS=windows', opts: { goos: 'windows', goarch: 'amd64' }, goArgs: [], env: { GOOS: 'windows', GOARCH: 'amd64' } },
  { label: 'GOOS=darwin GOARCH=arm64', opts: { goos: 'darwin', goarch: 'arm64' }, goArgs: [], env: { GOOS: 'darwin', GOARCH: 'arm64' } },
  { label: 'GOARCH=386', opts: { goarch: '386' }, goArgs: [], env: { GOARCH: '386' } },
  { label: '-tags x', opts: { tags: ['x'] }, goArgs: ['-tags', 'x'], env: {} },
  { label: 'CGO_ENABLED=0', opts: {}, goArgs: [], env: { CGO_ENABLED: '0' } },
  { label: 'GOFLAGS=-tags=x', opts: {}, goArgs: [], env: { GOFLAGS: '-tags=x' } },
];

const fixtureModules = ['modmain', 'localdep', 'workspace/a', 'workspace/b', 'vendored', 'broken', 'workvendor/m'];

function loadAll(dir: string, v: Variant, patterns = ['./...']): SourcePackage[] {
  // The loader reads GOOS/GOARCH/CGO_ENABLED from the environment when options leave them out.
  const env: Record<string, string | undefined> = { GOOS: undefined, GOARCH: undefined, CGO_ENABLED: undefined, GOFLAGS: undefined, ...v.env };
  return withEnv(env, () => createLoader({ cwd: dir, tests: true, ...v.opts }).packages(patterns).packages);
}

for (const mod of fixtureModules) {
  test(`file selection agrees with go list in ${mod}`, (t) => {
    if (!requireGo(t)) return;
    const dir = join(testdata, mod);
    for (const v of variants) {
      const theirs = goList(dir, [...v.goArgs, './...'], v.env);
      const ours = loadAll(dir, v);
      const c = compareSelections(ours, theirs);
      assert.deepEqual(c.disagreements, [], `${mod} ${v.label}`);
      assert.deepEqual(c.onlyGo, [], `${mod} ${v.label}: packages only go list found`);
      assert.deepEqual(c.onlyOurs, [], `${mod} ${v.label}: packages only racewatch found`);
      assert.ok(c.compared > 0, `${mod} ${v.label}: nothing compared`);
    }
  });
}

test('with -test, go list\'s test variants are our files plus the test files', (t) => {
  if (!requireGo(t)) return;
  const dir = join(testdata, 'modmain');
  const theirs = goList(dir, ['-test', './...']);
  const ours = loadAll(dir, variants[0]!);
  const byPath = new Map(ours.map((p) => [p.importPath, p]));
  const base = (f: string): string => f.slice(f.lastIndexOf('/') + 1);
  const files = (g: GoListPackage): string => [...(g.GoFiles ?? []), ...(g.CgoFiles ?? [])].sort().join(' ');
  let checked = 0;
  for (const g of theirs) {
    const m = /^(\S+) \[(\S+)\.test\]$/.exec(g.ImportPath);
    if (!m) continue;
    const pkg = byPath.get(m[2]!);
    assert.ok(pkg, g.ImportPath);
    const want = m[1] === m[2] ? [...pkg.goFiles, ...pkg.testGoFiles] : pkg.xTestGoFiles;
    assert.equal(want.map(base).sort().join(' '), files(g), g.ImportPath);
    checked++;
  }
  assert.ok(checked >= 3, `only ${checked} test variants compared`);
});

test('file selection agrees with go list over GOROOT/src (std and cmd, and ./...)', (t) => {
  const go = requireGo(t);
  if (!go) return;
  const src = join(go.goroot, 'src');
  const runs: [Variant, string[]][] = [
    [variants[0]!, ['std', 'cmd']],
    [variants[1]!, ['std', 'cmd']],
    [variants[0]!, ['./...']],
    [variants[5]!, ['net/...', 'runtime/...', 'cmd/go/...']],
  ];
  for (const [v, patterns] of runs) {
    const theirs = goList(src, patterns, v.env);
    const loader = withEnv({ GOOS: undefined, GOARCH: undefined, CGO_ENABLED: undefined, ...v.env }, () =>
      createLoader({ cwd: src, tests: true, ...v.opts }),
    );
    const ours = loader.packages(patterns).packages;
    const c = compareSelections(ours, theirs);
    const pct = ((100 * c.agreeing) / Math.max(1, theirs.length)).toFixed(2);
    console.log(`GOROOT/src ${patterns.join(' ')} ${v.label}: ${c.agreeing}/${theirs.length} packages agree with go list (${pct}%)`);
    for (const d of c.disagreements) console.log(`  disagreement: ${d}`);
    for (const p of c.onlyGo) console.log(`  only go list: ${p}`);
    for (const p of c.onlyOurs) console.log(`  only racewatch: ${p}`);
    assert.deepEqual(c.disagreements, []);
    assert.deepEqual(c.onlyGo, []);
    assert.deepEqual(c.onlyOurs, []);
  }
});

test('imports resolve through the main module, replacements, the module cache and stubs', () => {
  withEnv({ GOMODCACHE: modcache, GOFLAGS: undefined, GOWORK: undefined }, () => {
    const dir = join(testdata, 'modmain');
    const from = join(dir, 'uses');
    const loader = createLoader({ cwd: dir, tests: true });

    const cache = loader.resolveImport('example.com/modmain/internal/cache', from)!;
    assert.equal(cache.dir, join(dir, 'internal', 'cache'));
    assert.equal(cache.name, 'cache');
    assert.deepEqual(cache.module, { path: 'example.com/modmain', dir, goVersion: '1.22', main: true });
    assert.equal(cache.goVersion, '1.22');
    assert.equal(cache.standard, false);

    const sub = loader.resolveImport('example.com/dep/sub', from)!;
    assert.equal(sub.dir, join(modcache, 'example.com', 'dep@v1.2.3', 'sub'));
    assert.equal(sub.module?.path, 'example.com/dep');
    assert.equal(sub.goVersion, '1.19');

    // Not required by the main module: found through dep's go.mod, at the version selected.
    const trans = loader.resolveImport('example.com/trans/t', sub.dir)!;
    assert.equal(trans.dir, join(modcache, 'example.com', 'trans@v0.5.0', 't'));

    const upper = loader.resolveImport('example.com/Upper/pkg', from)!;
    assert.equal(upper.dir, join(modcache, 'example.com', '!upper@v0.1.0', 'pkg'));

    const local = loader.resolveImport('example.com/local/lib', from)!;
    assert.equal(local.dir, join(testdata, 'localdep', 'lib'));
    assert.equal(local.module?.goVersion, '1.20');
    assert.equal(local.module?.main, false);

    const swapped = loader.resolveImport('example.com/swapped', from)!;
    assert.equal(swapped.dir, join(modcache, 'example.com', 'other@v2.0.0+incompatible'));
    assert.equal(swapped.importPath, 'example.com/swapped');

    assert.equal(loader.resolveImport('example.com/gone/pkg', from), null);
    assert.equal(loader.resolveImport('example.com/gone/other', from), null);
    assert.equal(loader.resolveImport('example.com/modmain/nested', from), null, 'a nested module is not part of the main module');

    const errgroup = loader.resolveImport('golang.org/x/sync/errgroup', from)!;
    assert.equal(errgroup.stub, true);
    assert.equal(errgroup.name, 'errgroup');
    assert.ok(errgroup.goFiles.length > 0);

    const notes = loader.notes();
    assert.equal(notes.filter((n) => n.includes('example.com/gone@v1.0.0')).length, 1, notes.join('\n'));
    assert.ok(notes.some((n) => n.includes('go mod download example.com/gone')), notes.join('\n'));
    assert.ok(notes.some((n) => n.includes('golang.org/x/sync@v0.7.0') && n.includes('built-in description')), notes.join('\n'));
    assert.ok(notes.some((n) => n.includes('example.com/modmain/nested')), notes.join('\n'));
  });
});

test('standard library imports come from GOROOT, with GOROOT/src/vendor inside std', (t) => {
  const go = requireGo(t);
  if (!go) return;
  const loader = createLoader({ cwd: join(testdata, 'modmain'), tests: false });
  const sync = loader.resolveImport('sync', join(testdata, 'modmain'))!;
  assert.equal(sync.dir, join(go.goroot, 'src', 'sync'));
  assert.equal(sync.standard, true);
  assert.equal(sync.stub, false);
  assert.equal(sync.module, null);
  assert.deepEqual(sync.testGoFiles, [], 'tests: false leaves test files out');
  const fromNet = loader.resolveImport('golang.org/x/net/dns/dnsmessage', join(go.goroot, 'src', 'net'))!;
  assert.equal(fromNet.importPath, 'vendor/golang.org/x/net/dns/dnsmessage');
  assert.equal(fromNet.dir, join(go.goroot, 'src', 'vendor', 'golang.org', 'x', 'net', 'dns', 'dnsmessage'));
  const fromCmd = loader.resolveImport('golang.org/x/mod/module', join(go.goroot, 'src', 'cmd', 'go'))!;
  assert.equal(fromCmd.importPath, 'cmd/vendor/golang.org/x/mod/module');
  const unsafe = loader.resolveImport('unsafe', join(testdata, 'modmain'))!;
  assert.equal(unsafe.name, 'unsafe');
  assert.equal(loader.resolveImport('C', join(testdata, 'modmain', 'cgo')), null);
});

test('without GOROOT the built-in stubs stand in for the standard library', () => {
  const loader = createLoader({ cwd: join(testdata, 'modmain'), tests: true, goroot: null });
  for (const path of ['sync', 'sync/atomic', 'unsafe', 'reflect', 'runtime', 'context', 'time', 'net/http', 'fmt', 'errors', 'maps', 'slices', 'encoding/json']) {
    const pkg = loader.resolveImport(path, join(testdata, 'modmain'));
    assert.ok(pkg, path);
    assert.equal(pkg.stub, true, path);
    assert.equal(pkg.standard, true, path);
    assert.equal(pkg.name, path.slice(path.lastIndexOf('/') + 1), path);
    assert.ok(pkg.goFiles.length > 0, path);
  }
  // The stubs import only one another.
  const errgroup = loader.resolveImport('golang.org/x/sync/errgroup', join(testdata, 'modmain'))!;
  const queue = [errgroup, loader.resolveImport('net/http', join(testdata, 'modmain'))!];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const pkg = queue.pop()!;
    if (seen.has(pkg.importPath)) continue;
    seen.add(pkg.importPath);
    for (const file of pkg.goFiles) {
      for (const imp of readHeader(file).imports) {
        const dep = loader.resolveImport(imp, pkg.dir);
        assert.ok(dep?.stub, `${pkg.importPath} imports ${imp}, which has no stub`);
        queue.push(dep);
      }
    }
  }
  assert.ok(seen.size >= 8, [...seen].join(' '));
  assert.equal(loader.resolveImport('os/exec', join(testdata, 'modmain')), null);
  assert.ok(loader.notes().some((n) => n.includes('GOROOT')));
});

test('go.work: use and replace directives', () => {
  withEnv({ GOWORK: undefined, GOFLAGS: undefined }, () => {
    const ws = join(testdata, 'workspace');
    const loader = createLoader({ cwd: join(ws, 'a'), tests: true });
    const bb = loader.resolveImport('example.com/b/bb', join(ws, 'a'))!;
    assert.equal(bb.dir, join(ws, 'b', 'bb'));
    assert.equal(bb.module?.main, true);
    assert.equal(bb.goVersion, '1.22');
    const wdep = loader.resolveImport('example.com/wdep', join(ws, 'a'))!;
    assert.equal(wdep.dir, join(ws, 'wdep'));
    assert.equal(wdep.goVersion, '1.20');
    // Patterns naming other workspace modules work by import path.
    const { packages } = loader.packages(['example.com/b/...']);
    assert.deepEqual(packages.map((p) => p.importPath), ['example.com/b/bb']);
  });
  withEnv({ GOWORK: 'off' }, () => {
    const ws = join(testdata, 'workspace');
    const loader = createLoader({ cwd: join(ws, 'a'), tests: true });
    assert.equal(loader.resolveImport('example.com/b/bb', join(ws, 'a')), null);
  });
});

test('vendor/: used when go.mod says go >= 1.14 and modules.txt exists, unless -mod=mod', () => {
  const dir = join(testdata, 'vendored');
  withEnv({ GOFLAGS: undefined, GOMODCACHE: modcache }, () => {
    const inner = createLoader({ cwd: dir, tests: true }).resolveImport('example.com/vdep/inner', dir)!;
    assert.equal(inner.dir, join(dir, 'vendor', 'example.com', 'vdep', 'inner'));
    assert.equal(inner.module?.path, 'example.com/vdep');
    assert.equal(inner.goVersion, '1.20');
  });
  withEnv({ GOFLAGS: undefined, GOWORK: undefined }, () => {
    // go work vendor: the workspace root's vendor/ serves every workspace module (go.work at 1.22+).
    const ws = join(testdata, 'workvendor');
    const p = createLoader({ cwd: join(ws, 'm'), tests: true }).resolveImport('example.com/wv/p', join(ws, 'm'))!;
    assert.equal(p.dir, join(ws, 'vendor', 'example.com', 'wv', 'p'));
    assert.equal(p.goVersion, '1.21');
  });
  withEnv({ GOFLAGS: '-mod=mod', GOMODCACHE: modcache }, () => {
    const loader = createLoader({ cwd: dir, tests: true });
    assert.equal(loader.resolveImport('example.com/vdep/inner', dir), null);
    assert.ok(loader.notes().some((n) => n.includes('example.com/vdep@v1.0.0')));
  });
});

test('patterns: dir/..., import paths, directories, files, and their errors', () => {
  const dir = join(testdata, 'modmain');
  withEnv({ GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0' }, () => {
    const loader = createLoader({ cwd: dir, tests: true });
    const paths = (patterns: string[]): string[] => loader.packages(patterns).packages.map((p) => p.importPath);
    assert.deepEqual(paths(['./internal/...']), ['example.com/modmain/internal/cache']);
    assert.deepEqual(paths(['example.com/modmain/internal/...', 'example.com/modmain/cgo']), [
      'example.com/modmain/internal/cache',
      'example.com/modmain/cgo',
    ]);
    assert.deepEqual(paths(['./c...']), ['example.com/modmain/cgo', 'example.com/modmain/constraints']);
    assert.ok(!paths(['./...']).includes('example.com/modmain/allexcluded'));
    // go.mod's ignore directive: ./ignored from the root, node_modules at any depth; named directly, they load.
    assert.ok(paths(['./...']).includes('example.com/modmain/web'));
    assert.ok(!paths(['./...']).some((p) => p.includes('ignored') || p.includes('node_modules')));
    assert.deepEqual(paths(['./ignored/sub']), ['example.com/modmain/ignored/sub']);
    assert.deepEqual(paths(['.']), ['example.com/modmain']);

    const files = loader.packages(['constraints/expr.go', './constraints/windows_only.go']);
    assert.equal(files.packages.length, 1);
    assert.equal(files.packages[0]!.importPath, 'command-line-arguments');
    assert.deepEqual(files.packages[0]!.goFiles, [join(dir, 'constraints', 'expr.go')]);
    assert.deepEqual(files.packages[0]!.ignoredGoFiles, [join(dir, 'constraints', 'windows_only.go')]);

    const excluded = loader.packages(['./allexcluded']);
    assert.equal(excluded.packages.length, 1);
    assert.match(excluded.errors[0]!.message, /build constraints exclude all Go files/);
    assert.match(loader.packages(['./nonexistent']).errors[0]!.message, /does not exist/);
    assert.match(loader.packages(['example.com/nowhere/x']).errors[0]!.message, /cannot find package/);
    assert.match(loader.packages(['a.go', './cgo']).errors[0]!.message, /cannot mix/);
  });
});

test('files go/build rejects or complains about give errors with positions, never exceptions', () => {
  const dir = join(testdata, 'broken');
  const loader = createLoader({ cwd: dir, tests: true });
  const { packages, errors } = loader.packages(['./...']);
  assert.deepEqual(packages.map((p) => p.importPath), ['example.com/broken/bad', 'example.com/broken/badconstraint', 'example.com/broken/mixed']);
  const where = (name: string): string => {
    const e = errors.find((x) => x.file.endsWith(`/${name}`));
    return e ? `${e.line}:${e.column} ${e.message}` : 'none';
  };
  assert.equal(where('badbuild.go'), '1:1 parsing //go:build line: unexpected end of expression');
  assert.equal(where('twobuild.go'), '2:1 multiple //go:build comments');
  assert.equal(where('nopkg.go'), "3:1 expected 'package'");
  assert.match(where('cgo_test.go'), /use of cgo in test/);
  assert.match(where('b.go'), /found packages mixed and other/);
  assert.equal(packages[0]!.name, 'bad');
});

test('settings written by go env -w apply when the environment leaves them unset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-goenv-'));
  try {
    const file = join(dir, 'env');
    writeFileSync(file, 'GOOS=windows\nGOFLAGS=-tags=x\n');
    withEnv({ GOENV: file, GOOS: undefined, GOARCH: 'amd64', GOFLAGS: undefined, CGO_ENABLED: undefined }, () => {
      const loader = createLoader({ cwd: join(testdata, 'modmain'), tests: true });
      const pkg = loader.packages(['./constraints']).packages[0]!;
      const names = pkg.goFiles.map((f) => f.slice(f.lastIndexOf('/') + 1));
      assert.ok(names.includes('windows_only.go'), names.join(' '));
      assert.ok(names.includes('tag_x.go'), names.join(' '));
    });
    withEnv({ GOENV: file, GOOS: 'linux', GOARCH: 'amd64', GOFLAGS: undefined }, () => {
      const loader = createLoader({ cwd: join(testdata, 'modmain'), tests: true, tags: [] });
      const names = loader.packages(['./constraints']).packages[0]!.goFiles.map((f) => f.slice(f.lastIndexOf('/') + 1));
      assert.ok(!names.includes('windows_only.go') && !names.includes('tag_x.go'), 'the environment and options win over the file');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a malformed go.mod or go.work is reported with file:line:col, and loading goes on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-badmod-'));
  try {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/bad\n\ngo 1.22\n\nrequire example.com/x\nreplace example.com/y =>\n');
    writeFileSync(join(dir, 'a.go'), 'package a\n');
    withEnv({ GOWORK: undefined, GOFLAGS: undefined }, () => {
      const { packages, errors } = createLoader({ cwd: dir, tests: true }).packages(['./...']);
      assert.deepEqual(packages.map((p) => p.importPath), ['example.com/bad']);
      const where = errors.map((e) => `${e.file.slice(dir.length + 1)}:${e.line}:${e.column}`);
      assert.deepEqual(where, ['go.mod:5:1', 'go.mod:6:1']);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
