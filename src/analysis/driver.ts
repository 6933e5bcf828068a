// The driver behind `racewatch check`: load the packages matching the patterns, parse
// each file once, run the selected checks per package, and gather findings, errors
// and statistics. Packages are independent units of work, so on a machine with more
// than two cores they are handed out one at a time to worker threads (a pull queue keeps
// the cores busy whatever the package sizes); small runs, and runs on two cores, stay
// in-process, where threads would cost more than they save.

import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checks as registry } from '../checks/registry.js';
import { timelineEnabled } from './timeline.js';
import { createLoader } from '../load/index.js';
import { detectGoroot } from '../load/env.js';
import type { Check, RunSettings } from './check.js';
import { compareFindings, dedupeFindings, type CheckRun, type Finding, type RunError } from './findings.js';
import { runPackage, validateRequirements } from './runner.js';
import { badSuppressionCheck, BAD_SUPPRESSION, isUnusedSuppression, suppressionKey } from './suppress.js';
import { buildJobSyntax, buildJobTyped, jobsOf, jobSize, type BuiltJob, type ImportSource, type Job } from './units.js';
import { Program } from '../types/program.js';
import type { LoadOptions } from '../load/index.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';
import type { File } from '../syntax/ast.js';
import { clock, endJobTiming, gcMeter, newJobTiming, printTimeline, threadCpu, type JobTiming, type ThreadSummary, type TimelineRow } from './timeline.js';

/** What RACEWATCH_DEBUG=timeline collects over a run. */
interface Timeline {
  rows: TimelineRow[];
  threads: ThreadSummary[];
  phases: [string, number][];
  mainGc: () => number;
}

export interface DriverOptions {
  cwd: string;
  patterns: string[];
  /** The checks to run; bad-suppression is handled by the framework (include it to get its findings). */
  checks: readonly Check[];
  /** Every check name that exists (suppressions naming others are reported). Default: the registry's. */
  known?: ReadonlySet<string>;
  tests?: boolean;
  tags?: string[];
  goos?: string;
  goarch?: string;
  includeGoroot?: boolean;
  /** Worker threads; undefined = decide from the machine and the amount of work, 0 = in-process. */
  workers?: number;
  /** Replace a worker once its live heap reaches this (default RACEWATCH_WORKER_HEAP_MB, else 700; 0 = after every job). */
  workerHeapBudgetMB?: number;
  /** A worker's old generation limit (default V8's); a job that runs out twice is given up with an error. */
  workerOldGenerationMB?: number;
}

/** Units with fewer files than this run in-process. */
const MIN_FILES_FOR_WORKERS = 200;

/**
 * Worker threads for a large run when not told: none with two cores or fewer. Each
 * worker is a V8 isolate with its own heap, collector and compiled code, and an
 * in-process run already keeps the second core busy with V8's background collection and
 * compilation: over GOROOT/src on 2 cores, in-process took 19 s CPU (10 s on the main
 * thread) and two workers 26 s (12 s on their threads), for the same wall time.
 */
function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores <= 2 ? 0 : Math.min(cores, 4);
}

export function allKnownChecks(): Set<string> {
  return new Set([...registry.map((c) => c.name), BAD_SUPPRESSION]);
}

