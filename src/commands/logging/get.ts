import type { Command } from 'commander';
import { runs } from '../command.js';
import type { Deps } from '../deps.js';
import { resolveLoggingConfiguration } from '../../context/ivs-resolve.js';
import { loggingItem } from './views.js';

export function register(group: Command): void {
  group
    .command('get <logcfg>')
    .description('Show a logging configuration (ARN, id or name)')
    .action(runs(run, ([logcfg]) => ({ logcfg })));
}

export async function run(opts: { logcfg: string }, deps: Deps): Promise<void> {
  const identifier = await resolveLoggingConfiguration(deps.aws, opts.logcfg);
  const output = await deps.aws.call('ivschat', 'GetLoggingConfiguration', { identifier });
  await deps.render.item(output, loggingItem);
}
