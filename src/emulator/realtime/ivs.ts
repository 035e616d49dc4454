// The IVS Chat messaging WebSocket (websocket-protocols.md B, C.2): upgrade on `/` with a chat
// token as the only subprotocol, echoed back (browsers and amazon-ivs-chat-messaging abort the
// handshake otherwise). A token opens one connection, ever, and the connection closes at the
// token's sessionExpirationTime. Clients send SEND_MESSAGE / DELETE_MESSAGE / DISCONNECT_USER;
// the server answers with MESSAGE / EVENT / ERROR frames, each with a fresh 12-character Id.
// Control-plane SendEvent / DeleteMessage / DisconnectUser arrive as emulator events.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { ivs, newId, MAX_ATTRIBUTES_BYTES, type ChatTokenRecord, type Room } from '../services/ivschat/state.js';
import type { EmulatorEvent, EmulatorState } from '../types.js';
import { RateWindow } from './rate.js';
import { rejectUpgrade } from './upgrade.js';
import type { Change } from '../tracker.js';

/** Requests one connection may make per second, whatever the action (IVS quota, fixed). */
export const REQUESTS_PER_CONNECTION_PER_SECOND = 10;
/** Largest request frame accepted; a message is at most 500 code points plus 1 KB of attributes. */
const MAX_FRAME_BYTES = 64 * 1024;
/** Reason texts (DELETE_MESSAGE, DISCONNECT_USER): 1-256 characters (model). */
const MAX_REASON = 256;

interface ChatConnection {
  socket: WebSocket;
  roomArn: string;
  userId: string;
  capabilities: Set<string>;
  attributes: Record<string, string>;
  sessionExpiresAt: number;
  sessionTimer: NodeJS.Timeout;
  requests: RateWindow;
}

type Frame = Record<string, unknown>;

class RequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class IvsChatSockets {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    // The token is the only subprotocol offered; the handshake must select it.
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });
  private readonly byRoom = new Map<string, Set<ChatConnection>>();
  private readonly roomRates = new Map<string, RateWindow>();

  constructor(
    private readonly state: EmulatorState,
    private readonly commit: (changes: Change[]) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Handles an upgrade request on `/`: checks the token, consumes it, opens the session. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const token = (req.headers['sec-websocket-protocol'] ?? '').split(',')[0]!.trim();
    if (!token) return rejectUpgrade(socket, 401, 'Missing chat token: pass it as the WebSocket subprotocol');
    const tokens = ivs(this.state).tokens;
    const record = tokens[token];
    const now = Date.now();
    if (!record) return rejectUpgrade(socket, 401, 'Invalid chat token');
    if (record.used) return rejectUpgrade(socket, 401, 'Chat token already used: each token opens one connection');
    if (record.tokenExpirationTime.getTime() <= now) return rejectUpgrade(socket, 401, 'Chat token expired');
    if (!ivs(this.state).rooms[record.roomArn]) return rejectUpgrade(socket, 404, `Room not found: ${record.roomArn}`);
    // Single use survives a restart: the session opens only once its token is used on disk (a
    // failed save puts memory back, so the token stays unused).
    record.used = true;
    this.commit([[['ivschat', 'tokens', token, 'used'], true]]).then(
      () => this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, record)),
      () => rejectUpgrade(socket, 500, 'The chat token could not be recorded as used; try again'),
    );
  }

  /** Delivers a control-plane event (SendEvent, DeleteMessage, DisconnectUser) to the room. */
  deliver(event: EmulatorEvent): void {
    if (event.service !== 'ivschat') return;
    this.broadcast(event.target, event.payload);
    if (event.type === 'aws:DISCONNECT_USER') this.disconnectUser(event.target, String(event.payload.Attributes?.UserId ?? ''), 'Disconnected by DisconnectUser');
  }

  /** Closes every connection (emulator shutting down). 1001: the endpoint is going away. */
  closeAll(): void {
    for (const room of this.byRoom.values()) for (const c of room) c.socket.close(1001, 'Emulator shutting down');
  }

  private open(socket: WebSocket, token: ChatTokenRecord): void {
    const sessionExpiresAt = token.sessionExpirationTime.getTime();
    const connection: ChatConnection = {
      socket,
      roomArn: token.roomArn,
      userId: token.userId,
      capabilities: new Set(token.capabilities),
      attributes: { ...token.attributes },
      sessionExpiresAt,
      // The service closes the session at sessionExpirationTime (B.1); cleanly, so clients fetch
      // a new token rather than treat it as a network failure.
      sessionTimer: setTimeout(() => socket.close(1000, 'Session expired'), Math.max(0, sessionExpiresAt - Date.now())),
      requests: new RateWindow(),
    };
    connection.sessionTimer.unref();
    let room = this.byRoom.get(token.roomArn);
    if (!room) this.byRoom.set(token.roomArn, (room = new Set()));
    room.add(connection);
    socket.on('message', (data, isBinary) => this.onRequest(connection, isBinary ? null : data.toString()));
    socket.on('close', () => {
      clearTimeout(connection.sessionTimer);
      room!.delete(connection);
      if (room!.size === 0 && this.byRoom.get(token.roomArn) === room) this.byRoom.delete(token.roomArn);
    });
    socket.on('error', () => socket.terminate());
  }

  private onRequest(connection: ChatConnection, text: string | null): void {
    let requestId: string | undefined;
    try {
      if (text === null) throw new RequestError(400, 'Requests must be JSON text frames');
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(text);
      } catch {
        throw new RequestError(400, 'Request is not valid JSON');
      }
      if (!request || typeof request !== 'object' || Array.isArray(request)) throw new RequestError(400, 'Request must be a JSON object');
      if (typeof request.RequestId === 'string') requestId = request.RequestId;
      if (Date.now() >= connection.sessionExpiresAt) throw new RequestError(401, 'Session expired');
      if (!connection.requests.take(REQUESTS_PER_CONNECTION_PER_SECOND)) {
        throw new RequestError(429, `Rate limit exceeded: at most ${REQUESTS_PER_CONNECTION_PER_SECOND} requests per second per connection`);
      }
      const room = ivs(this.state).rooms[connection.roomArn];
      if (!room) throw new RequestError(404, `Room not found: ${connection.roomArn}`);
      switch (request.Action) {
        case 'SEND_MESSAGE':
          return this.sendMessage(connection, room, request, requestId);
        case 'DELETE_MESSAGE':
          return this.deleteMessage(connection, request, requestId);
        case 'DISCONNECT_USER':
          return this.disconnectUserRequest(connection, request, requestId);
        default:
          throw new RequestError(400, `Unknown Action: ${JSON.stringify(request.Action ?? null)}`);
      }
    } catch (err) {
      const e = err instanceof RequestError ? err : new RequestError(500, 'Internal error');
      send(connection.socket, { Type: 'ERROR', Id: newId(), ...(requestId !== undefined ? { RequestId: requestId } : {}), ErrorCode: e.code, ErrorMessage: e.message });
    }
  }

  private sendMessage(connection: ChatConnection, room: Room, request: Frame, requestId: string | undefined): void {
    requireCapability(connection, 'SEND_MESSAGE');
    const content = request.Content;
    if (typeof content !== 'string' || content.length === 0) throw new RequestError(400, 'Content is required and must be a non-empty string');
    const length = [...content].length;
    if (length > room.maximumMessageLength) {
      throw new RequestError(400, `Message length ${length} exceeds the room's maximum of ${room.maximumMessageLength} characters`);
    }
    const attributes = stringMap(request.Attributes, 'Attributes');
    // A review handler is a Lambda function the emulator cannot call; the service treats an
    // unreachable handler by the room's fallbackResult (B.4): DENY reaches the sender alone.
    const review = room.messageReviewHandler;
    if (review?.uri && review.fallbackResult === 'DENY') {
      throw new RequestError(406, `Message denied: the review handler ${review.uri} could not be invoked and the room's fallback result is DENY`);
    }
    let rate = this.roomRates.get(room.arn);
    if (!rate) this.roomRates.set(room.arn, (rate = new RateWindow()));
    if (!rate.take(room.maximumMessageRatePerSecond)) {
      throw new RequestError(429, `Rate limit exceeded: the room allows ${room.maximumMessageRatePerSecond} messages per second`);
    }
    // Broadcast to everyone in the room, the sender included: clients resolve a send only when
    // the MESSAGE with their RequestId comes back (C.2 item 5).
    this.broadcast(room.arn, {
      Type: 'MESSAGE',
      Id: newId(),
      ...(requestId !== undefined ? { RequestId: requestId } : {}),
      Content: content,
      Attributes: attributes,
      SendTime: new Date().toISOString(),
      Sender: { UserId: connection.userId, Attributes: connection.attributes },
    });
  }

  private deleteMessage(connection: ChatConnection, request: Frame, requestId: string | undefined): void {
    requireCapability(connection, 'DELETE_MESSAGE');
    const id = request.Id;
    if (typeof id !== 'string' || !/^[a-zA-Z0-9]{12}$/.test(id)) throw new RequestError(400, 'Id must be the 12-character Id of a message');
    const reason = optionalReason(request.Reason);
    // MessageID is the deprecated spelling; amazon-ivs-chat-messaging drops the event without it.
    this.broadcast(connection.roomArn, {
      Type: 'EVENT',
      Id: newId(),
      ...(requestId !== undefined ? { RequestId: requestId } : {}),
      EventName: 'aws:DELETE_MESSAGE',
      SendTime: new Date().toISOString(),
      Attributes: { MessageId: id, MessageID: id, ...(reason !== undefined ? { Reason: reason } : {}) },
    });
  }

  private disconnectUserRequest(connection: ChatConnection, request: Frame, requestId: string | undefined): void {
    requireCapability(connection, 'DISCONNECT_USER');
    const userId = request.UserId;
    if (typeof userId !== 'string' || userId.length < 1 || [...userId].length > 128) throw new RequestError(400, 'UserId must be 1-128 characters');
    const reason = optionalReason(request.Reason);
    this.broadcast(connection.roomArn, {
      Type: 'EVENT',
      Id: newId(),
      ...(requestId !== undefined ? { RequestId: requestId } : {}),
      EventName: 'aws:DISCONNECT_USER',
      SendTime: new Date().toISOString(),
      Attributes: { UserId: userId, ...(reason !== undefined ? { Reason: reason } : {}) },
    });
    this.disconnectUser(connection.roomArn, userId, reason ?? 'Disconnected by a moderator');
  }

  /** Closes every connection of a user in a room with a real close frame (1000), so clients
   * do not treat it as a dropped network and reconnect the user that was meant to go. */
  private disconnectUser(roomArn: string, userId: string, reason: string): void {
    for (const c of this.byRoom.get(roomArn) ?? []) if (c.userId === userId) c.socket.close(1000, truncateReason(reason));
  }

  private broadcast(roomArn: string, frame: Frame): void {
    const room = this.byRoom.get(roomArn);
    if (!room) return;
    const text = JSON.stringify(frame);
    for (const c of room) if (c.socket.readyState === WebSocket.OPEN) c.socket.send(text);
  }
}

function send(socket: WebSocket, frame: Frame): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

function requireCapability(connection: ChatConnection, capability: string): void {
  if (!connection.capabilities.has(capability)) {
    throw new RequestError(403, `The chat token of user ${connection.userId} does not have the ${capability} capability`);
  }
}

function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new RequestError(400, `${name} must be an object of strings`);
  let bytes = 0;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new RequestError(400, `${name}.${k} must be a string`);
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (bytes > MAX_ATTRIBUTES_BYTES) throw new RequestError(413, `${name} must not exceed ${MAX_ATTRIBUTES_BYTES} bytes in total (got ${bytes})`);
  return { ...(value as Record<string, string>) };
}

function optionalReason(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 1 || [...value].length > MAX_REASON) {
    throw new RequestError(400, `Reason must be 1-${MAX_REASON} characters`);
  }
  return value;
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
export function truncateReason(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}
