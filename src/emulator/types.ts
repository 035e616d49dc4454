// The contract between the emulator core (routing, auth, validation, persistence) and the
// per-service handlers. Handlers see validated input under the model's member names and
// return output under the model's member names; the core serialises it for the wire.
import type identityModel from './model/identity.json';
import type messagingModel from './model/messaging.json';
import type ivschatModel from './model/ivschat.json';

export type ServiceName = 'identity' | 'messaging' | 'ivschat';

/** Everything the emulator remembers. Handlers mutate it; the core persists it after each
 * successful write. Each service keeps its own JSON-serialisable sub-tree (Dates are allowed:
 * the store revives them). */
export interface EmulatorState {
  identity: Record<string, any>;
  messaging: Record<string, any>;
  ivschat: Record<string, any>;
  /** Tags of every resource of every service, keyed by ARN. */
  tags: Record<string, Record<string, string>>;
  /** First answers to idempotent requests (ClientRequestToken), keyed by service/operation/token;
   * owned by the core (idempotency.ts), persisted with the rest. */
  idempotency?: Record<string, IdempotencyRecord>;
}

export interface IdempotencyRecord {
  /** Hash of the request input without the token: a different input is a conflict. */
  fingerprint: string;
  status: number;
  /** The serialised response body of the first request (null: no body). */
  body: string | null;
  at: Date;
}

export interface HandlerContext {
  service: ServiceName;
  operation: string;
  /** Validated input: label, query, header and body members merged, model member names. */
  input: Record<string, any>;
  state: EmulatorState;
  now: Date;
  account: string;
  region: string;
  /** The request's Host header (`127.0.0.1:4599`): GetMessagingSessionEndpoint answers it. */
  host?: string;
  /** Emits a realtime event (WebSocket fan-out; a later issue wires delivery). */
  emit(event: EmulatorEvent): void;
}

export interface EmulatorEvent {
  service: ServiceName;
  /** ARN of the room or channel the event belongs to. */
  target: string;
  /** Messaging: the event type, as in headers['x-amz-chime-event-type']. */
  type: string;
  /** Messaging: exactly the object the frame's Payload carries. IVS Chat: the event frame. */
  payload: Record<string, any>;
  /** Messaging: the payload as the frame's Payload text (serialised once for all sessions). */
  payloadJson?: string;
  /** Messaging: the frame's Headers (x-amz-chime-event-type, x-amz-chime-message-type, and
   * x-amz-chime-event-reason where the service sends one). */
  headers?: Record<string, string>;
  /** Messaging: user and bot ARNs allowed to receive the frame, computed at emit time. */
  recipients?: string[];
}

/** What every messaging event carries (see the contract at the top of
 * services/messaging/backend.ts). */
export interface MessagingEvent extends EmulatorEvent {
  service: 'messaging';
  headers: Record<string, string>;
  recipients: string[];
}

/** A handler returns the operation's output (Date values are timestamps) or undefined. */
export type Handler = (ctx: HandlerContext) => unknown | Promise<unknown>;

/** The operations a service's model defines, e.g. OperationName<'messaging'> = 'CreateChannel' | ... */
export type OperationName<S extends ServiceName> = S extends ServiceName ? keyof ModelTables[S]['operations'] & string : never;

interface ModelTables {
  identity: typeof identityModel;
  messaging: typeof messagingModel;
  ivschat: typeof ivschatModel;
}

/** Handlers by operation name; a misspelt operation fails to compile. */
export type HandlerTable<S extends ServiceName = ServiceName> = Partial<Record<OperationName<S>, Handler>>;

/** Thrown by handlers (and the core) to answer with one of the service's error shapes. */
export class ServiceError extends Error {
  constructor(
    /** The error shape name as sent in x-amzn-ErrorType, e.g. NotFoundException. */
    readonly shape: string,
    message: string,
    /** Extra body members for shapes that have them (IVS resourceId, resourceType, limit...). */
    readonly fields: Record<string, unknown> = {},
    /** HTTP status when it differs from the model's (e.g. 501 for "not implemented"). */
    readonly status?: number,
  ) {
    super(message);
    this.name = shape;
  }
}

