// Idempotent requests (operations with a ClientRequestToken / CallbackId member). As the AWS
// API standard describes it: a retry with the same token and the same parameters returns the
// first answer and creates nothing; the same token with different parameters is refused with
// HTTP 409 (Chime: ConflictException, Code "Conflict" — the models have no
// IdempotentParameterMismatch shape). Scope: service + operation + token. Records live in
// state.idempotency (persisted with everything else) for 24 hours.
import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(stableJson(input, tokenMember)).digest('hex');
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

export function remember(state: EmulatorState, call: IdempotentCall, status: number, body: string | null, now: Date): void {
  const records = (state.idempotency ??= {});
  for (const [k, r] of Object.entries(records)) {
    if (now.getTime() - new Date(r.at).getTime() > WINDOW_MS) delete records[k];
  }
  records[keyOf(call)] = { fingerprint: fingerprintInput(call.input, call.tokenMember), status, body, at: now };
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
