import type { Command } from 'commander';
import { chimeTags, keyValue, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { pages } from '../../aws/paginate.js';

export interface CreateAppInstanceOptions {
  name: string;
  metadata?: string;
  tag?: Record<string, string>;
  clientToken?: string;
  ifNotExists?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('create <name>')
      .description('Create an app instance')
      .option('--metadata <text>', 'metadata (up to 1 KB)')
      .option('--tag <key=value>', 'tag (repeatable)', keyValue)
      .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create')
      .option('--if-not-exists', 'print the existing app instance of that name instead of creating one'),
  ).action(runs(run, ([name], f) => ({ name, ...f })));
}

export async function run(opts: CreateAppInstanceOptions, deps: Deps): Promise<void> {
  if (opts.ifNotExists) {
    for await (const page of pages(deps.aws, 'identity', 'ListAppInstances', {})) {
      const existing = page.items.find((a) => a.Name === opts.name);
      if (existing) {
        deps.warn(`app instance ${opts.name} already exists`);
        await deps.render.item({ AppInstanceArn: existing.AppInstanceArn }, { id: (d) => d.AppInstanceArn });
        return;
      }
    }
  }
  const output = await deps.aws.call('identity', 'CreateAppInstance', {
    Name: opts.name,
    Metadata: opts.metadata,
    Tags: chimeTags(opts.tag),
    ClientRequestToken: opts.clientToken,
  });
  await deps.render.item(output, { id: (d) => d.AppInstanceArn });
  deps.done(`Created app instance ${opts.name}`);
}
