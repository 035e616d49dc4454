// The text of a message (argument, --file or stdin) and the service's size rules, checked
// before any call so an oversized message costs nothing and says exactly what is wrong.
import { InvalidArgumentError } from 'commander';
import { usageError } from '../../io/errors.js';
import type { Deps } from '../deps.js';
import { modelLimit } from '../verb.js';
import { readPathArg } from '../../io/values.js';

export type MessageType = 'STANDARD' | 'CONTROL';

/** Content sizes by message type, in UTF-8 bytes: service rules the model does not carry
 * (Chime SDK messaging quotas: STANDARD 4 KB, CONTROL 30 bytes). */
export const CONTENT_BYTES: Record<MessageType, number> = { STANDARD: 4096, CONTROL: 30 };

/** Metadata: 1 KB. The model states 1024 as a length; the service counts bytes. */
const metadataBytes = () => modelLimit('messaging', 'SendChannelMessage', 'Metadata').max!;

/** Refuses (252) content or metadata over the limits, naming the limit and the excess. */
export function checkSizes(type: MessageType, content: string, metadata: string | undefined): void {
  const over = (what: string, size: number, limit: number) =>
    usageError(`${what} is ${size} bytes, ${size - limit} over the limit of ${limit} bytes; nothing was sent`);
  const size = Buffer.byteLength(content);
  if (size > CONTENT_BYTES[type]) throw over(`${type} message content`, size, CONTENT_BYTES[type]);
  if (metadata !== undefined) {
    const bytes = Buffer.byteLength(metadata);
    if (bytes > metadataBytes()) throw over('message metadata', bytes, metadataBytes());
  }
}

/** The message text: the TEXT argument, --file FILE, or stdin for `-` in either place. */
export async function messageText(deps: Deps, text: string | undefined, file: string | undefined): Promise<string> {
  if (text !== undefined && file !== undefined) throw usageError('pass the text or --file, not both');
  let content: string;
  // Text from a pipe or a file ends with the newline that ended its last line (`echo hi |`),
  // which is no part of the message: one is dropped, as the shell's $(...) would.
  if (text === '-') content = dropFinalNewline(await deps.io.readStdin());
  else if (file !== undefined) content = dropFinalNewline(await readPathArg(deps.io, '--file', file));
  else if (text !== undefined) content = text;
  else throw usageError('no message text', 'pass TEXT, --file FILE, or - to read it from stdin');
  if (content === '') throw usageError('the message is empty');
  return content;
}

const dropFinalNewline = (text: string) => text.replace(/\r?\n$/, '');

/** `--since`/`--until`: an ISO-8601 time, or a time ago (`90s`, `15m`, `2h`, `7d`). */
export function pointInTime(value: string, now = Date.now()): Date {
  const ago = /^(\d+)(s|m|h|d)$/.exec(value.trim());
  if (ago) return new Date(now - Number(ago[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 's' | 'm' | 'h' | 'd']);
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new InvalidArgumentError(`'${value}' is not a time: use ISO-8601 (2026-11-29T10:00:00Z) or a time ago (15m, 2h, 7d).`);
  return new Date(at);
}

/** Repeatable `--attribute K=V`: a key given again adds a value (attributes hold string lists). */
export function attribute(value: string, previous: Record<string, { StringValues: string[] }> = {}) {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`'${value}' is not KEY=VALUE.`);
  const key = value.slice(0, eq);
  return { ...previous, [key]: { StringValues: [...(previous[key]?.StringValues ?? []), value.slice(eq + 1)] } };
}
