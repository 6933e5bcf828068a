import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzOne, rng } from './fuzz.js';

test('fuzz: random, truncated, interleaved and wrapped inputs never throw, and chunking never changes the result', async () => {
  for (let seed = 1; seed <= 300; seed++) {
    const problem = await fuzzOne(rng(seed), 1 + (seed % 200));
    assert.equal(problem, null, `seed ${seed}: ${problem}`);
  }
});
