// Channel bans: a ban removes the member and keeps them out until it is lifted. Declarative
// verbs over the Chime SDK messaging ban operations, acting as the --as user or bot.
import type { Command } from 'commander';
import { memberArn } from '../../context/arn.js';
import { channelArn } from '../channel/target.js';
import { describeMember, memberList } from '../membership/target.js';
import { getVerb, listVerb, removeVerb, writeVerb } from '../verb.js';

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'add <channel> <member>',
    summary: 'Ban a user or bot from a channel: removes their membership and blocks adding them again',
    examples: ['chatctl ban add general mallory --as admin'],
    service: 'messaging',
    operation: 'CreateChannelBan',
    input: (deps, [channel, member]) => ({ ChannelArn: channelArn(deps, channel), MemberArn: memberArn(member, deps.app) }),
    view: { id: (d) => d.Member?.Arn },
    done: ([channel, member]) => `Banned ${describeMember(member)} from channel ${channel}`,
    alreadyThere: ([channel, member]) => `${describeMember(member)} is already banned from channel ${channel}`,
  });

  listVerb(group, {
    usage: 'list <channel>',
    alias: 'ls',
    summary: 'List the members banned from a channel',
    examples: ['chatctl ban list general --as admin'],
    service: 'messaging',
    operation: 'ListChannelBans',
    input: (deps, [channel]) => ({ ChannelArn: channelArn(deps, channel) }),
    view: memberList('bans', (b: { Member?: { Arn?: string; Name?: string } }) => b.Member),
  });

  getVerb(group, {
    usage: 'get <channel> <member>',
    summary: 'Describe a ban: who banned the member, and when',
    examples: ['chatctl ban get general mallory --as admin'],
    service: 'messaging',
    operation: 'DescribeChannelBan',
    input: (deps, [channel, member]) => ({ ChannelArn: channelArn(deps, channel), MemberArn: memberArn(member, deps.app) }),
    view: { show: (d) => d.ChannelBan, id: (d) => d.ChannelBan?.Member?.Arn },
  });

  removeVerb(group, {
    usage: 'remove <channel> <members...>',
    alias: 'rm',
    summary: 'Lift bans, so the members may be added to the channel again (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl ban remove general mallory --yes --as admin'],
    service: 'messaging',
    operation: 'DeleteChannelBan',
    noun: 'ban',
    verb: ['lift', 'Lifted'],
    label: describeMember,
    input: (deps, member, [channel]) => ({ ChannelArn: channelArn(deps, channel), MemberArn: memberArn(member, deps.app) }),
  });
}
