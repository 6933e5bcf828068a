// Turning the loader's packages into units of analysis, and a unit into a PackageUnit.
// A unit is plain data (it crosses to worker threads): a directory's package with its
// in-package tests, or its external _test package.

import { sep } from 'node:path';
import type { SourcePackage } from '../load/index.js';
import { FileSet } from '../syntax/position.js';
import { parseOne } from './frontend.js';
import type { RunError } from './findings.js';
import { makePackageUnit, type ModuleInfo, type PackageTypes, type PackageUnit } from './pass.js';

export interface UnitSpec {
  importPath: string;
  dir: string;
  goVersion: string;
  module: ModuleInfo | null;
  inGoroot: boolean;
  files: { name: string; isTest: boolean }[];
}

function isUnder(dir: string, root: string | null): boolean {
  if (!root) return false;
  return dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function unitsOf(pkgs: readonly SourcePackage[], gorootSrc: string | null): UnitSpec[] {
  const units: UnitSpec[] = [];
  for (const p of pkgs) {
    if (p.stub) continue;
    const module = p.module ? { path: p.module.path, dir: p.module.dir } : null;
    const inGoroot = isUnder(p.dir, gorootSrc);
    const files = [...p.goFiles.map((name) => ({ name, isTest: false })), ...p.testGoFiles.map((name) => ({ name, isTest: true }))];
    if (files.length > 0) units.push({ importPath: p.importPath, dir: p.dir, goVersion: p.goVersion, module, inGoroot, files });
    if (p.xTestGoFiles.length > 0) {
      units.push({
        importPath: p.importPath + '_test',
        dir: p.dir,
        goVersion: p.goVersion,
        module,
        inGoroot,
        files: p.xTestGoFiles.map((name) => ({ name, isTest: true })),
      });
    }
  }
  return units;
}

/** Parses a unit's files (each once) into its own FileSet. */
export function buildUnit(
  spec: UnitSpec,
  errors: RunError[],
  types?: (unit: UnitSpec) => PackageTypes | undefined,
): { unit: PackageUnit; lines: number } {
  const fset = new FileSet();
  const files: { name: string; ast: import('../syntax/ast.js').File; src: Uint8Array; isTest: boolean }[] = [];
  let lines = 0;
  for (const f of spec.files) {
    const parsed = parseOne(fset, f.name, errors);
    if (!parsed) continue;
    lines += parsed.lines;
    files.push({ name: f.name, ast: parsed.ast, src: parsed.src, isTest: f.isTest });
  }
  const unit = makePackageUnit({
    importPath: spec.importPath,
    dir: spec.dir,
    goVersion: spec.goVersion,
    module: spec.module,
    inGoroot: spec.inGoroot,
    fset,
    files,
    types: types ? () => types(spec) : undefined,
  });
  return { unit, lines };
}
