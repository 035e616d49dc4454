// Opening a WebSocket for tail and `room send`: resolves once open, or fails with a one-line
// error (refused handshake, network, timeout); reports the close as {code, reason}.
import { WebSocket, type ClientOptions } from 'ws';
import { CliError, ExitCode } from '../io/errors.js';
import type { CloseInfo } from './types.js';

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** A ping this often; no pong by the next one means the connection is dead (a silent network
 * loss would otherwise leave tail waiting forever). It then closes as 1006 and is retried. */
const PING_INTERVAL_MS = 10_000;

export interface OpenSocket {
  socket: WebSocket;
  closed: Promise<CloseInfo>;
}

export function openSocket(url: string, protocols: string[], onText: (text: string) => void, options: ClientOptions = {}): Promise<OpenSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS, perMessageDeflate: false, ...options });
    const closed = new Promise<CloseInfo>((done) => socket.once('close', (code, reason) => done({ code, reason: reason.toString() })));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) onText(data.toString());
    });
    socket.once('open', () => {
      let alive = true;
      socket.on('pong', () => (alive = true));
      const ping = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, PING_INTERVAL_MS);
      ping.unref();
      socket.once('close', () => clearInterval(ping));
      resolve({ socket, closed });
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        let message = body;
        try {
          message = JSON.parse(body).message ?? body;
        } catch {
          // not JSON: keep the text
        }
        const status = res.statusCode ?? 0;
        reject(new CliError(`WebSocket handshake refused: HTTP ${status}${message ? ': ' + message.trim() : ''}`, status >= 500 ? ExitCode.other : ExitCode.service));
      });
      socket.terminate();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // After open, errors surface as a close (1006); before it, they fail the connect.
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.CLOSED) {
        reject(new CliError(`cannot connect to ${redact(url)}: ${err.code ?? err.message}`, ExitCode.other));
      }
    });
  });
}

/** A presigned URL without its signature and credentials, for messages. */
function redact(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Whether a failed connect is worth retrying: network trouble and server-side faults. */
export function isTransient(err: unknown): boolean {
  if (err instanceof CliError) return err.exitCode === ExitCode.other || /ServiceUnavailable|ServiceFailure|Throttl|InternalServer/.test(err.code ?? err.message);
  return true;
}
