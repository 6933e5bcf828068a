// Worker thread for fuzz.ts: generates inputs [from, to) of the run's seed, parses
// each, and reports every input (so the main thread can spot a hang at once).

import { parentPort, workerData } from 'node:worker_threads';
import { checkParse, fuzzInput, loadCorpus } from './fuzz.js';

const { corpusPaths, seed } = workerData as { corpusPaths: string[] | null; seed: number };
const corpus = loadCorpus(corpusPaths);

parentPort!.on('message', ({ from, to }: { from: number; to: number }) => {
  for (let i = from; i < to; i++) {
    const input = fuzzInput(corpus, seed, i);
    const problem = checkParse(input);
    parentPort!.postMessage({ index: i, size: input.length, problem });
  }
  parentPort!.postMessage({ index: to, size: 0, problem: null, done: true });
});
