// verify: run the race detector where check reports findings, and say which findings it
// confirms, which it did not reproduce, and which races it found that check missed.
import { spawn } from 'node:child_process';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseFindings, readFindingsFile, FindingsIndex, type Finding, type FindingsJson } from './findings.js';
import { isStdlibFrame } from './frames.js';
import { linkFindings, type Incident, SourceResolver } from './incidents.js';
import { Triage } from './triage.js';

/** Where findings come from: check's JSON file (--findings), or check run in-process. */
export type FindingsProvider = (patterns: string[]) => Promise<FindingsJson>;

export class VerifyError extends Error {}

export function findingsFromFile(path: string, cwd: string, warn: (line: string) => void = () => {}): FindingsProvider {
  return async () => {
    const { findings, warnings } = readFindingsFile(path, cwd);
    warnings.forEach(warn);
    return findings;
  };
}

/**
 * Runs `racewatch check` in-process on `patterns` and returns the same document that
 * `check --format json` prints, read back through the same reader as a findings file so
 * that both routes see identical findings.
 */
export async function runCheckInProcess(patterns: string[], cwd: string): Promise<FindingsJson> {
  const [{ runChecks }, { checks }, { formatJSON }, { VERSION }] = await Promise.all([
    import('../analysis/driver.js'),
    import('../checks/registry.js'),
    import('../report/json.js'),
    import('../version.js'),
  ]);
  const run = await runChecks({ cwd, patterns: patterns.length > 0 ? patterns : ['./...'], checks });
  return parseFindings(formatJSON(run, cwd, VERSION), 'racewatch check').findings;
}

export interface VerifyOptions {
  cwd: string;
  patterns: string[];
  getFindings: FindingsProvider;
  /** -count per test (default 20). */
  count: number;
  /** -cpu list (default 1,2,4). */
  cpu: string;
  /** Wall-clock budget for all go test runs, in milliseconds. */
  budgetMs: number;
  /** The go command (tests point it elsewhere to check the error for a missing toolchain). */
  go?: string;
  progress?: (line: string) => void;
}

export type PackageStatus = 'ran' | 'build-failed' | 'hung' | 'no-tests' | 'skipped';

export interface PackageRun {
  dir: string;
  importPath: string;
  tests: string[];
  status: PackageStatus;
  /** Compiler errors, the hung tests, or why the package was skipped. */
  message: string;
  seconds: number;
  reports: number;
  findings: Finding[];
}

export type FindingStatus = 'confirmed' | 'not-reproduced' | 'not-run';

export interface VerifiedFinding {
  finding: Finding;
  status: FindingStatus;
  /** The incident that confirms it. */
  incident: Incident | null;
  /** Why a finding was not run (package failed to build, hung, has no tests, outside the patterns). */
  reason: string;
}

export interface VerifyResult {
  findings: VerifiedFinding[];
  /** Races the detector found that no finding explains: racewatch misses. */
  misses: Incident[];
  packages: PackageRun[];
  command: string;
  /** Findings that lie outside the packages the patterns select. */
  outside: number;
}

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  killed: boolean;
}

const MAX_CAPTURE = 1 << 20;

/** Runs a command in its own process group, stopping the whole group when the budget runs out. */
function runCommand(
  go: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  onStdout?: (stream: AsyncIterable<Buffer>) => Promise<unknown>,
): Promise<Spawned> {
  return new Promise((resolvePromise, reject) => {
    let child;
    try {
      child = spawn(go, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    } catch (err) {
      reject(err);
      return;
    }
    let stdout = '';
    let stderr = '';
    let killed = false;
    // The tail is what matters: go's own timeout panic and the FAIL lines come last.
    const keep = (acc: string, chunk: Buffer): string => {
      const next = acc + chunk.toString('utf8');
      return next.length > MAX_CAPTURE ? next.slice(-MAX_CAPTURE) : next;
    };
    const out = child.stdout!;
    let parsing: Promise<unknown> = Promise.resolve();
    if (onStdout) {
      // One reader of the pipe: the parser, through a generator that also keeps a bounded copy.
      parsing = onStdout(
        (async function* () {
          for await (const chunk of out as AsyncIterable<Buffer>) {
            stdout = keep(stdout, chunk);
            yield chunk;
          }
        })(),
      );
    } else out.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
    child.stderr!.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      parsing.then(
        () => resolvePromise({ code, stdout, stderr, killed }),
        () => resolvePromise({ code, stdout, stderr, killed }),
      );
    });
  });
}

