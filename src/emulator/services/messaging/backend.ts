// Chime SDK messaging state (state.messaging): typed records, the indexes that keep every
// single-item request independent of the state's size, and the look-ups that handlers, the
// role policy and the WebSocket fan-out share.
//
// Everything lives in the state tree (nested maps keyed by ARN), so it is persisted, journaled
// and restored with the rest; nothing is cached outside it. The lists that grow large (an
// AppInstance's channels, a channel's members and messages) are ordered.ts key sets, paged by
// key; the small ones (moderators, bans, flows, a user's channels) are listed from the objects,
// whose insertion order (ARN and id keys are never integer-like) is creation order.
//
// --- Contract with the WebSocket fan-out (src/emulator/realtime/chime.ts) -------------------
// Every state change the service announces on the messaging WebSocket is recorded through
// ctx.emit() as a MessagingEvent (types.ts), and reaches `emulator.events` once the write is
// kept:
//   type        the x-amz-chime-event-type (CREATE_CHANNEL_MESSAGE, PENDING_CREATE_CHANNEL_MESSAGE,
//               UPDATE_CHANNEL, CREATE_CHANNEL_MEMBERSHIP, BATCH_CREATE_CHANNEL_MEMBERSHIP,
//               UPDATE_CHANNEL_MEMBERSHIP, ... websocket-protocols.md A.3);
//   target      the channel ARN;
//   headers     the frame's Headers: x-amz-chime-event-type, x-amz-chime-message-type (the
//               message's Type for message events, SYSTEM otherwise), x-amz-chime-event-reason
//               (only `subchannel_DELETED`, when balancing removes a sub-channel);
//   payload     exactly the object the frame's Payload carries, already plain JSON (timestamps
//               as ISO-8601 strings, no references into the state): the fan-out only
//               JSON-stringifies it;
//   recipients  the user/bot ARNs allowed to receive it, computed here at emit time: the
//               channel's members, hidden ones included (for an elastic channel: the members of
//               the message's sub-channel); a targeted message only its target and sender;
//               PENDING/DENIED only the sender; a removed member still gets their own
//               DELETE_CHANNEL_MEMBERSHIP; UPDATE_CHANNEL_MEMBERSHIP only the moved member.
//               Admins and moderators get nothing unless they are members (A.3).
// NON_PERSISTENT messages are recorded like the others (the fan-out delivers them to whoever
// is connected); they are never stored. channelDetailsFor() builds the CHANNEL_DETAILS
// prefetch payloads (A.5) of a user.
import { identityOf, isAppInstanceAdmin } from '../identity/state.js';
import type { EmulatorState, HandlerContext, MessagingEvent } from '../../types.js';
import { notFound } from '../chime-errors.js';
import { append, emptyOrder, removeKey, type OrderedKeys } from './ordered.js';

export type ChannelMode = 'UNRESTRICTED' | 'RESTRICTED';
export type ChannelPrivacy = 'PUBLIC' | 'PRIVATE';
export type MembershipType = 'DEFAULT' | 'HIDDEN';
export type MessageStatus = 'SENT' | 'PENDING' | 'FAILED' | 'DENIED';

export interface ElasticChannelConfiguration {
  MaximumSubChannels: number;
  TargetMembershipsPerSubChannel: number;
  MinimumMembershipPercentage: number;
}

export interface ExpirationSettings {
  ExpirationDays: number;
  ExpirationCriterion: 'CREATED_TIMESTAMP' | 'LAST_MESSAGE_TIMESTAMP';
}

export interface ChannelRecord {
  ChannelArn: string;
  AppInstanceArn: string;
  Name: string;
  Mode: ChannelMode;
  Privacy: ChannelPrivacy;
  Metadata?: string;
  CreatedByArn: string;
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
  LastMessageTimestamp?: Date;
  ChannelFlowArn?: string;
  ElasticChannelConfiguration?: ElasticChannelConfiguration;
  ExpirationSettings?: ExpirationSettings;
}

