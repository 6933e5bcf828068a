// `npm run bench`: every benchmark of the project, each printing racewatch's figure
// beside its anchor's (go/parser, go/types, go vet…) measured in the same run, as a ratio.
// Each area adds one entry here; the entries run one after the other so they do not
// compete for the machine's two cores.
type Bench = { name: string; run: () => Promise<void> };

const benches: Bench[] = [
  { name: 'parse', run: async () => (await import('./bench-parse.js')).benchParse() },
  { name: 'load', run: async () => (await import('./bench-load.js')).benchLoad() },
  { name: 'check', run: async () => (await import('./bench-check.js')).benchCheck() },
  { name: 'triage', run: async () => (await import('./bench-triage.js')).benchTriage() },
  { name: 'types', run: async () => (await import('./bench-types.js')).benchTypes() },
];

for (const b of benches) {
  process.stdout.write(`== ${b.name}\n`);
  try {
    await b.run();
  } catch (err) {
    process.stdout.write(`${b.name}: failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
