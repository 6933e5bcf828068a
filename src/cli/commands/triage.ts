import { FatalError, UsageError, type Command } from '../command.js';
import { FindingsError, readFindingsFile } from '../../runtime/findings.js';
import { formatJson, formatMetrics, formatText } from '../../runtime/output.js';
import { triageInputs } from '../../runtime/triage.js';

const usage = `Usage: racewatch triage [flags] [files… | -]

Reads Go race-detector reports (WARNING: DATA RACE) and the runtime's map crashes
(fatal error: concurrent map writes / read and map write / iteration and map write /
clone and map write, panic: assignment to entry in nil map) from logs, and groups them
into incidents: which two lines of code, how often, first and last seen.

Logs may be plain, prefixed by timestamps or by kubectl --prefix / docker compose / CRI /
syslog, or JSON lines (text in msg, message, log or Output — go test -json works).
Files ending in .gz are decompressed. With no file, or with -, standard input is read.

Flags:
  --format text|json     output format (default text)
  --json                 same as --format json
  --metrics              OpenMetrics text (racewatch_incidents_total{kind,signature}) for a
                         Prometheus textfile collector or pushgateway
  --with-findings FILE   the JSON of 'racewatch check --format json': name the static finding
                         that explains each incident and list the findings confirmed

Exit status: 0 no incident, 1 incidents found, 2 usage error or an input could not be read
(the other inputs are still triaged and printed).
`;

export const triageCommand: Command = {
  name: 'triage',
  summary: 'group race reports and map crashes from logs into incidents',
  usage,
  async run(args, io) {
    let format = 'text';
    let findingsFile: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const value = (): string => {
        const eq = a.indexOf('=');
        if (eq >= 0) return a.slice(eq + 1);
        const v = args[++i];
        if (v === undefined) throw new UsageError(`${a} needs a value`);
        return v;
      };
      if (a === '--json') format = 'json';
      else if (a === '--metrics') format = 'metrics';
      else if (a === '--format' || a.startsWith('--format=')) format = value();
      else if (a === '--with-findings' || a.startsWith('--with-findings=')) findingsFile = value();
      else if (a === '--') files.push(...args.slice(i + 1)), (i = args.length);
      else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown flag ${a}`);
      else files.push(a);
    }
    if (!['text', 'json', 'metrics'].includes(format)) throw new UsageError(`unknown format "${format}" (text, json)`);
    let findings;
    if (findingsFile !== undefined) {
      try {
        const read = readFindingsFile(findingsFile, io.cwd);
        findings = read.findings;
        for (const w of read.warnings) io.stderr.write(`racewatch triage: ${w}\n`);
      } catch (err) {
        if (err instanceof FindingsError) throw new FatalError(err.message);
        throw err;
      }
    }
    if ((files.length === 0 || files.includes('-')) && process.stdin.isTTY) {
      io.stderr.write('racewatch triage: reading logs from standard input (end with Ctrl-D; pass files as arguments)\n');
    }
    const run = await triageInputs(files, { cwd: io.cwd, findings });
    for (const e of run.inputErrors) io.stderr.write(`racewatch triage: ${e}\n`);
    const text =
      format === 'json' ? formatJson(run.result, run.resolver) : format === 'metrics' ? formatMetrics(run.result, run.resolver) : formatText(run.result, run.resolver);
    io.stdout.write(text);
    if (run.inputErrors.length > 0) return 2;
    return run.result.incidents.length > 0 ? 1 : 0;
  },
};
