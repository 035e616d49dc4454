// The REST pipeline shared by the three services. Each request goes through:
//   route (method, path, query) -> check the Authorization header and Content-Length ->
//   read the body (capped) -> verify the SigV4 signature -> parse JSON -> merge label/query/
//   header/body members -> validate -> idempotency -> handler -> serialise -> commit the
//   changes to the state file (writes) -> answer with the model's status code.
// Nothing is buffered for a request that is unroutable, unsigned or too large, and every
// answer, also for those, is the service's error shape with x-amzn-ErrorType.
// server.ts owns the listening socket and its lifecycle; this file owns what one request does.
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { internalError, malformedRequest, notImplemented, unknownOperation, writeError } from './errors.js';
import { IdempotencyIndex, replay, type IdempotentCall } from './idempotency.js';
import { MODELS, isReadOperation, type TimestampFormat } from './model.js';
import { guessService, matchRoute, parseQuery, type RouteMatch } from './router.js';
import { HANDLERS, POLICIES } from './services/index.js';
import { checkAuthorization, scopeServiceOf, verifySignature, type Credentials } from './sigv4.js';
import type { StateStore } from './store.js';
import { WriteTracker, type Change } from './tracker.js';
import { ServiceError, type EmulatorEvent, type Handler, type HandlerContext, type ServiceName } from './types.js';
import { buildInput } from './validate.js';

/** Largest request body accepted (the services' own inputs are a few hundred KB at most). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Request bodies held in memory at once, over all connections. */
const BODY_BUDGET_BYTES = 64 * 1024 * 1024;
/** What is read and thrown away after answering early, before the connection is closed. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

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
  /** Stack traces in logError lines. */
  debug?: boolean;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The client went away before the request was complete: nobody to answer. */
class ClientGone extends Error {}