export async function runChecks(opts: DriverOptions): Promise<CheckRun> {
  const started = process.hrtime.bigint();
  const cwd = resolve(opts.cwd);
  validateRequirements(opts.checks);

  const loadOptions: LoadOptions = { cwd, tests: opts.tests !== false, goos: opts.goos, goarch: opts.goarch, tags: opts.tags };
  const loader = createLoader(loadOptions);
  const tl: Timeline | null = timelineEnabled() ? { rows: [], threads: [], phases: [['run start', clock()]], mainGc: gcMeter() } : null;
  const loaded = loader.packages(opts.patterns.length > 0 ? opts.patterns : ['./...']);
  tl?.phases.push(['packages loaded', clock()]);
  const errors: RunError[] = loaded.errors.map((e) => ({ ...e }));
  const goroot = detectGoroot();
  const jobs = jobsOf(loaded.packages, goroot ? join(resolve(goroot), 'src') : null, opts.tests !== false);

  const reportBadSuppressions = opts.checks.some((c) => c.name === BAD_SUPPRESSION);
  const checks = opts.checks.filter((c) => c.name !== BAD_SUPPRESSION);
  const settings: RunSettings = { includeGoroot: opts.includeGoroot === true };
  const known = opts.known ?? allKnownChecks();

  const typed = checks.some((c) => !c.syntaxOnly);
  const totalFiles = jobs.reduce((n, j) => n + jobSize(j), 0);
  const allRegistered = checks.every((c) => registry.includes(c) || c === badSuppressionCheck);
  let workers = opts.workers ?? (totalFiles >= MIN_FILES_FOR_WORKERS ? defaultWorkers() : 0);
  // Workers find checks by name in the registry; ad hoc checks (tests) run in-process.
  if (!allRegistered) workers = 0;
  workers = Math.min(workers, jobs.length);

  let findings: Finding[] = [];
  const usedSuppressions = new Set<string>();
  let files = 0;
  let lines = 0;
  let packages = 0;
  if (workers <= 1) {
    const program = typed ? new Program(loader, { comments: true, skipImportBodies: true }) : null;
    tl?.phases.push(['jobs start (in-process)', clock()]);
    for (const job of jobs) {
      const timing = tl ? newJobTiming() : undefined;
      const sent = timing?.start ?? 0;
      const r = runJob(job, checks, program, { settings, known, reportBadSuppressions }, false, undefined, timing);
      if (tl && timing) {
        endJobTiming(timing);
        tl.rows.push({ thread: 'main', job: job.source.importPath, files: jobSize(job), via: 'queue', sent, timing });
      }
      findings.push(...r.findings);
      errors.push(...r.errors);
      for (const k of r.usedSuppressions ?? []) usedSuppressions.add(k);
      files += r.files;
      lines += r.lines;
      packages += r.packages;
    }
  } else {
    const init: WorkerInit = { checkNames: checks.map((c) => c.name), settings, known: [...known], reportBadSuppressions, loadOptions, typed };
    tl?.phases.push(['workers start', clock()]);
    const results = await runInWorkers(jobs, workers, init, { budgetMB: opts.workerHeapBudgetMB ?? WORKER_HEAP_BUDGET_MB, oldGenerationMB: opts.workerOldGenerationMB }, tl);
    for (const r of results) {
      findings.push(...r.findings);
      errors.push(...r.errors);
      for (const k of r.usedSuppressions ?? []) usedSuppressions.add(k);
      files += r.files;
      lines += r.lines;
      packages += r.packages;
    }
  }
  tl?.phases.push(['jobs done', clock()]);
  for (const note of loader.notes()) errors.push({ file: '', line: 0, column: 0, message: note });

  // A suppression that silenced a race reported from an importing package is used,
  // though its own package's run found nothing to silence.
  if (usedSuppressions.size > 0) findings = findings.filter((f) => !(isUnusedSuppression(f) && usedSuppressions.has(suppressionKey(f))));
  findings.sort(compareFindings);
  const unique = dedupeFindings(findings);
  errors.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (tl) {
    tl.phases.push(['results merged', clock()]);
    // GC entries reach the observer from the event loop, which a run in-process never yielded to.
    await new Promise((r) => setTimeout(r, 20));
    const main = threadCpu();
    tl.threads.push({ thread: 'main', spawned: tl.phases[0]![1], ready: tl.phases[0]![1], exited: clock(), gcMs: tl.mainGc(), cpuMs: main.cpu, waitMs: main.wait });
    printTimeline(process.stderr, tl.phases[0]![1], tl.phases, tl.rows, tl.threads);
  }
  return { findings: unique, errors, stats: { packages, files, lines, seconds }, checks: opts.checks };
}

