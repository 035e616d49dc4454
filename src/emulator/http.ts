// The REST pipeline shared by the three services. Each request goes through:
//   read body -> route -> verify SigV4 (scope `chime` or `ivschat`) -> parse JSON ->
//   merge label/query/header/body members -> validate -> idempotency -> handler ->
//   serialise -> persist (writes) -> answer with the model's status code.
// server.ts owns the listening socket and its lifecycle; this file owns what one request does.
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { internalError, malformedRequest, notImplemented, unknownOperation, writeError } from './errors.js';
import { replay, remember } from './idempotency.js';
import { MODELS, isReadOperation, type TimestampFormat } from './model.js';
import { guessService, matchRoute, parseQuery } from './router.js';
import { HANDLERS } from './services/index.js';
import { scopeServiceOf, verifyRequest, type Credentials } from './sigv4.js';
import type { StateStore } from './store.js';
import { ServiceError, type EmulatorEvent, type HandlerContext, type ServiceName } from './types.js';
import { buildInput } from './validate.js';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface PipelineConfig {
  credentials: Credentials;
  account: string;
  region: string;
  store: StateStore;
  /** Receives an 'event' per recorded event, after the write that produced it is kept. */
  events: EventEmitter;
  /** One line per request (optional). */
  log?: (line: string) => void;
  /** Internal errors (details never go to the client). */
  logError: (line: string) => void;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function createRequestListener(config: PipelineConfig): RequestListener {
  const { credentials, account, region, store, events, log, logError } = config;

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
      log?.(`${method} ${rawPath} ${service}.${operation} ${status} ${Date.now() - started}ms`);
    }
  }

  return (req, res) => {
    handle(req, res).catch((err) => {
      // Only reached when writing the answer itself failed.
      logError(`emulator: failed to answer ${req.method} ${req.url}: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
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
