// The Chime SDK messaging WebSocket (websocket-protocols.md A, C.1, E): `GET /connect` with a
// SigV4-presigned query (service `chime`). The upgrade is always accepted, and a bad URL is then
// closed with 4401 (signature, expiry, credentials) or 4003 (unknown userArn, too many
// connections): refusing the upgrade would look like 1006 to clients, which retry on it.
// A good one gets SESSION_ESTABLISHED, the CHANNEL_DETAILS prefetch when asked, then every
// recorded messaging event whose recipients include its user, as {Headers, Payload} frames.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { parseQuery } from '../router.js';
import { findBot, findUser } from '../services/identity/state.js';
import { verifyPresigned, type Credentials } from '../sigv4.js';
import { ServiceError, type EmulatorEvent, type EmulatorState } from '../types.js';
import { truncateReason } from './ivs.js';

/** Concurrent connections one AppInstanceUser or bot may hold (service quota, default). */
export const MAX_CONNECTIONS_PER_USER = 10;
/** Close codes (A.4). 4401/4003 are never retried by clients; 1012 always is. */
export const CLOSE_NOT_AUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4003;
export const CLOSE_SERVICE_RESTART = 1012;
/** How often protocol pings go out; a connection that missed the previous pong is dropped. */
const PING_INTERVAL_MS = 10_000;
/** How often connected users are checked to still exist (deleted users are disconnected). */
const USER_CHECK_INTERVAL_MS = 500;

/** The CHANNEL_DETAILS payloads for a user (A.5), from the messaging backend. */
export type PrefetchBuilder = (state: EmulatorState, userArn: string, sortBy?: string) => unknown[];

interface Session {
  socket: WebSocket;
  userArn: string;
  sessionId: string;
  alive: boolean;
}

export interface ChimeSocketsOptions {
  state: EmulatorState;
  credentials: Credentials;
  /** The emulator's region: a URL signed for another is refused (4401), as a regional endpoint would. */
  region?: string;
  prefetch?: PrefetchBuilder;
}

export class ChimeMessagingSockets {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
  private readonly byUser = new Map<string, Set<Session>>();
  private readonly timers: NodeJS.Timeout[];

