// Changes to who is in a channel: memberships (with elastic sub-channel balancing), moderators
// and bans, keeping the channel's counters and the per-member indexes in step, and recording
// the membership events of the WebSocket (see the contract in backend.ts).
import { parseChimeArn, parentAppInstanceArn } from '../../arns.js';
import type { EmulatorState, HandlerContext } from '../../types.js';
import { badRequest, forbidden, limitExceeded, notFound } from '../chime-errors.js';
import { findBot, findUser } from '../identity/state.js';
import {
  emitEvent,
  findChannel,
  findMemberIndex,
  memberIndex,
  messagingState,
  membershipOutput,
  QUOTAS,
  type ChannelData,
  type MembershipRecord,
  type MembershipType,
  type SubChannelRecord,
} from './backend.js';
import { append, removeKey } from './ordered.js';

/** Checks that an ARN names an existing user or bot of the channel's AppInstance. */
export function requireParticipant(state: EmulatorState, arn: string, appInstanceArn: string, member: string): void {
  const kind = parseChimeArn(arn)?.kind;
  if ((kind !== 'user' && kind !== 'bot') || parentAppInstanceArn(arn) !== appInstanceArn) {
    throw badRequest(`${member} ${arn} is not an AppInstanceUser or AppInstanceBot of ${appInstanceArn}`);
  }
  if (!(kind === 'user' ? findUser(state, arn) : findBot(state, arn))) throw notFound(`${arn} does not exist`);
}

export interface NewMembership {
  memberArn: string;
  type: MembershipType;
  invitedBy: string;
  /** Elastic channels: a sub-channel chosen by the caller (moderators); else balanced. */
  subChannelId?: string;
  /** Record CREATE_CHANNEL_MEMBERSHIP (false when the caller records a batch event instead). */
  announce: boolean;
}

/** Adds a membership; an existing member stays as they are (a rerun adds only what is missing),
 * except that a moderator of an elastic channel may join further sub-channels. */
export function addMembership(ctx: HandlerContext, data: ChannelData, m: NewMembership): MembershipRecord {
  const channelArn = data.channel.ChannelArn;
  requireParticipant(ctx.state, m.memberArn, data.channel.AppInstanceArn, 'MemberArn');
  if (data.bans[m.memberArn]) throw forbidden(`${m.memberArn} is banned from channel ${channelArn}`);
  if (m.subChannelId !== undefined) {
    if (!data.channel.ElasticChannelConfiguration) throw badRequest(`Channel ${channelArn} is not elastic: it has no sub-channels`);
    if (!data.moderators[m.memberArn]) throw badRequest('Only moderators join a chosen sub-channel; the service places other members');
  }
  const existing = data.members[m.memberArn];
  if (existing) {
    if (m.subChannelId === undefined) return existing;
    const sub = subChannelFor(data, m.subChannelId);
    if (!sub.members[m.memberArn]) joinSubChannel(ctx, data, existing, sub, m.announce);
    return { ...existing, SubChannelId: sub.SubChannelId };
  }
  if (data.memberOrder.size >= QUOTAS.membershipsPerChannel) {
    throw limitExceeded(`Channel ${channelArn} already has the maximum of ${QUOTAS.membershipsPerChannel} memberships`);
  }
  // Last check before changing anything: it may open a new sub-channel.
  const sub = data.channel.ElasticChannelConfiguration ? subChannelFor(data, m.subChannelId) : undefined;
  const record: MembershipRecord = {
    MemberArn: m.memberArn,
    Type: m.type,
    InvitedByArn: m.invitedBy,
    CreatedTimestamp: ctx.now,
    LastUpdatedTimestamp: ctx.now,
    SubChannelId: sub?.SubChannelId,
  };
  data.members[m.memberArn] = record;
  append(data.memberOrder, m.memberArn);
  memberIndex(ctx.state, m.memberArn).memberships[channelArn] = true;
  if (sub) joinSubChannel(ctx, data, record, sub, m.announce);
  else if (m.announce) announce(ctx, data, 'CREATE_CHANNEL_MEMBERSHIP', record, Object.keys(data.members));
  return record;
}