export interface PushNotificationPreferences {
  AllowNotifications: 'ALL' | 'NONE' | 'FILTERED';
  FilterRule?: string;
}

export interface MembershipRecord {
  MemberArn: string;
  Type: MembershipType;
  InvitedByArn: string;
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
  /** Elastic channels: the sub-channel the member belongs to. */
  SubChannelId?: string;
  ReadMarkerTimestamp?: Date;
  Preferences?: { PushNotifications?: PushNotificationPreferences };
}

export interface RoleGrantRecord {
  /** The moderator or the banned member. */
  Arn: string;
  CreatedByArn: string;
  CreatedTimestamp: Date;
}

export interface MessageAttributeValue {
  StringValues?: string[];
}

export interface MessageContent {
  Content: string;
  Metadata?: string;
  ContentType?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  PushNotification?: { Title?: string; Body?: string; Type?: 'DEFAULT' | 'VOIP' };
}

export interface MessageRecord extends MessageContent {
  MessageId: string;
  Type: 'STANDARD' | 'CONTROL';
  Persistence: 'PERSISTENT' | 'NON_PERSISTENT';
  SenderArn: string;
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
  LastEditedTimestamp?: Date;
  Redacted: boolean;
  Status: { Value: MessageStatus; Detail?: string };
  SubChannelId?: string;
  Target?: Array<{ MemberArn: string }>;
  /** An update waiting for the channel flow's callback (the message keeps its old content). */
  PendingUpdate?: MessageContent;
}

export interface SubChannelRecord {
  SubChannelId: string;
  /** Member ARN -> true. */
  members: Record<string, true>;
  MembershipCount: number;
}

/** Everything the service keeps about one channel; deleted with it in one step. */
export interface ChannelData {
  channel: ChannelRecord;
  /** Member ARN -> membership (DEFAULT and HIDDEN); memberOrder keeps them in the order they joined. */
  members: Record<string, MembershipRecord>;
  memberOrder: OrderedKeys;
  moderators: Record<string, RoleGrantRecord>;
  moderatorCount: number;
  bans: Record<string, RoleGrantRecord>;
  /** Message id -> message (PERSISTENT, and NON_PERSISTENT ones while a channel flow holds
   * them); messageOrder keeps them in creation order. */
  messages: Record<string, MessageRecord>;
  messageOrder: OrderedKeys;
  /** Elastic channels: sub-channel id -> sub-channel, in creation order. */
  subChannels: Record<string, SubChannelRecord>;
  subChannelSeq: number;
}

export interface ProcessorRecord {
  Name: string;
  Configuration: { Lambda: { ResourceArn: string; InvocationType: 'ASYNC' } };
  ExecutionOrder: number;
  FallbackAction: 'CONTINUE' | 'ABORT';
}

export interface ChannelFlowRecord {
  ChannelFlowArn: string;
  AppInstanceArn: string;
  Name: string;
  Processors: ProcessorRecord[];
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
  /** Channel ARN -> true: the channels using this flow. */
  channels: Record<string, true>;
  channelCount: number;
}

export interface StreamingConfiguration {
  DataType: 'Channel' | 'ChannelMessage';
  ResourceArn: string;
}

/** Per-AppInstance indexes and settings. */
export interface AppInstanceMessaging {
  /** Channel ARNs in creation order: all, and by privacy. */
  channels: OrderedKeys;
  publicChannels: OrderedKeys;
  privateChannels: OrderedKeys;
  flows: Record<string, true>;
  flowCount: number;
  streaming?: StreamingConfiguration[];
}

/** Per user or bot: the channels it belongs to and moderates (their "own" lists). */
export interface MemberIndex {
  memberships: Record<string, true>;
  moderated: Record<string, true>;
}

export interface MessagingState {
  channels: Record<string, ChannelData>;
  flows: Record<string, ChannelFlowRecord>;
  appInstances: Record<string, AppInstanceMessaging>;
  members: Record<string, MemberIndex>;
}

