// A package unit of one in-memory Go file, parsed without types: for tests of what a
// check does (or whether it asks for types) when only the syntax is known.

import { makePackageUnit, type PackageUnit } from '../analysis/pass.js';
import { parseFile } from '../syntax/parser.js';
import { FileSet } from '../syntax/position.js';

export function syntaxOnlyUnit(src: string): PackageUnit {
  const fset = new FileSet();
  const bytes = new TextEncoder().encode(src);
  const { file } = parseFile(fset, '/virtual/p.go', bytes);
  return makePackageUnit({
    importPath: 'example.com/p', dir: '/virtual', goVersion: '1.22', module: null, inGoroot: false, fset,
    files: [{ name: '/virtual/p.go', ast: file, src: bytes, isTest: false }],
  });
}
