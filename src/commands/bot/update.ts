import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn, shortId } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';
import { hasLexFlags, lexConfiguration, lexOptions, type LexFlags } from './config.js';

export interface UpdateBotOptions extends LexFlags {
  bot: string;
  name?: string;
  metadata?: string;
}

export function register(group: Command): void {
  const cmd = group
    .command('update <bot>')
    .description('Change the name, metadata or Lex configuration of a bot (unchanged fields are resent)')
    .option('--name <name>', 'new name')
    .option('--metadata <text>', 'new metadata');
  lexOptions(cmd, false);
  mutating(cmd).action(runs(run, ([bot], f) => ({ bot, ...f })));
}

export async function run(opts: UpdateBotOptions, deps: Deps): Promise<void> {
  const lexChanged = hasLexFlags(opts);
  if (opts.name === undefined && opts.metadata === undefined && !lexChanged) {
    throw usageError('nothing to update', 'pass --name, --metadata or a Lex flag (--lex-bot-alias, --locale, --invoked-by-*, ...)');
  }
  const arn = childArn('bot', opts.bot, deps.app);
  // UpdateAppInstanceBot requires both Name and Metadata; Configuration replaces the whole
  // Lex configuration, so it is sent (merged onto the current one) only when a Lex flag is given.
  const { AppInstanceBot: current } = await deps.aws.call('identity', 'DescribeAppInstanceBot', { AppInstanceBotArn: arn });
  const output = await deps.aws.call('identity', 'UpdateAppInstanceBot', {
    AppInstanceBotArn: arn,
    Name: opts.name ?? current?.Name ?? '',
    Metadata: opts.metadata ?? current?.Metadata ?? '',
    Configuration: lexChanged ? { Lex: lexConfiguration(opts, current?.Configuration?.Lex) } : undefined,
  });
  await deps.render.item(output, { id: (d) => d.AppInstanceBotArn });
  deps.done(`Updated bot ${opts.name ?? current?.Name ?? shortId(arn)}`);
}
