import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { appInstanceArn } from '../../context/arn.js';
import { ignoringNotFound } from '../not-found.js';

export interface DeleteAppInstanceOptions {
  app?: string;
  ignoreNotFound?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('delete [app]')
      .alias('rm')
      .description('Delete an app instance and everything in it (asks for its name on a terminal)')
      .option('--ignore-not-found', 'succeed when it does not exist'),
  ).action(runs(run, ([app], f) => ({ app, ...f })));
}

export async function run(opts: DeleteAppInstanceOptions, deps: Deps): Promise<void> {
  const arn = appInstanceArn(opts.app, deps.settings.appInstance);
  await ignoringNotFound(opts.ignoreNotFound, deps, `app instance ${arn}`, async () => {
    let name = arn;
    if (deps.io.canPrompt && !deps.settings.yes && !deps.settings.dryRun) {
      const { AppInstance } = await deps.aws.call('identity', 'DescribeAppInstance', { AppInstanceArn: arn });
      name = AppInstance?.Name ?? arn;
    }
    await deps.confirm(`delete app instance ${name}`, { typeToConfirm: name === arn ? undefined : name });
    await deps.aws.call('identity', 'DeleteAppInstance', { AppInstanceArn: arn });
    deps.done(`Deleted app instance ${name}`);
  });
}
