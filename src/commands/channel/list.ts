// `channel list`: the channels of the app instance, or with --member / --moderator / --flow the
// channels of one user, moderated by one user, or using one flow: four list operations, one verb.
import { Option, type Command } from 'commander';
import { OPERATIONS } from '../../aws/operations.gen.js';
import { childArn, memberArn } from '../../context/arn.js';
import { runs } from '../command.js';
import { declare, enumOption, handles, pagingFlags, streamList } from '../verb.js';
import { channelList, flowChannelList, memberChannelList, moderatedChannelList } from './views.js';

/** The flags that pick what is listed; at most one of them. */
const SCOPES = ['privacy', 'member', 'moderator', 'flow'];
const othersThan = (scope: string) => SCOPES.filter((s) => s !== scope);

export function register(group: Command): void {
  const cmd = declare(
    group,
    {
      usage: 'list',
      alias: 'ls',
      summary: 'List channels: public ones (admins: all), or those of a member, a moderator or a flow',
      examples: [
        'chatctl channel list --as admin1',
        'chatctl channel list --privacy PRIVATE --as admin1 -o id',
        'chatctl channel list --member bob --as bob',
        'chatctl channel list --moderator alice --as alice',
        'chatctl channel list --flow 0f8b1c2e-5d4a-4f7e-9a61-3c2d1e0b9a87',
      ],
      flags: (c) =>
        c
          .addOption(enumOption('--privacy <privacy>', 'only channels of this privacy (PRIVATE: admins only)', 'messaging', 'ListChannels', 'Privacy').conflicts(othersThan('privacy')))
          .addOption(new Option('--member <member>', 'channels this user or bot belongs to (others than yourself: admins only)').conflicts(othersThan('member')))
          .addOption(new Option('--moderator <member>', 'channels this user or bot moderates (others than yourself: admins only)').conflicts(othersThan('moderator')))
          .addOption(new Option('--flow <flow>', 'channels that use this channel flow (id or ARN); same as `flow channels`').conflicts(othersThan('flow'))),
    },
    'messaging',
    'ListChannels',
  );
  // `--flow` is `flow channels` under another name; that command owns the operation.
  handles(cmd, 'messaging', 'ListChannelMembershipsForAppInstanceUser', 'ListChannelsModeratedByAppInstanceUser');
  // All four operations page alike (1-50).
  pagingFlags(cmd, OPERATIONS.messaging.ListChannels.page.max);
  cmd.action(
    runs(
      async (f: any, deps) => {
        if (f.member) {
          const input = { AppInstanceUserArn: memberArn(f.member, deps.app) };
          return streamList(deps, 'messaging', 'ListChannelMembershipsForAppInstanceUser', input, f, memberChannelList);
        }
        if (f.moderator) {
          const input = { AppInstanceUserArn: memberArn(f.moderator, deps.app) };
          return streamList(deps, 'messaging', 'ListChannelsModeratedByAppInstanceUser', input, f, moderatedChannelList);
        }
        if (f.flow) {
          const input = { ChannelFlowArn: childArn('channel-flow', f.flow, deps.app) };
          return streamList(deps, 'messaging', 'ListChannelsAssociatedWithChannelFlow', input, f, flowChannelList);
        }
        return streamList(deps, 'messaging', 'ListChannels', { AppInstanceArn: deps.app(), Privacy: f.privacy }, f, channelList);
      },
      (_args, flags) => flags,
      { inAppInstance: true },
    ),
  );
}
