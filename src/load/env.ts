// The environment the go command would build in: GOOS/GOARCH, cgo, GOROOT, the module
// cache, tool tags. Every answer that needs to run `go` is computed at most once.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir, endianness, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Used for release tags and stub packages when there is no GOROOT to ask. */
export const defaultGoVersion = '1.26';

export function hostGOOS(): string {
  switch (process.platform) {
    case 'win32':
      return 'windows';
    case 'sunos':
      return 'solaris';
    default:
      return process.platform; // linux, darwin, freebsd, openbsd, netbsd, aix, android
  }
}

export function hostGOARCH(): string {
  switch (process.arch) {
    case 'x64':
      return 'amd64';
    case 'ia32':
      return '386';
    case 'mipsel':
      return 'mipsle';
    case 'ppc64':
      return endianness() === 'LE' ? 'ppc64le' : 'ppc64';
    case 'mips':
      return endianness() === 'LE' ? 'mipsle' : 'mips';
    default:
      return process.arch; // arm, arm64, s390x, riscv64, loong64
  }
}

const goEnvFiles = new Map<string, Map<string, string>>();

/** The settings `go env -w` wrote ($GOENV, else <user config dir>/go/env), read once per file. */
function goEnvFileSettings(): Map<string, string> {
  let file = process.env['GOENV'];
  if (file === 'off') return new Map();
  if (!file) {
    const home = homedir();
    const configDir =
      process.platform === 'win32'
        ? process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming')
        : process.platform === 'darwin'
          ? join(home, 'Library', 'Application Support')
          : process.env['XDG_CONFIG_HOME'] || join(home, '.config');
    file = join(configDir, 'go', 'env');
  }
  let settings = goEnvFiles.get(file);
  if (settings) return settings;
  settings = new Map();
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) settings.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
  } catch {
    // No go env file: nothing was set with go env -w.
  }
  goEnvFiles.set(file, settings);
  return settings;
}

/** A go environment variable as cmd/go reads it: the process environment if non-empty, else `go env -w`'s file. */
export function goenv(name: string): string {
  const value = process.env[name];
  if (value) return value;
  return goEnvFileSettings().get(name) ?? '';
}

const goOutputs = new Map<string, string | null>();

