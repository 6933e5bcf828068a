// Without type information syncmap-misuse cannot tell a sync.Map from any type with a
// Load method, so it must stay quiet rather than guess from names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPackage } from '../../analysis/runner.js';
import { syntaxOnlyUnit } from '../../testutil/unit.js';
import { syncmapMisuse } from './index.js';

test('syncmap-misuse without types: quiet on a get-or-create it would report with types', () => {
  const src = `package p

import "sync"

type conn struct{ id string }

var conns sync.Map

func getConn(id string) *conn {
	if v, ok := conns.Load(id); ok {
		return v.(*conn)
	}
	c := &conn{id: id}
	conns.Store(id, c)
	return c
}
`;
  const unit = syntaxOnlyUnit(src);
  const r = runPackage(unit, [syncmapMisuse], { settings: { includeGoroot: false }, known: new Set([syncmapMisuse.name]), reportBadSuppressions: false });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings, []);
});


test('syncmap-misuse needs types where sync.Map is named or a call sequence could misuse one', () => {
  const settings = { includeGoroot: false };
  // sync for a mutex, atomics loaded and stored: no sequence to check, no sync.Map named.
  assert.equal(syncmapMisuse.needsTypes!(syntaxOnlyUnit(`package p

import (
	"sync"
	"sync/atomic"
)

type T struct {
	mu sync.Mutex
	n  atomic.Int64
}

func (t *T) Bump() { t.n.Store(t.n.Load() + 1) }
`), settings), false);
  // A sync.Map named and a value that may hold one copied: the types decide.
  assert.equal(syncmapMisuse.needsTypes!(syntaxOnlyUnit(`package p

import "sync"

type T struct{ m sync.Map }

func snapshot(t *T) T { return *t }
`), settings), true);
  // A sync.Map named but only ever reached through pointers, method calls and
  // builtins: no copy site can hold one, whatever the types (GOROOT's crypto/tls cache).
  assert.equal(syncmapMisuse.needsTypes!(syntaxOnlyUnit(`package p

import "sync"

type cache struct{ sync.Map }

type server struct {
	c    *cache
	name string
}

var global = new(cache)

func (c *cache) get(k string) any {
	v, _ := c.Load(k)
	return v
}

func lookup(s *server, servers []*server) any {
	for _, t := range servers {
		use(t, t.name)
	}
	other := s.c
	return other.get(s.name)
}

func use(s *server, name string) {}
`), settings), false);
  // A two-result Load and a Store in one body, on a value of any package: a get-or-create.
  assert.equal(syncmapMisuse.needsTypes!(syntaxOnlyUnit(`package p

func f(m interface {
	Load(any) (any, bool)
	Store(any, any)
}) {
	if _, ok := m.Load(1); !ok {
		m.Store(1, 2)
	}
}
`), settings), true);
});

test('syncmap-misuse needs types for a call sequence only where it could be reported', () => {
  const settings = { includeGoroot: false };
  const needs = (src: string) => syncmapMisuse.needsTypes!(syntaxOnlyUnit(src), settings);
  // A Range whose callback does more than count, and a Load and a Store of different
  // maps: whatever the receivers are, nothing to report.
  assert.equal(needs(`package p

type M interface {
	Load(any) (any, bool)
	Store(any, any)
	Range(func(k, v any) bool)
}

func f(a, b M, keys *[]any) {
	a.Range(func(k, v any) bool {
		*keys = append(*keys, k)
		return true
	})
	if v, ok := a.Load(1); ok {
		b.Store(1, v)
	}
}
`), false);
  // A Load then a Delete of another key: not the same entry.
  assert.equal(needs(`package p

func f(m interface {
	Load(any) (any, bool)
	Delete(any)
}) {
	if _, ok := m.Load(1); ok {
		m.Delete(2)
	}
}
`), false);
  // The Store does not depend on what the Load found: not a get-or-create, compare or
  // read-modify-write.
  assert.equal(needs(`package p

func f(m interface {
	Load(any) (any, bool)
	Store(any, any)
}) {
	_, _ = m.Load(1)
	m.Store(1, 2)
}
`), false);
  // A Range that only counts, on any receiver: a hand-made Len if it is a sync.Map.
  assert.equal(needs(`package p

func f(m interface{ Range(func(k, v any) bool) }) int {
	n := 0
	m.Range(func(k, v any) bool {
		n++
		return true
	})
	return n
}
`), true);
  // A Load then a Delete of the same key.
  assert.equal(needs(`package p

func f(m interface {
	Load(any) (any, bool)
	Delete(any)
}) {
	if _, ok := m.Load(1); ok {
		m.Delete(1)
	}
}
`), true);
});
