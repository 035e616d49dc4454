import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { usageError } from '../../io/errors.js';
import { resolveLoggingConfiguration } from '../../context/ivs-resolve.js';
import { destination, destinationOptions, type DestinationFlags } from './destination.js';
import { loggingItem } from './views.js';

export interface UpdateLoggingOptions extends DestinationFlags {
  logcfg: string;
  name?: string;
}

export function register(group: Command): void {
  mutating(
    destinationOptions(
      group
        .command('update <logcfg>')
        .description('Rename a logging configuration (ARN, id or name) or change its destination')
        .option('--name <name>', 'new name'),
      'log',
    ),
  ).action(runs(run, ([logcfg], f) => ({ logcfg, ...f })));
}

export async function run(opts: UpdateLoggingOptions, deps: Deps): Promise<void> {
  const destinationConfiguration = destination(opts, false);
  if (opts.name === undefined && !destinationConfiguration) {
    throw usageError('nothing to update', 'pass --name or one of --s3, --cloudwatch, --firehose');
  }
  const identifier = await resolveLoggingConfiguration(deps.aws, opts.logcfg);
  const output = await deps.aws.call('ivschat', 'UpdateLoggingConfiguration', { identifier, name: opts.name, destinationConfiguration });
  await deps.render.item(output, loggingItem);
  deps.done(`Updated logging configuration ${opts.logcfg}`);
}
