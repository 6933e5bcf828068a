import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalExpr, goodOSArchFile, matchTag, parseGoBuild, parsePlusBuild, isGoBuildLine, isPlusBuildLine, ConstraintSyntaxError, type BuildContext } from './constraints.js';

function ctx(goos: string, goarch: string, tags: string[] = [], cgo = false): BuildContext {
  return { goos, goarch, cgoEnabled: cgo, tags: new Set(tags) };
}

function holds(line: string, c: BuildContext): boolean {
  const x = line.startsWith('//go:build') ? parseGoBuild(line) : parsePlusBuild(line);
  return evalExpr(x, (t) => matchTag(c, t));
}

test('//go:build expressions: precedence of ! over && over ||, parentheses', () => {
  const linux = ctx('linux', 'amd64');
  assert.equal(holds('//go:build linux && amd64 || windows', linux), true);
  assert.equal(holds('//go:build windows || linux && arm64', linux), false);
  assert.equal(holds('//go:build !(windows || darwin) && !386', linux), true);
  assert.equal(holds('//go:build !!linux', linux), true);
  assert.equal(holds('//go:build (linux)', ctx('windows', 'amd64')), false);
  assert.throws(() => parseGoBuild('//go:build linux &&'), ConstraintSyntaxError);
  assert.throws(() => parseGoBuild('//go:build (linux'), ConstraintSyntaxError);
  assert.throws(() => parseGoBuild('//go:build linux windows'), ConstraintSyntaxError);
  assert.throws(() => parseGoBuild('//go:build'), ConstraintSyntaxError);
});

test('special tags: unix, gc, cgo, android implies linux, ios implies darwin, illumos implies solaris', () => {
  assert.equal(holds('//go:build unix', ctx('darwin', 'arm64')), true);
  assert.equal(holds('//go:build unix', ctx('windows', 'amd64')), false);
  assert.equal(holds('//go:build unix', ctx('js', 'wasm')), false);
  assert.equal(holds('//go:build gc && !gccgo', ctx('linux', 'amd64')), true);
  assert.equal(holds('//go:build cgo', ctx('linux', 'amd64', [], true)), true);
  assert.equal(holds('//go:build cgo', ctx('linux', 'amd64', [], false)), false);
  assert.equal(holds('//go:build linux', ctx('android', 'arm64')), true);
  assert.equal(holds('//go:build darwin', ctx('ios', 'arm64')), true);
  assert.equal(holds('//go:build solaris', ctx('illumos', 'amd64')), true);
  assert.equal(holds('//go:build go1.21 && !go1.22', ctx('linux', 'amd64', ['go1.20', 'go1.21'])), true);
  assert.equal(holds('//go:build boringcrypto', ctx('linux', 'amd64', ['goexperiment.boringcrypto'])), true);
});

test('tool tags are asked for lazily, only for dotted tags', () => {
  let asked = 0;
  const c: BuildContext = { ...ctx('linux', 'amd64'), lateTags: () => (asked++, new Set(['goexperiment.foo', 'amd64.v1'])) };
  assert.equal(holds('//go:build linux', c), true);
  assert.equal(asked, 0);
  assert.equal(holds('//go:build goexperiment.foo && amd64.v1 && !amd64.v3', c), true);
  assert.ok(asked > 0);
});

test('legacy // +build lines: spaces are OR, commas AND, ! negates; bad terms become ignore', () => {
  const linux = ctx('linux', 'amd64');
  assert.equal(holds('// +build linux,amd64 darwin', linux), true);
  assert.equal(holds('// +build linux,386 darwin', linux), false);
  assert.equal(holds('// +build !windows', linux), true);
  assert.equal(holds('// +build !!linux', linux), false);
  assert.equal(holds('// +build li$nux', linux), false);
  assert.equal(holds('// +build !li$nux', linux), true);
});

test('recognising constraint lines', () => {
  assert.equal(isGoBuildLine('//go:build linux'), true);
  assert.equal(isGoBuildLine('//go:buildlinux'), false);
  assert.equal(isGoBuildLine('// go:build linux'), false);
  assert.equal(isPlusBuildLine('// +build linux'), true);
  assert.equal(isPlusBuildLine('//+build linux'), true);
  assert.equal(isPlusBuildLine('// +buildlinux'), false);
});

test('file-name suffixes use only the known GOOS and GOARCH names', () => {
  const linux = ctx('linux', 'amd64');
  const cases: [string, boolean][] = [
    ['x_linux.go', true],
    ['x_windows.go', false],
    ['x_linux_amd64.go', true],
    ['x_linux_arm64.go', false],
    ['x_darwin_amd64.go', false],
    ['x_amd64.go', true],
    ['x_386_test.go', false],
    ['x_linux_test.go', true],
    ['x_windows_test.go', false],
    ['x_unix.go', true],
    ['linux.go', true],
    ['x_foo_windows.go', false],
    ['x_windows.foo.go', false],
    ['x.windows.go', true],
    ['x_test.go', true],
    ['windows_test.go', true],
  ];
  for (const [name, want] of cases) assert.equal(goodOSArchFile(linux, name), want, name);
  assert.equal(goodOSArchFile(ctx('android', 'arm64'), 'x_linux.go'), true);
  assert.equal(goodOSArchFile(ctx('android', 'arm64'), 'x_android_arm64.go'), true);
});
