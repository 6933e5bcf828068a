// Inlined accesses are kept as runs (a stretch of the callee's events seen through each
// inlining's renaming) and built when a summary is read. These tests pin what a run
// stands for: the accesses copying gave, in order and renamed into the caller's terms,
// numbered in sequence, and cut by the size bound exactly where copying was cut.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../syntax/parser.js';
import { FileSet } from '../../syntax/position.js';
import type * as ast from '../../syntax/ast.js';
import { type Event, concreteEvents, eventCount, flattenRuns } from './events.js';
import { Summarizer } from './summarize.js';

const SRC = `package p

import "sync"

type T struct {
	mu         sync.Mutex
	a, b, c, d int
	e          int
}

func (t *T) leaf() { t.a = 1; t.b = 2; _ = t.c }

func (t *T) mid() {
	t.leaf()
	t.d = 3
	t.leaf()
}

func (t *T) top() {
	t.mu.Lock()
	t.mid()
	t.mu.Unlock()
	t.e = 4
}
`;

function summarizer(maxEvents: number): { sz: Summarizer; decl: (name: string) => ast.FuncDecl } {
  const fset = new FileSet();
  const bytes = new TextEncoder().encode(SRC);
  const { file } = parseFile(fset, 'p.go', bytes);
  const src = { source: () => bytes, fileAt: () => file, line: (p: number) => fset.position(p).line };
  const sz = new Summarizer([file], src, { goVersion: '1.22', maxEvents });
  const decl = (name: string) => file.Decls.find((d): d is ast.FuncDecl => d.kind === 'FuncDecl' && d.Name.Name === name)!;
  return { sz, decl };
}

/** Each event as `key write|read [locks]`: the receiver's root written R, fresh roots F (their numbers are the order they were made in). */
function describe(events: readonly Event[], recvRoot: string): string[] {
  const name = (k: string) => (k.startsWith(recvRoot) ? 'R' + k.slice(recvRoot.length) : k.replace(/^F\d+/, 'F'));
  return events.map((e) =>
    e.k === 'access' ? `${name(e.path.key)} ${e.write ? 'write' : 'read'} [${[...e.locks.keys()].map(name).join(',')}]` : `${e.k} ${e.k === 'sync' ? e.op : ''}`,
  );
}

/** leaf's accesses as a caller sees them: reading the receiver variable for each call is a read of a fresh copy (F). */
const LEAF = ['F read', 'R.a write', 'F read', 'R.b write', 'F read', 'R.c read'];
const MID = ['R read', ...LEAF, 'R read', 'R.d write', 'R read', ...LEAF];

test("a caller holds runs, not copies, and they stand for the callee's accesses in order, renamed and under the caller's locks", () => {
  const { sz, decl } = summarizer(4000);
  const top = sz.summaryOf(decl('top'));
  assert.ok(top.events.some((e) => e.k === 'run'), 'top inlines mid as a run');
  const all = concreteEvents(top);
  const held = (x: string) => x.replace(/\[\]$/, '[R.mu]');
  const midInTop = MID.map((x) => held(`${x.replace(/^R read$/, 'F read')} []`));
  assert.deepEqual(describe(all, top.recvRoot!), ['R read []', 'R read [R.mu]', ...midInTop, 'R read [R.mu]', 'sync unlock', 'R read []', 'R.e write []']);
  assert.equal(eventCount(top.events), all.length);
  // Events are numbered in program order, runs included.
  for (let i = 1; i < all.length; i++) assert.ok(all[i]!.seq > all[i - 1]!.seq, `seq ${all[i]!.seq} after ${all[i - 1]!.seq}`);
  // The same summary read twice is built once; a list without runs is itself.
  assert.equal(concreteEvents(top), all);
  const leaf = sz.summaryOf(decl('leaf'));
  assert.equal(flattenRuns(leaf.events), leaf.events);
});

test('the size bound cuts a run where it cut the copies', () => {
  const full = summarizer(4000);
  const fullTop = describe(concreteEvents(full.sz.summaryOf(full.decl('top'))), full.sz.summaryOf(full.decl('top')).recvRoot!);
  const fullMid = describe(concreteEvents(full.sz.summaryOf(full.decl('mid'))), full.sz.summaryOf(full.decl('mid')).recvRoot!);
  for (const room of [1, 3, 5, 9, 15]) {
    const { sz, decl } = summarizer(room);
    for (const [name, whole] of [['mid', fullMid], ['top', fullTop]] as const) {
      const s = sz.summaryOf(decl(name));
      const all = concreteEvents(s);
      assert.equal(all.length, eventCount(s.events), `${name} with room for ${room}`);
      assert.equal(all.length, Math.min(room, whole.length), `${name} with room for ${room}`);
      assert.equal(s.truncated, whole.length > room, `${name} with room for ${room}`);
      assert.deepEqual(describe(all, s.recvRoot!), whole.slice(0, all.length), `${name} with room for ${room}: the first events of the whole`);
    }
  }
});
