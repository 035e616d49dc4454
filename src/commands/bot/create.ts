import type { Command } from 'commander';
import { chimeTags, keyValue, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { lexConfiguration, lexOptions, type LexFlags } from './config.js';

export interface CreateBotOptions extends LexFlags {
  name: string;
  metadata?: string;
  tag?: Record<string, string>;
  clientToken?: string;
}

export function register(group: Command): void {
  const cmd = group
    .command('create')
    .description('Create an app instance bot backed by an Amazon Lex V2 bot')
    .requiredOption('--name <name>', 'bot name');
  lexOptions(cmd, true)
    .option('--metadata <text>', 'metadata (up to 1 KB)')
    .option('--tag <key=value>', 'tag (repeatable)', keyValue)
    .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create');
  mutating(cmd).action(runs(run, (_, f) => f));
}

export async function run(opts: CreateBotOptions, deps: Deps): Promise<void> {
  const Lex = lexConfiguration(opts);
  const output = await deps.aws.call('identity', 'CreateAppInstanceBot', {
    AppInstanceArn: deps.app(),
    Name: opts.name,
    Metadata: opts.metadata,
    Configuration: { Lex },
    Tags: chimeTags(opts.tag),
    ClientRequestToken: opts.clientToken,
  });
  await deps.render.item(output, { id: (d) => d.AppInstanceBotArn });
  deps.done(`Created bot ${opts.name}`);
}
