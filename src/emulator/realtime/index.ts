// The emulator's two WebSockets on the REST port: Chime SDK messaging on `/connect`, IVS Chat
// on `/` (websocket-protocols.md C). Both are fed by the events the REST handlers record.
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { channelDetailsFor } from '../services/messaging/backend.js';
import type { Credentials } from '../sigv4.js';
import type { Change } from '../tracker.js';
import type { EmulatorEvent, EmulatorState } from '../types.js';
import { ChimeMessagingSockets, type PrefetchBuilder } from './chime.js';
import { IvsChatSockets } from './ivs.js';
import { rejectUpgrade } from './upgrade.js';

export interface RealtimeOptions {
  state: EmulatorState;
  events: EventEmitter;
  credentials: Credentials;
  /** The region presigned URLs must be scoped to (any when absent). */
  region?: string;
  /** CHANNEL_DETAILS payloads for `prefetch-on=connect`; default: the messaging backend's. */
  prefetch?: PrefetchBuilder;
  /** Makes a change the sockets make to the state durable (with --state), like a REST write. */
  commit?: (changes: Change[]) => Promise<void>;
}

export interface Realtime {
  chime: ChimeMessagingSockets;
  ivs: IvsChatSockets;
  /** Closes every WebSocket with its close frame (1012 / 1001), waiting briefly for it to go out. */
  close(): Promise<void>;
}

/** How long close() waits for clients to answer the close frame before cutting the sockets. */
const CLOSE_GRACE_MS = 500;

export function attachRealtime(server: Server, opts: RealtimeOptions): Realtime {
  const chime = new ChimeMessagingSockets({ state: opts.state, credentials: opts.credentials, region: opts.region, prefetch: opts.prefetch ?? channelDetailsFor });
  const ivs = new IvsChatSockets(opts.state, opts.commit);
  const sockets = new Set<Duplex>();

  const onEvent = (event: EmulatorEvent) => {
    if (event.service === 'messaging') chime.deliver(event);
    else if (event.service === 'ivschat') ivs.deliver(event);
  };
  opts.events.on('event', onEvent);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    if (path === '/connect') return chime.handleUpgrade(req, socket, head, q < 0 ? '' : target.slice(q + 1));
    if (path === '/') return ivs.handleUpgrade(req, socket, head);
    rejectUpgrade(socket, 404, `No WebSocket at ${path}: Chime SDK messaging is on /connect, IVS Chat on /`);
  });

  return {
    chime,
    ivs,
    async close() {
      opts.events.off('event', onEvent);
      chime.closeAll();
      ivs.closeAll();
      const closed = [...sockets].map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve()))));
      const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([Promise.all(closed), grace]);
      for (const s of sockets) s.destroy();
    },
  };
}
