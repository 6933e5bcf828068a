// `npm run fuzz:triage [-- seconds]`: feeds random, truncated, interleaved and wrapped log text to
// triage's parser for a while (default 60 s). Stops at the first input that throws or whose result
// depends on how the bytes were chunked, printing the seed to replay.
import { fuzzOne, rng } from '../src/runtime/fuzz.js';

const seconds = Number(process.argv[2] ?? 60);
const start = Date.now();
const base = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
let runs = 0;
while (Date.now() - start < seconds * 1000) {
  const seed = base + runs;
  let problem: string | null;
  try {
    problem = await fuzzOne(rng(seed), 1 + (seed % 500));
  } catch (err) {
    problem = `threw: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
  }
  if (problem) {
    process.stdout.write(`fuzz:triage: seed ${seed}: ${problem}\n(replay with FUZZ_SEED=${seed})\n`);
    process.exit(1);
  }
  runs++;
}
process.stdout.write(`fuzz:triage: ${runs} inputs from seed ${base}, no problem in ${seconds}s\n`);
