// IVS Chat's part of the emulator state (state.ivschat) and the helpers every handler shares:
// ids, ARNs, lookups that answer ResourceNotFoundException, quotas.
import { randomBytes, randomInt } from 'node:crypto';
import { ServiceError, type EmulatorState, type HandlerContext } from '../../types.js';

/** Account quotas (api-surface.md §9, "Other quota"): adjustable on AWS, fixed here. */
export const ROOM_QUOTA = 50_000;
export const LOGGING_CONFIGURATION_QUOTA = 10;
/** Logging configurations one room may use (model: LoggingConfigurationIdentifierList max 3). */
export const MAX_LOGGING_CONFIGURATIONS_PER_ROOM = 3;
/** Tags per resource. */
export const MAX_TAGS = 50;
/** Room defaults (model and user guide). */
export const DEFAULT_MAXIMUM_MESSAGE_LENGTH = 500;
export const DEFAULT_MAXIMUM_MESSAGE_RATE_PER_SECOND = 10;
export const DEFAULT_FALLBACK_RESULT = 'ALLOW';
/** CreateChatToken: sessionDurationInMinutes default. */
export const DEFAULT_SESSION_DURATION_MINUTES = 60;
/** How long a chat token may be used to connect. The service documents no lifetime; its user
 * guide example (default 60-minute session) has tokenExpirationTime 59 minutes before
 * sessionExpirationTime, i.e. one minute after issue, and the AWS PowerShell help says a token
 * is "valid for one minute" (api-surface.md §9, websocket-protocols.md B.1). A token never
 * outlives its session. */
export const TOKEN_LIFETIME_MS = 60_000;
/** Token/event attributes: at most 1 KB in all (user guide; not modelled). */
export const MAX_ATTRIBUTES_BYTES = 1024;
/** Recorded control-plane events kept in the state (oldest dropped first). */
export const MAX_RECORDED_EVENTS = 1000;

export interface MessageReviewHandler {
  uri: string;
  fallbackResult: 'ALLOW' | 'DENY';
}

export interface Room {
  arn: string;
  id: string;
  name: string;
  createTime: Date;
  updateTime: Date;
  maximumMessageRatePerSecond: number;
  maximumMessageLength: number;
  messageReviewHandler?: MessageReviewHandler;
  loggingConfigurationIdentifiers: string[];
}

export type DestinationConfiguration =
  | { s3: { bucketName: string } }
  | { cloudWatchLogs: { logGroupName: string } }
  | { firehose: { deliveryStreamName: string } };

export interface LoggingConfiguration {
  arn: string;
  id: string;
  name: string;
  createTime: Date;
  updateTime: Date;
  destinationConfiguration: DestinationConfiguration;
  state: 'ACTIVE';
}

/** What a chat token stands for; the WebSocket half reads it (by token) at the handshake. */
export interface ChatTokenRecord {
  roomArn: string;
  userId: string;
  capabilities: string[];
  attributes: Record<string, string>;
  sessionDurationInMinutes: number;
  createTime: Date;
  tokenExpirationTime: Date;
  sessionExpirationTime: Date;
  /** Single use: set when a WebSocket connection consumes it. */
  used: boolean;
}

/** A control-plane event (SendEvent, DeleteMessage, DisconnectUser) as recorded for the room. */
export interface RecordedEvent {
  roomArn: string;
  /** The EVENT frame clients receive (websocket-protocols.md B.3). */
  payload: {
    Type: 'EVENT';
    Id: string;
    EventName: string;
    SendTime: string;
    Attributes?: Record<string, string>;
  };
}

export interface IvsChatState {
  rooms: Record<string, Room>;
  loggingConfigurations: Record<string, LoggingConfiguration>;
  tokens: Record<string, ChatTokenRecord>;
  events: RecordedEvent[];
}

/** state.ivschat with its collections created on first use. */
export function ivs(state: EmulatorState): IvsChatState {
  const s = state.ivschat as Partial<IvsChatState>;
  s.rooms ??= {};
  s.loggingConfigurations ??= {};
  s.tokens ??= {};
  s.events ??= [];
  return s as IvsChatState;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Resource, event and message ids: 12 characters of [a-zA-Z0-9] (model RoomID, ID). */
export function newId(): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

/** An opaque chat token. Only HTTP token characters (base64url): clients send it as the
 * WebSocket subprotocol, and browsers refuse anything else there. */
export function newChatToken(): string {
  return 'AQICAH' + randomBytes(96).toString('base64url');
}

export const roomArn = (ctx: Pick<HandlerContext, 'region' | 'account'>, id: string) =>
  `arn:aws:ivschat:${ctx.region}:${ctx.account}:room/${id}`;
export const loggingConfigurationArn = (ctx: Pick<HandlerContext, 'region' | 'account'>, id: string) =>
  `arn:aws:ivschat:${ctx.region}:${ctx.account}:logging-configuration/${id}`;

/** The model's ResourceType enum has only ROOM, so every IVS error naming a resource says ROOM
 * (the message says which kind of resource it was). */
export const RESOURCE_TYPE = 'ROOM';

export function notFound(kind: 'room' | 'logging configuration' | 'resource', identifier: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `${kind[0].toUpperCase()}${kind.slice(1)} not found: ${identifier}`, {
    resourceId: identifier,
    resourceType: RESOURCE_TYPE,
  });
}

export function getRoom(ctx: HandlerContext, identifier: string): Room {
  const room = ivs(ctx.state).rooms[identifier];
  if (!room) throw notFound('room', identifier);
  return room;
}

export function getLoggingConfiguration(ctx: HandlerContext, identifier: string): LoggingConfiguration {
  const config = ivs(ctx.state).loggingConfigurations[identifier];
  if (!config) throw notFound('logging configuration', identifier);
  return config;
}

/** ValidationException in the service's shape, for rules the model does not express. */
export function invalid(member: string, message: string): ServiceError {
  return new ServiceError('ValidationException', message, {
    reason: 'FIELD_VALIDATION_FAILED',
    fieldList: [{ name: member, message }],
  });
}

/** Token and event attributes: at most 1 KB of keys and values in all (UTF-8). */
export function checkAttributes(member: string, attributes: Record<string, string> | undefined): Record<string, string> {
  if (!attributes) return {};
  let bytes = 0;
  for (const [k, v] of Object.entries(attributes)) bytes += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    throw invalid(member, `Attributes must not exceed ${MAX_ATTRIBUTES_BYTES} bytes in total (got ${bytes})`);
  }
  return { ...attributes };
}

export const tagsOf = (state: EmulatorState, arn: string): Record<string, string> => ({ ...(state.tags[arn] ?? {}) });
