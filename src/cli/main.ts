import { commands } from './commands/index.js';
import { FatalError, UsageError, type CommandIO } from '../cli/command.js';
import { VERSION } from '../version.js';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'racewatch finds data races in Go programs, above all on maps.',
    '',
    'Usage: racewatch <command> [arguments]',
    '',
    'Commands:',
    ...lines,
    `  ${'help'.padEnd(width)}  show help for a command`,
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    const cmd = topic ? commands.find((c) => c.name === topic) : undefined;
    if (topic && !cmd) {
      io.stderr.write(`racewatch: unknown command "${topic}"\n`);
      return 2;
    }
    io.stdout.write(cmd ? cmd.usage.trimEnd() + '\n' : helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write(`racewatch ${VERSION}\n`);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`racewatch: unknown command "${name}"\nRun 'racewatch help' for usage.\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`racewatch ${cmd.name}: ${err.message}\n\n${cmd.usage.trimEnd()}\n`);
      return 2;
    }
    if (err instanceof FatalError) {
      io.stderr.write(`racewatch ${cmd.name}: ${err.message}\n`);
      return 2;
    }
    // An internal bug: say so in one line; the stack only when asked for.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`racewatch ${cmd.name}: internal error: ${message}\n`);
    if (process.env.RACEWATCH_DEBUG && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
    else io.stderr.write('(set RACEWATCH_DEBUG=1 for details and please report it)\n');
    return 2;
  }
}
