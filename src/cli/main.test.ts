import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { main } from './main.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

test('unknown command exits 2 with a clear message', async () => {
  const out = capture();
  const err = capture();
  const code = await main(['no-such-command'], { stdout: out.stream, stderr: err.stream, cwd: process.cwd() });
  assert.equal(code, 2);
  assert.match(err.text(), /unknown command "no-such-command"/);
});

test('version prints the package version', async () => {
  const out = capture();
  const err = capture();
  const code = await main(['--version'], { stdout: out.stream, stderr: err.stream, cwd: process.cwd() });
  assert.equal(code, 0);
  assert.match(out.text(), /^racewatch \d+\.\d+\.\d+/);
});
