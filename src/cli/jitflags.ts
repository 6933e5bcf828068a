// V8's optimising compiler settings for racewatch's workload, set before any of the
// engine's code runs (bin.ts imports this module first; worker threads share the
// process's flags).
//
// A `check` over GOROOT/src runs for seconds, not minutes, through a few thousand
// functions whose object shapes are many (AST nodes of every kind, events, paths).
// With V8's default inlining budget (920 bytes of bytecode inlined per optimised
// function) TurboFan compiled 2,132 functions, deoptimised 552 times (mostly "wrong
// map" inside inlined callees) and spent about 10.6 s on its background threads
// recompiling them, which on a two-core machine competes with the main thread for the
// second core. With 100 bytes: 1,050 compilations, 5.5 s, and over GOROOT/src the run
// takes 7.8–8.2 s instead of 8.6–9.3 s, 10.3–11.2 s of CPU instead of 12.6–13.9 s
// (alternating runs, 920 / 460 / 200 / 150 / 100 / 50 and --no-turbo-inlining; 50–150
// were alike). The same findings: inlining changes speed, never results. The flag has
// been V8's since before Node 12 and is still read by TurboFan (and Turbolev) in the V8
// of Node 24; were it ever dropped, V8 would print "unrecognized flag" and go on.
import { setFlagsFromString } from 'node:v8';

/** Bytes of bytecode TurboFan may inline into one optimised function. */
const INLINED_BYTECODE_BUDGET = 100;

setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`);