export interface JobResult {
  findings: Finding[];
  errors: RunError[];
  packages: number;
  files: number;
  lines: number;
  /** Set by workers: their old generation after their last full collection, for recycling. */
  liveHeapMB?: number;
  /** The job needs types and this worker has no type checker: nothing was run, pass it on. */
  handBack?: true;
  /** Suppressions in other packages' files that silenced findings of this job (suppressionKey). */
  usedSuppressions?: string[];
  /** RACEWATCH_DEBUG=timeline: where the job's time went, and the thread's GC time so far. */
  timing?: JobTiming;
  gcMs?: number;
  threadCpu?: { cpu: number; wait: number };
}

/**
 * Where a job's types come from: a Program; 'elsewhere' (a worker without one: a job
 * that needs types is handed back, to be run by the worker that has one); or null (no
 * selected check reads types).
 */
export type TypeSource = Program | 'elsewhere' | null;

/** Parses (or type-checks) one job's packages and runs the checks on each. */
export function runJob(
  job: Job,
  checks: readonly Check[],
  types: TypeSource,
  opts: Parameters<typeof runPackage>[2],
  knownTyped = false,
  /** For units built without types: where their imports are found (default: the Program). */
  imports?: ImportSource,
  /** RACEWATCH_DEBUG=timeline: filled in with where the job's time went. */
  timing?: JobTiming,
): JobResult {
  imports ??= types !== null && types !== 'elsewhere' ? types : undefined;
  const errors: RunError[] = [];
  const findings: Finding[] = [];
  let built: BuiltJob;
  const typedBuild = (program: Program, parsed?: ReadonlyMap<string, File>): BuiltJob => {
    const t0 = timing ? clock() : 0;
    const b = buildJobTyped(job, program, errors, timing, parsed);
    if (timing) {
      timing.prepareMs += clock() - t0;
      timing.typed = true;
    }
    return b;
  };
  try {
    if (types !== null && knownTyped && types !== 'elsewhere') built = typedBuild(types);
    else if (types !== null) {
      // Parsed alone first: the checks' syntactic gates decide whether the job needs the
      // type checker (which would parse and collect all its imports too).
      const syntaxErrors: RunError[] = [];
      const t0 = timing ? clock() : 0;
      const syntax = buildJobSyntax(job, syntaxErrors, imports);
      if (timing) timing.parseMs += clock() - t0;
      const needsTypes = syntax.units.some((u) => checks.some((c) => !c.syntaxOnly && (c.needsTypes?.(u, opts.settings) ?? true)));
      if (needsTypes && types === 'elsewhere') {
        if (timing) timing.handBack = true;
        return { findings: [], errors: [], packages: 0, files: 0, lines: 0, handBack: true };
      }
      if (needsTypes) {
        // The trees just parsed (into the Program's FileSet, comments kept) are the
        // Program's to keep, except those with syntax errors, which it parses again to
        // format its errors.
        const withErrors = new Set(syntaxErrors.map((e) => e.file));
        const parsed = new Map<string, File>();
        for (const u of syntax.units) u.files.forEach((f, i) => withErrors.has(u.fileNames[i]!) || parsed.set(u.fileNames[i]!, f));
        built = typedBuild(types as Program, parsed);
      } else {
        built = syntax;
        errors.push(...syntaxErrors);
      }
    } else {
      const t0 = timing ? clock() : 0;
      built = buildJobSyntax(job, errors);
      if (timing) timing.parseMs += clock() - t0;
    }
  } catch (err) {
    // A type checker failure must not cost the package its syntax-only checks.
    errors.push({ file: job.source.dir, line: 0, column: 0, message: `type checking ${job.source.importPath} failed: ${err instanceof Error ? err.message : String(err)}` });
    built = buildJobSyntax(job, errors);
  }
  const usedSuppressions: string[] = [];
  const checksStart = timing ? clock() : 0;
  const bodiesBefore = timing?.bodiesMs ?? 0;
  for (const unit of built.units) {
    const r = runPackage(unit, checks, opts);
    findings.push(...r.findings);
    errors.push(...r.errors);
    usedSuppressions.push(...r.usedSuppressions);
  }
  if (timing) timing.checksMs += clock() - checksStart - (timing.bodiesMs - bodiesBefore);
  // A run checks each package once: its expression records would only weigh on the heap
  // (and on the collector) for the rest of the run.
  built.release?.();
  return { findings, errors, packages: built.units.length, files: built.files, lines: built.lines, usedSuppressions };
}

