// RACEWATCH_DEBUG=timeline: where a check run's wall time goes. Each job records when it
// ran and on which thread, split into parsing, type-checking and checks; the driver
// prints them to stderr at the end with the main thread's phases and each thread's idle
// time and garbage collection. Off by default: it costs a few clock reads per job.

import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

export function timelineEnabled(): boolean {
  const v = process.env['RACEWATCH_DEBUG'];
  return v !== undefined && v.split(',').includes('timeline');
}

/** Milliseconds since the epoch, comparable across threads (each has its own timeOrigin). */
export function clock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * This thread's CPU time and time spent runnable but waiting for a core, in ms, from
 * Linux's /proc/thread-self/schedstat (zeros elsewhere): wall times alone mean little
 * on a machine shared with other work.
 */
export function threadCpu(): { cpu: number; wait: number } {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ');
    return { cpu: Number(cpu) / 1e6, wait: Number(wait) / 1e6 };
  } catch {
    return { cpu: 0, wait: 0 };
  }
}

/** One job on one thread. Times are clock() values; durations in ms. */
export interface JobTiming {
  start: number;
  end: number;
  /** Parsing alone (the syntactic gates' view of the job). */
  parseMs: number;
  /** Program.prepare: parsing the job again with comments, collecting it and its imports. */
  prepareMs: number;
  /** Checking the job's bodies (lazily, when a check first reads types). */
  bodiesMs: number;
  /** Everything runPackage did but the bodies. */
  checksMs: number;
  typed: boolean;
  handBack: boolean;
  /** This thread's CPU time over the job, and its time waiting for a core (threadCpu). */
  cpuMs: number;
  waitMs: number;
}

export function newJobTiming(): JobTiming {
  const { cpu, wait } = threadCpu();
  return { start: clock(), end: 0, parseMs: 0, prepareMs: 0, bodiesMs: 0, checksMs: 0, typed: false, handBack: false, cpuMs: -cpu, waitMs: -wait };
}

export function endJobTiming(t: JobTiming): void {
  const { cpu, wait } = threadCpu();
  t.end = clock();
  t.cpuMs += cpu;
  t.waitMs += wait;
}

/** Garbage collection time on this thread since the first call. */
export function gcMeter(): () => number {
  let ms = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) ms += e.duration;
  });
  obs.observe({ entryTypes: ['gc'] });
  return () => ms;
}

export interface TimelineRow {
  thread: string;
  job: string;
  files: number;
  /** How the job reached the thread: 'queue', 'typed' (a handed-back job) or 'stolen'. */
  via: string;
  /** When the driver sent it (clock()). */
  sent: number;
  timing: JobTiming;
}

export interface ThreadSummary {
  thread: string;
  spawned: number;
  ready: number;
  exited: number;
  gcMs: number;
  /** The thread's CPU and run-queue wait over its life (threadCpu), when known. */
  cpuMs?: number;
  waitMs?: number;
  /** A worker's old generation after its latest full collection, MB. */
  liveMB?: number;
}

export function printTimeline(out: NodeJS.WritableStream, runStart: number, phases: [string, number][], rows: TimelineRow[], threads: ThreadSummary[]): void {
  const t = (x: number) => (x - runStart).toFixed(0).padStart(6);
  const ms = (x: number) => x.toFixed(0).padStart(5);
  // Node's options say whether the V8 pool was set (the CLI relaunches with one thread on two cores).
  const node = process.execArgv.length > 0 ? `; node ${process.execArgv.join(' ')}` : '';
  const lines: string[] = [`[timeline] ms since run start; parse/prep/bodies/checks in ms${node}`];
  for (const [name, at] of phases) lines.push(`[timeline] phase ${name.padEnd(24)} ${t(at)}`);
  lines.push('[timeline] thread      sent  start    end  total   cpu  wait parse  prep bodies checks  via     files job');
  for (const r of [...rows].sort((a, b) => a.timing.start - b.timing.start)) {
    const j = r.timing;
    const kind = j.handBack ? 'handback' : r.via;
    lines.push(
      `[timeline] ${r.thread.padEnd(8)} ${t(r.sent)} ${t(j.start)} ${t(j.end)} ${ms(j.end - j.start)} ${ms(j.cpuMs)} ${ms(j.waitMs)} ${ms(j.parseMs)} ${ms(j.prepareMs)} ${ms(j.bodiesMs).padStart(6)} ${ms(j.checksMs).padStart(6)}  ${(kind + (j.typed ? '*' : '')).padEnd(8)} ${String(r.files).padStart(4)} ${r.job}`,
    );
  }
  for (const th of threads) {
    const mine = rows.filter((r) => r.thread === th.thread).sort((a, b) => a.timing.start - b.timing.start);
    let busy = 0;
    let cpu = 0;
    let wait = 0;
    for (const r of mine) {
      busy += r.timing.end - r.timing.start;
      cpu += r.timing.cpuMs;
      wait += r.timing.waitMs;
    }
    const life = (th.cpuMs !== undefined ? `; thread cpu ${ms(th.cpuMs)} wait ${ms(th.waitMs ?? 0)}` : '') + (th.liveMB !== undefined ? `; live heap ${th.liveMB.toFixed(0)} MB` : '');
    const first = mine[0]?.timing.start ?? th.ready;
    const last = mine.length > 0 ? Math.max(...mine.map((r) => r.timing.end)) : th.ready;
    const span = th.exited - th.spawned;
    lines.push(
      `[timeline] thread ${th.thread}: spawned ${t(th.spawned)} ready ${t(th.ready)} first job ${t(first)} last end ${t(last)} exited ${t(th.exited)}; ${mine.length} jobs, busy ${ms(busy)} of ${ms(span)} (idle ${ms(span - busy)}), jobs cpu ${ms(cpu)} wait ${ms(wait)}, gc ${ms(th.gcMs)}${life}`,
    );
  }
  out.write(lines.join('\n') + '\n');
}