  constructor(private readonly opts: ChimeSocketsOptions) {
    const ping = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    const sweep = setInterval(() => this.dropDeletedUsers(), USER_CHECK_INTERVAL_MS);
    ping.unref();
    sweep.unref();
    this.timers = [ping, sweep];
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, rawQuery: string): void {
    const query = parseQuery(rawQuery);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      this.admit(ws, req, query).catch(() => ws.close(1011, 'Internal error'));
    });
  }

  private async admit(ws: WebSocket, req: IncomingMessage, query: Array<[string, string]>): Promise<void> {
    try {
      await verifyPresigned({ method: 'GET', rawPath: '/connect', query, headers: req.headers }, { credentials: this.opts.credentials, service: 'chime', region: this.opts.region });
    } catch (err) {
      const message = err instanceof ServiceError ? `${err.shape}: ${err.message.split('\n')[0]}` : 'Not authorized';
      return ws.close(CLOSE_NOT_AUTHORIZED, truncateReason(message));
    }
    const param = (name: string) => query.find(([k]) => k === name)?.[1];
    const userArn = param('userArn');
    if (!userArn) return ws.close(CLOSE_FORBIDDEN, 'userArn is required');
    if (!this.exists(userArn)) return ws.close(CLOSE_FORBIDDEN, truncateReason(`Forbidden: no AppInstanceUser or AppInstanceBot ${userArn}`));
    const sessionId = param('sessionId') ?? '';
    let sessions = this.byUser.get(userArn);
    // The same sessionId may reconnect: it takes the place of its previous connection.
    const previous = sessionId ? [...(sessions ?? [])].find((s) => s.sessionId === sessionId) : undefined;
    if (previous) previous.socket.close(1000, 'Replaced by a new connection with the same sessionId');
    else if ((sessions?.size ?? 0) >= MAX_CONNECTIONS_PER_USER) {
      return ws.close(CLOSE_FORBIDDEN, `Forbidden: at most ${MAX_CONNECTIONS_PER_USER} concurrent connections per user`);
    }
    if (ws.readyState !== WebSocket.OPEN) return;

    const session: Session = { socket: ws, userArn, sessionId, alive: true };
    if (!sessions) this.byUser.set(userArn, (sessions = new Set()));
    if (previous) sessions.delete(previous);
    sessions.add(session);
    ws.on('pong', () => (session.alive = true));
    // The socket carries server-to-client traffic only; anything a client sends is ignored.
    ws.on('close', () => {
      sessions!.delete(session);
      if (sessions!.size === 0 && this.byUser.get(userArn) === sessions) this.byUser.delete(userArn);
    });

    ws.send(JSON.stringify({ Headers: { 'x-amz-chime-event-type': 'SESSION_ESTABLISHED', 'x-amz-chime-message-type': 'SYSTEM' } }));
    if (param('prefetch-on') === 'connect' && this.opts.prefetch) {
      for (const details of this.opts.prefetch(this.opts.state, userArn, param('prefetch-sort-by'))) {
        ws.send(frameText({ 'x-amz-chime-event-type': 'CHANNEL_DETAILS', 'x-amz-chime-message-type': 'SYSTEM' }, JSON.stringify(details)));
      }
    }
  }

  /** Sends a recorded messaging event to the connected sessions of its recipients. */
  deliver(event: EmulatorEvent): void {
    // Headers, Payload and recipients as the messaging backend records them (types.ts).
    const { service, headers, recipients } = event;
    if (service !== 'messaging' || !headers || !recipients || this.byUser.size === 0) return;
    // Encoded once for every session (a string would be encoded to UTF-8 per socket).
    let frame: Buffer | undefined;
    for (const arn of recipients) {
      const sessions = this.byUser.get(arn);
      if (!sessions) continue;
      frame ??= Buffer.from(frameText(headers, event.payloadJson ?? JSON.stringify(event.payload)));
      for (const s of sessions) if (s.socket.readyState === WebSocket.OPEN) this.sendBatched(s.socket, frame);
    }
  }

  /** Sockets holding frames until the end of this turn of the event loop. */
  private readonly corked = new Set<Duplex>();

  /** Sends a frame; the frames a socket gets in one turn of the event loop (many requests can
   * finish in one) leave in one write instead of one system call each. */
  private sendBatched(ws: WebSocket, frame: Buffer): void {
    const raw = (ws as unknown as { _socket?: Duplex })._socket; // ws keeps its TCP socket here
    if (raw && !this.corked.has(raw)) {
      if (this.corked.size === 0) setImmediate(() => this.uncorkAll());
      raw.cork();
      this.corked.add(raw);
    }
    ws.send(frame, { binary: false });
  }

  private uncorkAll(): void {
    for (const raw of this.corked) raw.uncork();
    this.corked.clear();
  }

  /** Emulator shutting down: 1012 (service restart), which clients reconnect on. */
  closeAll(): void {
    for (const t of this.timers) clearInterval(t);
    for (const sessions of this.byUser.values()) for (const s of sessions) s.socket.close(CLOSE_SERVICE_RESTART, 'Emulator shutting down');
  }

  private exists(arn: string): boolean {
    return Boolean(findUser(this.opts.state, arn) ?? findBot(this.opts.state, arn));
  }

  private dropDeletedUsers(): void {
    for (const [arn, sessions] of this.byUser) {
      if (this.exists(arn)) continue;
      for (const s of sessions) s.socket.close(CLOSE_FORBIDDEN, 'Forbidden: the AppInstanceUser was deleted');
    }
  }

  private pingAll(): void {
    for (const sessions of this.byUser.values()) {
      for (const s of sessions) {
        if (!s.alive) {
          s.socket.terminate();
          continue;
        }
        s.alive = false;
        s.socket.ping();
      }
    }
  }
}

/** `{"Headers":{...},"Payload":"<JSON string>"}`: the payload is serialised twice, as the
 * service does. Timestamps inside it are ISO-8601 strings (Date#toJSON; clients pass them to
 * `new Date`). */
export function frameText(headers: Record<string, string>, payloadJson: string): string {
  return JSON.stringify({ Headers: headers, Payload: payloadJson });
}
