// The control-plane calls that reach chat participants: CreateChatToken (remembered for the
// WebSocket half), SendEvent, DeleteMessage and DisconnectUser (recorded and emitted as the
// EVENT frames clients receive, websocket-protocols.md B.3 / C.2 item 8).
import { cloneState } from '../../tracker.js';
import type { Handler, HandlerContext } from '../../types.js';
import {
  DEFAULT_SESSION_DURATION_MINUTES,
  MAX_RECORDED_EVENTS,
  TOKEN_LIFETIME_MS,
  checkAttributes,
  getRoom,
  ivs,
  newChatToken,
  newId,
  type ChatTokenRecord,
  type RecordedEvent,
} from './state.js';

/** Forget tokens nobody can use any more: unused and past their expiry, or past their session. */
function pruneTokens(ctx: HandlerContext) {
  const tokens = ivs(ctx.state).tokens;
  const now = ctx.now.getTime();
  for (const [token, t] of Object.entries(tokens)) {
    if (t.sessionExpirationTime.getTime() <= now || (!t.used && t.tokenExpirationTime.getTime() <= now)) delete tokens[token];
  }
}

const createChatToken: Handler = (ctx) => {
  const { input } = ctx;
  const room = getRoom(ctx, input.roomIdentifier);
  const attributes = checkAttributes('attributes', input.attributes);
  const minutes: number = input.sessionDurationInMinutes ?? DEFAULT_SESSION_DURATION_MINUTES;
  const issued = ctx.now.getTime();
  const sessionExpirationTime = new Date(issued + minutes * 60_000);
  const tokenExpirationTime = new Date(Math.min(issued + TOKEN_LIFETIME_MS, sessionExpirationTime.getTime()));
  pruneTokens(ctx);
  const token = newChatToken();
  const record: ChatTokenRecord = {
    roomArn: room.arn,
    userId: input.userId,
    capabilities: [...new Set<string>(input.capabilities ?? [])],
    attributes,
    sessionDurationInMinutes: minutes,
    createTime: ctx.now,
    tokenExpirationTime,
    sessionExpirationTime,
    used: false,
  };
  ivs(ctx.state).tokens[token] = record;
  return { token, tokenExpirationTime, sessionExpirationTime };
};

/** Records an EVENT frame for the room and hands it to the realtime fan-out. */
export function emitRoomEvent(ctx: HandlerContext, roomArn: string, eventName: string, attributes?: Record<string, string>): string {
  const id = newId();
  const payload: RecordedEvent['payload'] = {
    Type: 'EVENT',
    Id: id,
    EventName: eventName,
    SendTime: ctx.now.toISOString(),
    ...(attributes && Object.keys(attributes).length ? { Attributes: { ...attributes } } : {}),
  };
  const events = ivs(ctx.state).events;
  events.push({ roomArn, payload });
  if (events.length > MAX_RECORDED_EVENTS) events.splice(0, events.length - MAX_RECORDED_EVENTS);
  ctx.emit({ service: 'ivschat', target: roomArn, type: eventName, payload: cloneState(payload) });
  return id;
}

const sendEvent: Handler = (ctx) => {
  const { input } = ctx;
  const room = getRoom(ctx, input.roomIdentifier);
  const attributes = checkAttributes('attributes', input.attributes);
  return { id: emitRoomEvent(ctx, room.arn, input.eventName, attributes) };
};

const deleteMessage: Handler = (ctx) => {
  const { input } = ctx;
  const room = getRoom(ctx, input.roomIdentifier);
  // MessageID is the deprecated spelling; the IVS JS SDK still reads it, so both are sent.
  const attributes: Record<string, string> = { MessageId: input.id, MessageID: input.id };
  if (input.reason !== undefined) attributes.Reason = input.reason;
  return { id: emitRoomEvent(ctx, room.arn, 'aws:DELETE_MESSAGE', attributes) };
};

const disconnectUser: Handler = (ctx) => {
  const { input } = ctx;
  const room = getRoom(ctx, input.roomIdentifier);
  // The WebSocket half closes every connection of this userId in the room (code 1000) after
  // delivering the event. Succeeds whether or not the user is connected.
  const attributes: Record<string, string> = { UserId: input.userId };
  if (input.reason !== undefined) attributes.Reason = input.reason;
  emitRoomEvent(ctx, room.arn, 'aws:DISCONNECT_USER', attributes);
  return {};
};

export const chatHandlers = {
  CreateChatToken: createChatToken,
  SendEvent: sendEvent,
  DeleteMessage: deleteMessage,
  DisconnectUser: disconnectUser,
};
