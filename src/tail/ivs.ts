// IVS Chat for tail: a chat token from CreateChatToken (view-only unless asked), the token as
// the WebSocket subprotocol, frames -> TailEvents. `tail room` renews the session before it
// expires; `room send` sends one message and waits for its echo or an ERROR (B.2, B.3, D.2).
import { randomUUID } from 'node:crypto';
import type { ClientOptions } from 'ws';
import type { ChatTokenCapability } from '@aws-sdk/client-ivschat';
import { resolveRoom } from '../context/ivs-resolve.js';
import { CliError, ExitCode, usageError } from '../io/errors.js';
import { isTransient, openSocket } from './connect.js';
import { buildFilter, type FilterFlags } from './filters.js';
import { EventPrinter, tailFormat } from './render.js';
import { runTail, type Connector, type Link } from './session.js';
import { tlsOptions } from './tls.js';
import type { TailDeps, TailEvent } from './types.js';

export interface TailRoomOptions extends Omit<FilterFlags, 'channels' | 'messageType'> {
  room: string;
  /** The chat user id of the tail's own connection. */
  userId?: string;
  capability?: string[];
  count?: number;
  timeoutMs?: number;
}

export interface SendRoomMessageOptions {
  room: string;
  text: string;
  userId?: string;
  attribute?: Record<string, string>;
}

/** Renew this long before the session ends (or halfway through a shorter session). */
const RENEW_BEFORE_MS = 60_000;
/** How long `room send` waits for the echo of its message. */
const SEND_TIMEOUT_MS = 10_000;

/** The messaging endpoint: the emulator's own origin, or the edge host of the region the
 * IVS Chat client uses (wherever that was configured). */
export async function ivsSocketUrl(deps: TailDeps): Promise<string> {
  const { endpointUrl } = deps.settings;
  if (endpointUrl) {
    const url = new URL(endpointUrl);
    return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}/`;
  }
  return `wss://edge.ivschat.${(await deps.aws.signer('ivschat')).region}.amazonaws.com/`;
}

export async function tailRoom(opts: TailRoomOptions, deps: TailDeps): Promise<number> {
  const filter = buildFilter(opts, 'ivs');
  const printer = new EventPrinter(deps.io, tailFormat(deps.settings));
  const roomArn = await resolveRoom(deps.aws, opts.room);
  const userId = opts.userId ?? `chatctl-tail-${randomUUID().slice(0, 8)}`;
  const url = await ivsSocketUrl(deps);
  const socketOptions = tlsOptions(deps.settings);
  const connector: Connector = {
    target: `room ${opts.room}`,
    open: (deliver) => openRoom(deps, { roomArn, userId, capabilities: opts.capability, url, socketOptions }, deliver),
    // A close with 1000 is the server's decision (DisconnectUser): not retried; except the end
    // of a session that could not be renewed in time, after which a new token continues.
    retryable: (close) => close.code !== 1000 || /session expired/i.test(close.reason),
    retryableError: isTransient,
  };
  return runTail(deps, connector, { filter, printer, count: opts.count, timeoutMs: opts.timeoutMs });
}

interface RoomConnection {
  roomArn: string;
  userId: string;
  capabilities?: string[];
  url: string;
  socketOptions: ClientOptions;
}

async function openRoom(deps: TailDeps, c: RoomConnection, deliver: (event: TailEvent) => void): Promise<Link> {
  const { token, sessionExpirationTime } = await createToken(deps, c);
  const { socket, closed } = await openSocket(c.url, [token], (text) => {
    const event = roomEvent(c.roomArn, text);
    if (!event) return;
    // ERROR 401: the session expired; drop the socket so the loop reconnects with a new token.
    if (event.type === 'ERROR' && event.payload.ErrorCode === 401) return socket.terminate();
    deliver(event);
  }, c.socketOptions);
  const ends = sessionExpirationTime ? new Date(sessionExpirationTime).getTime() : undefined;
  const now = Date.now();
  return {
    closed,
    close: (code, reason) => socket.close(code, reason),
    renewAt: ends === undefined ? undefined : Math.max(now + (ends - now) / 2, ends - RENEW_BEFORE_MS),
  };
}

