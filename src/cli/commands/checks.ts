import { allChecks } from './check.js';
import type { Command } from '../command.js';

export const checksCommand: Command = {
  name: 'checks',
  summary: 'list the checks racewatch runs, with their severity and title',
  usage: `Usage: racewatch checks

Lists every check: its name (for --checks, --disable, //racewatch:ignore and
'racewatch explain'), its default severity, and what it finds.
`,
  async run(args, io) {
    if (args.length > 0) {
      io.stderr.write(`racewatch checks: takes no arguments\n`);
      return 2;
    }
    const all = allChecks().sort((a, b) => (a.name < b.name ? -1 : 1));
    const width = Math.max(...all.map((c) => c.name.length));
    for (const c of all) io.stdout.write(`${c.name.padEnd(width)}  ${c.severity.padEnd(7)}  ${c.doc.title}\n`);
    return 0;
  },
};
