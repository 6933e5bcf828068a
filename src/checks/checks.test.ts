// Every registered check against its own testdata, and the meta test that keeps the
// registry, the folders under src/checks, the docs and the testdata in step.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checks } from './registry.js';
import { findGo, repoRoot, requireGo } from '../testutil/go.js';
import { DOC_SECTIONS, docSections, goCodeBlock } from '../analysis/doc.js';
import { buildFixedPackages, expectationsOf, packageDirs, runTestdata } from '../analysis/testing.js';
import { runChecks } from '../analysis/driver.js';
import { badSuppressionCheck } from '../analysis/suppress.js';
import type { Check } from '../analysis/check.js';

const checksDir = join(repoRoot, 'src', 'checks');

for (const check of checks) {
  test(`${check.name}: testdata matches its want comments`, async () => {
    const result = await runTestdata(check, join(checksDir, check.name, 'testdata'));
    assert.ok(result.packages > 0, `${check.name} has no testdata packages`);
    assert.deepEqual(result.failures, [], `${check.name} testdata:\n${result.failures.join('\n')}`);
  });
}

for (const check of checks) {
  const testdata = join(checksDir, check.name, 'testdata');
  test(`${check.name}: testdata builds, with the suggested fixes (the .golden files) applied`, (t) => {
    if (!requireGo(t)) return;
    const failures = buildFixedPackages(testdata, findGo()!.go);
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}

test('meta: names are kebab-case and unique, titles are one lower-case line', () => {
  const names = new Set<string>();
  for (const c of [...checks, badSuppressionCheck]) {
    assert.match(c.name, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, `check name "${c.name}" is not kebab-case`);
    assert.ok(!names.has(c.name), `check name "${c.name}" is registered twice`);
    names.add(c.name);
    assert.ok(['error', 'warning', 'info'].includes(c.severity), `${c.name}: severity ${c.severity}`);
    assert.match(c.doc.title, /^[a-z/`][^\n]*[^.\n]$/, `${c.name}: title must be one line, lower case, no final period: "${c.doc.title}"`);
  }
});

test('meta: every registered check has index.ts, doc.md with all sections, and testdata with wants', () => {
  for (const c of checks) {
    const dir = join(checksDir, c.name);
    assert.ok(existsSync(join(dir, 'index.ts')), `${c.name}: src/checks/${c.name}/index.ts missing (the folder must be named after the check)`);
    const docFile = join(dir, 'doc.md');
    assert.ok(existsSync(docFile), `${c.name}: doc.md missing`);
    assert.equal(c.doc.markdown, readFileSync(docFile, 'utf8'), `${c.name}: doc.markdown must be read from doc.md`);
    const sections = docSections(c.doc.markdown);
    for (const s of DOC_SECTIONS) assert.ok((sections.get(s) ?? '') !== '', `${c.name}: doc.md lacks a non-empty "## ${s}" section`);
    const dirs = packageDirs(join(dir, 'testdata'));
    assert.ok(dirs.length > 0, `${c.name}: no Go packages under testdata/`);
    const problems: string[] = [];
    const wants = dirs.flatMap((d) => readdirSync(d).filter((n) => n.endsWith('.go')).flatMap((n) => expectationsOf(join(d, n), problems)));
    assert.deepEqual(problems, []);
    assert.ok(wants.length > 0, `${c.name}: testdata has no // want comment`);
  }
});

test('meta: every folder under src/checks is a registered check', () => {
  const registered = new Set(checks.map((c) => c.name));
  const folders = readdirSync(checksDir).filter((n) => statSync(join(checksDir, n)).isDirectory());
  const unregistered = folders.filter((f) => !registered.has(f));
  assert.deepEqual(unregistered, [], `folders under src/checks not in src/checks/registry.ts: ${unregistered.join(', ')}`);
});

async function runExample(c: Check): Promise<{ names: string[]; messages: string[] }> {
  const code = goCodeBlock(docSections(c.doc.markdown).get('Example'));
  assert.ok(code, `${c.name}: the Example section has no \`\`\`go block`);
  const dir = mkdtempSync(join(tmpdir(), `racewatch-doc-${c.name}-`));
  try {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/docexample\n\ngo 1.22\n');
    writeFileSync(join(dir, 'example.go'), code);
    const run = await runChecks({ cwd: dir, patterns: ['./...'], checks: [c], workers: 0 });
    return { names: run.findings.map((f) => f.check), messages: run.findings.map((f) => f.message) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("meta: each doc's Example triggers its check", async () => {
  for (const c of [...checks, badSuppressionCheck]) {
    const { names } = await runExample(c);
    assert.ok(names.includes(c.name), `${c.name}: the doc's Example produces no ${c.name} finding (got ${JSON.stringify(names)})`);
  }
});
