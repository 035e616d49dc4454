// Protocol edges over raw sockets: every answer, also to requests no SDK would send, is the
// service's error shape with x-amzn-ErrorType and reaches the client; nothing is buffered
// before the request is routed and its signature header checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../src/emulator/services/index.js';
import type { Emulator } from '../../src/emulator/server.js';
import type { Handler } from '../../src/emulator/types.js';
import { MAX_BODY_BYTES } from '../../src/emulator/http.js';
import { emulator } from './helpers.js';
import { exchange, open, readResponse, signedRequest } from './raw-http.js';

let emu: Emulator;
const logged: string[] = [];
beforeAll(async () => {
  emu = await emulator({ log: (line) => logged.push(line) });
});
afterAll(() => emu.close());

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('request bodies', () => {
  it('answers an oversized body with 413 RequestEntityTooLargeException that reaches the client', async () => {
    const head = await signedRequest(emu, { method: 'POST', path: '/app-instances', contentLength: 16 * 1024 * 1024 });
    const socket = await open(emu);
    const response = readResponse(socket);
    socket.write(head);
    // Keep sending, as a client uploading a large body does, while the answer comes back.
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 32 && !socket.destroyed; i++) socket.write(chunk);
    const r = await response;
    socket.destroy();
    expect(r.status).toBe(413);
    expect(r.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    expect(json(r.body).message).toMatch(/larger than the maximum/);
  });

  it('stops reading a chunked body at the cap', async () => {
    const head = (await signedRequest(emu, { method: 'POST', path: '/app-instances' })).replace(/content-length: 0\r\n/, 'transfer-encoding: chunked\r\n');
    const socket = await open(emu);
    const response = readResponse(socket);
    socket.write(head);
    const piece = Buffer.alloc(256 * 1024, 0x61);
    for (let i = 0; i < 6; i++) socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
    const r = await response;
    socket.destroy();
    expect(r.status).toBe(413);
    expect(r.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    expect(6 * piece.length).toBeGreaterThan(MAX_BODY_BYTES);
  });

  it('answers an unsigned request before its body has arrived', async () => {
    const socket = await open(emu);
    const response = readResponse(socket);
    socket.write('POST /app-instances HTTP/1.1\r\nHost: x\r\nContent-Length: 16000000\r\n\r\n' + 'a'.repeat(1000));
    const r = await response; // the other 15.999 MB were never sent
    socket.destroy();
    expect(r.status).toBe(403);
    expect(r.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  it('answers deeply nested JSON with the validation error', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const chime = await exchange(emu, await signedRequest(emu, { method: 'POST', path: '/app-instances', body: `{"Name":"x","Metadata":${deep}}` }));
    expect(chime.status).toBe(400);
    expect(chime.headers['x-amzn-errortype']).toBe('BadRequestException');
    const ivs = await exchange(emu, await signedRequest(emu, { method: 'POST', path: '/CreateRoom', service: 'ivschat', body: `{"name":${deep}}` }));
    expect(ivs.status).toBe(400);
    expect(ivs.headers['x-amzn-errortype']).toBe('ValidationException');
  });

  it('treats a client that leaves mid-body as gone: no 500, no stack trace, and the next request is served', async () => {
    const head = await signedRequest(emu, { method: 'POST', path: '/app-instances', contentLength: 1000 });
    const socket = await open(emu);
    socket.write(head + '{"Name":');
    await new Promise((r) => setTimeout(r, 30));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 30));
    expect(logged.filter((l) => / 500 |Error|    at /.test(l))).toEqual([]);
    const next = await exchange(emu, await signedRequest(emu, { method: 'GET', path: '/app-instances' }));
    expect(next.status).toBe(200);
  });
});

describe('errors from the HTTP parser', () => {
  const cases: Array<[string, string | Buffer, number]> = [
    ['headers too large', `GET /app-instances HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a bad method', 'FO(O /app-instances HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a non-ASCII path', Buffer.concat([Buffer.from('GET /app-instances/'), Buffer.from([0xc3, 0xa9, 0x01]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]), 400],
    ['bad framing', 'POST /app-instances HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
  ];
  for (const [name, bytes, status] of cases) {
    it(`answers ${name} with x-amzn-ErrorType and a JSON body`, async () => {
      const r = await exchange(emu, bytes);
      expect(r.status).toBe(status);
      expect(r.headers['x-amzn-errortype']).toMatch(/Exception$/);
      expect(typeof json(r.body).message).toBe('string');
    });
  }

  it('answers a bad chunk in a signed request body the same way', async () => {
    const head = (await signedRequest(emu, { method: 'POST', path: '/app-instances' })).replace(/content-length: 0\r\n/, 'transfer-encoding: chunked\r\n');
    const r = await exchange(emu, head + 'not-hex\r\n');
    expect(r.status).toBe(400);
    expect(r.headers['x-amzn-errortype']).toBe('BadRequestException');
  });
});

describe('500 answers', () => {
  it('carry no internal exception text (it goes to the log)', async () => {
    // A handler that crashes, as a bug would make it.
    const table = HANDLERS.identity as Record<string, Handler | undefined>;
    const original = table.CreateAppInstance;
    table.CreateAppInstance = () => {
      throw new Error('secret internal detail at /src/x.ts:1');
    };
    try {
      const r = await exchange(emu, await signedRequest(emu, { method: 'POST', path: '/app-instances', body: '{"Name":"x"}' }));
      expect(r.status).toBe(500);
      expect(r.headers['x-amzn-errortype']).toBe('ServiceFailureException');
      expect(r.body).not.toContain('secret');
      expect(logged.join('\n')).toContain('secret internal detail');
    } finally {
      table.CreateAppInstance = original;
    }
  });
});
