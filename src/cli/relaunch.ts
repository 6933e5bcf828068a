// On a machine with two cores or fewer, `check` and `verify` run in a child Node
// process with one V8 background thread (`--v8-pool-size=1`) instead of Node's four.
//
// V8 runs its parallel scavenges, concurrent marking and TurboFan compiles on that pool.
// With four threads and two cores, the main thread waited for a core 600–900 ms of a
// 6–7 s `check` over GOROOT/src (RACEWATCH_DEBUG=timeline's run-queue wait). Measured,
// alternating: GOROOT/src 6.69–6.78 s with the default pool, 6.02–6.26 s with one
// thread (9% less wall, 7% less CPU); the cmd module 5.62–5.89 s and 5.39–5.50 s. The
// type checker alone (bench-types) was no faster, so only the commands that run the
// engine relaunch. The pool's size is a Node option, read only at start: hence a child.
// Starting it costs about 40 ms. Set RACEWATCH_V8_POOL (to anything) to run in-process.
import { spawn } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

/** Set in the child, so that it does not relaunch again; set by a user, it keeps the run in-process. */
const MARK = 'RACEWATCH_V8_POOL';

/** The commands that run the race engine over a tree. */
const ENGINE_COMMANDS: ReadonlySet<string> = new Set(['check', 'verify']);

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Whether this invocation should run in a child with a one-thread V8 pool. */
export function shouldRelaunch(argv: readonly string[], env: NodeJS.ProcessEnv, cores: number, execArgv: readonly string[]): boolean {
  return env[MARK] === undefined && ENGINE_COMMANDS.has(argv[0] ?? '') && cores <= 2 && !execArgv.some((a) => a.startsWith('--v8-pool-size'));
}

/**
 * Runs this command again in a child with `--v8-pool-size=1` when shouldRelaunch says so:
 * stdio is the child's, signals are passed on, and this process exits as the child did.
 * False when it did not relaunch; `inProcess` runs the command here if the child cannot
 * be started.
 */
export function relaunchWithOnePoolThread(inProcess: () => void): boolean {
  const argv = process.argv.slice(2);
  if (!shouldRelaunch(argv, process.env, availableParallelism(), process.execArgv)) return false;
  const child = spawn(process.execPath, [...process.execArgv, '--v8-pool-size=1', process.argv[1]!, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [MARK]: '1' },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of FORWARDED_SIGNALS) process.on(s, forward);
  child.on('error', () => {
    for (const s of FORWARDED_SIGNALS) process.off(s, forward);
    inProcess();
  });
  child.on('exit', (code, signal) => {
    for (const s of FORWARDED_SIGNALS) process.off(s, forward);
    if (signal !== null) {
      // Die of the same signal, as a shell expects; its number if it cannot be raised.
      process.exitCode = 128 + (constants.signals[signal] ?? 0);
      process.kill(process.pid, signal);
      return;
    }
    process.exitCode = code ?? 2;
  });
  return true;
}