async function createToken(deps: TailDeps, c: Pick<RoomConnection, 'roomArn' | 'userId' | 'capabilities'>) {
  const out = await deps.aws.call('ivschat', 'CreateChatToken', {
    roomIdentifier: c.roomArn,
    userId: c.userId,
    capabilities: c.capabilities?.length ? (c.capabilities as ChatTokenCapability[]) : undefined,
  });
  if (!out.token) throw new CliError('CreateChatToken returned no token', ExitCode.service);
  return out as { token: string; sessionExpirationTime?: Date | string };
}

/** One IVS frame as a TailEvent; undefined for something that is not a JSON object. */
export function roomEvent(roomArn: string, text: string): TailEvent | undefined {
  let frame: Record<string, any>;
  try {
    frame = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!frame || typeof frame !== 'object') return undefined;
  const type = String(frame.Type ?? 'UNKNOWN');
  const ts = typeof frame.SendTime === 'string' ? frame.SendTime : new Date().toISOString();
  const id = typeof frame.Id === 'string' ? frame.Id : undefined;
  const base: TailEvent = { ts, source: 'ivs', type, roomArn, id, key: id ? `${type}:${id}` : undefined, payload: frame };
  if (type === 'MESSAGE') return { ...base, sender: frame.Sender?.UserId, senderName: frame.Sender?.Attributes?.DisplayName, text: String(frame.Content ?? '') };
  if (type === 'EVENT') {
    const attributes = Object.entries((frame.Attributes ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
    return { ...base, eventName: String(frame.EventName ?? ''), text: attributes.join(' ') };
  }
  if (type === 'ERROR') return { ...base, text: `${frame.ErrorCode ?? ''} ${frame.ErrorMessage ?? ''}`.trim() };
  return base;
}

/** `room send`: returns the MESSAGE frame as the room received it; ERROR -> 254. */
export async function sendRoomMessage(opts: SendRoomMessageOptions, deps: TailDeps): Promise<Record<string, unknown>> {
  if (opts.text.length === 0) throw usageError('the message text is empty');
  const roomArn = await resolveRoom(deps.aws, opts.room);
  const userId = opts.userId ?? 'chatctl';
  const { token } = await createToken(deps, { roomArn, userId, capabilities: ['SEND_MESSAGE'] });
  const requestId = randomUUID();
  let answer!: (frame: Record<string, any>) => void;
  const answered = new Promise<Record<string, any>>((resolve) => (answer = resolve));
  const { socket, closed } = await openSocket(
    await ivsSocketUrl(deps),
    [token],
    (text) => {
      const event = roomEvent(roomArn, text);
      if (event && event.payload.RequestId === requestId && (event.type === 'MESSAGE' || event.type === 'ERROR')) answer(event.payload);
    },
    tlsOptions(deps.settings),
  );
  socket.send(JSON.stringify({ Action: 'SEND_MESSAGE', RequestId: requestId, Content: opts.text, ...(opts.attribute && Object.keys(opts.attribute).length ? { Attributes: opts.attribute } : {}) }));
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    answered,
    closed.then((c) => ({ closedEarly: c })),
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SEND_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  socket.close(1000);
  if (outcome === 'timeout') throw new CliError(`SendMessage: no answer from room ${opts.room} within ${SEND_TIMEOUT_MS / 1000}s`, ExitCode.other);
  if ('closedEarly' in outcome) {
    const c = outcome.closedEarly as { code: number; reason: string };
    throw new CliError(`SendMessage: the connection closed before an answer (${c.code}${c.reason ? ': ' + c.reason : ''})`, ExitCode.other);
  }
  if (outcome.Type === 'ERROR') {
    throw new CliError(`SendMessage: ${outcome.ErrorCode}: ${outcome.ErrorMessage}`, ExitCode.service, undefined, `ChatError${outcome.ErrorCode}`);
  }
  return outcome;
}
