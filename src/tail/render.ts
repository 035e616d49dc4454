// How tail prints: on a terminal one readable line per event (dim time, channel or room,
// sender, type, text), otherwise one compact JSON object per line, written as each event
// arrives (cli-conventions §10). Remote text never reaches the terminal raw: escape sequences,
// control characters and bidi overrides are removed first, so a chat message cannot drive it.
import type { Settings } from '../context/settings.js';
import { usageError } from '../io/errors.js';
import type { IO } from '../io/streams.js';
import type { TailEvent } from './types.js';
import { shortId } from '../context/arn.js';

export type TailFormat = 'pretty' | 'jsonl';

/** json and jsonl print NDJSON; table and text print lines; the rest make no sense live. */
export function tailFormat(settings: Pick<Settings, 'output'>): TailFormat {
  switch (settings.output) {
    case 'json':
    case 'jsonl':
      return 'jsonl';
    case 'table':
    case 'text':
      return 'pretty';
    default:
      throw usageError(`tail cannot print -o ${settings.output}`, 'use -o jsonl (one JSON object per event) or -o table (one line per event)');
  }
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-character escapes.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?/g;
// C0 and C1 controls, DEL, and the bidi embedding/override/isolate characters.
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Text from the network made safe for a terminal, on one line. */
export function sanitize(text: string): string {
  return text.replace(ESCAPES, '').replace(/[\r\n\t]+/g, ' ').replace(CONTROLS, '');
}

export class EventPrinter {
  /** Channel ARN -> name, learned from CHANNEL_DETAILS and channel events. */
  readonly names = new Map<string, string>();

  constructor(
    private readonly io: IO,
    readonly format: TailFormat,
  ) {}

  print(event: TailEvent): void {
    this.learn(event);
    const text = this.format === 'jsonl' ? jsonLine(event) : this.line(event);
    // Lines of events that arrived together go out in one write, at the end of the same turn
    // of the event loop: no line waits for a later event, and a burst costs one system call.
    if (this.pending === undefined) {
      this.pending = text;
      queueMicrotask(() => this.flush());
    } else this.pending += text;
  }

  /** Writes what print() collected (also called before exit). */
  flush(): void {
    if (this.pending === undefined) return;
    const text = this.pending;
    this.pending = undefined;
    this.io.out(text);
  }

  private pending: string | undefined;

  /** `12:01:03  general  alice  CREATE_CHANNEL_MESSAGE  hello` */
  line(event: TailEvent): string {
    const c = this.io.outColor;
    const where = event.channelArn ? (this.names.get(event.channelArn) ?? shortId(event.channelArn)) : event.roomArn ? shortId(event.roomArn) : '-';
    const who = event.senderName || (event.sender ? shortId(event.sender) : '-');
    const type = event.eventName ?? event.type;
    const mark = event.backfill ? c.dim(' (backfill)') : '';
    const text = event.text === undefined ? '' : sanitize(event.text);
    return `${c.dim(clock(event.ts))}  ${c.cyan(sanitize(where))}  ${c.bold(sanitize(who))}  ${c.yellow(sanitize(type))}${mark}  ${text}\n`;
  }

  private learn(event: TailEvent): void {
    const channel = (event.payload.Channel ?? (event.type.endsWith('_CHANNEL') ? event.payload : undefined)) as { ChannelArn?: string; Name?: string } | undefined;
    if (channel?.ChannelArn && channel.Name) this.names.set(channel.ChannelArn, channel.Name);
  }
}

/** `{"ts":…,"source":…,"type":…,"channelArn"|"roomArn":…,"sender":…,"payload":{…}}` */
export function jsonLine(event: TailEvent): string {
  const head = JSON.stringify({
    ts: event.ts,
    source: event.source,
    type: event.type,
    ...(event.messageType ? { messageType: event.messageType } : {}),
    ...(event.eventName ? { eventName: event.eventName } : {}),
    ...(event.channelArn ? { channelArn: event.channelArn } : {}),
    ...(event.roomArn ? { roomArn: event.roomArn } : {}),
    ...(event.sender ? { sender: event.sender } : {}),
    ...(event.backfill ? { backfill: true } : {}),
  });
  return `${head.slice(0, -1)},"payload":${event.payloadJson ?? JSON.stringify(event.payload)}}\n`;
}

function clock(ts: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
