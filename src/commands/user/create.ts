import type { Command } from 'commander';
import { chimeTags, intArg, keyValue, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { childArn } from '../../context/arn.js';
import { isNotFound } from '../not-found.js';

export interface CreateUserOptions {
  id: string;
  name: string;
  metadata?: string;
  expireDays?: number;
  tag?: Record<string, string>;
  clientToken?: string;
  ifNotExists?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('create <id>')
      .description('Create an app instance user with the given id (unique in the app instance)')
      .requiredOption('--name <name>', 'display name')
      .option('--metadata <text>', 'metadata (up to 1 KB)')
      .option('--expire-days <n>', 'delete the user this many days after creation (1-5475)', intArg(1, 5475))
      .option('--tag <key=value>', 'tag (repeatable)', keyValue)
      .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create')
      .option('--if-not-exists', 'print the existing user with that id instead of failing'),
  ).action(runs(run, ([id], f) => ({ id, ...f })));
}

export async function run(opts: CreateUserOptions, deps: Deps): Promise<void> {
  const app = deps.app();
  if (opts.ifNotExists) {
    // User ids are unique in the app instance, so the id itself is the lookup key.
    const arn = childArn('user', opts.id, () => app);
    try {
      await deps.aws.call('identity', 'DescribeAppInstanceUser', { AppInstanceUserArn: arn });
      deps.warn(`user ${opts.id} already exists`);
      await deps.render.item({ AppInstanceUserArn: arn }, { id: (d) => d.AppInstanceUserArn });
      return;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  const output = await deps.aws.call('identity', 'CreateAppInstanceUser', {
    AppInstanceArn: app,
    AppInstanceUserId: opts.id,
    Name: opts.name,
    Metadata: opts.metadata,
    Tags: chimeTags(opts.tag),
    ExpirationSettings:
      opts.expireDays === undefined ? undefined : { ExpirationDays: opts.expireDays, ExpirationCriterion: 'CREATED_TIMESTAMP' },
    ClientRequestToken: opts.clientToken,
  });
  await deps.render.item(output, { id: (d) => d.AppInstanceUserArn });
  deps.done(`Created user ${opts.id}`);
}
