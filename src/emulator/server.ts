// The emulator's server: one loopback port for Chime SDK identity, Chime SDK messaging and
// IVS Chat. This file owns options, start (load state, listen) and close; what one request
// does is in http.ts. Other transports attach to `server` (e.g. `server.on('upgrade', ...)`).
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCOUNT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
} from './defaults.js';
import { createRequestListener } from './http.js';
import { attachRealtime } from './realtime/index.js';
import type { Credentials } from './sigv4.js';
import { StateStore } from './store.js';
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
}

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
  const store = new StateStore(opts.statePath);
  const events = new EventEmitter();
  const logError = (line: string) => (opts.log ? opts.log(line) : process.stderr.write(line + '\n'));

  const server = http.createServer(createRequestListener({ credentials, account, region, store, events, log: opts.log, logError }));
  // Keep-alive friendly: SDK agents reuse sockets; keep them longer than the SDKs' idle time.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // The two WebSockets (Chime messaging on /connect, IVS Chat on /) share the port.
  const realtime = attachRealtime(server, { state: store.state, events, credentials });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
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
    },
  };
}
