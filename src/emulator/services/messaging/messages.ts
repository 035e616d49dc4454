// Channel messages: send, get, list, update, redact, delete, status.
//
// Rules the model does not carry (api-surface.md §4, §8): STANDARD content up to 4 KB and
// metadata up to 1 KB; CONTROL content up to 30 bytes and no metadata (sizes in UTF-8 bytes).
// NON_PERSISTENT messages are never stored or listed. A targeted message is visible only to
// its target and its sender. In a channel with a channel flow, STANDARD messages (new or
// updated) wait PENDING until ChannelFlowCallback answers (flows.ts).
import { randomUUID } from 'node:crypto';
import { pageByKey } from '../../paginate.js';
import { badRequest, conflict, notFound } from '../chime-errors.js';
import {
  canSee,
  emitMessageEvent,
  forgetMessage,
  messageOutput,
  messageSummary,
  requireChannel,
  storeMessage,
  type ChannelData,
  type MessageContent,
  type MessageRecord,
} from './backend.js';
import type { MessagingHandlers } from './operations.js';
import { filterKeys, mapKeys, walk, whileKeys } from './ordered.js';

export const LIMITS = { standardContentBytes: 4096, metadataBytes: 1024, controlContentBytes: 30 } as const;

export const messageHandlers: MessagingHandlers<
  | 'SendChannelMessage'
  | 'GetChannelMessage'
  | 'ListChannelMessages'
  | 'UpdateChannelMessage'
  | 'RedactChannelMessage'
  | 'DeleteChannelMessage'
  | 'GetChannelMessageStatus'
