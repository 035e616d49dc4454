// The emulator's server: one loopback port for Chime SDK identity, Chime SDK messaging and
// IVS Chat. This file owns options, start (load state, listen) and close; what one request
// does is in http.ts. Other transports attach to `server` (e.g. `server.on('upgrade', ...)`).
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCOUNT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
} from './defaults.js';
import { parserErrorResponse } from './errors.js';
import { createRequestListener, wasAnsweredEarly } from './http.js';
import type { JournalIO } from './journal.js';
import { attachRealtime } from './realtime/index.js';
import type { Credentials } from './sigv4.js';
import { StateStore } from './store.js';
export { StateFileError } from './store.js';
import type { EmulatorState } from './types.js';

export * from './defaults.js';
export type { Credentials } from './sigv4.js';
export { toWire } from './http.js';

export interface EmulatorOptions {
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  host?: string;
  /** 0 picks a free port; default DEFAULT_PORT (4599). */
  port?: number;
  /** JSON file holding the state across restarts; in memory only when absent. */
  statePath?: string;
  account?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** When set, requests must carry it as X-Amz-Security-Token. */
  sessionToken?: string;
  /** Receives one line per request and every internal error (default: errors to stderr). */
  log?: (line: string) => void;
  /** Internal errors with stack traces (never sent to clients either way). */
  debug?: boolean;
  /** File operations of the state journal (tests inject disk failures). */
  journalIO?: JournalIO;
  /** Connections served at once; default MAX_CONNECTIONS (tests use a small cap). */
  maxConnections?: number;
  /** Serve HTTPS and WSS with this certificate chain and key (PEM); see tls.ts. */
  tls?: { cert: string; key: string };
}

/** Connections served at once; more are closed at accept (memory stays bounded). */
export const MAX_CONNECTIONS = 512;

export interface Emulator {
  /** `http://127.0.0.1:<port>`: the endpoint URL for all three services. */
  url: string;
  port: number;
  credentials: Credentials;
  account: string;
  region: string;
  state: EmulatorState;
  server: http.Server;
  /** Emits 'event' (EmulatorEvent) for realtime fan-out after each successful write. */
  events: EventEmitter;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? DEFAULT_HOST;
  const credentials: Credentials = {
    accessKeyId: opts.accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
    secretAccessKey: opts.secretAccessKey ?? DEFAULT_SECRET_ACCESS_KEY,
    ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}),
  };
  const account = opts.account ?? DEFAULT_ACCOUNT;
  const region = opts.region ?? DEFAULT_REGION;
  checkAccount(account);
  checkRegion(region);
  const events = new EventEmitter();
  const logError = (line: string) => (opts.log ? opts.log(line) : process.stderr.write(line + '\n'));
  const store = new StateStore(opts.statePath, { io: opts.journalIO, logError });

  const listener = createRequestListener({ credentials, account, region, store, events, log: opts.log, logError, debug: opts.debug });
  const server: http.Server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, listener) : http.createServer(listener);
  // Keep-alive friendly: SDK agents reuse sockets; keep them longer than the SDKs' idle time.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;
  // Requests Node's parser refuses get an answer in the services' shape, not a bare 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET' || wasAnsweredEarly(socket)) return socket.destroy();
    socket.end(parserErrorResponse(err.code));
  });
  // The two WebSockets (Chime messaging on /connect, IVS Chat on /) share the port.
  const realtime = attachRealtime(server, { state: store.state, events, credentials, region, commit: (changes) => store.commit(changes) });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await realtime.close();
    await store.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    credentials,
    account,
    region,
    state: store.state,
    server,
    events,
    close: async () => {
      await realtime.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

/** An AWS account id: 12 digits. */
export function checkAccount(account: string): void {
  if (!/^\d{12}$/.test(account)) throw new RangeError(`account ${JSON.stringify(account)} is not an AWS account id (12 digits)`);
}

/** A region name as AWS spells them: us-east-1, eu-central-2, us-gov-west-1, cn-north-1... */
export function checkRegion(region: string): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) throw new RangeError(`region ${JSON.stringify(region)} is not an AWS region name (e.g. us-east-1)`);
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}
