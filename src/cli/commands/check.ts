import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Check } from '../../analysis/check.js';
import { runChecks } from '../../analysis/driver.js';
import { badSuppressionCheck } from '../../analysis/suppress.js';
import { checks as registry } from '../../checks/registry.js';
import { formatReport, FORMATS, isFormat, type Format } from '../../report/index.js';
import { formatErrors } from '../../report/text.js';
import { VERSION } from '../../version.js';
import { FatalError, UsageError, type Command } from '../command.js';

const usage = `Usage: racewatch check [flags] [patterns]

Checks Go packages for data races on maps and shared state, and the other hazards
listed by 'racewatch checks'. Patterns are as the go command takes them (default ./...).

Flags:
  --format F          output format: ${FORMATS.join(', ')} (default text)
  --output FILE, -o   write the report to FILE instead of standard output (never a .go file)
  --checks a,b        run only these checks
  --disable c,d       do not run these checks
  --tests=false       leave _test.go files out (they are checked by default, as go vet does)
  -tags a,b           build tags, as the go command takes them
  --goos OS           target operating system (default $GOOS, else the host's)
  --goarch ARCH       target architecture (default $GOARCH, else the host's)
  --include-goroot    also report in packages inside GOROOT (quiet there by default for
                      checks of hazards the standard library takes on purpose)
  --workers N         worker threads (default: up to 4 for a large run on more than 2
                      cores; in-process on 2 cores, where threads cost more than they save)

Suppress one finding with a comment on its line or the line above:
  //racewatch:ignore <check> <reason>
A reason is required; suppressions that silence nothing are reported (bad-suppression).

Exit status: 0 no findings, 1 findings or files that could not be checked, 2 bad usage
or a fatal error.
`;

export interface CheckFlags {
  format: Format;
  output?: string;
  only?: string[];
  disable: string[];
  tests: boolean;
  tags: string[];
  goos?: string;
  goarch?: string;
  includeGoroot: boolean;
  workers?: number;
  patterns: string[];
}

function parseBool(name: string, v: string): boolean {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new UsageError(`${name} takes true or false, not "${v}"`);
}

function list(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function parseCheckFlags(args: string[]): CheckFlags {
  const flags: CheckFlags = { format: 'text', disable: [], tests: true, tags: [], includeGoroot: false, patterns: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      flags.patterns.push(arg);
      continue;
    }
    if (arg === '--') {
      flags.patterns.push(...args.slice(i + 1));
      break;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`flag ${arg} needs a value`);
      return v;
    };
    switch (name) {
      case 'format': {
        const f = value();
        if (!isFormat(f)) throw new UsageError(`unknown format "${f}" (want one of ${FORMATS.join(', ')})`);
        flags.format = f;
        break;
      }
      case 'output':
      case 'o':
        flags.output = value();
        break;
      case 'checks':
        flags.only = [...(flags.only ?? []), ...list(value())];
        break;
      case 'disable':
        flags.disable.push(...list(value()));
        break;
      case 'tests':
        flags.tests = inline === undefined ? true : parseBool('--tests', inline);
        break;
      case 'tags':
        flags.tags.push(...list(value()).flatMap((t) => t.split(/\s+/)).filter((t) => t !== ''));
        break;
      case 'goos':
        flags.goos = value();
        break;
      case 'goarch':
        flags.goarch = value();
        break;
      case 'include-goroot':
        flags.includeGoroot = inline === undefined ? true : parseBool('--include-goroot', inline);
        break;
      case 'workers': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) throw new UsageError('--workers takes a whole number');
        flags.workers = n;
        break;
      }
      case 'h':
      case 'help':
        throw new UsageError('help requested');
      default:
        throw new UsageError(`unknown flag ${arg}`);
    }
  }
  return flags;
}

/** Every check the command knows: the registry plus the framework's bad-suppression. */
export function allChecks(): Check[] {
  return [...registry, badSuppressionCheck];
}

export function selectChecks(only: string[] | undefined, disable: string[]): Check[] {
  const all = allChecks();
  const names = new Set(all.map((c) => c.name));
  for (const n of [...(only ?? []), ...disable]) {
    if (!names.has(n)) throw new UsageError(`unknown check "${n}" (known: ${[...names].sort().join(', ')})`);
  }
  // bad-suppression rides along with any selection (it only judges suppressions of checks that ran) unless disabled.
  return all.filter((c) => (only === undefined || only.includes(c.name) || c === badSuppressionCheck) && !disable.includes(c.name));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'find races on maps and shared state (and related hazards) in Go packages',
  usage,
  async run(args, io) {
    const flags = parseCheckFlags(args);
    if (flags.output !== undefined) {
      const out = resolve(io.cwd, flags.output);
      if (/\.go$/i.test(out)) throw new UsageError(`refusing to write the report over a Go source file: ${flags.output}`);
      if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--output ${flags.output} is a directory`);
    }
    const checks = selectChecks(flags.only, flags.disable);
    if (checks.length === 0) throw new UsageError('no checks left to run');
    const run = await runChecks({
      cwd: io.cwd,
      patterns: flags.patterns.length > 0 ? flags.patterns : ['./...'],
      checks,
      tests: flags.tests,
      tags: flags.tags,
      goos: flags.goos,
      goarch: flags.goarch,
      includeGoroot: flags.includeGoroot,
      workers: flags.workers,
    });
    const report = formatReport(run, flags.format, io.cwd, VERSION);
    if (flags.output !== undefined) {
      try {
        writeFileSync(resolve(io.cwd, flags.output), report);
      } catch (err) {
        throw new FatalError(`cannot write ${flags.output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
    } else io.stdout.write(report);
    // Text goes to a terminal or a log: errors beside it on stderr. Structured formats carry them inside.
    if (flags.format === 'text' || flags.output !== undefined) io.stderr.write(formatErrors(run, io.cwd));
    const s = run.stats;
    if (flags.format === 'text' || flags.output !== undefined) {
      io.stderr.write(
        `racewatch: ${plural(run.findings.length, 'finding')} in ${plural(s.packages, 'package')} ` +
          `(${plural(s.files, 'file')}, ${plural(s.lines, 'line')}) in ${s.seconds.toFixed(2)} s\n`,
      );
    }
    const failedFiles = run.errors.some((e) => e.file !== '');
    return run.findings.length > 0 || failedFiles ? 1 : 0;
  },
};
