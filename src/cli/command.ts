/** A racewatch subcommand. `run` returns the process exit code. */
export interface Command {
  name: string;
  /** One line for `racewatch help`. */
  summary: string;
  /** Full usage text printed by `racewatch help <name>` and on usage errors. */
  usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

/** Thrown for bad command-line usage; main prints the message and exits 2. */
export class UsageError extends Error {}

/** Thrown for an error the user must see as one clear line (no stack); main exits 2. */
export class FatalError extends Error {}