/** Service quotas (developer guide, defaults). */
export const QUOTAS = {
  channelsPerAppInstance: 10_000_000,
  membershipsPerChannel: 10_000,
  moderatorsPerChannel: 1_000,
  flowsPerAppInstance: 100,
  processorsPerFlow: 1,
} as const;

/** The messaging sub-tree, completed for a write. Reads use the find* look-ups below, which
 * never add anything to the state (a read is not journaled). */
export function messagingState(state: EmulatorState): MessagingState {
  const s = state.messaging as Partial<MessagingState>;
  s.channels ??= {};
  s.flows ??= {};
  s.appInstances ??= {};
  s.members ??= {};
  return s as MessagingState;
}

function existing(state: EmulatorState): Partial<MessagingState> {
  return state.messaging as Partial<MessagingState>;
}

/** Per-AppInstance indexes, created on first write. */
export function appIndex(state: EmulatorState, appInstanceArn: string): AppInstanceMessaging {
  return (messagingState(state).appInstances[appInstanceArn] ??= {
    channels: emptyOrder(),
    publicChannels: emptyOrder(),
    privateChannels: emptyOrder(),
    flows: {},
    flowCount: 0,
  });
}

export function findAppIndex(state: EmulatorState, appInstanceArn: string): AppInstanceMessaging | undefined {
  return existing(state).appInstances?.[appInstanceArn];
}

/** A member's channels, created on first write. */
export function memberIndex(state: EmulatorState, arn: string): MemberIndex {
  return (messagingState(state).members[arn] ??= { memberships: {}, moderated: {} });
}

export function findMemberIndex(state: EmulatorState, arn: string): MemberIndex | undefined {
  return existing(state).members?.[arn];
}

export function findChannel(state: EmulatorState, channelArn: string): ChannelData | undefined {
  return existing(state).channels?.[channelArn];
}

export function findFlow(state: EmulatorState, flowArn: string): ChannelFlowRecord | undefined {
  return existing(state).flows?.[flowArn];
}

export function requireChannel(state: EmulatorState, channelArn: string): ChannelData {
  const data = findChannel(state, channelArn);
  if (!data) throw notFound(`Channel ${channelArn} does not exist`);
  return data;
}

export function requireFlow(state: EmulatorState, flowArn: string): ChannelFlowRecord {
  const flow = findFlow(state, flowArn);
  if (!flow) throw notFound(`Channel flow ${flowArn} does not exist`);
  return flow;
}

/** Keeps a message (in creation order). */
export function storeMessage(data: ChannelData, m: MessageRecord): void {
  data.messages[m.MessageId] = m;
  append(data.messageOrder, m.MessageId);
}

export function forgetMessage(data: ChannelData, messageId: string): void {
  delete data.messages[messageId];
  removeKey(data.messageOrder, messageId);
}

// --- Roles -------------------------------------------------------------------------------

/** What the caller is to a channel. Roles add up (api-surface.md §7): an admin who is also a
 * member holds both. */
export interface ChannelRoles {
  admin: boolean;
  moderator: boolean;
  membership?: MembershipRecord;
}

export function roleOf(state: EmulatorState, callerArn: string, channelArn: string): ChannelRoles {
  const data = findChannel(state, channelArn);
  if (!data) return { admin: false, moderator: false };
  return {
    admin: isAppInstanceAdmin(state, data.channel.AppInstanceArn, callerArn),
    moderator: Boolean(data.moderators[callerArn]),
    membership: data.members[callerArn],
  };
}

/** Member ARNs (hidden ones included) of a channel, or of one of its sub-channels. */
export function membersOf(state: EmulatorState, channelArn: string, subChannelId?: string): string[] {
  const data = findChannel(state, channelArn);
  if (!data) return [];
  if (subChannelId !== undefined) return Object.keys(data.subChannels[subChannelId]?.members ?? {});
  return Object.keys(data.members);
}

