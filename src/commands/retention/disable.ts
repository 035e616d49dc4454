import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { appInstanceArn, shortId } from '../../context/arn.js';

export function register(group: Command): void {
  mutating(
    group
      .command('disable [app]')
      .description('Turn message retention off: keep channel messages forever'),
  ).action(runs(run, ([app]) => ({ app })));
}

export async function run(opts: { app?: string }, deps: Deps): Promise<void> {
  const arn = appInstanceArn(opts.app, deps.settings.appInstance);
  // No confirmation: an empty ChannelRetentionSettings keeps messages forever, so this can only
  // lengthen retention. Nothing gets deleted, and during the 30-day grace period after a
  // retention change it even brings messages that were about to be deleted back.
  const output = await deps.aws.call('identity', 'PutAppInstanceRetentionSettings', {
    AppInstanceArn: arn,
    AppInstanceRetentionSettings: { ChannelRetentionSettings: {} },
  });
  await deps.render.item(output, { id: () => arn });
  deps.done(`Message retention of app instance ${shortId(arn)} disabled (messages are kept)`);
}
