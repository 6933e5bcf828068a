#!/usr/bin/env node
// First: V8 flags must be set before the engine's functions are optimised.
import './jitflags.js';
import { relaunchWithOnePoolThread } from './relaunch.js';

function run(): void {
  // Loaded only where the command runs (a relaunching parent never needs it).
  import('./main.js')
    .then(({ main }) => main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.stderr.write(`racewatch: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
      },
    );
}

if (!relaunchWithOnePoolThread(run)) run();
