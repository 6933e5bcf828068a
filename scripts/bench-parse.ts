// Placeholder replaced by the parser work (issue: Go front end). Kept so `npm run bench` builds.
export async function benchParse(): Promise<void> {
  process.stdout.write('parse benchmark not written yet\n');
}
if (import.meta.url === `file://${process.argv[1]}`) await benchParse();
