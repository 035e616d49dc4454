// The emulator's HTTP server: one loopback port for Chime SDK identity, Chime SDK messaging
// and IVS Chat. Each request goes through the same pipeline:
//   read body -> route -> verify SigV4 (scope `chime` or `ivschat`) -> parse JSON ->
//   merge label/query/header/body members -> validate -> idempotency -> handler ->
//   serialise -> persist (writes) -> answer with the model's status code.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCOUNT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
} from './defaults.js';
import { internalError, malformedRequest, notImplemented, unknownOperation, writeError } from './errors.js';
import { replay, remember } from './idempotency.js';
import { MODELS, isReadOperation, type TimestampFormat } from './model.js';
import { guessService, matchRoute, parseQuery } from './router.js';
import { HANDLERS } from './services/index.js';
import { scopeServiceOf, verifyRequest, type Credentials } from './sigv4.js';
import { StateStore } from './store.js';
import { ServiceError, type EmulatorEvent, type EmulatorState, type HandlerContext, type ServiceName } from './types.js';
import { buildInput } from './validate.js';

export * from './defaults.js';
export type { Credentials } from './sigv4.js';

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

const MAX_BODY_BYTES = 16 * 1024 * 1024;

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

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      // Only reached when writing the answer itself failed.
      logError(`emulator: failed to answer ${req.method} ${req.url}: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Keep-alive friendly: SDK agents reuse sockets; keep them longer than the SDKs' idle time.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    const target = originForm(req.url ?? '/');
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = parseQuery(q < 0 ? '' : target.slice(q + 1));
    let service: ServiceName = guessService(rawPath, scopeServiceOf(req.headers, query));
    let operation = '-';
    let status = 500;
    try {
      const body = await readBody(req);
      let parsed: { ok: true; value: unknown } | { ok: false; error: string } | undefined;
      const parseBody = () => (parsed ??= parseJson(body));
      const route = matchRoute({
        method,
        rawPath,
        query,
        body: () => {
          const p = parseBody();
          return p.ok ? p.value : undefined;
        },
      });
      if (!route) throw unknownOperation(method, rawPath);
      service = route.service;
      operation = route.operation;
      const model = MODELS[service];
      await verifyRequest({ method, rawPath, query, headers: req.headers, body }, { credentials, service: model.signingName });

      const json = parseBody();
      if (!json.ok) throw malformedRequest(service, json.error);
      const input = buildInput(service, operation, { labels: route.labels, query, headers: req.headers, body: json.value });

      const tokenMember = route.model.idempotencyToken;
      const call = tokenMember ? { service, operation, tokenMember, input } : undefined;
      const now = new Date();
      const previous = call ? replay(store.state, call, now) : undefined;
      if (previous) {
        status = previous.status;
        return send(res, status, previous.body, requestId);
      }

      const handler = HANDLERS[service][operation];
      if (!handler) throw notImplemented(service, operation);
      const pending: EmulatorEvent[] = [];
      const ctx: HandlerContext = {
        service,
        operation,
        input,
        state: store.state,
        now,
        account,
        region,
        emit: (event) => pending.push(event),
      };
      let output: unknown;
      try {
        output = await handler(ctx);
      } catch (err) {
        if (err instanceof ServiceError) throw err;
        logError(`emulator: ${service}.${operation} crashed: ${(err as Error).stack ?? err}`);
        throw internalError(service, `Internal error in ${operation}: ${(err as Error).message ?? err}`);
      }

      status = route.model.status;
      const payload = status === 204 ? null : JSON.stringify(toWire(output ?? {}, model.bodyTimestampFormat) ?? {});
      if (!isReadOperation(operation)) {
        if (call) remember(store.state, call, status, payload, now);
        store.save(); // durable before the client hears "success"
      }
      for (const event of pending) events.emit('event', event);
      send(res, status, payload, requestId);
    } catch (err) {
      const serviceError = err instanceof ServiceError ? err : internalError(service, 'Internal error');
      if (!(err instanceof ServiceError)) logError(`emulator: ${method} ${rawPath}: ${(err as Error).stack ?? err}`);
      writeError(res, service, serviceError, requestId);
      status = res.statusCode;
    } finally {
      opts.log?.(`${method} ${rawPath} ${service}.${operation} ${status} ${Date.now() - started}ms`);
    }
  }

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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: string | null, requestId: string): void {
  if (status === 204 || body === null) {
    res.writeHead(status, { 'x-amzn-RequestId': requestId });
    res.end();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

/** Request target in origin form (`/path?query`), also for absolute-form targets. */
function originForm(target: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*(.*)$/i.exec(target);
  const rest = m ? m[1]! : target;
  return rest.startsWith('/') ? rest : '/' + rest;
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ServiceError('RequestEntityTooLargeException', 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = Buffer.from(body).toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: `The request body is not valid JSON: ${(err as Error).message}` };
  }
}

/** Output to wire JSON: Dates in the service's body format, undefined members dropped. */
export function toWire(value: unknown, format: TimestampFormat): unknown {
  if (value instanceof Date) {
    if (format === 'date-time') return value.toISOString();
    if (format === 'http-date') return value.toUTCString();
    return value.getTime() / 1000;
  }
  if (Array.isArray(value)) return value.map((v) => toWire(v, format) ?? null);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toWire(v, format);
    }
    return out;
  }
  return value;
}
