import { allChecks } from './check.js';
import type { Command } from '../command.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: "print a check's documentation: what it finds, why it matters, how to fix it",
  usage: `Usage: racewatch explain <check>

Prints the check's documentation (markdown): What it finds, Why it matters, Example,
How to fix, Fix safety. 'racewatch checks' lists the checks.
`,
  async run(args, io) {
    const all = allChecks();
    const names = all.map((c) => c.name).sort();
    const check = args.length === 1 ? all.find((c) => c.name === args[0]) : undefined;
    if (!check) {
      const why = args.length === 1 ? `unknown check "${args[0]}"` : 'expects exactly one check name';
      io.stderr.write(`racewatch explain: ${why}\nChecks: ${names.join(', ')}\n`);
      return 2;
    }
    const doc = check.doc.markdown.trim();
    io.stdout.write((doc !== '' ? doc : `# ${check.name}\n\n${check.doc.title}`) + '\n');
    return 0;
  },
};
