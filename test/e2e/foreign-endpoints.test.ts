// Endpoints that are not an AWS API: one that answers with a web page or an empty 500, and
// one that accepts the connection and never answers (raw node:net, so nothing replies).
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runChatctl } from './harness.js';

const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown; address: () => unknown }) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

let web: Server;
let webUrl: string;
const held: Socket[] = [];
const silent = createNetServer((socket) => void held.push(socket));
let silentUrl: string;

beforeAll(async () => {
  web = createHttpServer((req, res) => {
    if (req.url?.startsWith('/empty500')) {
      res.writeHead(500).end();
    } else {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Not Found</h1></body></html>');
    }
  });
  webUrl = await listen(web);
  silentUrl = await listen(silent);
});
afterAll(() => {
  web.close();
  for (const s of held) s.destroy();
  silent.close();
});

const chatctl = (endpoint: string, ...args: string[]) => runChatctl(['--local', '--endpoint-url', endpoint, ...args, 'app-instance', 'list'], { env: cleanEnv() });

describe('answers that are not from an AWS API', () => {
  it('an HTML 404 is named as such, without SDK internals', async () => {
    const r = await chatctl(webUrl);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(new RegExp(`^error: ListAppInstances: HTTP 404 from ${webUrl} \\(not an AWS API response\\)$`, 'm'));
    expect(r.stderr).not.toMatch(/\$response|Deserialization|SyntaxError/);
  });

  it('an empty 500 likewise', async () => {
    const r = await chatctl(`${webUrl}/empty500`);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('HTTP 500 from');
    expect(r.stderr).not.toContain('UnknownError');
  });
});

describe('--cli-read-timeout and --cli-connect-timeout', () => {
  it('a server that accepts and never answers does not hold chatctl', async () => {
    const started = Date.now();
    const r = await chatctl(silentUrl, '--cli-read-timeout', '1');
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/^error: ListAppInstances: no answer from http:\/\/127\.0\.0\.1:\d+ within 1 s$/m);
    expect(r.stderr).toContain('--cli-read-timeout');
    // Three attempts (the SDK's retries) of one second each, plus start-up and back-off.
    expect(Date.now() - started).toBeLessThan(12_000);
  }, 20_000);

  it('take whole seconds', async () => {
    const r = await chatctl(silentUrl, '--cli-connect-timeout', 'soon');
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("'soon' is not a whole number of seconds");
  });
});
