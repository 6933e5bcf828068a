import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analysis, Check } from './check.js';
import { runChecks } from './driver.js';
import { AnalysisCycleError, validateRequirements } from './runner.js';
import { badSuppressionCheck } from './suppress.js';
import { runtimeLinkname } from '../checks/runtime-linkname/index.js';
import { staleLenLoop } from '../checks/stale-len-loop/index.js';
import { dataRace } from '../checks/data-race/index.js';
import { repoRoot } from '../testutil/go.js';

function module(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'racewatch-driver-'));
  writeFileSync(join(root, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function checkOf(name: string, requires: Analysis<unknown>[], run: Check['run'], syntaxOnly = true): Check {
  return { name, severity: 'warning', requires, syntaxOnly, doc: { title: name, markdown: '' }, run };
}

test('analyses run once per package, dependencies first, shared by every check', async () => {
  const calls: string[] = [];
  const files: Analysis<number> = { name: 'files', requires: [], run: (p) => (calls.push(`files ${p.pkg.importPath}`), p.pkg.files.length) };
  const doubled: Analysis<number> = { name: 'doubled', requires: [files], run: (p) => (calls.push(`doubled ${p.pkg.importPath}`), 2 * p.resultOf(files)) };
  const seen: number[] = [];
  const c1 = checkOf('c-one', [doubled], (p) => void seen.push(p.resultOf(doubled)));
  const c2 = checkOf('c-two', [doubled, files], (p) => void seen.push(p.resultOf(files)));
  const root = module({ 'a/a.go': 'package a\n', 'a/b.go': 'package a\n', 'b/b.go': 'package b\n' });
  const run = await runChecks({ cwd: root, patterns: ['./...'], checks: [c1, c2], workers: 0 });
  assert.deepEqual(run.errors, []);
  assert.deepEqual(calls, ['files example.com/m/a', 'doubled example.com/m/a', 'files example.com/m/b', 'doubled example.com/m/b']);
  assert.deepEqual(seen, [4, 2, 2, 1]);
});

test('cyclic requirements are rejected before anything runs', async () => {
  const x: Analysis<number> = { name: 'x', requires: [], run: () => 1 };
  const y: Analysis<number> = { name: 'y', requires: [x], run: () => 2 };
  x.requires.push(y);
  const c = checkOf('c', [y], () => {});
  assert.throws(() => validateRequirements([c]), (e: unknown) => e instanceof AnalysisCycleError && /c -> y -> x -> y/.test(e.message));
  await assert.rejects(runChecks({ cwd: repoRoot, patterns: ['./nothing'], checks: [c], workers: 0 }), AnalysisCycleError);
});

test('a failing check or an undeclared analysis costs only that check; parse errors are listed and the rest is checked', async () => {
  const secret: Analysis<number> = { name: 'secret', requires: [], run: () => 42 };
  const sneaky = checkOf('sneaky', [], (p) => void p.resultOf(secret));
  const thrower = checkOf('thrower', [], () => {
    throw new Error('boom');
  });
  const root = module({
    'p/good.go': 'package p\n\nimport _ "unsafe"\n\n//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n',
    'p/bad.go': 'package p\n\nfunc broken( {\n',
  });
  const run = await runChecks({ cwd: root, patterns: ['./...'], checks: [sneaky, thrower, runtimeLinkname], workers: 0 });
  const errs = run.errors.map((e) => `${e.file.slice(root.length + 1)}:${e.line}:${e.column}: ${e.message}`);
  assert.ok(errs.some((e) => /^p\/bad\.go:3:\d+: /.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /sneaky failed on package example\.com\/m\/p: sneaky reads analysis secret without listing it in requires/.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /thrower failed on package example\.com\/m\/p: boom/.test(e)), errs.join('\n'));
  assert.deepEqual(run.findings.map((f) => `${f.file.slice(root.length + 1)}:${f.line} ${f.check}`), ['p/good.go:5 runtime-linkname']);
  assert.deepEqual(run.stats.packages, 1);
  assert.deepEqual(run.stats.files, 2);
});

test('suppression comments silence a finding; a stale one is reported by bad-suppression', async () => {
  const root = module({
    'p/p.go': [
      'package p',
      '',
      'import _ "unsafe"',
      '',
      '//racewatch:ignore runtime-linkname vendored shim, removed with Go 1.25',
      '//go:linkname nanotime runtime.nanotime',
      'func nanotime() int64',
      '',
      '//racewatch:ignore runtime-linkname nothing here any more',
      'func Now() int64 { return nanotime() }',
      '',
    ].join('\n'),
  });
  const run = await runChecks({ cwd: root, patterns: ['./...'], checks: [runtimeLinkname, badSuppressionCheck], workers: 0 });
  assert.deepEqual(run.findings.map((f) => `${f.line} ${f.check}: ${f.message}`), ['9 bad-suppression: racewatch:ignore runtime-linkname suppresses nothing here; remove it']);
  const quiet = await runChecks({ cwd: root, patterns: ['./...'], checks: [runtimeLinkname], workers: 0 });
  assert.deepEqual(quiet.findings, [], 'bad-suppression only reports when selected');
});

test('worker threads give the same findings as the in-process run', async () => {
  const testdata = join(repoRoot, 'src', 'checks', 'runtime-linkname', 'testdata');
  const inline = await runChecks({ cwd: testdata, patterns: ['./...'], checks: [runtimeLinkname], workers: 0 });
  const threaded = await runChecks({ cwd: testdata, patterns: ['./...'], checks: [runtimeLinkname], workers: 2 });
  assert.ok(inline.findings.length >= 10);
  assert.deepEqual(threaded.findings, inline.findings);
  assert.deepEqual(threaded.stats.files, inline.stats.files);
  // Workers replaced after every job (a zero heap budget) lose nothing either.
  const recycled = await runChecks({ cwd: testdata, patterns: ['./...'], checks: [runtimeLinkname], workers: 2, workerHeapBudgetMB: 0 });
  assert.deepEqual(recycled.findings, inline.findings);
  assert.deepEqual(recycled.stats, { ...inline.stats, seconds: recycled.stats.seconds });
});

test('worker threads: jobs needing types are handed to the one worker that type-checks, with the same findings', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 4; i++) {
    // Needs types (stale-len-loop asks whether s is a slice).
    files[`shrink${i}/s.go`] = `package shrink${i}\n\nfunc F(s []int) []int {\n\tn := len(s)\n\tfor i := 0; i < n; i++ {\n\t\tif s[i] == 0 {\n\t\t\ts = append(s[:i], s[i+1:]...)\n\t\t}\n\t}\n\treturn s\n}\n`;
    // Syntax only (the race engine).
    files[`race${i}/r.go`] = `package race${i}\n\nfunc G() int {\n\tx := 0\n\tdone := make(chan bool)\n\tgo func() {\n\t\tx = 1\n\t\tdone <- true\n\t}()\n\ty := x\n\t<-done\n\treturn y\n}\n`;
  }
  const root = module(files);
  const checks = [staleLenLoop, dataRace];
  const inline = await runChecks({ cwd: root, patterns: ['./...'], checks, workers: 0 });
  assert.deepEqual(inline.errors, []);
  assert.deepEqual(new Set(inline.findings.map((f) => f.check)), new Set(['stale-len-loop', 'data-race']));
  assert.equal(inline.findings.length, 8);
  const threaded = await runChecks({ cwd: root, patterns: ['./...'], checks, workers: 2, workerHeapBudgetMB: 100_000 });
  assert.deepEqual(threaded.findings, inline.findings);
  assert.deepEqual(threaded.stats.files, inline.stats.files);
  const recycled = await runChecks({ cwd: root, patterns: ['./...'], checks, workers: 3, workerHeapBudgetMB: 0 });
  assert.deepEqual(recycled.findings, inline.findings);
  assert.deepEqual(recycled.stats, { ...inline.stats, seconds: recycled.stats.seconds });
});

