// Channel moderators (users or bots): declarative verbs over the Chime SDK messaging moderator
// operations, acting as the --as user or bot.
import type { Command } from 'commander';
import { memberArn } from '../../context/arn.js';
import { channelArn } from '../channel/target.js';
import { describeMember, memberList } from '../membership/target.js';
import { getVerb, listVerb, removeVerb, writeVerb } from '../verb.js';

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'add <channel> <member>',
    summary: 'Make a user (id or ARN) or a bot (bot/<id> or ARN) a moderator of a channel',
    examples: ['chatctl moderator add general alice --as admin'],
    service: 'messaging',
    operation: 'CreateChannelModerator',
    input: (deps, [channel, member]) => ({ ChannelArn: channelArn(deps, channel), ChannelModeratorArn: memberArn(member, deps.app) }),
    view: { id: (d) => d.ChannelModerator?.Arn },
    done: ([channel, member]) => `Made ${describeMember(member)} a moderator of channel ${channel}`,
    alreadyThere: ([channel, member]) => `${describeMember(member)} already moderates channel ${channel}`,
  });

  listVerb(group, {
    usage: 'list <channel>',
    alias: 'ls',
    summary: 'List the moderators of a channel',
    examples: ['chatctl moderator list general --as admin'],
    service: 'messaging',
    operation: 'ListChannelModerators',
    input: (deps, [channel]) => ({ ChannelArn: channelArn(deps, channel) }),
    view: memberList('moderators', (m: { Moderator?: { Arn?: string; Name?: string } }) => m.Moderator),
  });

  getVerb(group, {
    usage: 'get <channel> <member>',
    summary: 'Describe a moderator of a channel: who made them one, and when',
    examples: ['chatctl moderator get general alice --as admin'],
    service: 'messaging',
    operation: 'DescribeChannelModerator',
    input: (deps, [channel, member]) => ({ ChannelArn: channelArn(deps, channel), ChannelModeratorArn: memberArn(member, deps.app) }),
    view: { show: (d) => d.ChannelModerator, id: (d) => d.ChannelModerator?.Moderator?.Arn },
  });

  removeVerb(group, {
    usage: 'remove <channel> <members...>',
    alias: 'rm',
    summary: 'Take moderator rights in a channel away from users or bots (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl moderator remove general alice --yes --as admin'],
    service: 'messaging',
    operation: 'DeleteChannelModerator',
    noun: 'moderator',
    verb: ['remove', 'Removed'],
    label: describeMember,
    input: (deps, member, [channel]) => ({ ChannelArn: channelArn(deps, channel), ChannelModeratorArn: memberArn(member, deps.app) }),
  });
}
