// Channel flows: message processors (one Lambda) that see every new or updated STANDARD
// message of the channels using them. The emulator calls no Lambda: the message stays
// PENDING until ChannelFlowCallback answers for it, as the processor would. The callback may
// change content and metadata and lets it through (SENT), or denies it (DeleteResource: the
// message is removed; a denied edit leaves the message as it was).
import { randomUUID } from 'node:crypto';
import { childArn } from '../../arns.js';
import { page } from '../../paginate.js';
import { badRequest, conflict, limitExceeded, notFound } from '../chime-errors.js';
import { requireAppInstance } from '../identity/state.js';
import { addTags } from '../identity/tags.js';
import { appIndex, emitMessageEvent, findAppIndex, forgetMessage, messagingState, QUOTAS, requireChannel, requireFlow, type ProcessorRecord } from './backend.js';
import { applyEdit, checkContent } from './messages.js';
import type { MessagingHandlers } from './operations.js';

export const flowHandlers: MessagingHandlers<
  | 'CreateChannelFlow'
  | 'DescribeChannelFlow'
  | 'UpdateChannelFlow'
  | 'DeleteChannelFlow'
  | 'ListChannelFlows'
  | 'AssociateChannelFlow'
  | 'DisassociateChannelFlow'
  | 'ListChannelsAssociatedWithChannelFlow'
  | 'ChannelFlowCallback'