export function createRequestListener(config: PipelineConfig): RequestListener {
  const { credentials, account, region, store, events, log, logError } = config;
  const idempotency = new IdempotencyIndex();
  const body = new BodyReader();
  const describe = (err: unknown) => (config.debug ? ((err as Error)?.stack ?? String(err)) : String((err as Error)?.message ?? err));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    const target = originForm(req.url ?? '/');
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = parseQuery(q < 0 ? '' : target.slice(q + 1));
    // Known once the route matches; before that (errors only) a guess picks the error dialect.
    let service: ServiceName | undefined;
    let operation = '-';
    let status = 500;
    try {
      // Everything that needs no body first: an unsigned or oversized request is never buffered.
      let route: RouteMatch | undefined = matchRoute({ method, rawPath, query });
      if (!route) throw unknownOperation(method, rawPath);
      service = route.service;
      const signing = { credentials, service: MODELS[service].signingName, region };
      const auth = checkAuthorization({ method, rawPath, query, headers: req.headers }, signing);
      const raw = await body.read(req, service);
      verifySignature({ method, rawPath, query, headers: req.headers, body: raw }, auth, signing);

      const json = parseJson(raw);
      if (/^(Tag|Untag)Resource$/.test(route.operation)) {
        // The Chime tag routes are the same in identity and messaging: the body's ARN decides.
        route = matchRoute({ method, rawPath, query, body: () => (json.ok ? json.value : undefined) }) ?? route;
      }
      service = route.service;
      operation = route.operation;
      if (!json.ok) throw malformedRequest(service, json.error);
      const input = buildInput(service, operation, { labels: route.labels, query, headers: req.headers, body: json.value });

      const tokenMember = route.model.idempotencyToken;
      const call: IdempotentCall | undefined = tokenMember ? { service, operation, tokenMember, input } : undefined;
      if (call) {
        // A retry of a call still in progress waits for its answer, then gets it replayed. The
        // last check and the replay below run in one tick: no first call can slip in between.
        for (let waits = 0; waits < 3 && idempotency.running(call); waits++) await idempotency.running(call);
        if (idempotency.running(call)) throw new ServiceError('ConflictException', `A request with this ${call.tokenMember} is still in progress.`);
        idempotency.sync(store.state, store.generation);
        const previous = replay(store.state, call, new Date());
        if (previous) {
          status = previous.status;
          return send(res, status, previous.body, requestId);
        }
      }
      const handler = (HANDLERS[service] as Record<string, Handler | undefined>)[operation];
      if (!handler) throw notImplemented(service, operation);
      const run = runHandler(route, handler, input, call, req);
      if (call) idempotency.begin(call, run);
      const answer = await run;
      status = answer.status;
      send(res, status, answer.payload, requestId);
    } catch (err) {
      if (err instanceof ClientGone) {
        status = 499;
        return;
      }
      service ??= guessService(rawPath, scopeServiceOf(req.headers, query));
      const serviceError = err instanceof ServiceError ? err : internalError(service, 'The emulator failed to process the request.');
      if (!(err instanceof ServiceError)) logError(`emulator: ${method} ${rawPath}: ${describe(err)}`);
      // Refused before its body was read: a small body is read (and dropped) first; a large
      // or endless one is answered at once, and dropped after the answer (discardRest).
      const oversized = serviceError.shape === 'RequestEntityTooLargeException' || serviceError.shape.startsWith('Throttl');
      if (!req.complete && !oversized) await body.skip(req);
      writeError(res, service, serviceError, requestId);
      status = res.statusCode;
    } finally {
      if (!req.complete && !req.destroyed) discardRest(req);
      log?.(`${method} ${rawPath} ${service}.${operation} ${status} ${Date.now() - started}ms`);
    }
  }

  /** Runs a handler; for a write, commits what it changed before anyone hears of it. */
  async function runHandler(
    route: RouteMatch,
    handler: Handler,
    input: Record<string, any>,
    call: IdempotentCall | undefined,
    req: IncomingMessage,
  ): Promise<{ status: number; payload: string | null }> {
    const { service, operation } = route;
    const writes = !isReadOperation(operation);
    const tracker = writes && store.durable ? new WriteTracker() : undefined;
    const state = tracker ? tracker.wrap(store.state) : store.state;
    const now = new Date();
    const pending: EmulatorEvent[] = [];
    const ctx: HandlerContext = {
      service,
      operation,
      input,
      state,
      now,
      account,
      region,
      host: req.headers.host,
      emit: (event) => pending.push(event),
    };
    let failed = false;
    let failure: unknown;
    let output: unknown;
    try {
      POLICIES[service]?.(ctx); // authorization by role, after validation (services/*/policy.ts)
      output = handler(ctx);
      // Most handlers are synchronous: their changes are read back in the same tick, before
      // another request can touch the same records.
      if (isThenable(output)) output = await output;
    } catch (err) {
      failed = true;
      failure = err;
    }
    let answer: { status: number; payload: string | null } | undefined;
    if (!failed) {
      const status = route.model.status;
      const payload = status === 204 ? null : JSON.stringify(toWire(output ?? {}, MODELS[service].bodyTimestampFormat) ?? {});
      answer = { status, payload };
      if (writes && call) {
        idempotency.sync(store.state, store.generation);
        idempotency.remember(state, call, status, payload, now);
      }
    }
    // A handler that failed part-way may still have changed something: that is kept too,
    // so memory and file never disagree.
    const changes: Change[] = tracker ? tracker.changes(store.state) : [];
    if (writes && store.durable && (!failed || changes.length > 0)) {
      try {
        await store.commit(changes);
      } catch (err) {
        logError(`emulator: ${service}.${operation}: the change could not be saved: ${describe(err)}`);
        throw internalError(service, 'The emulator could not save the change to its state file; nothing was changed.');
      }
    }
    if (failed) {
      if (failure instanceof ServiceError) throw failure;
      logError(`emulator: ${service}.${operation} crashed: ${describe(failure)}`);
      throw internalError(service, 'The emulator failed to process the request.');
    }
    for (const event of pending) events.emit('event', event);
    return answer!;
  }

  return (req, res) => {
    handle(req, res).catch((err) => {
      // Only reached when writing the answer itself failed.
      logError(`emulator: failed to answer ${req.method} ${req.url}: ${describe(err)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}

/** Reads request bodies with a per-request cap and a budget over all requests. */
class BodyReader {
  private held = 0;

  /** Reads and drops a refused request's body when it is within the cap; false when it is
   * larger (or the client went away), i.e. the connection cannot be reused. */
  skip(req: IncomingMessage): Promise<boolean> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (!(declared <= MAX_BODY_BYTES) && req.headers['transfer-encoding'] === undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      let size = 0;
      const timer = setTimeout(() => done(false), 5000);
      const done = (reusable: boolean) => {
        clearTimeout(timer);
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('close', onClose);
        resolve(reusable);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.pause();
          done(false);
        }
      };
      const onEnd = () => done(true);
      const onClose = () => done(req.complete);
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('close', onClose);
      req.on('error', () => {});
      req.resume();
    });
  }

  read(req: IncomingMessage, service: ServiceName): Promise<Uint8Array> {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
    if (this.held + Math.min(Number(declared) || 0, MAX_BODY_BYTES) > BODY_BUDGET_BYTES) return Promise.reject(busy(service));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const release = () => {
        this.held -= size;
        size = 0;
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('close', onClose);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        this.held += chunk.length;
        if (size > MAX_BODY_BYTES) {
          release();
          return reject(tooLarge());
        }
        if (this.held > BODY_BUDGET_BYTES) {
          release();
          return reject(busy(service));
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        const body = Buffer.concat(chunks);
        release();
        resolve(body);
      };
      const onClose = () => {
        if (req.complete) return;
        release();
        reject(new ClientGone('client closed the connection'));
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('close', onClose);
      // 'error' (ECONNRESET while reading) is followed by 'close'; listening keeps it from
      // being an uncaught error event.
      req.on('error', () => {});
    });
  }
}

const tooLarge = () => new ServiceError('RequestEntityTooLargeException', `Request body is larger than the maximum of ${MAX_BODY_BYTES} bytes.`);

function busy(service: ServiceName): ServiceError {
  return service === 'ivschat'
    ? new ServiceError('ThrottlingException', 'Too many large requests at once; retry later.', { resourceId: '', resourceType: 'ROOM', limit: 0 })
    : new ServiceError('ThrottledClientException', 'Too many large requests at once; retry later.');
}

/** Connections answered before their request body ended: a parser error in the rest of that
 * body gets no second answer. */
const answeredEarly = new WeakSet<object>();
export const wasAnsweredEarly = (socket: object) => answeredEarly.has(socket);

/** After an early answer: read and drop what the client still sends, so the answer is not
 * lost to a connection reset (closing a socket with unread input resets it), but not without
 * end: past a limit or a time, close our side first and the socket a moment later. */
function discardRest(req: IncomingMessage): void {
  answeredEarly.add(req.socket);
  let dropped = 0;
  let lingering = false;
  const linger = () => {
    if (lingering) return;
    lingering = true;
    req.socket.end();
    setTimeout(() => req.socket.destroy(), 1000).unref();
  };
  const timer = setTimeout(linger, 10_000);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DISCARD_BYTES) linger();
  });
  req.on('error', () => {});
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
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

function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'); // a view, not a copy
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
