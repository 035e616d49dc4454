// The keepalive of openSocket (connect.ts): a ping every interval, and a socket with no pong by
// the next ping is terminated, so the caller's `closed` reports 1006 and tail reconnects. Only
// setInterval is faked (each tick is one interval, without waiting 10 s); the sockets run for real.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { openSocket, type OpenSocket } from '../../src/tail/connect.js';
import type { CloseInfo } from '../../src/tail/types.js';
import { waitFor } from './helpers.js';

let wss: WebSocketServer | undefined;
let client: OpenSocket | undefined;

afterEach(async () => {
  vi.useRealTimers();
  client?.socket.terminate();
  for (const peer of wss?.clients ?? []) peer.terminate();
  await new Promise((r) => wss?.close(r) ?? r(undefined));
  wss = client = undefined;
});

/** A server that completes the handshake and counts pings; with autoPong false it never answers them. */
async function connect(autoPong: boolean): Promise<{ pings: () => number; pongs: () => number }> {
  // Listening before the fake timers: Node's HTTP server keeps an interval of its own.
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong });
  await once(wss, 'listening');
  let pings = 0;
  let pongs = 0;
  wss.on('connection', (peer) => peer.on('ping', () => pings++));
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  client = await openSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, [], () => {});
  client.socket.on('pong', () => pongs++);
  return { pings: () => pings, pongs: () => pongs };
}

describe('openSocket keepalive', () => {
  it('terminates a socket whose ping got no pong by the next ping: closed reports 1006', async () => {
    const peer = await connect(false);
    let close: CloseInfo | undefined;
    void client!.closed.then((c) => (close = c));
    vi.advanceTimersToNextTimer();
    await waitFor(() => peer.pings() === 1, 1000, 'the first ping');
    vi.advanceTimersToNextTimer();
    expect(await waitFor(() => close, 1000, 'the client to give up on the socket')).toEqual({ code: 1006, reason: '' });
    expect(peer.pings()).toBe(1);
  });

  it('keeps a socket that answers its pings open across intervals', async () => {
    const peer = await connect(true);
    for (let n = 1; n <= 3; n++) {
      vi.advanceTimersToNextTimer();
      await waitFor(() => peer.pongs() === n, 1000, `pong ${n}`);
    }
    // The next tick checks the third pong and pings again rather than terminating.
    vi.advanceTimersToNextTimer();
    await waitFor(() => peer.pings() === 4, 1000, 'the fourth ping');
    expect(client!.socket.readyState).toBe(WebSocket.OPEN);
  });
});
