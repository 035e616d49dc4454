// Channels of Chime SDK messaging: declarative verbs; every call acts as the --as member.
// `list` and `get` choose their operation from the flags (list.ts, get.ts).
import { Option, type Command } from 'commander';
import { chimeTags, collect, intArg, keyValue } from '../command.js';
import { memberArn, shortId } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';
import { findOrUndefined } from '../not-found.js';
import { enumOption, listVerb, modelEnum, modelLimit, rangeOption, removeVerb, withinCount, withinLength, writeVerb } from '../verb.js';
import { register as registerGet } from './get.js';
import { register as registerList } from './list.js';
import { channelArn } from './target.js';
import { channelList, subChannelList } from './views.js';

const byArn = { id: (d: { ChannelArn?: string }) => d.ChannelArn };

/** An integer option of CreateChannel bounded below only, as the model bounds it. */
function atLeastOption(flags: string, description: string, member: string): Option {
  const { min = 0 } = modelLimit('messaging', 'CreateChannel', member);
  return new Option(flags, `${description} (at least ${min})`).argParser(intArg(min));
}

/** A text flag of CreateChannel / UpdateChannel, checked against the model's length before any
 * call (an empty --name is a usage error, not the service's 400). */
const sized = (value: string | undefined, what: string, operation: 'CreateChannel' | 'UpdateChannel', member: 'Name' | 'Metadata') =>
  value === undefined ? undefined : withinLength(value, what, 'messaging', operation, member);

/** Channel ExpirationSettings from a days flag and a criterion flag, which only go together. */
function expiration(days: number | undefined, criterion: string | undefined, [daysFlag, criterionFlag]: [string, string]) {
  if (days === undefined && criterion === undefined) return undefined;
  if (days === undefined) throw usageError(`missing ${daysFlag}: how many days until the channel expires`);
  if (criterion === undefined) {
    const choices = modelEnum('messaging', 'PutChannelExpirationSettings', 'ExpirationSettings.ExpirationCriterion').join(' or ');
    throw usageError(`missing ${criterionFlag}: what the days count from (${choices})`);
  }
  return { ExpirationDays: days, ExpirationCriterion: criterion as 'CREATED_TIMESTAMP' | 'LAST_MESSAGE_TIMESTAMP' };
}