// --- Output shapes -----------------------------------------------------------------------

/** {Arn, Name} of a user or bot, as every messaging output names people. */
export const identity = identityOf;

export function channelOutput(state: EmulatorState, c: ChannelRecord) {
  return {
    Name: c.Name,
    ChannelArn: c.ChannelArn,
    Mode: c.Mode,
    Privacy: c.Privacy,
    Metadata: c.Metadata,
    CreatedBy: identity(state, c.CreatedByArn),
    CreatedTimestamp: c.CreatedTimestamp,
    LastMessageTimestamp: c.LastMessageTimestamp,
    LastUpdatedTimestamp: c.LastUpdatedTimestamp,
    ChannelFlowArn: c.ChannelFlowArn,
    ElasticChannelConfiguration: c.ElasticChannelConfiguration,
    ExpirationSettings: c.ExpirationSettings,
  };
}

export function channelSummary(c: ChannelRecord) {
  return {
    Name: c.Name,
    ChannelArn: c.ChannelArn,
    Mode: c.Mode,
    Privacy: c.Privacy,
    Metadata: c.Metadata,
    LastMessageTimestamp: c.LastMessageTimestamp,
  };
}

export function membershipOutput(state: EmulatorState, channelArn: string, m: MembershipRecord) {
  return {
    InvitedBy: identity(state, m.InvitedByArn),
    Type: m.Type,
    Member: identity(state, m.MemberArn),
    ChannelArn: channelArn,
    CreatedTimestamp: m.CreatedTimestamp,
    LastUpdatedTimestamp: m.LastUpdatedTimestamp,
    SubChannelId: m.SubChannelId,
  };
}

export function messageSummary(state: EmulatorState, m: MessageRecord) {
  return {
    MessageId: m.MessageId,
    Content: m.Content,
    Metadata: m.Metadata,
    Type: m.Type,
    CreatedTimestamp: m.CreatedTimestamp,
    LastUpdatedTimestamp: m.LastUpdatedTimestamp,
    LastEditedTimestamp: m.LastEditedTimestamp,
    Sender: identity(state, m.SenderArn),
    Redacted: m.Redacted,
    Status: m.Status,
    MessageAttributes: m.MessageAttributes,
    ContentType: m.ContentType,
    Target: m.Target,
  };
}

export function messageOutput(state: EmulatorState, channelArn: string, m: MessageRecord) {
  return { ChannelArn: channelArn, ...messageSummary(state, m), Persistence: m.Persistence, SubChannelId: m.SubChannelId };
}

// --- Visibility --------------------------------------------------------------------------

/** A targeted message is visible only to its target and its sender. */
export function canSee(m: MessageRecord, callerArn: string): boolean {
  return !m.Target || m.SenderArn === callerArn || m.Target.some((t) => t.MemberArn === callerArn);
}

/** Who receives an event about a message (see the contract at the top). */
export function messageRecipients(data: ChannelData, m: MessageRecord): string[] {
  if (m.Target) return unique([...m.Target.map((t) => t.MemberArn), m.SenderArn]);
  if (m.SubChannelId !== undefined) return Object.keys(data.subChannels[m.SubChannelId]?.members ?? {});
  return Object.keys(data.members);
}

export function unique(arns: string[]): string[] {
  return [...new Set(arns)];
}

// --- Events ------------------------------------------------------------------------------

export type MessageType = 'STANDARD' | 'CONTROL' | 'SYSTEM';

/** Records one WebSocket frame with its recipients (see the contract at the top). */
export function emitEvent(
  ctx: Pick<HandlerContext, 'emit'>,
  channelArn: string,
  type: string,
  messageType: MessageType,
  payload: object,
  recipients: string[],
  reason?: string,
): void {
  const headers: Record<string, string> = { 'x-amz-chime-event-type': type, 'x-amz-chime-message-type': messageType };
  if (reason) headers['x-amz-chime-event-reason'] = reason;
  ctx.emit(new RecordedEvent(channelArn, type, headers, JSON.stringify(payload), recipients));
}

