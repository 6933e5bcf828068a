// Feeds a byte stream to the parser line by line without holding more than one chunk and one
// (bounded) line in memory. Stretches of log with nothing that could start a report are only
// counted, which is where the throughput comes from: most of a production log is not a crash.
import { StringDecoder } from 'node:string_decoder';
import { ReportParser, TRIGGERS } from './parser.js';

/** Longer lines are cut here: no Go report line comes close, and memory must stay bounded. */
export const MAX_LINE = 256 * 1024;

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// One pass of one regular expression over a block is several times faster than one indexOf per trigger.
const TRIGGER_RE = new RegExp(TRIGGERS.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

function nextTrigger(text: string, from: number): number {
  TRIGGER_RE.lastIndex = from;
  const m = TRIGGER_RE.exec(text);
  return m ? m.index : -1;
}

/** Feeds complete lines `text` (ending just before a newline that was consumed) to the parser. */
function feedBlock(parser: ReportParser, text: string): void {
  let pos = 0;
  const end = text.length;
  while (pos <= end) {
    if (!parser.busy) {
      const hit = nextTrigger(text, pos);
      if (hit < 0) {
        parser.skipLines(countNewlines(text, pos, end) + 1);
        return;
      }
      const lineStart = text.lastIndexOf('\n', hit) + 1;
      if (lineStart > pos) {
        parser.skipLines(countNewlines(text, pos, lineStart));
        pos = lineStart;
      }
    }
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = end;
    parser.feed(text.slice(pos, nl));
    pos = nl + 1;
  }
}

export async function feedStream(stream: AsyncIterable<Buffer | string>, parser: ReportParser): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let discarding = false; // inside an overlong line, after its first MAX_LINE characters were kept
  for await (const chunk of stream) {
    parser.stats.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (discarding) {
      const nl = text.indexOf('\n');
      if (nl < 0) continue;
      text = text.slice(nl + 1);
      discarding = false;
    }
    text = carry + text;
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      carry = text;
      if (carry.length > MAX_LINE) {
        carry = carry.slice(0, MAX_LINE);
        discarding = true;
      }
      continue;
    }
    carry = text.slice(last + 1);
    if (carry.length > MAX_LINE) {
      carry = carry.slice(0, MAX_LINE);
      discarding = true;
    }
    feedBlock(parser, text.slice(0, last));
  }
  carry += decoder.end();
  if (carry !== '' && !discarding) feedBlock(parser, carry);
  else if (carry !== '') feedBlock(parser, carry.slice(0, MAX_LINE));
}
