// Client-side filters (cli-conventions §10): repeatable flags, OR within a flag, AND across
// flags. Values are checked before connecting, so a typo is a usage error (252), not a silent
// feed that never prints.
import { usageError } from '../io/errors.js';
import type { TailEvent } from './types.js';

/** The Chime messaging event types the service documents (websocket-protocols.md A.3). */
export const CHIME_EVENT_TYPES = [
  'CREATE_CHANNEL_MESSAGE',
  'REDACT_CHANNEL_MESSAGE',
  'UPDATE_CHANNEL_MESSAGE',
  'DELETE_CHANNEL_MESSAGE',
  'PENDING_CREATE_CHANNEL_MESSAGE',
  'PENDING_UPDATE_CHANNEL_MESSAGE',
  'FAILED_CREATE_CHANNEL_MESSAGE',
  'FAILED_UPDATE_CHANNEL_MESSAGE',
  'DENIED_CREATE_CHANNEL_MESSAGE',
  'DENIED_UPDATE_CHANNEL_MESSAGE',
  'CHANNEL_DETAILS',
  'UPDATE_CHANNEL',
  'DELETE_CHANNEL',
  'BATCH_CREATE_CHANNEL_MEMBERSHIP',
  'CREATE_CHANNEL_MEMBERSHIP',
  'DELETE_CHANNEL_MEMBERSHIP',
  'UPDATE_CHANNEL_MEMBERSHIP',
] as const;
export const CHIME_MESSAGE_TYPES = ['STANDARD', 'CONTROL', 'SYSTEM'] as const;
/** IVS frame types; --event-type also accepts any EVENT name (aws:DELETE_MESSAGE, app:poll). */
export const IVS_FRAME_TYPES = ['MESSAGE', 'EVENT', 'ERROR'] as const;

export interface FilterFlags {
  /** Channel ARNs (Chime); empty = every channel of the session. */
  channels?: string[];
  eventType?: string[];
  messageType?: string[];
  sender?: string[];
  search?: string[];
}

export type EventFilter = (event: TailEvent) => boolean;

export function buildFilter(flags: FilterFlags, source: 'chime' | 'ivs'): EventFilter {
  const eventTypes = (flags.eventType ?? []).map((t) => (source === 'chime' || (IVS_FRAME_TYPES as readonly string[]).includes(t.toUpperCase()) ? t.toUpperCase() : t));
  if (source === 'chime') checkChoices('--event-type', eventTypes, CHIME_EVENT_TYPES);
  const messageTypes = (flags.messageType ?? []).map((t) => t.toUpperCase());
  if (messageTypes.length && source === 'ivs') throw usageError('--message-type applies to tail channel only');
  checkChoices('--message-type', messageTypes, CHIME_MESSAGE_TYPES);
  const channels = new Set(flags.channels ?? []);
  const senders = flags.sender ?? [];
  const searches = (flags.search ?? []).map((s) => s.toLowerCase());

  const tests: EventFilter[] = [];
  if (channels.size) tests.push((e) => e.channelArn !== undefined && channels.has(e.channelArn));
  if (eventTypes.length) tests.push((e) => eventTypes.includes(e.type) || (e.eventName !== undefined && eventTypes.includes(e.eventName)));
  if (messageTypes.length) tests.push((e) => e.messageType !== undefined && messageTypes.includes(e.messageType));
  if (senders.length) tests.push((e) => senders.some((s) => senderMatches(e, s)));
  if (searches.length) tests.push((e) => e.text !== undefined && searches.some((s) => e.text!.toLowerCase().includes(s)));
  return (e) => tests.every((t) => t(e));
}

/** A sender is named by its ARN, its short id (the last ARN segment), its name or IVS UserId. */
function senderMatches(event: TailEvent, wanted: string): boolean {
  const arn = event.sender;
  if (!arn) return false;
  return arn === wanted || arn.endsWith('/' + wanted) || event.senderName === wanted;
}

function checkChoices(flag: string, values: string[], choices: readonly string[]): void {
  const unknown = values.filter((v) => !choices.includes(v));
  if (unknown.length) throw usageError(`${flag}: unknown value ${unknown.join(', ')}`, `valid values: ${choices.join(', ')}`);
}