> = {
  SendChannelMessage(ctx) {
    const { input, now } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    const subChannelId = senderSubChannel(data, input.ChimeBearer, input.SubChannelId);
    checkContent(input.Type, input.Content, input.Metadata);
    const target = input.Target?.map((t) => ({ MemberArn: requireTargetMember(data, t.MemberArn) }));
    const held = heldByFlow(data, input.Type);
    const message: MessageRecord = {
      MessageId: randomUUID(),
      Content: input.Content,
      Metadata: input.Metadata,
      ContentType: input.ContentType,
      MessageAttributes: input.MessageAttributes,
      PushNotification: input.PushNotification,
      Type: input.Type,
      Persistence: input.Persistence,
      SenderArn: input.ChimeBearer,
      CreatedTimestamp: now,
      LastUpdatedTimestamp: now,
      Redacted: false,
      Status: { Value: held ? 'PENDING' : 'SENT' },
      SubChannelId: subChannelId,
      Target: target,
    };
    // A held message is kept until the flow answers, even a NON_PERSISTENT one.
    if (held || message.Persistence === 'PERSISTENT') storeMessage(data, message);
    if (held) {
      emitMessageEvent(ctx, data, 'PENDING_CREATE_CHANNEL_MESSAGE', message, [message.SenderArn]);
    } else {
      data.channel.LastMessageTimestamp = now;
      emitMessageEvent(ctx, data, 'CREATE_CHANNEL_MESSAGE', message);
    }
    return { ChannelArn: input.ChannelArn, MessageId: message.MessageId, Status: message.Status, SubChannelId: subChannelId };
  },

  GetChannelMessage({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    const message = requireVisibleMessage(data, input.MessageId, input.ChimeBearer, input.SubChannelId);
    return { ChannelMessage: messageOutput(state, input.ChannelArn, message) };
  },

  ListChannelMessages(ctx) {
    const { state, input } = ctx;
    const data = requireChannel(state, input.ChannelArn);
    const subChannelId = input.SubChannelId ?? data.members[input.ChimeBearer]?.SubChannelId;
    const notBefore = input.NotBefore?.getTime() ?? -Infinity;
    const notAfter = input.NotAfter?.getTime() ?? Infinity;
    // Stored in creation order; the service lists newest first unless asked otherwise.
    const newestFirst = (input.SortOrder ?? 'DESCENDING') === 'DESCENDING';
    const at = (id: string) => data.messages[id]!.CreatedTimestamp.getTime();
    // Creation order is time order: the walk ends where the time window does.
    const inReach = newestFirst ? (id: string) => at(id) >= notBefore : (id: string) => at(id) <= notAfter;
    const listed = (id: string) => {
      const m = data.messages[id]!;
      return m.Persistence === 'PERSISTENT' && m.Status.Value === 'SENT' && m.SubChannelId === subChannelId && at(id) >= notBefore && at(id) <= notAfter && canSee(m, input.ChimeBearer);
    };
    const { items, nextToken } = pageByKey(ctx, (from) =>
      mapKeys(filterKeys(whileKeys(walk(data.messageOrder, from, newestFirst), inReach), listed), (id) => messageSummary(state, data.messages[id]!)),
    );
    return { ChannelArn: input.ChannelArn, ChannelMessages: items, NextToken: nextToken, SubChannelId: subChannelId };
  },

  UpdateChannelMessage(ctx) {
    const { input, now } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    const message = requireVisibleMessage(data, input.MessageId, input.ChimeBearer, input.SubChannelId);
    if (message.Redacted) throw conflict(`Message ${input.MessageId} was redacted and cannot be edited`);
    if (message.Status.Value === 'PENDING') throw conflict(`Message ${input.MessageId} is still being processed by the channel flow`);
    const metadata = input.Metadata ?? message.Metadata;
    checkContent(message.Type, input.Content, metadata);
    const update: MessageContent = { Content: input.Content, Metadata: metadata, ContentType: input.ContentType ?? message.ContentType };
    // The id stays: an edit changes the message in place.
    if (heldByFlow(data, message.Type)) {
      message.PendingUpdate = update;
      message.Status = { Value: 'PENDING' };
      emitMessageEvent(ctx, data, 'PENDING_UPDATE_CHANNEL_MESSAGE', message, [message.SenderArn]);
    } else {
      applyEdit(message, update, now);
      emitMessageEvent(ctx, data, 'UPDATE_CHANNEL_MESSAGE', message);
    }
    return { ChannelArn: input.ChannelArn, MessageId: message.MessageId, Status: message.Status, SubChannelId: message.SubChannelId };
  },

  RedactChannelMessage(ctx) {
    const { input } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    const message = requireVisibleMessage(data, input.MessageId, input.ChimeBearer, input.SubChannelId);
    // Redaction blanks the content and keeps the metadata; the message stays, marked redacted.
    message.Content = '';
    message.Redacted = true;
    message.LastUpdatedTimestamp = ctx.now;
    emitMessageEvent(ctx, data, 'REDACT_CHANNEL_MESSAGE', message);
    return { ChannelArn: input.ChannelArn, MessageId: message.MessageId, SubChannelId: message.SubChannelId };
  },

  DeleteChannelMessage(ctx) {
    const { input } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    // Admins delete targeted messages they cannot see, so no visibility check here.
    const message = data.messages[input.MessageId];
    if (!message || (input.SubChannelId !== undefined && message.SubChannelId !== input.SubChannelId)) throw missing(input.MessageId);
    forgetMessage(data, input.MessageId);
    emitMessageEvent(ctx, data, 'DELETE_CHANNEL_MESSAGE', message);
  },

  GetChannelMessageStatus({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    return { Status: requireVisibleMessage(data, input.MessageId, input.ChimeBearer, input.SubChannelId).Status };
  },
};

/** Refuses content over the per-type limits, naming the limit and the size. */
export function checkContent(type: 'STANDARD' | 'CONTROL', content: string, metadata: string | undefined): void {
  const contentBytes = Buffer.byteLength(content);
  const metadataBytes = metadata === undefined ? 0 : Buffer.byteLength(metadata);
  if (type === 'CONTROL') {
    if (contentBytes > LIMITS.controlContentBytes) {
      throw badRequest(`CONTROL message content is ${contentBytes} bytes; the limit is ${LIMITS.controlContentBytes} bytes`);
    }
    if (metadata !== undefined) throw badRequest('CONTROL messages cannot carry Metadata');
    return;
  }
  if (contentBytes > LIMITS.standardContentBytes) {
    throw badRequest(`STANDARD message content is ${contentBytes} bytes; the limit is ${LIMITS.standardContentBytes} bytes`);
  }
  if (metadataBytes > LIMITS.metadataBytes) {
    throw badRequest(`Message metadata is ${metadataBytes} bytes; the limit is ${LIMITS.metadataBytes} bytes`);
  }
}

/** Channel flows process STANDARD messages only, never CONTROL ones. */
function heldByFlow(data: ChannelData, type: 'STANDARD' | 'CONTROL'): boolean {
  return data.channel.ChannelFlowArn !== undefined && type === 'STANDARD';
}

export function applyEdit(message: MessageRecord, update: MessageContent, now: Date): void {
  Object.assign(message, update);
  message.LastEditedTimestamp = now;
  message.LastUpdatedTimestamp = now;
}

/** The sub-channel a message goes to: elastic channels need one (the sender's by default). */
function senderSubChannel(data: ChannelData, senderArn: string, requested: string | undefined): string | undefined {
  if (!data.channel.ElasticChannelConfiguration) {
    if (requested !== undefined) throw badRequest(`Channel ${data.channel.ChannelArn} is not elastic: it has no sub-channels`);
    return undefined;
  }
  if (requested !== undefined && !data.subChannels[requested]?.members[senderArn]) {
    throw badRequest(`The sender is not a member of sub-channel ${requested}`);
  }
  return requested ?? data.members[senderArn]?.SubChannelId;
}

function requireTargetMember(data: ChannelData, memberArn: string | undefined): string {
  if (memberArn === undefined) throw badRequest('Target needs a MemberArn');
  if (!data.members[memberArn]) throw badRequest(`Target ${memberArn} is not a member of the channel`);
  return memberArn;
}

function requireVisibleMessage(data: ChannelData, messageId: string, callerArn: string, subChannelId: string | undefined): MessageRecord {
  const message = data.messages[messageId];
  const pendingForOthers = message?.Status.Value === 'PENDING' && message.SenderArn !== callerArn;
  if (!message || pendingForOthers || !canSee(message, callerArn) || (subChannelId !== undefined && message.SubChannelId !== subChannelId)) {
    throw missing(messageId);
  }
  return message;
}

function missing(messageId: string) {
  return notFound(`Message ${messageId} does not exist in the channel`);
}
