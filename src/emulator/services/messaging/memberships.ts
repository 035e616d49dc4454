// Memberships: add (one or a batch), remove, describe, list (by channel, by user), push
// notification preferences, read markers, and the sub-channels of elastic channels.
import { page, pageByKey } from '../../paginate.js';
import type { ErrorCode } from '@aws-sdk/client-chime-sdk-messaging';
import { CHIME_ERROR_CODES } from '../../errors.js';
import { ServiceError } from '../../types.js';
import { badRequest, notFound } from '../chime-errors.js';
import {
  channelSummary,
  emitEvent,
  findMemberIndex,
  identity,
  membershipOutput,
  requireChannel,
  type ChannelData,
  type MembershipRecord,
  type PushNotificationPreferences,
} from './backend.js';
import type { MessagingHandlers } from './operations.js';
import { filterKeys, mapKeys, walk } from './ordered.js';
import { addMembership, removeMembership } from './roster.js';

export const membershipHandlers: MessagingHandlers<
  | 'CreateChannelMembership'
  | 'BatchCreateChannelMembership'
  | 'DeleteChannelMembership'
  | 'DescribeChannelMembership'
  | 'ListChannelMemberships'
  | 'ListChannelMembershipsForAppInstanceUser'
  | 'DescribeChannelMembershipForAppInstanceUser'
  | 'GetChannelMembershipPreferences'
  | 'PutChannelMembershipPreferences'
  | 'UpdateChannelReadMarker'
  | 'ListSubChannels'
