import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../main.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = capture();
  const err = capture();
  const code = await main(['parse', ...args], { stdout: out.stream, stderr: err.stream, cwd });
  return { code, stdout: out.text(), stderr: err.text() };
}

function project(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'racewatch-parse-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const summary = /^racewatch parse: (\d+) files?, (\d+\.\d\d) MB in (\d+\.\d\d) s \((\d+\.\d) MB\/s\): (.*)$/m;

test('valid files: exit 0, summary with files, MB, seconds and MB/s', async (t) => {
  const root = project({ 'a.go': 'package a\n\nfunc F() int { return 1 }\n', 'sub/b.go': 'package sub\n\nvar X = []int{1, 2}\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = await run(['./...'], root);
  assert.equal(r.code, 0, r.stderr);
  const m = summary.exec(r.stderr);
  assert.ok(m, `no summary line in: ${r.stderr}`);
  assert.equal(m[1], '2');
  assert.equal(m[5], 'no syntax errors');
  assert.equal(r.stdout, '');
});

test('syntax errors: gofmt -e format, exit 1', async (t) => {
  const root = project({ 'ok.go': 'package p\n', 'bad.go': 'package p\n\nfunc f() {\n\tx := \n}\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = await run(['.'], root);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^bad\.go:5:1: expected operand, found '}'$/m);
  assert.match(summary.exec(r.stderr)![5]!, /^1 error in 1 file$/);
});

test('a binary, an empty and a NUL-containing file each give one clear error; the run goes on', async (t) => {
  const binary = new Uint8Array(300);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 37 + 128) & 0xff;
  const root = project({ 'bin.go': binary, 'empty.go': '', 'nul.go': 'package p\n\nvar x = 1\x00\n', 'fine.go': 'package p\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = await run(['.'], root);
  assert.equal(r.code, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.filter((l) => l.startsWith('bin.go:')).length, 1, r.stderr);
  assert.match(r.stderr, /^bin\.go:1:1: illegal UTF-8 encoding/m);
  assert.match(r.stderr, /^empty\.go:1:1: expected 'package', found 'EOF'$/m);
  assert.match(r.stderr, /^nul\.go:3:10: illegal character NUL/m);
  assert.match(summary.exec(r.stderr)![1]!, /^4$/);
});

test('--ast prints the tree as JSON', async (t) => {
  const root = project({ 'a.go': 'package a\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = await run(['--ast', 'a.go'], root);
  assert.equal(r.code, 0);
  const tree = JSON.parse(r.stdout) as { kind: string; Name: { Name: string; NamePos: number } };
  assert.equal(tree.kind, 'File');
  assert.deepEqual(tree.Name, { kind: 'Ident', NamePos: 8, Name: 'a' });
});

test('bad usage exits 2; a pattern matching nothing is a clear error', async (t) => {
  const root = project({ 'a.go': 'package a\n', 'docs/readme.txt': 'x' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal((await run(['--bogus'], root)).code, 2);
  assert.equal((await run(['--ast'], root)).code, 2);
  assert.equal((await run(['--ast', 'a.go', 'b.go'], root)).code, 2);
  const missing = await run(['nope/...'], root);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\/\.\.\.: directory nope does not exist/);
  const empty = await run(['docs'], root);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /docs: no Go files in directory/);
});

test('many files go through the worker threads with the same results', async (t) => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`p${i}/f.go`] = i === 17 ? 'package p\nfunc (\n' : `package p${i}\n\nfunc F() {}\n`;
  const root = project(files);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = await run(['./...', '--workers', '2'], root);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^p17\/f\.go:2:8: expected '\)', found 'EOF'$/m);
  assert.equal(summary.exec(r.stderr)![1], '40');
});