test('worker threads: when only typed jobs are left, a worker without the type checker takes some itself, with the same findings', async () => {
  const files: Record<string, string> = {};
  // Every job needs types, so the untyped worker hands each back and, its own queue
  // empty, then takes handed-back jobs rather than idle.
  for (let i = 0; i < 8; i++) {
    files[`shrink${i}/s.go`] = `package shrink${i}\n\nimport "sync"\n\nvar mu sync.Mutex\n\nfunc F(s []string) []string {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tn := len(s)\n\tfor i := 0; i < n; i++ {\n\t\tif s[i] == "" {\n\t\t\ts = append(s[:i], s[i+1:]...)\n\t\t}\n\t}\n\treturn s\n}\n`;
  }
  const root = module(files);
  const inline = await runChecks({ cwd: root, patterns: ['./...'], checks: [staleLenLoop], workers: 0 });
  assert.deepEqual(inline.errors, []);
  assert.equal(inline.findings.length, 8);
  for (const workers of [2, 3]) {
    const threaded = await runChecks({ cwd: root, patterns: ['./...'], checks: [staleLenLoop], workers, workerHeapBudgetMB: 100_000 });
    assert.deepEqual(threaded.findings, inline.findings);
    assert.deepEqual(threaded.errors, []);
    assert.deepEqual(threaded.stats.files, inline.stats.files);
  }
});

test('types: absent for syntax-only runs, present (keyed by the same AST) when a check needs them', async () => {
  const root = module({ 'p/p.go': 'package p\n\nvar m = map[string]int{}\n\nfunc F() int { return len(m) }\n' });
  let syntaxTypes: unknown = 'unset';
  await runChecks({ cwd: root, patterns: ['./...'], checks: [checkOf('syn', [], (p) => void (syntaxTypes = p.pkg.types))], workers: 0 });
  assert.equal(syntaxTypes, undefined);
  let typeOfM: string | undefined;
  const typedCheck = checkOf(
    'typed',
    [],
    (p) => {
      const t = p.pkg.types;
      assert.ok(t, 'types missing');
      const decl = p.pkg.files[0]!.Decls[0]!;
      assert.equal(decl.kind, 'GenDecl');
      const spec = decl.kind === 'GenDecl' ? decl.Specs[0] : undefined;
      const ident = spec?.kind === 'ValueSpec' ? spec.Names[0] : undefined;
      typeOfM = ident ? t.info.typeOf(ident)?.toString() : undefined;
    },
    false,
  );
  const run = await runChecks({ cwd: root, patterns: ['./...'], checks: [typedCheck], workers: 0 });
  assert.deepEqual(run.errors, []);
  assert.equal(typeOfM, 'map[string]int');
});

