// Idempotent requests (operations with a ClientRequestToken / CallbackId member). As the AWS
// API standard describes it: a retry with the same token and the same parameters returns the
// first answer and creates nothing; the same token with different parameters is refused with
// HTTP 409 (Chime: ConflictException, Code "Conflict" — the models have no
// IdempotentParameterMismatch shape). Scope: service + operation + token. Records live in
// state.idempotency (persisted with everything else) for 24 hours; IdempotencyIndex expires them.
import { sha256Hex } from './hash.js';
import { ServiceError, type EmulatorState, type IdempotencyRecord, type ServiceName } from './types.js';

const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface IdempotentCall {
  service: ServiceName;
  operation: string;
  tokenMember: string;
  input: Record<string, unknown>;
}

function keyOf(call: IdempotentCall): string {
  return `${call.service}/${call.operation}/${String(call.input[call.tokenMember])}`;
}

export function fingerprintInput(input: Record<string, unknown>, tokenMember: string): string {
  return sha256Hex(stableJson(input, tokenMember));
}

/** The stored first answer when this is a faithful retry; throws ConflictException when the
 * token was used with other parameters; undefined for a first call. */
export function replay(state: EmulatorState, call: IdempotentCall, now: Date): IdempotencyRecord | undefined {
  const record = state.idempotency?.[keyOf(call)];
  if (!record || now.getTime() - new Date(record.at).getTime() > WINDOW_MS) return undefined;
  if (record.fingerprint !== fingerprintInput(call.input, call.tokenMember)) {
    throw new ServiceError(
      'ConflictException',
      `The ${call.tokenMember} ${String(call.input[call.tokenMember])} was already used with different parameters for ${call.operation}. ` +
        `Use a new ${call.tokenMember}, or repeat the earlier request unchanged.`,
    );
  }
  return record;
}

/**
 * The first answers of idempotent calls, with O(1) work per request: records expire in the
 * order they were made, so a queue of (key, time) is trimmed from its head. It also knows the
 * calls still being made, so a retry that arrives before the first call's answer waits for it
 * instead of doing the work twice.
 */
export class IdempotencyIndex {
  private queue: Array<{ key: string; at: number }> = [];
  private head = 0;
  private generation = -1;
  private readonly inFlight = new Map<string, Promise<void>>();

  /** The queue is rebuilt from the state when the state was (re)loaded. */
  sync(state: EmulatorState, generation: number): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.queue = Object.entries(state.idempotency ?? {})
      .map(([key, r]) => ({ key, at: new Date(r.at).getTime() }))
      .sort((a, b) => a.at - b.at);
    this.head = 0;
  }

  /** The settling of a call with this token still in progress, if there is one. */
  running(call: IdempotentCall): Promise<void> | undefined {
    return this.inFlight.get(keyOf(call));
  }

  /** Marks a call as in progress until `done` settles. */
  begin(call: IdempotentCall, done: Promise<unknown>): void {
    const key = keyOf(call);
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(key, settled);
    void settled.then(() => {
      if (this.inFlight.get(key) === settled) this.inFlight.delete(key);
    });
  }

  /** Stores the first answer; drops records older than the window (from the queue head). */
  remember(state: EmulatorState, call: IdempotentCall, status: number, body: string | null, now: Date): void {
    const records = (state.idempotency ??= {});
    const horizon = now.getTime() - WINDOW_MS;
    while (this.head < this.queue.length && this.queue[this.head]!.at < horizon) {
      const { key, at } = this.queue[this.head++]!;
      const record = records[key];
      if (record && new Date(record.at).getTime() === at) delete records[key];
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    const key = keyOf(call);
    records[key] = { fingerprint: fingerprintInput(call.input, call.tokenMember), status, body, at: now };
    this.queue.push({ key, at: now.getTime() });
  }
}

/** JSON with sorted keys (Dates as ISO strings), leaving out the token member at the top. */
function stableJson(value: unknown, omit?: string): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => k !== omit && (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