/** Removes a member from the channel, or (moderators of elastic channels) from one of its
 * sub-channels; whoever is removed is told too. Elastic channels then rebalance. */
export function removeMembership(ctx: HandlerContext, data: ChannelData, memberArn: string, subChannelId?: string): void {
  const record = data.members[memberArn];
  if (!record) return;
  if (!data.channel.ElasticChannelConfiguration) {
    const audience = Object.keys(data.members);
    forgetMembership(ctx.state, data, record);
    announce(ctx, data, 'DELETE_CHANNEL_MEMBERSHIP', record, audience);
    return;
  }
  const leaving = subChannelsOf(data, memberArn).filter((s) => subChannelId === undefined || s.SubChannelId === subChannelId);
  for (const sub of leaving) {
    const audience = Object.keys(sub.members);
    delete sub.members[memberArn];
    sub.MembershipCount--;
    announce(ctx, data, 'DELETE_CHANNEL_MEMBERSHIP', { ...record, SubChannelId: sub.SubChannelId }, audience);
    afterLeaving(ctx.state, data, record, sub);
  }
  for (const sub of leaving) mergeIfTooSmall(ctx, data, sub);
}

/** Takes a membership out of the channel, all its sub-channels and the member's index. */
export function forgetMembership(state: EmulatorState, data: ChannelData, record: MembershipRecord): void {
  for (const sub of subChannelsOf(data, record.MemberArn)) {
    delete sub.members[record.MemberArn];
    sub.MembershipCount--;
  }
  delete data.members[record.MemberArn];
  removeKey(data.memberOrder, record.MemberArn);
  delete memberIndex(state, record.MemberArn).memberships[data.channel.ChannelArn];
}

function announce(ctx: HandlerContext, data: ChannelData, type: string, record: MembershipRecord, audience: string[], reason?: string): void {
  const channelArn = data.channel.ChannelArn;
  emitEvent(ctx, channelArn, type, 'SYSTEM', membershipOutput(ctx.state, channelArn, record), audience, reason);
}

// --- Elastic channels ---------------------------------------------------------------------
// Members are spread over sub-channels: a new member joins the least full sub-channel below
// the target size; when all are full, a new sub-channel opens (up to MaximumSubChannels, after
// which the least full one takes them). Members belong to one sub-channel, chosen by the
// service; moderators join the sub-channels they name, as many as they like. A sub-channel
// that falls below MinimumMembershipPercentage of the target is merged into the others: its
// members move (UPDATE_CHANNEL_MEMBERSHIP, to the moved member only) and its moderators lose
// that membership (DELETE_CHANNEL_MEMBERSHIP with reason subchannel_DELETED). Events about a
// sub-channel go to its members only.

function joinSubChannel(ctx: HandlerContext, data: ChannelData, record: MembershipRecord, sub: SubChannelRecord, announced: boolean): void {
  sub.members[record.MemberArn] = true;
  sub.MembershipCount++;
  if (announced) announce(ctx, data, 'CREATE_CHANNEL_MEMBERSHIP', { ...record, SubChannelId: sub.SubChannelId }, Object.keys(sub.members));
}

/** After a member left a sub-channel: out of the channel when it was their last one. */
function afterLeaving(state: EmulatorState, data: ChannelData, record: MembershipRecord, left: SubChannelRecord): void {
  const rest = subChannelsOf(data, record.MemberArn).filter((s) => s !== left);
  if (rest.length === 0) forgetMembership(state, data, record);
  else if (record.SubChannelId === left.SubChannelId) record.SubChannelId = rest[0]!.SubChannelId;
}

/** The sub-channels a member belongs to (one, or several for a moderator). */
function subChannelsOf(data: ChannelData, memberArn: string): SubChannelRecord[] {
  return Object.values(data.subChannels).filter((s) => s.members[memberArn]);
}

