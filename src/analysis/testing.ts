// The harness every check's tests go through, after x/tools' analysistest: run a check
// over each package directory under its testdata/ and compare with the expectations
// written in the Go files themselves.
//
//   x := len(m) // want "len\\(m\\) without a lock" `races with`
//
// A `// want` comment holds one or more Go string literals (interpreted "…" or raw `…`),
// each a regular expression that must match the message of a distinct diagnostic
// reported on that comment's line. `// want+N …` targets the line N below instead, for
// lines that cannot carry a trailing comment (a //go: directive rejects extra fields).
// An expectation no diagnostic matched, and a diagnostic no expectation matched, both
// fail with file:line and the message.
//
// Suggested fixes: when diagnostics in a file carry fixes, `<file>.golden` beside it must
// hold the file with the first fix of every diagnostic applied, safe or unsafe alike (so
// unsafe fixes are tested too; fixes are alternatives, and the first is the preferred
// one). Overlapping edits fail. RACEWATCH_UPDATE_GOLDEN=1 (re)writes golden files.
// buildFixedPackages then proves with the Go toolchain that the fixed packages (and
// their tests) still compile.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Check } from './check.js';
import { runChecks } from './driver.js';
import type { Finding } from './findings.js';
import { FileSet } from '../syntax/position.js';
import { parseFile } from '../syntax/parser.js';

export interface Expectation {
  file: string;
  line: number;
  pattern: RegExp;
  source: string;
}

/** Parses the literals of a want comment's body; throws on malformed input. */
export function parseWantLiterals(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '`') {
      const end = body.indexOf('`', i + 1);
      if (end < 0) throw new Error('unterminated raw string in want comment');
      out.push(body.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
      if (j >= body.length) throw new Error('unterminated string in want comment');
      out.push(JSON.parse(body.slice(i, j + 1)) as string);
      i = j + 1;
    } else {
      throw new Error(`want comment: expected a quoted regular expression at "${body.slice(i)}"`);
    }
  }
  if (out.length === 0) throw new Error('want comment without any expectation');
  return out;
}

