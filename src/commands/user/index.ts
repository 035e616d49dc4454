// App instance users: declarative verbs over the Chime SDK identity user operations.
import type { Command } from 'commander';
import { chimeTags, keyValue } from '../command.js';
import { childArn, shortId } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';
import { findOrUndefined } from '../not-found.js';
import { getVerb, listVerb, rangeOption, removeVerb, writeVerb } from '../verb.js';
import { register as registerEndpoint } from './endpoint.js';
import { userList } from './views.js';

const userArn = (deps: { app: () => string }, id: string) => childArn('user', id, deps.app);
const byArn = { id: (d: { AppInstanceUserArn?: string }) => d.AppInstanceUserArn };

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'create <id>',
    summary: 'Create an app instance user with the given id (unique in the app instance)',
    examples: ['chatctl user create alice --name "Alice Liddell"', 'chatctl user create bob --name Bob --expire-days 30 --if-not-exists'],
    flags: (cmd) =>
      cmd
        .requiredOption('--name <name>', 'display name')
        .option('--metadata <text>', 'metadata (up to 1 KB)')
        .addOption(rangeOption('--expire-days <n>', 'delete the user this many days after creation', 'identity', 'CreateAppInstanceUser', 'ExpirationSettings.ExpirationDays'))
        .option('--tag <key=value>', 'tag (repeatable)', keyValue)
        .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create'),
    service: 'identity',
    operation: 'CreateAppInstanceUser',
    input: (deps, [id], f) => ({
      AppInstanceArn: deps.app(),
      AppInstanceUserId: id,
      Name: f.name,
      Metadata: f.metadata,
      Tags: chimeTags(f.tag),
      ExpirationSettings: f.expireDays === undefined ? undefined : { ExpirationDays: f.expireDays, ExpirationCriterion: 'CREATED_TIMESTAMP' as const },
      ClientRequestToken: f.clientToken,
    }),
    // User ids are unique in the app instance, so the id itself is the natural key.
    ifNotExists: (deps, [id]) =>
      findOrUndefined(async () => {
        const arn = userArn(deps, id);
        await deps.aws.call('identity', 'DescribeAppInstanceUser', { AppInstanceUserArn: arn });
        return { AppInstanceUserArn: arn };
      }),
    view: byArn,
    done: ([id]) => `Created user ${id}`,
  });

  listVerb(group, {
    usage: 'list',
    alias: 'ls',
    summary: 'List the users of the app instance',
    examples: ['chatctl user list', 'chatctl user list -o id'],
    service: 'identity',
    operation: 'ListAppInstanceUsers',
    input: (deps) => ({ AppInstanceArn: deps.app() }),
    view: userList,
  });

  getVerb(group, {
    usage: 'get <user>',
    summary: 'Describe a user (id or ARN)',
    examples: ['chatctl user get alice'],
    service: 'identity',
    operation: 'DescribeAppInstanceUser',
    input: (deps, [user]) => ({ AppInstanceUserArn: userArn(deps, user) }),
    view: { show: (d) => d.AppInstanceUser, id: (d) => d.AppInstanceUser?.AppInstanceUserArn },
  });

  writeVerb(group, {
    usage: 'update <user>',
    summary: 'Change the name or metadata of a user',
    examples: ['chatctl user update alice --name "Alice L."'],
    flags: (cmd) => cmd.option('--name <name>', 'new display name').option('--metadata <text>', 'new metadata'),
    service: 'identity',
    operation: 'UpdateAppInstanceUser',
    async input(deps, [user], f) {
      if (f.name === undefined && f.metadata === undefined) throw usageError('nothing to update', 'pass --name or --metadata');
      const arn = userArn(deps, user);
      // UpdateAppInstanceUser requires both Name and Metadata: resend the current value of the other.
      const { AppInstanceUser: current } = await deps.aws.call('identity', 'DescribeAppInstanceUser', { AppInstanceUserArn: arn });
      return { AppInstanceUserArn: arn, Name: f.name ?? current?.Name, Metadata: f.metadata ?? current?.Metadata ?? '' };
    },
    view: byArn,
    done: ([user]) => `Updated user ${shortId(user)}`,
  });

  removeVerb(group, {
    usage: 'delete <user...>',
    alias: 'rm',
    summary: 'Delete users (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl user delete alice --yes', 'chatctl user delete u10 u11 --yes --ignore-not-found'],
    service: 'identity',
    operation: 'DeleteAppInstanceUser',
    noun: 'user',
    label: shortId,
    input: (deps, user) => ({ AppInstanceUserArn: userArn(deps, user) }),
  });

  writeVerb(group, {
    usage: 'expire <user>',
    summary: 'Set (--days) or remove (--clear) the expiration of a user; expiry counts from its creation',
    examples: ['chatctl user expire alice --days 30', 'chatctl user expire alice --clear'],
    flags: (cmd) =>
      cmd
        .addOption(rangeOption('--days <n>', 'delete the user this many days after it was created', 'identity', 'PutAppInstanceUserExpirationSettings', 'ExpirationSettings.ExpirationDays'))
        .option('--clear', 'remove the expiration setting'),
    service: 'identity',
    operation: 'PutAppInstanceUserExpirationSettings',
    input: (deps, [user], f) => {
      if ((f.days === undefined) === !f.clear) throw usageError('pass exactly one of --days N and --clear', "Run 'chatctl user expire --help' for usage.");
      // Without ExpirationSettings the call removes the user's expiration.
      return {
        AppInstanceUserArn: userArn(deps, user),
        ExpirationSettings: f.clear ? undefined : { ExpirationDays: f.days, ExpirationCriterion: 'CREATED_TIMESTAMP' as const },
      };
    },
    view: byArn,
    done: ([user], f) => (f.clear ? `Removed the expiration of user ${shortId(user)}` : `User ${shortId(user)} expires ${f.days} days after creation`),
  });

  registerEndpoint(group);
}