/** ElasticChannelConfiguration: --elastic and its three numbers, all or none. */
function elastic(f: { elastic?: boolean; maxSubchannels?: number; targetMemberships?: number; minMembershipPct?: number }) {
  const given = { '--elastic': f.elastic, '--max-subchannels': f.maxSubchannels, '--target-memberships': f.targetMemberships, '--min-membership-pct': f.minMembershipPct };
  const missing = Object.entries(given).filter(([, v]) => v === undefined).map(([flag]) => flag);
  if (missing.length === 4) return undefined;
  if (missing.length) throw usageError(`missing ${missing.join(', ')}: an elastic channel needs --elastic and all three numbers`);
  return {
    MaximumSubChannels: f.maxSubchannels!,
    TargetMembershipsPerSubChannel: f.targetMemberships!,
    MinimumMembershipPercentage: f.minMembershipPct!,
  };
}

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'create <name>',
    summary: 'Create a channel; the --as caller becomes its moderator',
    examples: [
      'chatctl channel create ops --as alice --privacy PRIVATE --mode RESTRICTED --member bob --member bot/helper',
      'chatctl channel create ops --id ops-alerts --as alice --if-not-exists -o id',
      'chatctl channel create town-hall --as alice --elastic --max-subchannels 10 --target-memberships 100 --min-membership-pct 25',
    ],
    flags: (cmd) =>
      cmd
        .option('--id <id>', 'channel id (unique in the app instance; default: generated)')
        .addOption(enumOption('--privacy <privacy>', 'who can find the channel (default PUBLIC)', 'messaging', 'CreateChannel', 'Privacy'))
        .addOption(enumOption('--mode <mode>', 'who can add members (default UNRESTRICTED)', 'messaging', 'CreateChannel', 'Mode'))
        .option('--metadata <text>', 'metadata (up to 1 KB)')
        .option('--member <member>', 'initial member: user id, bot/<id> or ARN (repeatable)', collect)
        .option('--moderator <member>', 'initial moderator besides the caller (repeatable)', collect)
        .option('--elastic', 'an elastic channel, split into sub-channels (needs the three numbers below)')
        .addOption(atLeastOption('--max-subchannels <n>', 'elastic: most sub-channels', 'ElasticChannelConfiguration.MaximumSubChannels'))
        .addOption(atLeastOption('--target-memberships <n>', 'elastic: members per sub-channel to aim for', 'ElasticChannelConfiguration.TargetMembershipsPerSubChannel'))
        .addOption(rangeOption('--min-membership-pct <n>', 'elastic: merge sub-channels below this % of the target', 'messaging', 'CreateChannel', 'ElasticChannelConfiguration.MinimumMembershipPercentage'))
        .addOption(rangeOption('--expire-days <n>', 'delete the channel this many days after --expire-criterion', 'messaging', 'CreateChannel', 'ExpirationSettings.ExpirationDays'))
        .addOption(enumOption('--expire-criterion <c>', 'what --expire-days counts from', 'messaging', 'CreateChannel', 'ExpirationSettings.ExpirationCriterion'))
        .option('--tag <key=value>', 'tag (repeatable)', keyValue)
        .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create'),
    service: 'messaging',
    operation: 'CreateChannel',
    input: (deps, [name], f) => ({
      AppInstanceArn: deps.app(),
      Name: withinLength(name, 'the channel name', 'messaging', 'CreateChannel', 'Name'),
      ChannelId: f.id,
      Privacy: f.privacy,
      Mode: f.mode,
      Metadata: sized(f.metadata, '--metadata', 'CreateChannel', 'Metadata'),
      MemberArns: withinCount(f.member as string[] | undefined, '--member', 'messaging', 'CreateChannel', 'MemberArns')?.map((m) => memberArn(m, deps.app)),
      ModeratorArns: withinCount(f.moderator as string[] | undefined, '--moderator', 'messaging', 'CreateChannel', 'ModeratorArns')?.map((m) => memberArn(m, deps.app)),
      ElasticChannelConfiguration: elastic(f),
      ExpirationSettings: expiration(f.expireDays, f.expireCriterion, ['--expire-days', '--expire-criterion']),
      Tags: chimeTags(f.tag),
      ClientRequestToken: f.clientToken,
    }),
    // Channel names repeat; only the channel id is a natural key.
    ifNotExists: (deps, _args, f) => {
      if (f.id === undefined) throw usageError('--if-not-exists needs --id', 'channel names are not unique; the channel id is');
      return findOrUndefined(async () => {
        const arn = channelArn(deps, f.id);
        await deps.aws.call('messaging', 'DescribeChannel', { ChannelArn: arn });
        return { ChannelArn: arn };
      });
    },
    view: byArn,
    done: ([name], _f, out) => `Created channel ${name} (${shortId(out.ChannelArn)})`,
  });

  registerList(group);

  listVerb(group, {
    usage: 'search',
    summary: 'Channels with the given members (admins search every channel, others their own)',
    examples: ['chatctl channel search --member alice --member bob --as admin1', 'chatctl channel search --member alice --operator EQUALS --as admin1 -o id'],
    flags: (cmd) =>
      cmd
        .requiredOption('--member <member>', 'a member the channels must have (repeatable)', collect)
        .addOption(
          enumOption('--operator <op>', 'INCLUDES: at least these members; EQUALS: exactly these', 'messaging', 'SearchChannels', 'Fields.Operator').default('INCLUDES'),
        ),
    service: 'messaging',
    operation: 'SearchChannels',
    input: (deps, _args, f) => ({
      Fields: [
        {
          Key: 'MEMBERS' as const,
          Values: withinCount(f.member as string[], '--member', 'messaging', 'SearchChannels', 'Fields.Values')!.map((m) => memberArn(m, deps.app)),
          Operator: f.operator,
        },
      ],
    }),
    view: channelList,
  });

  registerGet(group);

  writeVerb(group, {
    usage: 'update <channel>',
    summary: 'Change the name, mode or metadata of a channel (privacy is fixed at creation)',
    examples: ['chatctl channel update ops-alerts --name "Ops alerts" --as alice', 'chatctl channel update ops-alerts --mode RESTRICTED --as alice'],
    flags: (cmd) =>
      cmd
        .option('--name <name>', 'new name')
        .addOption(enumOption('--mode <mode>', 'who can add members', 'messaging', 'UpdateChannel', 'Mode'))
        .option('--metadata <text>', 'new metadata'),
    service: 'messaging',
    operation: 'UpdateChannel',
    input: (deps, [channel], f) => {
      if (f.name === undefined && f.mode === undefined && f.metadata === undefined) {
        throw usageError('nothing to update', 'pass --name, --mode or --metadata');
      }
      // UpdateChannel leaves out members that are not sent, so only the changes go.
      return {
        ChannelArn: channelArn(deps, channel),
        Name: sized(f.name, '--name', 'UpdateChannel', 'Name'),
        Mode: f.mode,
        Metadata: sized(f.metadata, '--metadata', 'UpdateChannel', 'Metadata'),
      };
    },
    view: byArn,
    done: ([channel]) => `Updated channel ${shortId(channel)}`,
  });

  removeVerb(group, {
    usage: 'delete <channel...>',
    alias: 'rm',
    summary: 'Delete channels with their memberships, messages, moderators and bans (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl channel delete ops-alerts --as alice --yes', 'chatctl channel list --as alice -o id | xargs chatctl channel delete --as alice --yes'],
    service: 'messaging',
    operation: 'DeleteChannel',
    noun: 'channel',
    label: shortId,
    input: (deps, channel) => ({ ChannelArn: channelArn(deps, channel) }),
  });

  writeVerb(group, {
    usage: 'expire <channel>',
    summary: 'Set (--days and --criterion) or remove (--clear) the expiration of a channel',
    examples: ['chatctl channel expire ops-alerts --days 30 --criterion LAST_MESSAGE_TIMESTAMP --as alice', 'chatctl channel expire ops-alerts --clear --as alice'],
    flags: (cmd) =>
      cmd
        .addOption(rangeOption('--days <n>', 'delete the channel this many days after --criterion', 'messaging', 'PutChannelExpirationSettings', 'ExpirationSettings.ExpirationDays'))
        .addOption(enumOption('--criterion <c>', 'what --days counts from', 'messaging', 'PutChannelExpirationSettings', 'ExpirationSettings.ExpirationCriterion'))
        .addOption(new Option('--clear', 'remove the expiration setting').conflicts(['days', 'criterion'])),
    service: 'messaging',
    operation: 'PutChannelExpirationSettings',
    input: (deps, [channel], f) => {
      const settings = expiration(f.days, f.criterion, ['--days', '--criterion']);
      if (!settings && !f.clear) throw usageError('pass --days N --criterion C, or --clear', "Run 'chatctl channel expire --help' for usage.");
      // Without ExpirationSettings the call removes the channel's expiration.
      return { ChannelArn: channelArn(deps, channel), ExpirationSettings: settings };
    },
    view: byArn,
    done: ([channel], f) =>
      f.clear ? `Removed the expiration of channel ${shortId(channel)}` : `Channel ${shortId(channel)} expires ${f.days} days after its ${f.criterion}`,
  });

  listVerb(group, {
    usage: 'subchannels <channel>',
    summary: 'The sub-channels of an elastic channel and their member counts (admins and moderators)',
    examples: ['chatctl channel subchannels town-hall --as alice'],
    service: 'messaging',
    operation: 'ListSubChannels',
    input: (deps, [channel]) => ({ ChannelArn: channelArn(deps, channel) }),
    view: subChannelList,
  });

  writeVerb(group, {
    usage: 'mark-read <channel>',
    summary: "Move the caller's read marker in a channel to now",
    examples: ['chatctl channel mark-read ops-alerts --as bob'],
    service: 'messaging',
    operation: 'UpdateChannelReadMarker',
    input: (deps, [channel]) => ({ ChannelArn: channelArn(deps, channel) }),
    view: byArn,
    done: ([channel]) => `Marked channel ${shortId(channel)} read`,
  });
}