function goMissing(err: unknown, go: string): VerifyError | null {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new VerifyError(`the Go toolchain is needed: "${go}" was not found on PATH (install Go from https://go.dev/dl/ or put it on PATH)`);
  if (code === 'EACCES') return new VerifyError(`cannot run "${go}": permission denied`);
  return null;
}

function rel(cwd: string, path: string): string {
  const r = relative(cwd, path);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/** Compiler output lines worth showing for a package that does not build. */
function buildErrors(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !/^(FAIL|ok|\?)\s/.test(l) && l !== 'FAIL');
  return lines.slice(0, 12).join('\n') + (lines.length > 12 ? `\n… ${lines.length - 12} more lines` : '');
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const go = options.go ?? 'go';
  const { cwd } = options;
  const patterns = options.patterns.length > 0 ? options.patterns : ['./...'];
  const progress = options.progress ?? (() => {});
  const doc = await options.getFindings(patterns);

  // The packages the patterns select, as the go command sees them.
  let listed: Spawned;
  try {
    listed = await runCommand(go, ['list', '-e', '-f', '{{.Dir}}\t{{.ImportPath}}\t{{if .Error}}{{.Error.Err}}{{end}}', ...patterns], cwd, 120_000);
  } catch (err) {
    throw goMissing(err, go) ?? err;
  }
  if (listed.code !== 0) throw new VerifyError(`go list ${patterns.join(' ')} failed:\n${buildErrors(listed.stderr || listed.stdout)}`);
  const packages = new Map<string, string>();
  const problems: string[] = [];
  for (const line of listed.stdout.split('\n')) {
    const [dir, importPath, error] = line.split('\t');
    if (dir && importPath) packages.set(resolve(dir), importPath);
    else if (importPath) problems.push(`${importPath}: ${error || 'no such package'}`);
  }
  if (packages.size === 0) {
    throw new VerifyError(`no Go package matches ${patterns.join(' ')}${problems.length ? `:\n${problems.slice(0, 5).join('\n')}` : ''} (relative directories need ./, e.g. ./store or ./...)`);
  }
  for (const p of problems) progress(`verify: ${p}`);

  const byDir = new Map<string, Finding[]>();
  let outside = 0;
  const verified: VerifiedFinding[] = [];
  for (const f of doc.findings) {
    const dir = dirname(resolve(cwd, f.file));
    if (!packages.has(dir)) {
      outside++;
      continue;
    }
    const list = byDir.get(dir) ?? [];
    list.push(f);
    byDir.set(dir, list);
  }

  const triage = new Triage({ cwd });
  const runs: PackageRun[] = [];
  const deadline = Date.now() + options.budgetMs;
  const command = `go test -race -run <tests> -count ${options.count} -cpu ${options.cpu}`;
  const reasons = new Map<Finding, string>();

  const work = [...byDir].sort(([a], [b]) => a.localeCompare(b));
  for (const [index, [dir, findings]] of work.entries()) {
    const run: PackageRun = { dir: rel(cwd, dir), importPath: packages.get(dir)!, tests: [], status: 'ran', message: '', seconds: 0, reports: 0, findings };
    runs.push(run);
    const started = Date.now();
    // Each package gets an even share of what is left, so one hung package cannot starve the rest.
    const packageDeadline = started + (deadline - started) / (work.length - index);
    const remaining = packageDeadline - started;
    if (remaining < 1000) {
      run.status = 'skipped';
      run.message = 'time budget used up before this package';
      findings.forEach((f) => reasons.set(f, 'not run: the time budget was used up'));
      continue;
    }
    progress(`verify: ${run.importPath}: listing tests`);
    // -race here too, so that the build is done once and reused by the run below.
    let list: Spawned;
    try {
      list = await runCommand(go, ['test', '-race', '-list', '^Test', '.'], dir, remaining);
    } catch (err) {
      throw goMissing(err, go) ?? err;
    }
    if (list.killed) {
      run.status = 'hung';
      run.message = `building and listing the tests took longer than the budget (${formatDuration(remaining)})`;
    } else if (list.code !== 0) {
      run.status = 'build-failed';
      run.message = buildErrors(list.stderr + list.stdout);
    } else {
      run.tests = list.stdout.split('\n').filter((l) => /^Test\w*$/.test(l.trim())).map((l) => l.trim());
      if (run.tests.length === 0) {
        run.status = 'no-tests';
        run.message = 'the package has no tests to run under the race detector';
      }
    }
    if (run.status === 'ran') {
      const left = packageDeadline - Date.now();
      const budgetSeconds = Math.max(1, Math.floor(left / 1000));
      const args = ['test', '-race', '-run', `^(${run.tests.join('|')})$`, '-count', String(options.count), '-cpu', options.cpu, '-timeout', `${budgetSeconds}s`, '.'];
      progress(`verify: ${run.importPath}: go ${args.join(' ')}`);
      const before = triage.grouper.reports;
      // The go command's own -timeout fires first and prints which tests hang; the kill is the backstop.
      const result = await runCommand(go, args, dir, left + 15_000, (stream) => triage.readInput(`${run.importPath} (go test)`, stream));
      run.reports = triage.grouper.reports - before;
      const timedOut = /panic: test timed out after/.test(result.stdout);
      if (result.killed || timedOut) {
        run.status = 'hung';
        const running = /running tests:\n((?:\s+\S+ \([^)]*\)\n?)+)/.exec(result.stdout);
        run.message = `stopped at the time budget (${formatDuration(left)})` + (running ? `; still running: ${running[1]!.trim().split(/\n\s*/).join(', ')}` : '');
      } else if (/\[build failed\]|\[setup failed\]/.test(result.stdout + result.stderr)) {
        run.status = 'build-failed';
        run.message = buildErrors(result.stderr + result.stdout);
      }
    }
    run.seconds = (Date.now() - started) / 1000;
    if (run.status !== 'ran') {
      const why = run.status === 'build-failed' ? 'the package does not build' : run.status === 'hung' ? 'the tests hung' : run.status === 'no-tests' ? 'the package has no tests' : 'skipped';
      for (const f of findings) reasons.set(f, `not run: ${why}`);
    }
  }

  const done = triage.finish();
  const resolver = new SourceResolver(cwd);
  const incidents = done.result.incidents;
  linkFindings(incidents, new FindingsIndex(doc.findings, cwd), resolver);
  const confirmedBy = new Map<Finding, Incident>();
  for (const inc of incidents) for (const m of inc.matches) if (!confirmedBy.has(m.finding)) confirmedBy.set(m.finding, inc);
  for (const [, findings] of byDir) {
    for (const f of findings) {
      const inc = confirmedBy.get(f) ?? null;
      const reason = reasons.get(f);
      verified.push({ finding: f, status: inc ? 'confirmed' : reason ? 'not-run' : 'not-reproduced', incident: inc, reason: inc ? '' : reason ?? '' });
    }
  }
  verified.sort((a, b) => a.finding.file.localeCompare(b.finding.file) || a.finding.line - b.finding.line);
  const misses = incidents.filter((i) => i.matches.length === 0 && i.sides.some((s) => s.frames.some((f) => !isStdlibFrame(f))));
  return { findings: verified, misses, packages: runs, command, outside };
}
