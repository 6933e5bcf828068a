// Fuzzing the parser with mutated real Go files: byte flips, deletions, duplications,
// truncations, insertions of tricky bytes and splices of two files. Every input must
// parse without an exception, and every error must have a position inside the file.
// Inputs are generated deterministically from (seed, index), so a failure found in a
// worker can be reproduced by calling `fuzzInput` with the same arguments.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { end as nodeEnd, inspect, pos as nodePos } from './ast.js';
import { FileSet } from './position.js';
import { parseFile } from './parser.js';

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
const tricky = ['{', '}', '(', ')', '[', ']', '/*', '*/', '//', '`', '"', "'", '\\', '\x00', '\r\n', '\r', '\ufeff', '\n', ';', ',', ':=', '...', '<-', 'func', 'type', '[T any]', 'interface{', 'chan<-', 'go ', '~', '|', '0x', '1e', '_', '日本', '//line x.go:1\n', '//go:build go1.21\n'].map((s) => enc.encode(s));

function pick(r: () => number, n: number): number {
  return Math.floor(r() * n);
}

/** The input number `index` of a run with `seed` over `corpus`. */
export function fuzzInput(corpus: readonly Uint8Array[], seed: number, index: number): Uint8Array {
  const r = rng((seed * 0x9e3779b1) ^ (index * 0x85ebca6b) ^ 0x1234567);
  let b = corpus[pick(r, corpus.length)]!;
  const rounds = 1 + pick(r, 4);
  for (let k = 0; k < rounds; k++) {
    const n = b.length;
    const at = n === 0 ? 0 : pick(r, n);
    const len = 1 + pick(r, Math.min(64, Math.max(1, n - at)));
    switch (pick(r, 8)) {
      case 0: { // flip some bytes
        const c = b.slice();
        for (let i = 0; i < 1 + pick(r, 8) && n > 0; i++) c[pick(r, n)] = pick(r, 256);
        b = c;
        break;
      }
      case 1: // delete a range
        b = concat(b.subarray(0, at), b.subarray(Math.min(n, at + len)));
        break;
      case 2: // duplicate a range
        b = concat(b.subarray(0, at + len), b.subarray(at, Math.min(n, at + len)), b.subarray(Math.min(n, at + len)));
        break;
      case 3: // truncate
        b = b.subarray(0, at);
        break;
      case 4: // insert a tricky token
        b = concat(b.subarray(0, at), tricky[pick(r, tricky.length)]!, b.subarray(at));
        break;
      case 5: { // splice with another file
        const o = corpus[pick(r, corpus.length)]!;
        b = concat(b.subarray(0, at), o.subarray(o.length === 0 ? 0 : pick(r, o.length)));
        break;
      }
      case 6: { // deep nesting, to exercise linear time and the nesting limit
        const open = tricky[pick(r, 6)]!;
        const depth = 1 + pick(r, 3000);
        const parts: Uint8Array[] = [b.subarray(0, at)];
        for (let i = 0; i < depth; i++) parts.push(open);
        parts.push(b.subarray(at));
        b = concat(...parts);
        break;
      }
      default: { // swap two ranges of lines
        const c = b.slice();
        const from = pick(r, Math.max(1, n));
        c.copyWithin(at, from, Math.min(n, from + len));
        b = c;
      }
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Parses one input; returns a description of what went wrong, or null. */
export function checkParse(src: Uint8Array): string | null {
  let r;
  try {
    r = parseFile(new FileSet(), 'fuzz.go', src);
  } catch (e) {
    return `exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
  for (const e of r.errors) {
    // line:col may be moved by a //line directive, as go/parser does; the offset may not.
    const raw = e.offset >= 0 && e.offset <= src.length ? r.source.rawPosition(e.offset) : null;
    if (raw === null || raw.line < 1 || raw.column < 1 || raw.line > r.source.lineTotal) return `error outside the file: offset ${e.offset} ${e.line}:${e.col} ${e.message} (size ${src.length})`;
    if (e.pos - r.file.FileStart !== e.offset) return `error pos ${e.pos} does not match offset ${e.offset}`;
  }
  if (r.errors.length === 0) {
    // A tree without errors must have every node inside the file.
    let bad: string | null = null;
    try {
      inspect(r.file, (n) => {
        if (bad !== null || n.kind === 'File') return bad === null;
        const p = nodePos(n);
        const q = nodeEnd(n);
        if (p !== 0 && (p < r.file.FileStart || p > r.file.FileEnd || q < p || q > r.file.FileEnd)) bad = `${n.kind} at [${p}, ${q}) outside the file`;
        return true;
      });
    } catch (e) {
      return `exception walking the tree: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (bad !== null) return bad;
  }
  return null;
}

/** Up to `max` Go files of the corpus directory (GOROOT/src), smaller ones, chosen by seed. */
export function corpusFiles(root: string, max: number, seed: number, maxBytes = 48 * 1024): string[] {
  const all: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.go')) all.push(p);
    }
  };
  walk(root);
  all.sort();
  const r = rng(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = pick(r, i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const out: string[] = [];
  for (const f of all) {
    if (out.length >= max) break;
    try {
      if (readFileSync(f).length <= maxBytes) out.push(f);
    } catch {
      // unreadable: skip
    }
  }
  return out;
}

/** Some Go text for when no Go installation is around to lend its sources. */
export const builtinCorpus: string[] = [
  'package p\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n',
  'package p\n\ntype T[P any, Q ~int | ~string] struct {\n\ta, b P `json:"a"`\n\t*Q\n}\n\nfunc (t *T[P, Q]) M(x ...int) (int, error) {\n\tfor i := range 10 {\n\t\t_ = i\n\t}\n\treturn 0, nil\n}\n',
  'package p\n\nfunc f(c chan<- int, m map[string][]*int) {\n\tselect {\n\tcase c <- 1:\n\tcase v, ok := <-make(chan int):\n\t\t_, _ = v, ok\n\tdefault:\n\t}\n\tswitch x := any(m).(type) {\n\tcase nil:\n\tdefault:\n\t\t_ = x\n\t}\n\tif s := []int{1, 2}[0:1:2]; len(s) > 0 {\n\t\tgoto L\n\t}\nL:\n\tdefer func() { recover() }()\n\tgo f(c, m)\n}\n',
  '// Package q does things.\npackage q\n\nconst (\n\tA = iota\n\tB\n)\n\nvar x = struct{ a int }{a: 1}\nvar r = \'\\u00e9\' + 0x1p-2i + 0o17 + 0b1_0\n\ntype I interface {\n\tM(int) string\n\tfmt.Stringer\n\t~int | string\n}\n',
];

export interface FuzzFailure {
  seed: number;
  index: number;
  problem: string;
}

export interface FuzzResult {
  inputs: number;
  bytes: number;
  failures: FuzzFailure[];
}

/**
 * Runs `count` inputs (indices [0, count)) of `seed` on `workers` threads. A thread
 * that makes no progress for `hangSeconds` is stopped and its input reported as a hang.
 */
export async function runFuzz(corpusPaths: string[] | null, seed: number, count: number, workers: number, hangSeconds: number, onProgress?: (done: number) => void): Promise<FuzzResult> {
  const failures: FuzzFailure[] = [];
  let inputs = 0;
  let bytes = 0;
  let nextIndex = 0;
  const chunk = 200;
  const workerUrl = new URL('./fuzzworker.js', import.meta.url);
  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(workerUrl, { workerData: { corpusPaths, seed }, resourceLimits: { maxYoungGenerationSizeMb: 144, stackSizeMb: 64 } });
      let current = -1; // index being parsed
      let last = Date.now();
      let end = 0;
      const timer = setInterval(() => {
        if (Date.now() - last > hangSeconds * 1000) {
          failures.push({ seed, index: current, problem: `no progress for ${hangSeconds} s (hang?)` });
          clearInterval(timer);
          void w.terminate().then(() => runWorker().then(resolve, reject));
        }
      }, 1000);
      const feed = (): void => {
        if (nextIndex >= count) {
          clearInterval(timer);
          void w.terminate().then(() => resolve());
          return;
        }
        current = nextIndex;
        end = Math.min(count, nextIndex + chunk);
        nextIndex = end;
        w.postMessage({ from: current, to: end });
      };
      w.on('message', (m: { index: number; size: number; problem: string | null; done?: boolean }) => {
        last = Date.now();
        if (m.done) {
          feed();
          return;
        }
        current = m.index + 1;
        inputs++;
        bytes += m.size;
        if (m.problem !== null) failures.push({ seed, index: m.index, problem: m.problem });
        if (onProgress && inputs % 5000 === 0) onProgress(inputs);
      });
      w.on('error', (e) => {
        clearInterval(timer);
        reject(e);
      });
      feed();
    });
  await Promise.all(Array.from({ length: workers }, runWorker));
  return { inputs, bytes, failures };
}

/** The corpus as bytes: the files given, or the built-in snippets. */
export function loadCorpus(paths: string[] | null): Uint8Array[] {
  if (!paths || paths.length === 0) return builtinCorpus.map((s) => enc.encode(s));
  return paths.map((p) => new Uint8Array(readFileSync(p)));
}
