import type { Command } from 'commander';
import { keyValue, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { destination, destinationOptions, type DestinationFlags } from './destination.js';
import { loggingItem } from './views.js';

export interface CreateLoggingOptions extends DestinationFlags {
  name?: string;
  tag?: Record<string, string>;
}

export function register(group: Command): void {
  mutating(
    destinationOptions(
      group.command('create [name]').description('Create a logging configuration (exactly one destination) for rooms to use'),
      'log',
    ).option('--tag <key=value>', 'tag (repeatable)', keyValue),
  ).action(runs(run, ([name], f) => ({ name, ...f })));
}

export async function run(opts: CreateLoggingOptions, deps: Deps): Promise<void> {
  const destinationConfiguration = destination(opts, true);
  const output = await deps.aws.call('ivschat', 'CreateLoggingConfiguration', {
    name: opts.name,
    destinationConfiguration,
    tags: opts.tag && Object.keys(opts.tag).length ? opts.tag : undefined,
  });
  await deps.render.item(output, loggingItem);
  deps.done(`Created logging configuration ${opts.name ? `${opts.name} ` : ''}${output.arn ?? ''}`.trim());
}