test('a package is type-checked only when a check says it needs the types', async () => {
  const root = module({
    'plain/p.go': 'package plain\n\nfunc F() int { return 1 }\n',
    // sync: a package racewatch's built-in std description has, so the run is the same without Go.
    'wanted/w.go': 'package wanted\n\nimport "sync"\n\nvar mu sync.Mutex\n\nfunc G() { mu.Lock(); mu.Unlock() }\n',
  });
  const seen: string[] = [];
  const typedWhereWanted: Check = {
    ...checkOf('typed-where-wanted', [], (p) => void seen.push(`${p.pkg.importPath} ${p.pkg.types ? 'typed' : 'untyped'}`), false),
    needsTypes: (pkg) => pkg.importPath.endsWith('/wanted'),
  };
  const run = await runChecks({ cwd: root, patterns: ['./...'], checks: [typedWhereWanted], workers: 0 });
  assert.deepEqual(run.errors, []);
  assert.deepEqual(seen.sort(), ['example.com/m/plain untyped', 'example.com/m/wanted typed']);
  // Without the hook a check may read any package's types.
  seen.length = 0;
  const typedEverywhere = checkOf('typed-everywhere', [], (p) => void seen.push(`${p.pkg.importPath} ${p.pkg.types ? 'typed' : 'untyped'}`), false);
  await runChecks({ cwd: root, patterns: ['./...'], checks: [typedEverywhere], workers: 0 });
  assert.deepEqual(seen.sort(), ['example.com/m/plain typed', 'example.com/m/wanted typed']);
});

test('worker threads: a package that exhausts a worker heap is retried once on a fresh worker, then reported; the others are checked', async () => {
  // One package far too big for a 64 MB heap (its syntax tree alone), two small ones with findings.
  const huge = ['package huge', '', 'var table = []int{'];
  for (let i = 0; i < 1_500_000; i++) huge.push(`\t${i},`);
  huge.push('}', '');
  const root = module({
    'huge/h.go': huge.join('\n'),
    'a/a.go': 'package a\n\nimport _ "unsafe"\n\n//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n',
    'b/b.go': 'package b\n\nimport _ "unsafe"\n\n//go:linkname cputicks runtime.cputicks\nfunc cputicks() int64\n',
  });
  const run = await runChecks({ cwd: root, patterns: ['./...'], checks: [runtimeLinkname], workers: 2, workerOldGenerationMB: 64 });
  assert.deepEqual(run.findings.map((f) => `${f.file.slice(root.length + 1)}:${f.line}`), ['a/a.go:5', 'b/b.go:5']);
  const errs = run.errors.map((e) => e.message);
  assert.deepEqual(errs, ['out of memory checking example.com/m/huge in a worker (run with --workers 0 to use the main thread\'s heap)']);
  assert.equal(run.stats.packages, 2);
});

test('a job that needs types is parsed once: the type checker adopts the trees its gate saw (not those with syntax errors)', async () => {
  const root = module({
    'p/a.go': 'package p\n\nvar m = map[string]int{}\n\nfunc F() int { return len(m) }\n',
    'p/b.go': 'package p\n\nfunc G( {\n',
  });
  const gated = new Map<string, unknown>();
  let checked: { name: string; same: boolean; typed: boolean }[] = [];
  const typedCheck: Check = {
    ...checkOf('typed', [], (p) => {
      checked = p.pkg.files.map((f, i) => {
        const decl = f.Decls[0];
        const ident = decl?.kind === 'GenDecl' && decl.Specs[0]?.kind === 'ValueSpec' ? decl.Specs[0].Names[0] : undefined;
        return { name: p.pkg.fileNames[i]!.slice(root.length + 1), same: gated.get(p.pkg.fileNames[i]!) === f, typed: ident !== undefined && p.pkg.types?.info.typeOf(ident) !== undefined };
      });
    }, false),
    needsTypes: (pkg) => {
      pkg.files.forEach((f, i) => gated.set(pkg.fileNames[i]!, f));
      return true;
    },
  };
  const run = await runChecks({ cwd: root, patterns: ['./...'], checks: [typedCheck], workers: 0 });
  assert.deepEqual(checked, [
    { name: 'p/a.go', same: true, typed: true },
    { name: 'p/b.go', same: false, typed: false },
  ]);
  assert.ok(run.errors.some((e) => e.file.endsWith('b.go') && e.line === 3), JSON.stringify(run.errors));
});
