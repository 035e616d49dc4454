// Channels: create, describe, update, delete, list, search, expiration settings.
import { randomUUID } from 'node:crypto';
import { childArn, parentAppInstanceArn } from '../../arns.js';
import { page, pageByKey } from '../../paginate.js';
import type { EmulatorState, HandlerContext } from '../../types.js';
import { conflict, limitExceeded } from '../chime-errors.js';
import { isAppInstanceAdmin, requireAppInstance } from '../identity/state.js';
import { addTags } from '../identity/tags.js';
import {
  appIndex,
  channelOutput,
  channelSummary,
  emitEvent,
  findAppIndex,
  findChannel,
  findMemberIndex,
  memberIndex,
  messagingState,
  QUOTAS,
  requireChannel,
  type ChannelData,
  unique,
} from './backend.js';
import type { MessagingHandlers } from './operations.js';
import { append, emptyOrder, keysOf, mapKeys, removeKey, walk } from './ordered.js';
import { addMembership, addModerator, removeModerator, requireParticipant } from './roster.js';

export const channelHandlers: MessagingHandlers<
  'CreateChannel' | 'DescribeChannel' | 'UpdateChannel' | 'DeleteChannel' | 'ListChannels' | 'SearchChannels' | 'PutChannelExpirationSettings'
> = {
  CreateChannel(ctx) {
    const { input, state, now } = ctx;
    const app = requireAppInstance(state, input.AppInstanceArn);
    const apps = appIndex(state, app.AppInstanceArn);
    const arn = childArn(app.AppInstanceArn, 'channel', input.ChannelId ?? randomUUID());
    if (findChannel(state, arn)) throw conflict(`Channel ${input.ChannelId} already exists in ${app.AppInstanceArn}`);
    if (apps.channels.size >= QUOTAS.channelsPerAppInstance) {
      throw limitExceeded(`The AppInstance already has the maximum of ${QUOTAS.channelsPerAppInstance} channels`);
    }
    // Check every ARN before changing anything: a refused request leaves no trace.
    const moderators = unique([input.ChimeBearer, ...(input.ModeratorArns ?? [])]);
    for (const m of moderators) requireParticipant(state, m, app.AppInstanceArn, 'ModeratorArns');
    for (const m of input.MemberArns ?? []) requireParticipant(state, m, app.AppInstanceArn, 'MemberArns');
    addTags(state, arn, input.Tags);

    const data: ChannelData = {
      channel: {
        ChannelArn: arn,
        AppInstanceArn: app.AppInstanceArn,
        Name: input.Name,
        Mode: input.Mode ?? 'UNRESTRICTED',
        Privacy: input.Privacy ?? 'PUBLIC',
        Metadata: input.Metadata,
        CreatedByArn: input.ChimeBearer,
        CreatedTimestamp: now,
        LastUpdatedTimestamp: now,
        ElasticChannelConfiguration: input.ElasticChannelConfiguration,
        ExpirationSettings: input.ExpirationSettings,
      },
      members: {},
      memberOrder: emptyOrder(),
      moderators: {},
      moderatorCount: 0,
      bans: {},
      messages: {},
      messageOrder: emptyOrder(),
      subChannels: {},
      subChannelSeq: 0,
    };
    messagingState(state).channels[arn] = data;
    append(apps.channels, arn);
    append(data.channel.Privacy === 'PUBLIC' ? apps.publicChannels : apps.privateChannels, arn);
    // The creator moderates the channel it made.
    for (const m of moderators) addModerator(ctx, data, m, input.ChimeBearer);
    for (const m of unique(input.MemberArns ?? [])) {
      addMembership(ctx, data, { memberArn: m, type: 'DEFAULT', invitedBy: input.ChimeBearer, announce: true });
    }
    return { ChannelArn: arn };
  },

  DescribeChannel({ state, input }) {
    return { Channel: channelOutput(state, requireChannel(state, input.ChannelArn).channel) };
  },

  UpdateChannel(ctx) {
    const { channel } = requireChannel(ctx.state, ctx.input.ChannelArn);
    if (ctx.input.Name !== undefined) channel.Name = ctx.input.Name;
    if (ctx.input.Mode !== undefined) channel.Mode = ctx.input.Mode;
    if (ctx.input.Metadata !== undefined) channel.Metadata = ctx.input.Metadata;
    channel.LastUpdatedTimestamp = ctx.now;
    announceChannel(ctx, 'UPDATE_CHANNEL', channel.ChannelArn);
    return { ChannelArn: channel.ChannelArn };
  },

  DeleteChannel(ctx) {
    const data = requireChannel(ctx.state, ctx.input.ChannelArn);
    announceChannel(ctx, 'DELETE_CHANNEL', data.channel.ChannelArn);
    deleteChannelData(ctx.state, data);
  },

  ListChannels(ctx) {
    const { state, input } = ctx;
    const app = requireAppInstance(state, input.AppInstanceArn);
    const apps = findAppIndex(state, app.AppInstanceArn);
    // Non-admins see PUBLIC channels only (the policy refused them Privacy=PRIVATE).
    const admin = isAppInstanceAdmin(state, app.AppInstanceArn, input.ChimeBearer);
    const listed = !apps
      ? emptyOrder()
      : input.Privacy === 'PUBLIC' || !admin
        ? apps.publicChannels
        : input.Privacy === 'PRIVATE'
          ? apps.privateChannels
          : apps.channels;
    const { items, nextToken } = pageByKey(ctx, (from) => mapKeys(walk(listed, from), (a) => channelSummary(requireChannel(state, a).channel)));
    return { Channels: items, NextToken: nextToken };
  },

  SearchChannels(ctx) {
    const { state, input } = ctx;
    const bearer = input.ChimeBearer!;
    const fields = input.Fields;
    // Every match has the first searched member, so its channels are the only candidates;
    // non-admins search only channels they belong to.
    const admin = isAppInstanceAdmin(state, parentAppInstanceArn(bearer) ?? '', bearer);
    const own = findMemberIndex(state, bearer)?.memberships ?? {};
    const candidates = Object.keys(findMemberIndex(state, fields[0]!.Values[0]!)?.memberships ?? {}).filter((a) => admin || own[a]);
    const matches = candidates.filter((arn) => {
      const members = requireChannel(state, arn).members;
      return fields.every((f) =>
        f.Operator === 'INCLUDES'
          ? f.Values.every((v) => members[v])
          : f.Values.length === Object.keys(members).length && f.Values.every((v) => members[v]),
      );
    });
    const { items, nextToken } = page(matches, ctx);
    return { Channels: items.map((a) => channelSummary(requireChannel(state, a).channel)), NextToken: nextToken };
  },

  PutChannelExpirationSettings({ state, input, now }) {
    const { channel } = requireChannel(state, input.ChannelArn);
    // Leaving ExpirationSettings out removes the expiration. Expired channels are deleted by the
    // service's background job within hours; until then they look active, as here.
    channel.ExpirationSettings = input.ExpirationSettings;
    channel.LastUpdatedTimestamp = now;
    return { ChannelArn: channel.ChannelArn, ExpirationSettings: channel.ExpirationSettings };
  },
};

