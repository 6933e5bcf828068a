import { FatalError, UsageError, type Command } from '../command.js';
import { FindingsError } from '../../runtime/findings.js';
import { SourceResolver } from '../../runtime/incidents.js';
import { findingsFromFile, parseDuration, runCheckInProcess, verify, VerifyError, type FindingsProvider } from '../../runtime/verify.js';
import { formatVerifyJson, formatVerifyText, verifySummary } from '../../runtime/verify-output.js';

const usage = `Usage: racewatch verify [flags] [packages]

Runs the race detector (go test -race) on the packages where racewatch check reports
findings, narrowed with -run to those packages' tests, repeated -count times over several
-cpu values, within a time budget. Each finding is then confirmed (a race report names one of
its lines) or not reproduced; races the detector found that no finding explains are printed
as racewatch misses. Packages default to ./...

Flags:
  --findings FILE   the JSON of 'racewatch check --format json' (default: run check on the patterns)
  --count N         runs of each test per -cpu value (default 20)
  --cpu LIST        GOMAXPROCS values to run under (default 1,2,4)
  --budget DUR      wall-clock budget for all test runs, e.g. 90s, 10m (default 10m); a test
                    still running then is stopped and reported as hung
  --format text|json, --json

Exit status: 0 every race the detector found is explained by a finding; 1 racewatch misses,
a package that did not build or hung; 2 usage error, Go missing, findings unreadable.
`;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'confirm static findings with go test -race',
  usage,
  async run(args, io) {
    let findingsFile: string | undefined;
    let count = 20;
    let cpu = '1,2,4';
    let budgetMs = 10 * 60_000;
    let format = 'text';
    const patterns: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
      const value = (): string => {
        if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
        const v = args[++i];
        if (v === undefined) throw new UsageError(`${a} needs a value`);
        return v;
      };
      if (name === '--findings') findingsFile = value();
      else if (name === '--count') {
        count = Number(value());
        if (!Number.isInteger(count) || count < 1) throw new UsageError('--count must be a positive integer');
      } else if (name === '--cpu') {
        cpu = value();
        if (!/^\d+(,\d+)*$/.test(cpu)) throw new UsageError('--cpu must be a comma-separated list of numbers, e.g. 1,2,4');
      } else if (name === '--budget') {
        const d = parseDuration(value());
        if (d === null || d <= 0) throw new UsageError('--budget must be a duration such as 90s or 10m');
        budgetMs = d;
      } else if (name === '--json') format = 'json';
      else if (name === '--format') format = value();
      else if (a.startsWith('-')) throw new UsageError(`unknown flag ${a}`);
      else patterns.push(a);
    }
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (text, json)`);
    const warn = (line: string) => io.stderr.write(`racewatch verify: ${line}\n`);
    const getFindings: FindingsProvider =
      findingsFile !== undefined ? findingsFromFile(findingsFile, io.cwd, warn) : (p) => runCheckInProcess(p, io.cwd);
    let result;
    try {
      result = await verify({ cwd: io.cwd, patterns, getFindings, count, cpu, budgetMs, progress: (l) => io.stderr.write(l + '\n') });
    } catch (err) {
      if (err instanceof VerifyError || err instanceof FindingsError) throw new FatalError(err.message);
      throw err;
    }
    const resolver = new SourceResolver(io.cwd);
    io.stdout.write(format === 'json' ? formatVerifyJson(result, resolver) : formatVerifyText(result, resolver));
    const s = verifySummary(result);
    if (result.packages.length > 0 && result.packages.every((p) => p.status === 'build-failed')) return 2;
    return s.misses > 0 || s.buildFailed > 0 || s.hung > 0 ? 1 : 0;
  },
};