> = {
  CreateChannelMembership(ctx) {
    const { input } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    const record = addMembership(ctx, data, {
      memberArn: input.MemberArn,
      type: input.Type,
      invitedBy: input.ChimeBearer,
      subChannelId: input.SubChannelId,
      announce: true,
    });
    return { ChannelArn: input.ChannelArn, Member: identity(ctx.state, input.MemberArn), SubChannelId: record.SubChannelId };
  },

  BatchCreateChannelMembership(ctx) {
    const { input } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    const type = input.Type ?? 'DEFAULT';
    // Elastic channels announce each member in its sub-channel; others send one batch event.
    const elastic = Boolean(data.channel.ElasticChannelConfiguration);
    const added: MembershipRecord[] = [];
    const announced: MembershipRecord[] = [];
    const errors: Array<{ MemberArn: string; ErrorCode: ErrorCode; ErrorMessage: string }> = [];
    for (const memberArn of new Set(input.MemberArns)) {
      try {
        const args = { memberArn, type, invitedBy: input.ChimeBearer, subChannelId: input.SubChannelId, announce: elastic };
        const isNew = !data.members[memberArn];
        const record = addMembership(ctx, data, args);
        added.push(record);
        if (isNew) announced.push(record);
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        errors.push({ MemberArn: memberArn, ErrorCode: CHIME_ERROR_CODES[err.shape] as ErrorCode, ErrorMessage: err.message });
      }
    }
    const batch = {
      InvitedBy: identity(ctx.state, input.ChimeBearer),
      Type: type,
      Members: added.map((m) => identity(ctx.state, m.MemberArn)),
      ChannelArn: input.ChannelArn,
      SubChannelId: input.SubChannelId,
    };
    if (!elastic && announced.length > 0) {
      const event = { ...batch, Members: announced.map((m) => identity(ctx.state, m.MemberArn)) };
      emitEvent(ctx, input.ChannelArn, 'BATCH_CREATE_CHANNEL_MEMBERSHIP', 'SYSTEM', event, Object.keys(data.members));
    }
    return { BatchChannelMemberships: batch, Errors: errors };
  },

  DeleteChannelMembership(ctx) {
    const data = requireChannel(ctx.state, ctx.input.ChannelArn);
    requireMembership(data, ctx.input.MemberArn, ctx.input.SubChannelId);
    removeMembership(ctx, data, ctx.input.MemberArn, ctx.input.SubChannelId);
  },

  DescribeChannelMembership({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    const m = requireMembership(data, input.MemberArn, input.SubChannelId);
    return { ChannelMembership: membershipOutput(state, input.ChannelArn, m) };
  },

  ListChannelMemberships(ctx) {
    const { state, input } = ctx;
    const data = requireChannel(state, input.ChannelArn);
    // HIDDEN members are listed only when asked for by type.
    const type = input.Type ?? 'DEFAULT';
    const sub = input.SubChannelId !== undefined ? requireSubChannel(data, input.SubChannelId) : undefined;
    const listed = (a: string) => data.members[a]!.Type === type && (!sub || sub.members[a] === true);
    const { items, nextToken } = pageByKey(ctx, (from) => mapKeys(filterKeys(walk(data.memberOrder, from), listed), (a) => ({ Member: identity(state, a) })));
    return { ChannelArn: input.ChannelArn, ChannelMemberships: items, NextToken: nextToken };
  },

  ListChannelMembershipsForAppInstanceUser(ctx) {
    const { state, input } = ctx;
    const userArn = input.AppInstanceUserArn ?? input.ChimeBearer;
    const { items, nextToken } = page(Object.keys(findMemberIndex(state, userArn)?.memberships ?? {}), ctx);
    return { ChannelMemberships: items.map((a) => membershipForUser(requireChannel(state, a), userArn)), NextToken: nextToken };
  },

  DescribeChannelMembershipForAppInstanceUser({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    requireMembership(data, input.AppInstanceUserArn);
    return { ChannelMembership: membershipForUser(data, input.AppInstanceUserArn) };
  },

  GetChannelMembershipPreferences({ state, input }) {
    const m = requireMembership(requireChannel(state, input.ChannelArn), input.MemberArn);
    return { ChannelArn: input.ChannelArn, Member: identity(state, m.MemberArn), Preferences: m.Preferences ?? {} };
  },

  PutChannelMembershipPreferences({ state, input, now }) {
    const m = requireMembership(requireChannel(state, input.ChannelArn), input.MemberArn);
    const push = input.Preferences.PushNotifications;
    if (push) checkFilterRule(push);
    m.Preferences = { PushNotifications: push };
    m.LastUpdatedTimestamp = now;
    return { ChannelArn: input.ChannelArn, Member: identity(state, m.MemberArn), Preferences: m.Preferences };
  },

  UpdateChannelReadMarker({ state, input, now }) {
    const m = requireMembership(requireChannel(state, input.ChannelArn), input.ChimeBearer);
    m.ReadMarkerTimestamp = now;
    return { ChannelArn: input.ChannelArn };
  },

  ListSubChannels(ctx) {
    const data = requireChannel(ctx.state, ctx.input.ChannelArn);
    if (!data.channel.ElasticChannelConfiguration) throw badRequest(`Channel ${ctx.input.ChannelArn} is not an elastic channel`);
    const subs = Object.values(data.subChannels).map((s) => ({ SubChannelId: s.SubChannelId, MembershipCount: s.MembershipCount }));
    const { items, nextToken } = page(subs, ctx);
    return { ChannelArn: ctx.input.ChannelArn, SubChannels: items, NextToken: nextToken };
  },
};

/** The membership, as seen from one sub-channel when one is named (moderators may be in several). */
function requireMembership(data: ChannelData, memberArn: string, subChannelId?: string): MembershipRecord {
  const m = data.members[memberArn];
  if (!m || (subChannelId !== undefined && !data.subChannels[subChannelId]?.members[memberArn])) {
    throw notFound(`${memberArn} is not a member of channel ${data.channel.ChannelArn}${subChannelId ? ` sub-channel ${subChannelId}` : ''}`);
  }
  return subChannelId === undefined ? m : { ...m, SubChannelId: subChannelId };
}

function requireSubChannel(data: ChannelData, subChannelId: string) {
  const sub = data.subChannels[subChannelId];
  if (!sub) throw notFound(`Sub-channel ${subChannelId} of channel ${data.channel.ChannelArn} does not exist`);
  return sub;
}

function membershipForUser(data: ChannelData, userArn: string) {
  const m = data.members[userArn]!;
  return {
    ChannelSummary: channelSummary(data.channel),
    AppInstanceUserMembershipSummary: { Type: m.Type, ReadMarkerTimestamp: m.ReadMarkerTimestamp, SubChannelId: m.SubChannelId },
  };
}

/** FILTERED needs a filter rule; a rule is a JSON filter over message attributes. */
function checkFilterRule(push: PushNotificationPreferences): void {
  if (push.AllowNotifications === 'FILTERED' && push.FilterRule === undefined) {
    throw badRequest('AllowNotifications FILTERED needs a FilterRule');
  }
  if (push.FilterRule === undefined) return;
  let rule: unknown;
  try {
    rule = JSON.parse(push.FilterRule);
  } catch {
    rule = undefined;
  }
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw badRequest('FilterRule must be a JSON object of message attribute filters');
}
