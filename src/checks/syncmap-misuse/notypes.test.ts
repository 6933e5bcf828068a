// Without type information syncmap-misuse cannot tell a sync.Map from any type with a
// Load method, so it must stay quiet rather than guess from names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePackageUnit } from '../../analysis/pass.js';
import { runPackage } from '../../analysis/runner.js';
import { parseFile } from '../../syntax/parser.js';
import { FileSet } from '../../syntax/position.js';
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
  const fset = new FileSet();
  const bytes = new TextEncoder().encode(src);
  const { file } = parseFile(fset, '/virtual/p.go', bytes);
  const unit = makePackageUnit({
    importPath: 'example.com/p', dir: '/virtual', goVersion: '1.22', module: null, inGoroot: false, fset,
    files: [{ name: '/virtual/p.go', ast: file, src: bytes, isTest: false }],
  });
  const r = runPackage(unit, [syncmapMisuse], { settings: { includeGoroot: false }, known: new Set([syncmapMisuse.name]), reportBadSuppressions: false });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings, []);
});