/** A messaging event with its Payload serialised once, at emit time: the fan-out sends that
 * text to every session, and `payload` (a fresh plain copy, Dates as ISO-8601 strings) is
 * parsed only when something reads it. */
class RecordedEvent implements MessagingEvent {
  readonly service = 'messaging';
  constructor(
    readonly target: string,
    readonly type: string,
    readonly headers: Record<string, string>,
    readonly payloadJson: string,
    readonly recipients: string[],
  ) {}
  get payload(): Record<string, any> {
    return JSON.parse(this.payloadJson);
  }
}

/** A message event: its frame carries the ChannelMessage and the message's own Type. */
export function emitMessageEvent(ctx: HandlerContext, data: ChannelData, type: string, m: MessageRecord, recipients?: string[]): void {
  const payload = messageOutput(ctx.state, data.channel.ChannelArn, m);
  emitEvent(ctx, data.channel.ChannelArn, type, m.Type, payload, recipients ?? messageRecipients(data, m));
}

/** A deep copy as the frame will carry it: Dates become ISO-8601 strings, undefined members go. */
function plainJson(value: object): Record<string, any> {
  return JSON.parse(JSON.stringify(value));
}

// --- Prefetch (websocket-protocols.md A.5) -----------------------------------------------

const PREFETCH_CHANNELS = 50;
const PREFETCH_MESSAGES = 20;
const PREFETCH_MEMBERSHIPS = 30;

/** The CHANNEL_DETAILS payloads (plain JSON) for a user's channels: at most 50, chosen by
 * unread messages then latest message (`sortBy`: `unread` | `last-message-timestamp`). */
export function channelDetailsFor(state: EmulatorState, userArn: string, sortBy?: string): Record<string, any>[] {
  const own = Object.keys(findMemberIndex(state, userArn)?.memberships ?? {});
  const candidates = own.flatMap((arn) => {
    const data = findChannel(state, arn);
    const membership = data?.members[userArn];
    if (!data || !membership) return [];
    const visible = visibleMessages(data, userArn);
    const marker = membership.ReadMarkerTimestamp?.getTime() ?? 0;
    const unread = visible.filter((m) => m.CreatedTimestamp.getTime() > marker).length;
    return [{ data, membership, visible, unread, last: data.channel.LastMessageTimestamp?.getTime() ?? 0 }];
  });
  candidates.sort((a, b) => (sortBy === 'last-message-timestamp' ? b.last - a.last : b.unread - a.unread || b.last - a.last));
  return candidates.slice(0, PREFETCH_CHANNELS).map(({ data, membership, visible }) => {
    const newest = visible.slice(-PREFETCH_MESSAGES).reverse();
    return plainJson({
      Channel: channelSummary(data.channel),
      ChannelMessages: newest.map((m) => messageSummary(state, m)),
      ChannelMemberships: Object.values(data.members)
        .filter((m) => m.Type === 'DEFAULT')
        .slice(0, PREFETCH_MEMBERSHIPS)
        .map((m) => ({ Member: identity(state, m.MemberArn) })),
      ReadMarkerTimestamp: membership.ReadMarkerTimestamp,
      ChannelMessagesHasMore: visible.length > newest.length,
    });
  });
}

/** Stored, sent messages a user may read in a channel (their sub-channel for elastic ones), oldest first. */
export function visibleMessages(data: ChannelData, userArn: string, subChannelId?: string): MessageRecord[] {
  const sub = subChannelId ?? data.members[userArn]?.SubChannelId;
  return Object.values(data.messages).filter(
    (m) => m.Persistence === 'PERSISTENT' && m.Status.Value === 'SENT' && m.SubChannelId === sub && canSee(m, userArn),
  );
}
