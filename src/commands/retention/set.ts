import type { Command } from 'commander';
import { intArg, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { appInstanceArn, shortId } from '../../context/arn.js';

export interface SetRetentionOptions {
  app?: string;
  days: number;
}

export function register(group: Command): void {
  mutating(
    group
      .command('set [app]')
      .description('Keep channel messages for N days (1-5475); shortening an existing retention asks first (pass --yes in scripts)')
      .requiredOption('--days <n>', 'retention in days (1-5475)', intArg(1, 5475)),
  ).action(runs(run, ([app], f) => ({ app, ...f })));
}

/** True when `days` is shorter than a retention already in force. Setting the first retention
 * on an app instance is the ordinary provisioning step (and the service keeps affected
 * messages restorable for a 30-day grace period), so only cutting an existing one asks. */
export const shortens = (currentDays: number | undefined, days: number) => currentDays !== undefined && days < currentDays;

export async function run(opts: SetRetentionOptions, deps: Deps): Promise<void> {
  const arn = appInstanceArn(opts.app, deps.settings.appInstance);
  const current = await deps.aws.call('identity', 'GetAppInstanceRetentionSettings', { AppInstanceArn: arn });
  const currentDays: number | undefined = current.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
  if (shortens(currentDays, opts.days)) {
    await deps.confirm(`shorten message retention of app instance ${shortId(arn)} from ${currentDays} to ${opts.days} days (older messages will be deleted)`);
  }
  const output = await deps.aws.call('identity', 'PutAppInstanceRetentionSettings', {
    AppInstanceArn: arn,
    AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: opts.days } },
  });
  await deps.render.item(output, { id: () => arn });
  deps.done(`Message retention of app instance ${shortId(arn)} set to ${opts.days} days`);
}
