// IVS Chat logging configurations: declarative verbs. LOGCFG is an ARN, id or name
// (context/ivs-resolve.ts); the destination flags are destination.ts.
import type { Command } from 'commander';
import type { CreateLoggingConfigurationResponse } from '@aws-sdk/client-ivschat';
import { keyValue } from '../command.js';
import { LOGGING_CONFIGURATION, resolveLoggingConfiguration } from '../../context/ivs-resolve.js';
import { findByName } from '../../context/resolve.js';
import { usageError } from '../../io/errors.js';
import { getVerb, listVerb, removeVerb, writeVerb } from '../verb.js';
import { destination, destinationOptions } from './destination.js';
import { loggingItem, loggingList } from './views.js';

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'create [name]',
    summary: 'Create a logging configuration (exactly one destination) for rooms to use',
    examples: ['chatctl logging create chat-logs --s3 my-chat-logs-bucket --if-not-exists', 'chatctl logging create audit --cloudwatch /ivs/chat --tag team=chat'],
    flags: (cmd) => destinationOptions(cmd, 'log').option('--tag <key=value>', 'tag (repeatable)', keyValue),
    service: 'ivschat',
    operation: 'CreateLoggingConfiguration',
    input: (_deps, [name], f) => {
      if (f.ifNotExists && !name) throw usageError('--if-not-exists needs a NAME (logging configurations are found by name)');
      return { name, destinationConfiguration: destination(f, true), tags: f.tag && Object.keys(f.tag).length ? f.tag : undefined };
    },
    ifNotExists: async (deps, [name]) => {
      const existing = await findByName(deps.aws, LOGGING_CONFIGURATION, name);
      if (!existing) return undefined;
      // The Get answer has the Create answer's members; only its `state` has more values
      // (CREATING, UPDATING...), and it is printed as the service gave it.
      return (await deps.aws.call('ivschat', 'GetLoggingConfiguration', { identifier: existing.arn })) as CreateLoggingConfigurationResponse;
    },
    view: loggingItem,
    done: ([name], _f, out) => `Created logging configuration ${name ? `${name} ` : ''}${out.arn ?? ''}`.trim(),
  });

  listVerb(group, {
    usage: 'list',
    alias: 'ls',
    summary: 'List logging configurations',
    examples: ['chatctl logging list', 'chatctl logging list -o id'],
    service: 'ivschat',
    operation: 'ListLoggingConfigurations',
    view: loggingList,
  });

  getVerb(group, {
    usage: 'get <logcfg>',
    summary: 'Show a logging configuration (ARN, id or name)',
    examples: ['chatctl logging get chat-logs -o json'],
    service: 'ivschat',
    operation: 'GetLoggingConfiguration',
    input: async (deps, [logcfg]) => ({ identifier: await resolveLoggingConfiguration(deps.aws, logcfg) }),
    view: loggingItem,
  });

  writeVerb(group, {
    usage: 'update <logcfg>',
    summary: 'Rename a logging configuration (ARN, id or name) or change its destination',
    examples: ['chatctl logging update chat-logs --name chat-logs-2', 'chatctl logging update chat-logs --firehose chat-stream'],
    flags: (cmd) => destinationOptions(cmd.option('--name <name>', 'new name'), 'log'),
    service: 'ivschat',
    operation: 'UpdateLoggingConfiguration',
    async input(deps, [logcfg], f) {
      const destinationConfiguration = destination(f, false);
      if (f.name === undefined && !destinationConfiguration) throw usageError('nothing to update', 'pass --name or one of --s3, --cloudwatch, --firehose');
      return { identifier: await resolveLoggingConfiguration(deps.aws, logcfg), name: f.name, destinationConfiguration };
    },
    view: loggingItem,
    done: ([logcfg]) => `Updated logging configuration ${logcfg}`,
  });

  removeVerb(group, {
    usage: 'delete <logcfg...>',
    alias: 'rm',
    summary: 'Delete logging configurations (ARN, id or name); fails while a room uses one',
    examples: ['chatctl logging delete chat-logs --yes', 'chatctl logging delete chat-logs audit --yes --ignore-not-found'],
    service: 'ivschat',
    operation: 'DeleteLoggingConfiguration',
    noun: 'logging configuration',
    input: async (deps, logcfg) => ({ identifier: await resolveLoggingConfiguration(deps.aws, logcfg) }),
    inUse: (logcfg) => `find the rooms with 'chatctl room list --logging ${logcfg}', then 'chatctl room update ROOM --no-logging' (or --logging without it)`,
  });
}
