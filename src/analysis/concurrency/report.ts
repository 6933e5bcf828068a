// Turning a Race into a diagnostic both checks word the same way: the primary location
// is the access a reviewer should look at first (the unlocked one, else the read), the
// related location the other side; each says which goroutine runs it and what it holds.

import type { CheckPass, Diagnostic, RelatedLocation } from '../check.js';
import { describeLocks } from './events.js';
import { lockFix } from './lockfix.js';
import type { ConcurrencyModel, Race } from './model.js';

/**
 * Reports the model's races of one kind, each method's lock fix on its first race only:
 * every race a method has is fixed by the same lock at its top. A data race in a method
 * that also has a map race gets no fix (map-race offers it), so that applying every fix
 * locks each method once.
 */
export function reportRaces(pass: CheckPass, model: ConcurrencyModel, kind: Race['kind']): void {
  const fixed = new Set<number>();
  if (kind === 'data') {
    for (const r of model.races) {
      if (r.kind !== 'map') continue;
      const at = lockFix(r, model, pass.pkg)?.edits[0]?.pos;
      if (at !== undefined) fixed.add(at);
    }
  }
  for (const r of model.races) {
    if (r.kind !== kind) continue;
    const d = raceDiagnostic(r);
    const fix = lockFix(r, model, pass.pkg);
    const at = fix?.edits[0]?.pos;
    if (fix && at !== undefined && !fixed.has(at)) {
      fixed.add(at);
      d.fixes = [fix];
    }
    pass.report(d);
  }
}

export function raceDiagnostic(r: Race): Diagnostic {
  // The model puts the access to look at first in `a` (see primaryIsSecond).
  const { a, b, actx, bctx } = r;
  const what = (x: typeof a) => (x.write ? 'the write' : 'the read');
  const where = b.fn === a.fn && bctx.describe !== actx.describe ? bctx.describe : `in ${b.fn}`;
  const self = a.pos === b.pos && a.end === b.end;
  const message = !self
    ? `${a.op} ${describeLocks(a.locks)} races with ${what(b)} ${b.op} ${where}`
    : actx.describe === bctx.describe
      ? `${a.op} ${describeLocks(a.locks)} races with itself: ${actx.describe.replace(/^in /, '').replace(/, which runs once per request$/, '')} runs more than once at the same time`
      : // One line reached from two goroutines (a method both call): name both.
        `${a.op} ${describeLocks(a.locks)} races with itself: it runs ${actx.describe} and, at the same time, ${bctx.describe}`;
  // An access made after the goroutine sent the value away: say so, it is the surprise.
  const afterSend = (x: typeof a) => (x.path.handoff === 'sent' ? ', after the value was sent on a channel' : '');
  const related: RelatedLocation[] = [
    { pos: b.pos, end: b.end, message: `${what(b)} ${b.op}, ${describeLocks(b.locks)}, ${bctx.describe}${afterSend(b)}` },
  ];
  related.push({ pos: a.pos, end: a.end, message: `${a.op} runs ${actx.describe}${afterSend(a)}` });
  if (actx.startPos !== null) related.push({ pos: actx.startPos, end: actx.startPos + 2, message: 'the goroutine of the first access starts here' });
  if (bctx.startPos !== null && bctx.startPos !== actx.startPos) related.push({ pos: bctx.startPos, end: bctx.startPos + 2, message: 'the goroutine of the other access starts here' });
  return { pos: a.pos, end: a.end, message, related };
}
