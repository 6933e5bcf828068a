import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from '../analysis/check.js';
import type { CheckRun, Finding } from '../analysis/findings.js';
import { formatReport } from './index.js';
import { escapeData, escapeProperty } from './github.js';
import { SARIF_SCHEMA } from './sarif.js';

const dir = mkdtempSync(join(tmpdir(), 'racewatch-report-'));
const file = join(dir, 'pkg', 'cache.go');
// Line 3 has a two-byte "é" and a four-byte emoji before the flagged expression, so
// byte columns and UTF-16 columns differ there.
const source = 'package cache\n\nvar s = "é😀"; var n = len(m) // <script>alert(1)</script>\nfunc f() {\n\tm["k"] = 1\n}\n';
mkdirSync(join(dir, 'pkg'), { recursive: true });
writeFileSync(file, source);

const line3 = source.split('\n')[2]!;
const lenByte = Buffer.byteLength(line3.slice(0, line3.indexOf('len(m)'))) + 1;
const lenUTF16 = line3.indexOf('len(m)') + 1;
const lenOffset = Buffer.byteLength(source.slice(0, source.indexOf('len(m)')));

const check: Check = {
  name: 'map-race',
  severity: 'error',
  requires: [],
  run() {},
  doc: {
    title: 'concurrent map access without a common lock',
    markdown: '# map-race\n\n## What it finds\nTwo accesses to one map.\n\n## Why it matters\nCrashes.\n\n## Example\n```go\npackage p\n```\n\n## How to fix\nLock.\n\n## Fix safety\nNone.\n',
  },
};

function finding(over: Partial<Finding> = {}): Finding {
  return {
    check: 'map-race',
    severity: 'error',
    message: 'len(m) without a lock races with the write m["k"] = 1 in f <b>',
    file,
    line: 3,
    column: lenByte,
    endLine: 3,
    endColumn: lenByte + 6,
    offset: lenOffset,
    endOffset: lenOffset + 6,
    related: [{ file, line: 5, column: 2, endLine: 5, endColumn: 12, offset: 0, endOffset: 0, message: 'the write, in goroutine started at x.go:1' }],
    fixes: [{ message: 'Guard with mu', safe: false, edits: [{ file, start: lenOffset, end: lenOffset + 6, new: 'safeLen()' }] }],
    fingerprint: '0123456789abcdef0123456789abcdef',
    ...over,
  };
}

function run(findings: Finding[] = [finding()]): CheckRun {
  return {
    findings,
    errors: [{ file: join(dir, 'pkg', 'bad.go'), line: 2, column: 5, message: "expected ';', found 'IDENT' x" }],
    stats: { packages: 1, files: 2, lines: 6, seconds: 0.0123 },
    checks: [check],
  };
}

test('text: path:line:col: message (check), related indented, paths relative to cwd', () => {
  const out = formatReport(run(), 'text', dir, '0.1.0');
  const lines = out.trimEnd().split('\n');
  assert.equal(lines[0], `pkg/cache.go:3:${lenByte}: len(m) without a lock races with the write m["k"] = 1 in f <b> (map-race)`);
  assert.equal(lines[1], '    pkg/cache.go:5:2: the write, in goroutine started at x.go:1');
  assert.equal(formatReport(run([]), 'text', dir, '0.1.0'), '');
});

test('json: the documented shape, in order, with relative forward-slash paths', () => {
  const doc = JSON.parse(formatReport(run(), 'json', dir, '9.9.9'));
  assert.deepEqual(Object.keys(doc), ['version', 'tool', 'findings', 'errors', 'stats']);
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.tool, { name: 'racewatch', version: '9.9.9' });
  const f = doc.findings[0];
  assert.deepEqual(Object.keys(f), ['check', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'related', 'fixes', 'fingerprint']);
  assert.equal(f.file, 'pkg/cache.go');
  assert.equal(f.column, lenByte, 'JSON columns are UTF-8 bytes');
  assert.deepEqual(f.related[0], { file: 'pkg/cache.go', line: 5, column: 2, message: 'the write, in goroutine started at x.go:1' });
  assert.deepEqual(f.fixes[0], { message: 'Guard with mu', safe: false, edits: [{ file: 'pkg/cache.go', start: lenOffset, end: lenOffset + 6, new: 'safeLen()' }] });
  assert.deepEqual(doc.errors[0], { file: 'pkg/bad.go', line: 2, column: 5, message: "expected ';', found 'IDENT' x" });
  assert.deepEqual(doc.stats, { packages: 1, files: 2, lines: 6, seconds: 0.012 });
});

