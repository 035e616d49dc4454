// App instances: declarative verbs over the identity app instance operations. An APP is an ARN,
// or the id or name of an app instance; left out, it is the default (--app-instance / env /
// config). These verbs take their own APP, so runs() does not resolve the default for them.
import type { Command } from 'commander';
import { chimeTags, keyValue, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { shortId } from '../../context/arn.js';
import { APP_INSTANCE, appInstanceArg, resolveAppInstance } from '../../context/chime-resolve.js';
import { findByName } from '../../context/resolve.js';
import { usageError } from '../../io/errors.js';
import { eachTarget } from '../each.js';
import { declare, getVerb, listVerb, writeVerb } from '../verb.js';
import { appInstanceList } from './views.js';

const byArn = { id: (d: { AppInstanceArn?: string }) => d.AppInstanceArn };

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'create <name>',
    summary: 'Create an app instance',
    examples: ['chatctl app-instance create staging', 'chatctl app-instance create demo --metadata "staging chat" --tag env=staging --if-not-exists -o id'],
    inAppInstance: false,
    flags: (cmd) =>
      cmd
        .option('--metadata <text>', 'metadata (up to 1 KB)')
        .option('--tag <key=value>', 'tag (repeatable)', keyValue)
        .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create'),
    service: 'identity',
    operation: 'CreateAppInstance',
    input: (_deps, [name], f) => ({ Name: name, Metadata: f.metadata, Tags: chimeTags(f.tag), ClientRequestToken: f.clientToken }),
    // App instance ids are generated, so the name is what a rerun can recognise.
    ifNotExists: async (deps, [name]) => {
      const existing = await findByName(deps.aws, APP_INSTANCE, name);
      return existing && { AppInstanceArn: existing.arn };
    },
    view: byArn,
    done: ([name]) => `Created app instance ${name}`,
  });

  listVerb(group, {
    usage: 'list',
    alias: 'ls',
    summary: 'List app instances',
    examples: ['chatctl app-instance list', 'chatctl app-instance list -o id'],
    inAppInstance: false,
    service: 'identity',
    operation: 'ListAppInstances',
    view: appInstanceList,
  });

  getVerb(group, {
    usage: 'get [app]',
    summary: 'Describe an app instance (ARN, id or name; default: --app-instance)',
    examples: ['chatctl app-instance get demo', 'chatctl app-instance get -o json'],
    inAppInstance: false,
    service: 'identity',
    operation: 'DescribeAppInstance',
    input: async (deps, [app]) => ({ AppInstanceArn: await appInstanceArg(deps, app) }),
    view: { show: (d) => d.AppInstance, id: (d) => d.AppInstance?.AppInstanceArn },
  });

  writeVerb(group, {
    usage: 'update [app]',
    summary: 'Change the name or metadata of an app instance (the other is read and resent)',
    examples: ['chatctl app-instance update demo --name demo-2', 'chatctl app-instance update --metadata "moved to prod"'],
    inAppInstance: false,
    flags: (cmd) => cmd.option('--name <name>', 'new name').option('--metadata <text>', 'new metadata'),
    service: 'identity',
    operation: 'UpdateAppInstance',
    async input(deps, [app], f) {
      if (f.name === undefined && f.metadata === undefined) throw usageError('nothing to update', 'pass --name or --metadata');
      const arn = await appInstanceArg(deps, app);
      // UpdateAppInstance requires both Name and Metadata: resend the current value of the other.
      const { AppInstance: current } = await deps.aws.call('identity', 'DescribeAppInstance', { AppInstanceArn: arn });
      return { AppInstanceArn: arn, Name: f.name ?? current?.Name, Metadata: f.metadata ?? current?.Metadata ?? '' };
    },
    view: byArn,
    done: ([app], f, _out, input) => `Updated app instance ${f.name ?? app ?? shortId(input.AppInstanceArn)}`,
  });

  declare(
    group,
    {
      usage: 'delete [app...]',
      alias: 'rm',
      summary: 'Delete app instances and everything in them (on a terminal, asks for each name to be typed)',
      examples: ['chatctl app-instance delete demo', 'chatctl app-instance delete demo old-demo --yes --ignore-not-found'],
    },
    'identity',
    'DeleteAppInstance',
  )
    .option('--ignore-not-found', 'succeed when it does not exist')
    .action(runs(deleteAppInstances, ([apps], f) => ({ apps: apps ?? [], ...f })));
}

export interface DeleteAppInstancesOptions {
  apps: string[];
  ignoreNotFound?: boolean;
}

/** Deleting an app instance takes every user, channel and message with it, so on a terminal
 * each one's name must be typed; elsewhere --yes confirms them all before any look-up. */
export async function deleteAppInstances(opts: DeleteAppInstancesOptions, deps: Deps): Promise<number> {
  const targets = opts.apps.length ? opts.apps : [await appInstanceArg(deps, undefined)];
  const typeNames = deps.io.canPrompt && !deps.settings.yes && !deps.settings.dryRun;
  if (!typeNames) await deps.confirm(`delete app instance${targets.length > 1 ? 's' : ''} ${targets.join(', ')}`);
  return eachTarget(deps, targets, (t) => t, 'app instance', opts.ignoreNotFound, async (target) => {
    const arn = await resolveAppInstance(deps.aws, target);
    let name = target;
    if (typeNames) {
      const { AppInstance } = await deps.aws.call('identity', 'DescribeAppInstance', { AppInstanceArn: arn });
      name = AppInstance?.Name ?? arn;
      await deps.confirm(`delete app instance ${name}`, { typeToConfirm: name });
    }
    await deps.aws.call('identity', 'DeleteAppInstance', { AppInstanceArn: arn });
    deps.done(`Deleted app instance ${name}`);
  });
}