function subChannelFor(data: ChannelData, requested: string | undefined): SubChannelRecord {
  if (requested !== undefined) {
    const sub = data.subChannels[requested];
    if (!sub) throw notFound(`Sub-channel ${requested} of channel ${data.channel.ChannelArn} does not exist`);
    return sub;
  }
  const config = data.channel.ElasticChannelConfiguration!;
  const subs = Object.values(data.subChannels);
  const open = subs.filter((s) => s.MembershipCount < config.TargetMembershipsPerSubChannel);
  if (open.length > 0) return leastFull(open);
  if (subs.length < config.MaximumSubChannels) return openSubChannel(data);
  return leastFull(subs);
}

function leastFull(subs: SubChannelRecord[]): SubChannelRecord {
  return subs.reduce((best, s) => (s.MembershipCount < best.MembershipCount ? s : best));
}

function openSubChannel(data: ChannelData): SubChannelRecord {
  data.subChannelSeq++;
  const id = `subchannel-${data.subChannelSeq}`;
  return (data.subChannels[id] = { SubChannelId: id, members: {}, MembershipCount: 0 });
}

function mergeIfTooSmall(ctx: HandlerContext, data: ChannelData, sub: SubChannelRecord): void {
  if (data.subChannels[sub.SubChannelId] !== sub) return; // already merged
  const config = data.channel.ElasticChannelConfiguration!;
  const minimum = Math.ceil((config.TargetMembershipsPerSubChannel * config.MinimumMembershipPercentage) / 100);
  const others = Object.values(data.subChannels).filter((s) => s !== sub);
  if (sub.MembershipCount >= minimum || others.length === 0) return;
  delete data.subChannels[sub.SubChannelId];
  for (const memberArn of Object.keys(sub.members)) {
    const record = data.members[memberArn]!;
    if (data.moderators[memberArn]) {
      announce(ctx, data, 'DELETE_CHANNEL_MEMBERSHIP', { ...record, SubChannelId: sub.SubChannelId }, [memberArn], 'subchannel_DELETED');
      afterLeaving(ctx.state, data, record, sub);
      continue;
    }
    const target = leastFull(others);
    target.members[memberArn] = true;
    target.MembershipCount++;
    record.SubChannelId = target.SubChannelId;
    record.LastUpdatedTimestamp = ctx.now;
    announce(ctx, data, 'UPDATE_CHANNEL_MEMBERSHIP', record, [memberArn]);
  }
}

// --- Moderators and bans ------------------------------------------------------------------

export function addModerator(ctx: HandlerContext, data: ChannelData, moderatorArn: string, createdBy: string): void {
  const channelArn = data.channel.ChannelArn;
  if (data.moderatorCount >= QUOTAS.moderatorsPerChannel) {
    throw limitExceeded(`Channel ${channelArn} already has the maximum of ${QUOTAS.moderatorsPerChannel} moderators`);
  }
  data.moderators[moderatorArn] = { Arn: moderatorArn, CreatedByArn: createdBy, CreatedTimestamp: ctx.now };
  data.moderatorCount++;
  memberIndex(ctx.state, moderatorArn).moderated[channelArn] = true;
}

export function removeModerator(state: EmulatorState, data: ChannelData, moderatorArn: string): void {
  if (!data.moderators[moderatorArn]) return;
  delete data.moderators[moderatorArn];
  data.moderatorCount--;
  delete memberIndex(state, moderatorArn).moderated[data.channel.ChannelArn];
}


/** A deleted user or bot leaves every channel it belonged to or moderated. */
export function forgetParticipant(state: EmulatorState, arn: string): void {
  const index = findMemberIndex(state, arn);
  if (!index) return;
  for (const channelArn of Object.keys(index.memberships)) {
    const data = findChannel(state, channelArn);
    const record = data?.members[arn];
    if (data && record) forgetMembership(state, data, record);
  }
  for (const channelArn of Object.keys(index.moderated)) {
    const data = findChannel(state, channelArn);
    if (data) removeModerator(state, data, arn);
  }
  delete messagingState(state).members[arn];
}
