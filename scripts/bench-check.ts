// `racewatch check ./...` over GOROOT/src beside `go vet ./...` on the same tree, in the
// same run: wall time, peak memory, and the ratio (issue 4's target: at most a quarter
// of go vet's wall time, under 2 GB). go vet runs once untimed first so that both are
// measured with a warm build cache. go vet also caches its own results: a second plain
// `go vet ./...` analyses nothing and takes a few seconds. The anchor therefore passes
// an analyzer flag with a fresh value (-printf.funcs=<nonce>), which changes vet's
// action keys and makes it run every analyzer again over cached export data — the
// work racewatch does. The fully cached figure is printed too. Peak memory comes from
// GNU time's maximum resident set size (for go vet, that of its largest process).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Measure {
  seconds: number;
  peakMB: number | null;
  status: number | null;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function measure(cmd: string, args: string[], cwd: string): Measure {
  const started = process.hrtime.bigint();
  if (gnuTime) {
    const r = spawnSync(gnuTime, ['-f', 'RWBENCH %e %M', cmd, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 << 20 });
    const m = /RWBENCH ([\d.]+) (\d+)/.exec(r.stderr ?? '');
    if (m) return { seconds: Number(m[1]), peakMB: Number(m[2]) / 1024, status: r.status };
  }
  const r = spawnSync(cmd, args, { cwd, stdio: 'ignore' });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMB: null, status: r.status };
}

function fmt(m: Measure): string {
  return `${m.seconds.toFixed(2)} s wall, peak ${m.peakMB === null ? '?' : m.peakMB.toFixed(0) + ' MB'}`;
}

export async function benchCheck(): Promise<void> {
  let goroot: string;
  try {
    goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  } catch {
    process.stdout.write('check: skipped (go is not installed)\n');
    return;
  }
  const src = join(goroot, 'src');
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'bin.js');
  const out = mkdtempSync(join(tmpdir(), 'racewatch-bench-check-'));
  try {
    process.stdout.write(`check: warming go vet's build cache over ${src} ./... (untimed)\n`);
    measure('go', ['vet', './...'], src);
    const cached = measure('go', ['vet', './...'], src);
    const vet = measure('go', ['vet', `-printf.funcs=racewatchbench${process.pid}x${Date.now()}`, './...'], src);
    const report = join(out, 'findings.json');
    const rw = measure(process.execPath, [bin, 'check', '--format', 'json', '--output', report, './...'], src);
    let summary = '';
    try {
      const doc = JSON.parse(readFileSync(report, 'utf8')) as { findings: { check: string }[]; errors: unknown[]; stats: { packages: number; files: number; lines: number } };
      const perCheck = new Map<string, number>();
      for (const f of doc.findings) perCheck.set(f.check, (perCheck.get(f.check) ?? 0) + 1);
      summary =
        `${doc.stats.packages} packages, ${doc.stats.files} files, ${doc.stats.lines} lines; ${doc.findings.length} findings` +
        (perCheck.size > 0 ? ` (${[...perCheck].map(([c, n]) => `${c} ${n}`).join(', ')})` : '') +
        `, ${doc.errors.length} errors`;
    } catch {
      summary = `no report (exit status ${rw.status})`;
    }
    process.stdout.write(`check: racewatch check ./... : ${fmt(rw)}; ${summary}\n`);
    process.stdout.write(`check: go vet ./...          : ${fmt(vet)} (analyzers re-run over the warm build cache; exit status ${vet.status})\n`);
    process.stdout.write(`check: go vet ./... (cached) : ${fmt(cached)} (vet's own result cache: nothing analysed)\n`);
    const ratio = rw.seconds / vet.seconds;
    process.stdout.write(`check: ratio racewatch/go vet wall time = ${ratio.toFixed(3)} (target <= 0.25); racewatch peak ${rw.peakMB === null ? '?' : rw.peakMB.toFixed(0) + ' MB'} (target < 2048 MB)\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCheck();