/** Runs `go args…` once per distinct call; null when go is missing or fails. */
export function runGoOnce(args: string[], env: Record<string, string> = {}): string | null {
  const key = JSON.stringify([args, env]);
  if (goOutputs.has(key)) return goOutputs.get(key)!;
  let out: string | null;
  try {
    out = execFileSync('go', args, {
      encoding: 'utf8',
      cwd: tmpdir(),
      stdio: ['ignore', 'pipe', 'ignore'],
      // Never let go download a toolchain or modules, and ignore any workspace around tmpdir.
      env: { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '', GOWORK: 'off', ...env },
    }).trim();
  } catch {
    out = null;
  }
  goOutputs.set(key, out);
  return out;
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** GOROOT: $GOROOT when it is a directory, else `go env GOROOT`, else null. */
export function detectGoroot(): string | null {
  const fromEnv = goenv('GOROOT');
  if (fromEnv && isDir(join(fromEnv, 'src'))) return fromEnv;
  const out = runGoOnce(['env', 'GOROOT']);
  return out && isDir(join(out, 'src')) ? out : null;
}

/** "1.26" from GOROOT/VERSION ("go1.26.8"), else from `go env GOVERSION`, else the default. */
export function toolchainVersion(goroot: string | null): string {
  if (goroot) {
    try {
      const first = readFileSync(join(goroot, 'VERSION'), 'utf8').split('\n')[0] ?? '';
      const m = /^go(\d+)\.(\d+)/.exec(first);
      if (m) return `${m[1]}.${m[2]}`;
    } catch {
      // A development GOROOT has no VERSION file: ask go below.
    }
    const out = runGoOnce(['env', 'GOVERSION']);
    const m = out ? /^go(\d+)\.(\d+)/.exec(out) : null;
    if (m) return `${m[1]}.${m[2]}`;
  }
  return defaultGoVersion;
}

export function releaseTags(version: string): string[] {
  const minor = parseInt(version.split('.')[1] ?? '0', 10);
  const tags: string[] = [];
  for (let i = 1; i <= minor; i++) tags.push(`go1.${i}`);
  return tags;
}

/** GOMODCACHE, else `go env GOMODCACHE`, else the first GOPATH entry's pkg/mod, else ~/go/pkg/mod. */
export function moduleCacheDir(): string {
  const fromEnv = goenv('GOMODCACHE');
  if (fromEnv) return fromEnv;
  const out = runGoOnce(['env', 'GOMODCACHE']);
  if (out) return out;
  const gopath = goenv('GOPATH').split(delimiter).find((p) => p !== '');
  return join(gopath ?? join(homedir(), 'go'), 'pkg', 'mod');
}

/**
 * The go command's cgo default: CGO_ENABLED when set; otherwise off when cross-compiling
 * and, on the host, on exactly when a C compiler ($CC, else gcc, else clang) is on PATH.
 */
export function cgoEnabled(goos: string, goarch: string): boolean {
  const env = goenv('CGO_ENABLED');
  if (env === '0') return false;
  if (env === '1') return true;
  if (goos !== hostGOOS() || goarch !== hostGOARCH()) return false;
  if (goos === 'js' || goos === 'wasip1' || goos === 'plan9') return false;
  const cc = goenv('CC').trim().split(/\s+/)[0];
  const candidates = cc ? [cc] : ['gcc', 'clang'];
  return candidates.some(onPath);
}

function onPath(program: string): boolean {
  if (program.includes('/') || program.includes('\\')) return existsSync(program);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) if (existsSync(join(dir, program + ext))) return true;
  }
  return false;
}

/**
 * The tool tags the go command adds (goexperiment.* for the toolchain's default experiments,
 * and architecture levels such as amd64.v1). Asked of `go` when it is installed, because the
 * default experiments change with every release; otherwise derived from GOAMD64/GOARM/GOEXPERIMENT.
 */
export function toolTags(goos: string, goarch: string, goroot: string | null): Set<string> {
  if (goroot) {
    const out = runGoOnce(['list', '-f', '{{join context.ToolTags " "}}', 'unsafe'], { GOOS: goos, GOARCH: goarch, GOROOT: goroot });
    if (out !== null) return new Set(out.split(/\s+/).filter((t) => t !== ''));
  }
  const tags = new Set<string>();
  for (const exp of goenv('GOEXPERIMENT').split(',')) {
    if (exp && !exp.startsWith('no')) tags.add(`goexperiment.${exp}`);
  }
  const level = (name: string, dflt: string): string => goenv(name) || dflt;
  if (goarch === 'amd64') {
    const n = parseInt(level('GOAMD64', 'v1').slice(1), 10) || 1;
    for (let i = 1; i <= n; i++) tags.add(`amd64.v${i}`);
  } else if (goarch === 'arm') {
    const n = parseInt(level('GOARM', '7'), 10) || 7;
    for (let i = 5; i <= n; i++) tags.add(`arm.${i}`);
  } else if (goarch === 'arm64') {
    tags.add('arm64.v8.0');
  }
  return tags;
}

/** -mod from GOFLAGS ("mod", "vendor", "readonly"), or "" when not set. */
export function goflagsMod(): string {
  const m = /(?:^|\s)--?mod=(\S+)/.exec(goenv('GOFLAGS'));
  return m ? m[1]! : '';
}

/** -tags from GOFLAGS ("-tags=a,b"), used when the caller gives none. */
export function goflagsTags(): string[] {
  const m = /(?:^|\s)--?tags=(\S*)/.exec(goenv('GOFLAGS'));
  return m ? m[1]!.split(',').filter((t) => t !== '') : [];
}
