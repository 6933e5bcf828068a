// The proof that our parser is go/parser: over every .go file of $(go env GOROOT)/src
// (testdata included), the AST JSON hashes must be identical for every file go/parser
// accepts, and for every file it rejects we must report an error on the same line.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gooracle, requireGo } from '../testutil/go.js';
import { astToJson, firstDifference } from './astjson.js';
import { parseFilesParallel } from './parallel.js';
import { FileSet } from './position.js';
import { parseFile } from './parser.js';

interface OracleLine {
  file: string;
  error: { offset: number; line: number; col: number; msg: string } | null;
  hash?: string;
  ast?: unknown;
}

/** Every regular .go file under dir (symlinks and other non-regular files skipped). */
function goFilesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) goFilesUnder(p, out);
    else if (e.isFile() && e.name.endsWith('.go')) out.push(p);
  }
  return out;
}

/** Line of a byte offset counted as the oracle counts it: 1 + newlines before it (no //line directives). */
function rawLine(file: string, offset: number): number {
  const src = readFileSync(file);
  let line = 1;
  for (let i = 0; i < offset && i < src.length; i++) if (src[i] === 10) line++;
  return line;
}

function runOracle(oracle: string, args: string[]): OracleLine[] {
  const out = execFileSync(oracle, ['astdump', ...args], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l) as OracleLine);
}

test('parser agrees with go/parser on every file of GOROOT/src', { timeout: 15 * 60 * 1000 }, async (t) => {
  const go = requireGo(t);
  if (!go) return;
  const files = goFilesUnder(join(go.goroot, 'src')).sort();
  assert.ok(files.length > 1000, `expected thousands of .go files under ${go.goroot}/src, found ${files.length}`);

  const tmp = mkdtempSync(join(tmpdir(), 'racewatch-diff-'));
  let expected: OracleLine[];
  try {
    const list = join(tmp, 'files.txt');
    writeFileSync(list, files.join('\n') + '\n');
    expected = runOracle(gooracle(), ['-hash', '-files-from', list]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  assert.equal(expected.length, files.length);

  const started = Date.now();
  const ours = await parseFilesParallel(files, 'hash');
  const seconds = (Date.now() - started) / 1000;

  const mismatches: string[] = [];
  let rejected = 0;
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    const want = expected[i]!;
    const got = ours[i]!;
    bytes += got.bytes;
    assert.equal(got.file, want.file);
    if (want.error) {
      rejected++;
      const first = got.errors[0];
      if (!first) mismatches.push(`${want.file}: go/parser reports ${want.error.line}:${want.error.col}: ${want.error.msg}; we report no error`);
      else if (rawLine(want.file, first.offset) !== want.error.line) mismatches.push(`${want.file}: go/parser reports ${want.error.line}:${want.error.col}: ${want.error.msg}; we report ${first.line}:${first.col}: ${first.message}`);
    } else if (got.errors.length > 0) {
      mismatches.push(`${want.file}: go/parser accepts it; we report ${got.errors[0]!.formatted}`);
    } else if (got.hash !== want.hash) {
      mismatches.push(`${want.file}: AST differs`);
    }
  }

  const agree = files.length - mismatches.length;
  const summary = `differential: ${agree}/${files.length} files agree with go/parser (${((100 * agree) / files.length).toFixed(2)}%; ${rejected} rejected by go/parser), ${(bytes / 1e6).toFixed(1)} MB parsed and hashed in ${seconds.toFixed(1)} s`;
  t.diagnostic(summary);
  console.log(summary);

  if (mismatches.length > 0) {
    // For the first few differing trees, say where they first differ.
    const details: string[] = [];
    for (const m of mismatches.filter((m) => m.endsWith('AST differs')).slice(0, 3)) {
      const file = m.slice(0, m.indexOf(': AST differs'));
      const [line] = runOracle(gooracle(), [file]);
      const r = parseFile(new FileSet(), file, readFileSync(file));
      details.push(`${file}: first difference (ours != go/parser) at ${firstDifference(astToJson(r.file, r.file.FileStart), JSON.stringify(line!.ast))}`);
    }
    assert.fail(`${mismatches.length} files disagree with go/parser:\n${mismatches.join('\n')}\n${details.join('\n')}`);
  }
});
