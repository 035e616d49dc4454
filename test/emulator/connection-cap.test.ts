// The emulator's connection cap (server.maxConnections, default MAX_CONNECTIONS): a connection
// past it is closed at accept without an answer, the open ones keep being served, and closing
// one frees its slot. Raw sockets, so each connection is exactly one socket.
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS } from '../../src/emulator/server.js';
import { emulator } from './helpers.js';
import { open, readResponse, signedRequest } from './raw-http.js';

const CAP = 3;

describe('connection cap', () => {
  it('is MAX_CONNECTIONS unless given', async () => {
    const emu = await emulator();
    try {
      expect(emu.server.maxConnections).toBe(MAX_CONNECTIONS);
    } finally {
      await emu.close();
    }
  });

  it('closes a connection past the cap unanswered, serves the open ones, and frees a slot when one closes', async () => {
    const emu = await emulator({ maxConnections: CAP });
    // Server-side sockets by client port: the cap counts a connection until the server's side closes.
    const accepted = new Map<number, Socket>();
    emu.server.on('connection', (s: Socket) => accepted.set(s.remotePort!, s));
    const clients: Socket[] = [];
    try {
      const request = await signedRequest(emu, { method: 'GET', path: '/app-instances' });
      const ask = async (socket: Socket) => {
        const response = readResponse(socket);
        socket.write(request);
        return (await response).status;
      };
      for (let i = 0; i < CAP; i++) {
        clients.push(await open(emu));
        expect(await ask(clients[i]!)).toBe(200);
      }
      const extra = await open(emu);
      clients.push(extra);
      // Closed with nothing written back (a reset instead of a FIN depends on timing).
      await expect(ask(extra)).rejects.toThrow(/closed before a full response: $|ECONNRESET|EPIPE/);
      for (const kept of clients.slice(0, CAP)) expect(await ask(kept)).toBe(200);

      const freed = accepted.get(clients[0]!.localPort!)!;
      clients[0]!.destroy();
      await once(freed, 'close');
      const next = await open(emu);
      clients.push(next);
      expect(await ask(next)).toBe(200);
    } finally {
      for (const c of clients) c.destroy();
      await emu.close();
    }
  }, 2000); // every wait above ends by this bound
});