type UnitResult = Extract<FromWorker, { findings: Finding[] }>;

/**
 * A worker is replaced by a fresh one once its live heap (measured after a full
 * collection) passes this. Each worker's type checker keeps what it collected, for
 * later importers; over GOROOT/src that stays under ~500 MB, so no worker is replaced
 * (a fresh one would parse and collect those imports again, and compile the checks
 * again).
 */
const WORKER_HEAP_BUDGET_MB = Number(process.env['RACEWATCH_WORKER_HEAP_MB'] ?? 700);

/**
 * A worker's young generation. Parsing and summarising allocate a great many objects
 * that die within one package; V8's default nursery (16 MB semi-spaces) is scavenged so
 * often that collection takes a quarter of the run. A larger one lets most of them die
 * unvisited.
 */
const WORKER_YOUNG_GENERATION_MB = 192;

/**
 * Runs the jobs on `count` worker threads, taking the biggest job left first, so that no
 * large one is left for the end while a core idles. The first worker type-checks: a job
 * that turns out to need types (its checks' gates say so) is handed back by the others
 * and queued for it, so the packages such jobs import are parsed and collected by one
 * type checker, not by each worker — until the others run out of untyped jobs; then they
 * take typed jobs too (building their own type checker) rather than idle. The run ends
 * when the last result is in: workers are terminated, not waited for (freeing a large
 * heap takes up to a second).
 */
