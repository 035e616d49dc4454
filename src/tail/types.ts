// What tail works with: one event from either service in one shape, and what the tail
// functions need from the CLI (the lead's Deps has these, and more).
import type { Aws } from '../aws/clients.js';
import type { Settings } from '../context/settings.js';
import type { IO } from '../io/streams.js';

export interface TailDeps {
  io: IO;
  settings: Settings;
  aws: Aws;
}

export interface TailEvent {
  /** When it happened: CreatedTimestamp / LastUpdatedTimestamp / SendTime, else arrival. */
  ts: string;
  source: 'chime' | 'ivs';
  /** Chime: x-amz-chime-event-type. IVS: the frame Type (MESSAGE, EVENT, ERROR). */
  type: string;
  /** Chime: x-amz-chime-message-type (STANDARD, CONTROL, SYSTEM). */
  messageType?: string;
  /** IVS EVENT frames: EventName. */
  eventName?: string;
  channelArn?: string;
  roomArn?: string;
  /** Sender ARN (Chime) or UserId (IVS). */
  sender?: string;
  senderName?: string;
  /** The text a person would read: message Content, event attributes, error message. */
  text?: string;
  /** Chime MessageId / IVS Id. */
  id?: string;
  /** Identity for de-duplication across overlapping sockets and backfill; not printed. */
  key?: string;
  /** Listed with ListChannelMessages after a reconnect rather than received live. */
  backfill?: boolean;
  /** The payload as the service sent it (parsed once more for Chime), service field names. */
  payload: Record<string, unknown>;
  /** The payload's JSON text as received, when it is exactly `payload`: jsonl output copies it
   * instead of serialising the object again. */
  payloadJson?: string;
}

export interface CloseInfo {
  code: number;
  reason: string;
}