/** UPDATE_CHANNEL / DELETE_CHANNEL go to every member of the channel (all sub-channels). */
function announceChannel(ctx: HandlerContext, type: string, channelArn: string): void {
  const data = requireChannel(ctx.state, channelArn);
  emitEvent(ctx, channelArn, type, 'SYSTEM', channelOutput(ctx.state, data.channel), Object.keys(data.members));
}

/** Removes a channel with its memberships, moderators, bans, messages, flow link and tags. */
export function deleteChannelData(state: EmulatorState, data: ChannelData): void {
  const arn = data.channel.ChannelArn;
  const s = messagingState(state);
  for (const m of Object.keys(data.members)) delete memberIndex(state, m).memberships[arn];
  for (const m of Object.keys(data.moderators)) removeModerator(state, data, m);
  const flow = data.channel.ChannelFlowArn ? s.flows[data.channel.ChannelFlowArn] : undefined;
  if (flow?.channels[arn]) {
    delete flow.channels[arn];
    flow.channelCount--;
  }
  const apps = appIndex(state, data.channel.AppInstanceArn);
  removeKey(apps.channels, arn);
  removeKey(apps.publicChannels, arn);
  removeKey(apps.privateChannels, arn);
  delete s.channels[arn];
  delete state.tags[arn];
}

/** Removes everything messaging keeps under an AppInstance (DeleteAppInstance). */
export function deleteAppInstanceMessaging(state: EmulatorState, appInstanceArn: string): void {
  const s = messagingState(state);
  const apps = s.appInstances[appInstanceArn];
  if (!apps) return;
  for (const arn of keysOf(apps.channels)) deleteChannelData(state, requireChannel(state, arn));
  for (const arn of Object.keys(apps.flows)) {
    delete s.flows[arn];
    delete state.tags[arn];
  }
  delete s.appInstances[appInstanceArn];
}
