import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (dist/src/testutil/go.js sits three levels below it). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let goInfo: { go: string; goroot: string } | null | undefined;

/**
 * The installed Go toolchain, or null when `go` is not on PATH. Tests that need Go
 * call `requireGo(t)` so that they are skipped with a message saying why.
 */
export function findGo(): { go: string; goroot: string } | null {
  if (goInfo !== undefined) return goInfo;
  try {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    goInfo = goroot ? { go: 'go', goroot } : null;
  } catch {
    goInfo = null;
  }
  return goInfo;
}

/** Skips the test (with a reason) when Go is missing; returns the toolchain otherwise. */
export function requireGo(t: { skip(message?: string): void }): { go: string; goroot: string } | null {
  const info = findGo();
  if (!info) t.skip('the Go toolchain (`go`) is not installed: this test compares racewatch with Go itself');
  return info;
}

let oraclePath: string | undefined;

/** Builds tools/gooracle once per process into dist/gooracle and returns the binary's path. */
export function gooracle(): string {
  if (oraclePath) return oraclePath;
  const out = join(repoRoot, 'dist', 'gooracle', `gooracle-${process.pid}`);
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('go', ['build', '-o', out, '.'], { cwd: join(repoRoot, 'tools', 'gooracle'), stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(out)) throw new Error('building tools/gooracle produced no binary');
  oraclePath = out;
  return out;
}