function runInWorkers(jobs: Job[], count: number, init: WorkerInit, limits: { budgetMB: number; oldGenerationMB?: number }, tl: Timeline | null): Promise<UnitResult[]> {
  const queue = [...jobs].sort((a, b) => jobSize(b) - jobSize(a));
  const typedQueue: Job[] = [];
  const results: UnitResult[] = [];
  const workerUrl = new URL('./worker.js', import.meta.url);
  /** Jobs whose worker ran out of memory once: a second time, the package is given up. */
  const outOfMemoryOnce = new Set<Job>();
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const running = new Set<Worker>();
    /** Jobs sent and not yet answered, by worker. */
    const inFlight = new Map<Worker, Job>();
    /** Workers without a type checker running a job (they may hand one back). */
    let busyUntyped = 0;
    /** The typed worker, when it waits for jobs that other workers may hand back. */
    let parkedTyped: (() => void) | null = null;
    let spawnedCount = 0;
    const finishIfDone = (): void => {
      if (settled || queue.length > 0 || typedQueue.length > 0 || inFlight.size > 0) return;
      settled = true;
      const now = clock();
      for (const th of tl?.threads ?? []) th.exited ||= now;
      for (const w of running) void w.terminate();
      resolvePromise(results);
    };
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      for (const w of running) void w.terminate();
      reject(err);
    };
    const wakeTyped = (): void => {
      if (!parkedTyped) return;
      const wake = parkedTyped;
      parkedTyped = null;
      wake();
    };
    const start = (typesHere: boolean): void => {
      const thread: ThreadSummary = { thread: `w${spawnedCount++}${typesHere ? 't' : ''}`, spawned: clock(), ready: 0, exited: 0, gcMs: 0 };
      tl?.threads.push(thread);
      let sentAt = 0;
      let sentVia = 'queue';
      const w = new Worker(workerUrl, {
        workerData: { ...init, typesHere: init.typed && typesHere } satisfies WorkerInit,
        resourceLimits: {
          maxYoungGenerationSizeMb: Math.min(WORKER_YOUNG_GENERATION_MB, limits.oldGenerationMB ?? Infinity),
          ...(limits.oldGenerationMB !== undefined ? { maxOldGenerationSizeMb: limits.oldGenerationMB } : {}),
        },
      });
      running.add(w);
      let busy = false;
      const setBusy = (b: boolean): void => {
        if (!typesHere && b !== busy) busyUntyped += b ? 1 : -1;
        busy = b;
      };
      const send = (job: Job, via: string, knownTyped: boolean): void => {
        inFlight.set(w, job);
        setBusy(true);
        if (tl) {
          sentAt = clock();
          sentVia = via;
        }
        w.postMessage({ job, knownTyped } satisfies ToWorker);
      };
      const next = (): void => {
        if (settled) return;
        const typedJob = typesHere ? typedQueue.shift() : undefined;
        if (typedJob) return send(typedJob, 'typed', true);
        const job = queue.shift();
        if (job) return send(job, 'queue', false);
        // Nothing but typed jobs left: the typed worker runs them one at a time, and the
        // biggest packages may be typed ones. A worker that would idle takes one itself
        // (and builds its own type checker, parsing those jobs' imports a second time).
        const stolen = typesHere ? undefined : typedQueue.shift();
        if (stolen) return send(stolen, 'stolen', true);
        setBusy(false);
        // The typed worker waits while others may still hand jobs back.
        if (typesHere && busyUntyped > 0) parkedTyped = next;
        else if (busyUntyped === 0) wakeTyped();
        finishIfDone();
      };
      w.on('message', (msg: FromWorker) => {
        if (settled) return;
        if ('fatal' in msg) return fail(new Error(msg.fatal));
        if ('ready' in msg) thread.ready = clock();
        if ('findings' in msg) {
          const job = inFlight.get(w)!;
          inFlight.delete(w);
          if (tl && msg.timing) {
            tl.rows.push({ thread: thread.thread, job: job.source.importPath, files: jobSize(job), via: sentVia, sent: sentAt, timing: msg.timing });
            thread.gcMs = msg.gcMs ?? 0;
            thread.cpuMs = msg.threadCpu?.cpu;
            thread.waitMs = msg.threadCpu?.wait;
            thread.liveMB = msg.liveHeapMB;
          }
          if (msg.handBack) {
            typedQueue.push(job);
            wakeTyped();
          } else results.push(msg);
          if (msg.liveHeapMB !== undefined && msg.liveHeapMB >= limits.budgetMB && (queue.length > 0 || typedQueue.length > 0)) {
            // Replaced now, not once it has exited: its heap is freed in the background.
            setBusy(false);
            retire(typesHere);
            return;
          }
        }
        next();
      });
      const retire = (replaceTyped: boolean): void => {
        running.delete(w);
        thread.exited = clock();
        void w.terminate();
        start(replaceTyped);
      };
      w.on('error', (err: Error & { code?: string }) => {
        if (settled) return;
        const job = inFlight.get(w);
        if (err.code !== 'ERR_WORKER_OUT_OF_MEMORY' || !job) return fail(err);
        // Past the heap limit: retry the job once on a fresh worker (this one may have
        // been full of earlier packages), then give that package up.
        inFlight.delete(w);
        setBusy(false);
        if (outOfMemoryOnce.has(job)) {
          const message = `out of memory checking ${job.source.importPath} in a worker (run with --workers 0 to use the main thread's heap)`;
          results.push({ findings: [], errors: [{ file: job.source.dir, line: 0, column: 0, message }], packages: 0, files: 0, lines: 0 });
        } else {
          outOfMemoryOnce.add(job);
          queue.unshift(job);
        }
        if (queue.length > 0 || typedQueue.length > 0) retire(typesHere);
        else {
          running.delete(w);
          if (busyUntyped === 0) wakeTyped();
          finishIfDone();
        }
      });
      w.on('exit', () => {
        thread.exited ||= clock();
        running.delete(w);
        // A worker that stops on its own with a job unanswered has failed.
        if (!settled && inFlight.has(w)) fail(new Error(`worker stopped while checking ${inFlight.get(w)!.source.importPath}`));
      });
    };
    for (let i = 0; i < count; i++) start(i === 0);
  });
}