> = {
  CreateChannelFlow({ state, input, now }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const apps = appIndex(state, app.AppInstanceArn);
    if (apps.flowCount >= QUOTAS.flowsPerAppInstance) {
      throw limitExceeded(`The AppInstance already has the maximum of ${QUOTAS.flowsPerAppInstance} channel flows`);
    }
    const processors = checkProcessors(input.Processors as ProcessorRecord[]);
    const arn = childArn(app.AppInstanceArn, 'channel-flow', randomUUID());
    addTags(state, arn, input.Tags);
    messagingState(state).flows[arn] = {
      ChannelFlowArn: arn,
      AppInstanceArn: app.AppInstanceArn,
      Name: input.Name,
      Processors: processors,
      CreatedTimestamp: now,
      LastUpdatedTimestamp: now,
      channels: {},
      channelCount: 0,
    };
    apps.flows[arn] = true;
    apps.flowCount++;
    return { ChannelFlowArn: arn };
  },

  DescribeChannelFlow({ state, input }) {
    const f = requireFlow(state, input.ChannelFlowArn);
    return {
      ChannelFlow: {
        ChannelFlowArn: f.ChannelFlowArn,
        Processors: f.Processors,
        Name: f.Name,
        CreatedTimestamp: f.CreatedTimestamp,
        LastUpdatedTimestamp: f.LastUpdatedTimestamp,
      },
    };
  },

  UpdateChannelFlow({ state, input, now }) {
    const f = requireFlow(state, input.ChannelFlowArn);
    f.Processors = checkProcessors(input.Processors as ProcessorRecord[]);
    f.Name = input.Name;
    f.LastUpdatedTimestamp = now;
    return { ChannelFlowArn: f.ChannelFlowArn };
  },

  DeleteChannelFlow({ state, input }) {
    const f = requireFlow(state, input.ChannelFlowArn);
    if (f.channelCount > 0) throw conflict(`Channel flow ${f.ChannelFlowArn} is still used by ${f.channelCount} channel(s)`);
    const apps = appIndex(state, f.AppInstanceArn);
    delete apps.flows[f.ChannelFlowArn];
    apps.flowCount--;
    delete messagingState(state).flows[f.ChannelFlowArn];
    delete state.tags[f.ChannelFlowArn];
  },

  ListChannelFlows(ctx) {
    const app = requireAppInstance(ctx.state, ctx.input.AppInstanceArn);
    const { items, nextToken } = page(Object.keys(findAppIndex(ctx.state, app.AppInstanceArn)?.flows ?? {}), ctx);
    const flows = items.map((a) => requireFlow(ctx.state, a));
    return { ChannelFlows: flows.map((f) => ({ ChannelFlowArn: f.ChannelFlowArn, Name: f.Name, Processors: f.Processors })), NextToken: nextToken };
  },

  AssociateChannelFlow({ state, input, now }) {
    const { channel } = requireChannel(state, input.ChannelArn);
    const flow = requireFlow(state, input.ChannelFlowArn);
    if (flow.AppInstanceArn !== channel.AppInstanceArn) throw badRequest('The channel flow and the channel belong to different AppInstances');
    // A channel has at most one flow.
    if (channel.ChannelFlowArn) throw conflict(`Channel ${channel.ChannelArn} already uses channel flow ${channel.ChannelFlowArn}`);
    channel.ChannelFlowArn = flow.ChannelFlowArn;
    channel.LastUpdatedTimestamp = now;
    flow.channels[channel.ChannelArn] = true;
    flow.channelCount++;
  },

  DisassociateChannelFlow({ state, input, now }) {
    const { channel } = requireChannel(state, input.ChannelArn);
    const flow = requireFlow(state, input.ChannelFlowArn);
    if (channel.ChannelFlowArn !== flow.ChannelFlowArn) throw notFound(`Channel ${channel.ChannelArn} does not use channel flow ${flow.ChannelFlowArn}`);
    delete channel.ChannelFlowArn;
    channel.LastUpdatedTimestamp = now;
    delete flow.channels[channel.ChannelArn];
    flow.channelCount--;
  },

  ListChannelsAssociatedWithChannelFlow(ctx) {
    const flow = requireFlow(ctx.state, ctx.input.ChannelFlowArn);
    const { items, nextToken } = page(Object.keys(flow.channels), ctx);
    const channels = items.map((a) => requireChannel(ctx.state, a).channel);
    return {
      Channels: channels.map((c) => ({ Name: c.Name, ChannelArn: c.ChannelArn, Mode: c.Mode, Privacy: c.Privacy, Metadata: c.Metadata })),
      NextToken: nextToken,
    };
  },

  ChannelFlowCallback(ctx) {
    const { input, now } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    const answer = input.ChannelMessage;
    const message = data.messages[answer.MessageId];
    if (!message) throw notFound(`Message ${answer.MessageId} does not exist in the channel`);
    if (message.Status.Value !== 'PENDING') throw conflict(`Message ${answer.MessageId} is not waiting for the channel flow`);
    const editing = message.PendingUpdate !== undefined;
    const change = editing ? 'UPDATE_CHANNEL_MESSAGE' : 'CREATE_CHANNEL_MESSAGE';

    if (input.DeleteResource) {
      // Denied: a new message is not kept; a denied edit leaves the message unchanged.
      if (editing) {
        delete message.PendingUpdate;
        message.Status = { Value: 'SENT' };
      } else {
        forgetMessage(data, message.MessageId);
      }
      emitMessageEvent(ctx, data, `DENIED_${change}`, { ...message, Status: { Value: 'DENIED' } }, [message.SenderArn]);
      return { ChannelArn: input.ChannelArn, CallbackId: input.CallbackId };
    }

    const processed = {
      Content: answer.Content ?? message.PendingUpdate?.Content ?? message.Content,
      Metadata: answer.Metadata ?? message.PendingUpdate?.Metadata ?? message.Metadata,
      ContentType: answer.ContentType ?? message.PendingUpdate?.ContentType ?? message.ContentType,
      MessageAttributes: answer.MessageAttributes ?? message.MessageAttributes,
      PushNotification: answer.PushNotification ?? message.PushNotification,
    };
    checkContent(message.Type, processed.Content, processed.Metadata);
    delete message.PendingUpdate;
    message.Status = { Value: 'SENT' };
    if (editing) {
      applyEdit(message, processed, now);
    } else {
      Object.assign(message, processed);
      data.channel.LastMessageTimestamp = now;
      if (message.Persistence === 'NON_PERSISTENT') forgetMessage(data, message.MessageId);
    }
    emitMessageEvent(ctx, data, change, message);
    return { ChannelArn: input.ChannelArn, CallbackId: input.CallbackId };
  },
};

/** The service runs one processor per flow (quota), whatever the model's list allows. */
function checkProcessors(processors: ProcessorRecord[]): ProcessorRecord[] {
  if (processors.length > QUOTAS.processorsPerFlow) {
    throw limitExceeded(`A channel flow can have at most ${QUOTAS.processorsPerFlow} processor`);
  }
  return processors;
}