test('sarif: structurally valid 2.1.0 with rules from docs, UTF-16 columns, fixes and fingerprints', () => {
  const log = JSON.parse(formatReport(run(), 'sarif', dir, '0.1.0'));
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, SARIF_SCHEMA);
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  const r = log.runs[0];
  assert.equal(r.tool.driver.name, 'racewatch');
  assert.equal(r.columnKind, 'utf16CodeUnits');
  assert.match(r.originalUriBaseIds.SRCROOT.uri, /^file:\/\/.*\/$/);
  const rules = r.tool.driver.rules;
  assert.equal(new Set(rules.map((x: { id: string }) => x.id)).size, rules.length, 'rule ids unique');
  const rule = rules[0];
  assert.equal(rule.id, 'map-race');
  assert.equal(rule.name, 'MapRace');
  assert.equal(rule.shortDescription.text, check.doc.title);
  assert.equal(rule.fullDescription.text, 'Two accesses to one map.');
  assert.equal(rule.help.markdown, check.doc.markdown);
  assert.equal(rule.defaultConfiguration.level, 'error');
  assert.equal(r.results.length, 1);
  const res = r.results[0];
  assert.equal(res.ruleId, 'map-race');
  assert.equal(rules[res.ruleIndex].id, res.ruleId);
  assert.ok(['none', 'note', 'warning', 'error'].includes(res.level));
  assert.equal(typeof res.message.text, 'string');
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'pkg/cache.go');
  assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
  assert.equal(loc.region.startLine, 3);
  assert.equal(loc.region.startColumn, lenUTF16, 'SARIF columns in UTF-16 code units');
  assert.equal(loc.region.endColumn, lenUTF16 + 6);
  assert.notEqual(lenUTF16, lenByte, 'the fixture must make bytes and UTF-16 units differ');
  for (const rl of res.relatedLocations) {
    assert.equal(typeof rl.id, 'number');
    assert.ok(rl.physicalLocation.region.startLine >= 1 && rl.physicalLocation.region.startColumn >= 1);
    assert.equal(typeof rl.message.text, 'string');
  }
  assert.equal(res.partialFingerprints['racewatch/v1'], '0123456789abcdef0123456789abcdef');
  const fix = res.fixes[0];
  assert.match(fix.description.text, /Guard with mu/);
  const change = fix.artifactChanges[0];
  assert.equal(change.artifactLocation.uri, 'pkg/cache.go');
  assert.deepEqual(change.replacements[0], { deletedRegion: { byteOffset: lenOffset, byteLength: 6 }, insertedContent: { text: 'safeLen()' } });
  const note = r.invocations[0].toolExecutionNotifications[0];
  assert.equal(note.level, 'error');
  assert.equal(note.locations[0].physicalLocation.artifactLocation.uri, 'pkg/bad.go');
});

test('github: workflow commands with escaped properties and message', () => {
  assert.equal(escapeData('50% a\r\nb'), '50%25 a%0D%0Ab');
  assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  const out = formatReport(run([finding({ message: '100% wrong: a, b' })]), 'github', dir, '0.1.0');
  const lines = out.trimEnd().split('\n');
  assert.equal(
    lines[0],
    `::error file=pkg/cache.go,line=3,col=${lenUTF16},endLine=3,endColumn=${lenUTF16 + 6},title=racewatch map-race::100%25 wrong: a, b%0Apkg/cache.go:5:2: the write, in goroutine started at x.go:1`,
  );
  assert.match(lines[1]!, /^::error file=pkg\/bad\.go,line=2,col=5,title=racewatch could not check this file::expected ';'/);
  const multi = formatReport(run([finding({ endLine: 4, severity: 'warning', related: [] })]), 'github', dir, '0.1.0');
  assert.match(multi, /^::warning file=pkg\/cache\.go,line=3,endLine=4,title=racewatch map-race::/);
  assert.doesNotMatch(multi.split('\n')[0]!, /col=/, 'no columns on a multi-line annotation');
});

test('html: self-contained, grouped by file, everything escaped', () => {
  const html = formatReport(run(), 'html', dir, '0.1.0');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script/i, 'source and messages are escaped');
  assert.doesNotMatch(html, /\b(src|href)=/i, 'no external assets');
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /in f &lt;b&gt;/);
  assert.match(html, /<h2>pkg\/cache\.go<\/h2>/);
  assert.match(html, /<tr class="hit"><td class="ln">3<\/td>/);
  assert.match(html, /Files that could not be checked/);
});
