// `channel get`: a channel, or with --membership-of / --moderated-by the channel together with
// one user's membership in it, or only if that user moderates it: three describe operations.
import { Option, type Command } from 'commander';
import { memberArn } from '../../context/arn.js';
import { runs } from '../command.js';
import { declare, handles } from '../verb.js';
import { channelArn } from './target.js';

export function register(group: Command): void {
  const cmd = declare(
    group,
    {
      usage: 'get <channel>',
      summary: 'Describe a channel (id or ARN), or a user’s membership in it, or whether the user moderates it',
      examples: [
        'chatctl channel get ops-alerts --as alice',
        'chatctl channel get ops-alerts --membership-of bob --as bob',
        'chatctl channel get ops-alerts --moderated-by alice --as admin1 -o json',
      ],
      flags: (c) =>
        c
          .addOption(new Option('--membership-of <member>', "the user's membership in the channel (others than yourself: admins only)").conflicts('moderatedBy'))
          .option('--moderated-by <member>', 'the channel, if this user moderates it (NotFound otherwise)'),
    },
    'messaging',
    'DescribeChannel',
  );
  handles(cmd, 'messaging', 'DescribeChannelMembershipForAppInstanceUser', 'DescribeChannelModeratedByAppInstanceUser');
  cmd.action(
    runs(
      async ({ channel, f }: { channel: string; f: any }, deps) => {
        const ChannelArn = channelArn(deps, channel);
        if (f.membershipOf) {
          const output = await deps.aws.call('messaging', 'DescribeChannelMembershipForAppInstanceUser', {
            ChannelArn,
            AppInstanceUserArn: memberArn(f.membershipOf, deps.app),
          });
          return deps.render.item(output, { show: (d) => d.ChannelMembership, id: (d) => d.ChannelMembership?.ChannelSummary?.ChannelArn });
        }
        if (f.moderatedBy) {
          const output = await deps.aws.call('messaging', 'DescribeChannelModeratedByAppInstanceUser', {
            ChannelArn,
            AppInstanceUserArn: memberArn(f.moderatedBy, deps.app),
          });
          return deps.render.item(output, { show: (d) => d.Channel?.ChannelSummary, id: (d) => d.Channel?.ChannelSummary?.ChannelArn });
        }
        const output = await deps.aws.call('messaging', 'DescribeChannel', { ChannelArn });
        return deps.render.item(output, { show: (d) => d.Channel, id: (d) => d.Channel?.ChannelArn });
      },
      ([channel], f) => ({ channel, f }),
      { inAppInstance: true },
    ),
  );
}