/** The expectations of one Go file, from its comments (so strings that look like comments are ignored). */
export function expectationsOf(file: string, problems: string[]): Expectation[] {
  const fset = new FileSet();
  const { file: ast, source } = parseFile(fset, file, readFileSync(file));
  const out: Expectation[] = [];
  for (const group of ast.Comments) {
    for (const c of group.List) {
      const m = /^\/\/\s*want(?:\+(\d+))?\s(.*)$/s.exec(c.Text);
      if (!m) continue;
      const line = source.rawPosition(c.Slash - source.base).line + Number(m[1] ?? 0);
      try {
        for (const lit of parseWantLiterals(m[2]!)) out.push({ file, line, pattern: new RegExp(lit), source: lit });
      } catch (err) {
        problems.push(`${file}:${line}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return out;
}

/** Package directories under a testdata root: every directory holding .go files. */
export function packageDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.go'))) out.push(dir);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_')) walk(join(dir, e.name));
  };
  if (existsSync(root) && statSync(root).isDirectory()) walk(root);
  return out.sort();
}

/** Applies edits (byte offsets into the original) to a file's bytes; null when edits overlap. */
export function applyEdits(src: Buffer, edits: { start: number; end: number; new: string }[]): Buffer | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > src.length) return null;
    parts.push(src.subarray(at, e.start), Buffer.from(e.new, 'utf8'));
    at = e.end;
  }
  parts.push(src.subarray(at));
  return Buffer.concat(parts);
}

export interface HarnessResult {
  /** Empty when the check did exactly what the testdata says. */
  failures: string[];
  packages: number;
  expectations: number;
  findings: Finding[];
}

/** Runs `check` over every package directory under `testdataDir` and compares with the want comments. */
export async function runTestdata(check: Check, testdataDir: string, opts: { includeGoroot?: boolean } = {}): Promise<HarnessResult> {
  const failures: string[] = [];
  const dirs = packageDirs(testdataDir);
  const findings: Finding[] = [];
  let expectations = 0;
  const show = (f: string) => relative(testdataDir, f) || f;
  // One run over all the packages, so that the type checker's work on shared imports
  // (sync, fmt…) is done once rather than once per testdata directory.
  const run =
    dirs.length === 0
      ? null
      : await runChecks({
          cwd: testdataDir,
          patterns: dirs.map((d) => './' + (relative(testdataDir, d) || '.')),
          checks: [check],
          known: new Set([check.name]),
          workers: 0,
          includeGoroot: opts.includeGoroot,
        });
  for (const e of run?.errors ?? []) {
    if (e.file === '') continue; // loader notes (a module not downloaded) are not the check's business
    failures.push(`${show(e.file)}:${e.line}:${e.column}: testdata does not load or parse: ${e.message}`);
  }
  for (const dir of dirs) {
    const goFiles = readdirSync(dir).filter((n) => n.endsWith('.go')).map((n) => join(dir, n));
    const wants: Expectation[] = [];
    for (const f of goFiles) wants.push(...expectationsOf(f, failures));
    expectations += wants.length;
    const pkgFindings = run!.findings.filter((f) => f.file.startsWith(dir) && goFiles.includes(f.file));
    findings.push(...pkgFindings);
    const unmatched = new Set(wants);
    for (const f of pkgFindings) {
      const want = [...unmatched].find((w) => w.file === f.file && w.line === f.line && w.pattern.test(f.message));
      if (want) unmatched.delete(want);
      else failures.push(`${show(f.file)}:${f.line}:${f.column}: unexpected diagnostic: ${f.message} (${f.check})`);
    }
    for (const w of unmatched) {
      const there = pkgFindings.filter((f) => f.file === w.file && f.line === w.line).map((f) => JSON.stringify(f.message));
      failures.push(`${show(w.file)}:${w.line}: no diagnostic matched want ${JSON.stringify(w.source)}${there.length > 0 ? `; got ${there.join(', ')}` : ''}`);
    }
    failures.push(...compareGoldens(goFiles, pkgFindings, show));
  }
  return { failures, packages: dirs.length, expectations, findings };
}

function compareGoldens(goFiles: string[], findings: Finding[], show: (f: string) => string): string[] {
  const failures: string[] = [];
  const update = process.env['RACEWATCH_UPDATE_GOLDEN'] === '1';
  for (const file of goFiles) {
    const golden = file + '.golden';
    const edits = findings.filter((f) => f.fixes.length > 0).flatMap((f) => f.fixes[0]!.edits.filter((e) => e.file === file));
    const hasGolden = existsSync(golden);
    if (edits.length === 0) {
      if (hasGolden) failures.push(`${show(golden)}: golden file but no diagnostic in ${show(file)} suggests a fix`);
      continue;
    }
    const fixed = applyEdits(readFileSync(file), edits);
    if (!fixed) {
      failures.push(`${show(file)}: suggested fixes overlap, so they cannot all be applied`);
      continue;
    }
    if (update) {
      writeFileSync(golden, fixed);
      continue;
    }
    if (!hasGolden) {
      failures.push(`${show(file)}: diagnostics suggest fixes but ${show(golden)} is missing (RACEWATCH_UPDATE_GOLDEN=1 writes it)`);
      continue;
    }
    const want = readFileSync(golden);
    if (!want.equals(fixed)) failures.push(`${show(golden)}: fixed file differs from golden:\n${firstDifference(want.toString('utf8'), fixed.toString('utf8'))}`);
  }
  return failures;
}

function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `  line ${i + 1}:\n  - golden: ${JSON.stringify(a[i] ?? '<end of file>')}\n  + fixed:  ${JSON.stringify(b[i] ?? '<end of file>')}`;
  }
  return '  (identical lines; differing line endings?)';
}

/**
 * Builds, with the real Go toolchain, every testdata package, with each .go file that
 * has a golden version replaced by it: a suggested fix must leave code that compiles,
 * and testdata that is not valid Go would test nothing. Returns failures as
 * "dir: go build output". Needs `go` on PATH.
 */
export function buildFixedPackages(testdataDir: string, goBinary = 'go'): string[] {
  const failures: string[] = [];
  const dirs = packageDirs(testdataDir);
  const withGoldens = dirs.filter((d) => readdirSync(d).some((n) => n.endsWith('.go.golden')));
  if (dirs.length === 0) return failures;
  const copy = mkdtempSync(join(tmpdir(), 'racewatch-fixed-'));
  try {
    cpSync(testdataDir, copy, { recursive: true });
    for (const dir of withGoldens) {
      const target = join(copy, relative(testdataDir, dir));
      for (const n of readdirSync(target)) if (n.endsWith('.go.golden')) renameSync(join(target, n), join(target, n.slice(0, -'.golden'.length)));
    }
    // Every package: the fixed ones must still build, and the others prove the testdata is valid Go.
    for (const dir of dirs) {
      const rel = './' + (relative(testdataDir, dir) || '.');
      // go build for the package; with _test.go files, go test -run='^$' compiles those too
      // (go vet would also run its analyzers, and testdata breaks their rules on purpose).
      const hasTests = readdirSync(dir).some((n) => n.endsWith('_test.go'));
      const args = hasTests ? ['test', '-count=1', '-run', '^$', rel] : ['build', rel];
      const r = spawnSync(goBinary, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' } });
      if (r.status !== 0) failures.push(`${rel}: the fixed package does not build:\n${(r.stderr || r.stdout || '').trim()}`);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return failures;
}
