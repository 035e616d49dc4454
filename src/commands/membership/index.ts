// Channel memberships: bulk add and remove (bulk.ts, loaded when they run), list, get, and the
// member's push-notification preferences. Every verb acts as the --as user or bot.
import { Option, type Command } from 'commander';
import { memberArn } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';
import { pathOption } from '../../io/values.js';
import { runs } from '../command.js';
import { declare, enumOption, getVerb, handles, listVerb, writeVerb } from '../verb.js';
import type { AddOptions, RemoveOptions } from './bulk.js';
import { channelArn } from '../channel/target.js';
import { describeMember, memberList } from './target.js';

const fromFile = () => pathOption(new Option('--from-file <file>', 'members one a line (user id, bot/<id> or ARN; # comments); - reads stdin'));
const SUB_CHANNEL = ['--sub-channel <id>', 'the sub-channel of an elastic channel'] as const;

export function register(group: Command): void {

  const add = declare(
    group,
    {
      usage: 'add <channel> [members...]',
      summary: 'Add members to a channel, many in batches; members already in it are skipped, failures listed per member (exit 1)',
      examples: [
        'chatctl membership add general alice bot/helper --as admin',
        'chatctl membership add general --from-file members.txt --as admin',
        'cut -f1 users.tsv | chatctl membership add general --from-file - --type HIDDEN --as admin',
      ],
      flags: (cmd) =>
        cmd
          .addOption(fromFile())
          .addOption(enumOption('--type <type>', 'membership type (HIDDEN members see messages but are not listed)', 'messaging', 'CreateChannelMembership', 'Type').default('DEFAULT'))
          .option(...SUB_CHANNEL),
    },
    'messaging',
    'CreateChannelMembership',
  );
  handles(add, 'messaging', 'BatchCreateChannelMembership').action(
    runs(
      async (opts: AddOptions, deps) => (await import('./bulk.js')).addMembers(opts, deps),
      ([channel, members], f) => ({ channel, members, ...f }),
      { inAppInstance: true },
    ),
  );

  const remove = declare(
    group,
    {
      usage: 'remove <channel> [members...]',
      alias: 'rm',
      summary: 'Remove members from a channel (asks first on a terminal; pass --yes in scripts); failures listed per member (exit 1)',
      examples: ['chatctl membership remove general bob --yes --as admin', 'chatctl membership remove general --from-file leavers.txt --ignore-not-found --yes --as admin'],
      flags: (cmd) => cmd.addOption(fromFile()).option(...SUB_CHANNEL).option('--ignore-not-found', 'succeed for members not in the channel'),
    },
    'messaging',
    'DeleteChannelMembership',
  );
  remove.action(
    runs(
      async (opts: RemoveOptions, deps) => (await import('./bulk.js')).removeMembers(opts, deps),
      ([channel, members], f) => ({ channel, members, ...f }),
      { inAppInstance: true },
    ),
  );

  listVerb(group, {
    usage: 'list <channel>',
    alias: 'ls',
    summary: 'List the members of a channel (DEFAULT members unless --type HIDDEN)',
    examples: ['chatctl membership list general --as admin', 'chatctl membership list general --type HIDDEN -o id --as admin'],
    flags: (cmd) => cmd.addOption(enumOption('--type <type>', 'list members of this type', 'messaging', 'ListChannelMemberships', 'Type')).option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'ListChannelMemberships',
    input: (deps, [channel], f) => ({ ChannelArn: channelArn(deps, channel), Type: f.type, SubChannelId: f.subChannel }),
    view: memberList('members', (m: { Member?: { Arn?: string; Name?: string } }) => m.Member),
  });

  getVerb(group, {
    usage: 'get <channel> <member>',
    summary: 'Describe one membership of a channel (member: user id, bot/<id> or ARN)',
    examples: ['chatctl membership get general alice --as admin'],
    flags: (cmd) => cmd.option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'DescribeChannelMembership',
    input: (deps, [channel, member], f) => ({ ChannelArn: channelArn(deps, channel), MemberArn: memberArn(member, deps.app), SubChannelId: f.subChannel }),
    view: { show: (d) => d.ChannelMembership, id: (d) => d.ChannelMembership?.Member?.Arn },
  });

  registerPreferences(group);
}

/** `membership preferences get|set`: only the member may read or change their own. */
function registerPreferences(membership: Command): void {
  const group = membership.command('preferences').description("A member's push-notification preferences in a channel (the member acts as --as)");
  const PUSH = 'Preferences.PushNotifications.AllowNotifications';

  getVerb(group, {
    usage: 'get <channel> <member>',
    summary: "Show a member's push-notification preferences in a channel",
    examples: ['chatctl membership preferences get general alice --as alice'],
    service: 'messaging',
    operation: 'GetChannelMembershipPreferences',
    input: (deps, [channel, member]) => ({ ChannelArn: channelArn(deps, channel), MemberArn: memberArn(member, deps.app) }),
    view: { show: (d) => d.Preferences, id: (d) => d.Member?.Arn },
  });

  writeVerb(group, {
    usage: 'set <channel> <member>',
    summary: 'Choose which messages of a channel send a member push notifications (FILTERED: those matching --filter-rule)',
    examples: [
      'chatctl membership preferences set general alice --push NONE --as alice',
      `chatctl membership preferences set general alice --push FILTERED --filter-rule '{"priority":["high"]}' --as alice`,
    ],
    flags: (cmd) =>
      cmd
        .addOption(enumOption('--push <which>', 'which messages notify', 'messaging', 'PutChannelMembershipPreferences', PUSH).makeOptionMandatory())
        .option('--filter-rule <json>', 'with --push FILTERED: a JSON filter over message attributes'),
    service: 'messaging',
    operation: 'PutChannelMembershipPreferences',
    input: (deps, [channel, member], f) => {
      if ((f.push === 'FILTERED') !== (f.filterRule !== undefined)) {
        throw usageError('--filter-rule goes with --push FILTERED, and FILTERED needs one', "Run 'chatctl membership preferences set --help' for usage.");
      }
      if (f.filterRule !== undefined) checkJsonObject(f.filterRule, '--filter-rule');
      return {
        ChannelArn: channelArn(deps, channel),
        MemberArn: memberArn(member, deps.app),
        Preferences: { PushNotifications: { AllowNotifications: f.push, FilterRule: f.filterRule } },
      };
    },
    view: { show: (d) => d.Preferences, id: (d) => d.Member?.Arn },
    done: ([channel, member], f) => `Push notifications for ${describeMember(member)} in channel ${channel}: ${f.push}`,
  });
}

function checkJsonObject(text: string, flag: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw usageError(`${flag} is not JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw usageError(`${flag} must be a JSON object`);
}
