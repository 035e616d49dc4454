// Raw HTTP/1.1 over node:net for protocol-edge tests: requests exactly as written (also ones
// no HTTP client would send), signed with @smithy/signature-v4 when asked.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { connect, type Socket } from 'node:net';
import type { Emulator } from '../../src/emulator/server.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Signed request head (and body) as raw bytes. */
export async function signedRequest(
  emu: Emulator,
  r: { method: string; path: string; body?: string; service?: string; headers?: Record<string, string>; contentLength?: number },
): Promise<string> {
  const host = `127.0.0.1:${emu.port}`;
  const signer = new SignatureV4({ service: r.service ?? 'chime', region: emu.region, credentials: emu.credentials, sha256: Sha256 });
  const [path, rawQuery = ''] = r.path.split('?');
  const query = Object.fromEntries(new URLSearchParams(rawQuery));
  const signed = (await signer.sign({
    method: r.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: path!,
    query,
    headers: { host, 'content-type': 'application/json', ...(r.headers ?? {}) },
    body: r.body,
  } as never)) as unknown as { headers: Record<string, string> };
  const length = r.contentLength ?? Buffer.byteLength(r.body ?? '');
  const head = Object.entries({ ...signed.headers, 'content-length': String(length) })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return `${r.method} ${r.path} HTTP/1.1\r\n${head}\r\n\r\n${r.body ?? ''}`;
}

export function open(emu: Emulator): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(emu.port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads one response from the socket (headers + Content-Length body). */
export function readResponse(socket: Socket): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = data.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(lines[0]!.split(' ')[1]);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (data.length - end - 4 < length) return;
      socket.off('data', onData);
      resolve({ status, headers, body: data.subarray(end + 4, end + 4 + length).toString('utf8') });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`connection closed before a full response: ${data.toString('latin1').slice(0, 200)}`)));
  });
}

/** Sends bytes on a fresh connection and reads one response. */
export async function exchange(emu: Emulator, bytes: string | Buffer): Promise<RawResponse> {
  const socket = await open(emu);
  try {
    const response = readResponse(socket);
    socket.write(bytes);
    return await response;
  } finally {
    socket.destroy();
  }
}
