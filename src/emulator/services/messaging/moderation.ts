// Channel moderators and bans. Neither is announced on the WebSocket (no source shows such
// events, websocket-protocols.md A.3); a ban's removal of a member is.
import { page } from '../../paginate.js';
import type { EmulatorState } from '../../types.js';
import { conflict, notFound } from '../chime-errors.js';
import { channelSummary, findMemberIndex, identity, requireChannel, type ChannelData, type RoleGrantRecord } from './backend.js';
import type { MessagingHandlers } from './operations.js';
import { addModerator, removeMembership, removeModerator, requireParticipant } from './roster.js';

export const moderationHandlers: MessagingHandlers<
  | 'CreateChannelModerator'
  | 'DeleteChannelModerator'
  | 'DescribeChannelModerator'
  | 'ListChannelModerators'
  | 'ListChannelsModeratedByAppInstanceUser'
  | 'DescribeChannelModeratedByAppInstanceUser'
  | 'CreateChannelBan'
  | 'DeleteChannelBan'
  | 'DescribeChannelBan'
  | 'ListChannelBans'
> = {
  CreateChannelModerator(ctx) {
    const { input } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    requireParticipant(ctx.state, input.ChannelModeratorArn, data.channel.AppInstanceArn, 'ChannelModeratorArn');
    if (data.moderators[input.ChannelModeratorArn]) throw conflict(`${input.ChannelModeratorArn} already moderates ${input.ChannelArn}`);
    if (data.bans[input.ChannelModeratorArn]) throw conflict(`${input.ChannelModeratorArn} is banned from ${input.ChannelArn}`);
    // Elastic channels: a promoted member leaves their sub-channel; moderators pick theirs.
    if (data.channel.ElasticChannelConfiguration) removeMembership(ctx, data, input.ChannelModeratorArn);
    addModerator(ctx, data, input.ChannelModeratorArn, input.ChimeBearer);
    return { ChannelArn: input.ChannelArn, ChannelModerator: identity(ctx.state, input.ChannelModeratorArn) };
  },

  DeleteChannelModerator(ctx) {
    const { state, input } = ctx;
    const data = requireChannel(state, input.ChannelArn);
    requireGrant(data.moderators, data, input.ChannelModeratorArn, 'a moderator of');
    // Elastic channels: a demoted moderator leaves every sub-channel they had joined.
    if (data.channel.ElasticChannelConfiguration) removeMembership(ctx, data, input.ChannelModeratorArn);
    removeModerator(state, data, input.ChannelModeratorArn);
  },

  DescribeChannelModerator({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    const grant = requireGrant(data.moderators, data, input.ChannelModeratorArn, 'a moderator of');
    const { member, ...rest } = grantOutput(state, grant);
    return { ChannelModerator: { Moderator: member, ChannelArn: input.ChannelArn, ...rest } };
  },

  ListChannelModerators(ctx) {
    const data = requireChannel(ctx.state, ctx.input.ChannelArn);
    const { items, nextToken } = page(Object.keys(data.moderators), ctx);
    return { ChannelArn: ctx.input.ChannelArn, ChannelModerators: items.map((a) => ({ Moderator: identity(ctx.state, a) })), NextToken: nextToken };
  },

  ListChannelsModeratedByAppInstanceUser(ctx) {
    const userArn = ctx.input.AppInstanceUserArn ?? ctx.input.ChimeBearer;
    const { items, nextToken } = page(Object.keys(findMemberIndex(ctx.state, userArn)?.moderated ?? {}), ctx);
    return { Channels: items.map((a) => ({ ChannelSummary: channelSummary(requireChannel(ctx.state, a).channel) })), NextToken: nextToken };
  },

  DescribeChannelModeratedByAppInstanceUser({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    requireGrant(data.moderators, data, input.AppInstanceUserArn, 'a moderator of');
    return { Channel: { ChannelSummary: channelSummary(data.channel) } };
  },

  CreateChannelBan(ctx) {
    const { input } = ctx;
    const data = requireChannel(ctx.state, input.ChannelArn);
    requireParticipant(ctx.state, input.MemberArn, data.channel.AppInstanceArn, 'MemberArn');
    if (data.bans[input.MemberArn]) throw conflict(`${input.MemberArn} is already banned from ${input.ChannelArn}`);
    // Banning a member removes them; they cannot be added again until the ban is deleted.
    removeMembership(ctx, data, input.MemberArn);
    data.bans[input.MemberArn] = { Arn: input.MemberArn, CreatedByArn: input.ChimeBearer, CreatedTimestamp: ctx.now };
    return { ChannelArn: input.ChannelArn, Member: identity(ctx.state, input.MemberArn) };
  },

  DeleteChannelBan({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    requireGrant(data.bans, data, input.MemberArn, 'banned from');
    delete data.bans[input.MemberArn];
  },

  DescribeChannelBan({ state, input }) {
    const data = requireChannel(state, input.ChannelArn);
    const { member, ...rest } = grantOutput(state, requireGrant(data.bans, data, input.MemberArn, 'banned from'));
    return { ChannelBan: { Member: member, ChannelArn: input.ChannelArn, ...rest } };
  },

  ListChannelBans(ctx) {
    const data = requireChannel(ctx.state, ctx.input.ChannelArn);
    const { items, nextToken } = page(Object.keys(data.bans), ctx);
    return { ChannelArn: ctx.input.ChannelArn, ChannelBans: items.map((a) => ({ Member: identity(ctx.state, a) })), NextToken: nextToken };
  },
};

function requireGrant(grants: Record<string, RoleGrantRecord>, data: ChannelData, arn: string, what: string): RoleGrantRecord {
  const grant = grants[arn];
  if (!grant) throw notFound(`${arn} is not ${what} channel ${data.channel.ChannelArn}`);
  return grant;
}

function grantOutput(state: EmulatorState, grant: RoleGrantRecord) {
  return { member: identity(state, grant.Arn), CreatedBy: identity(state, grant.CreatedByArn), CreatedTimestamp: grant.CreatedTimestamp };
}
