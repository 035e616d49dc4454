// Channel flows: processors (a Lambda) that see each new or edited message of the channels using
// them before it is sent. Declarative verbs; the processors come from --processor (processor.ts).
import type { Command } from 'commander';
import { childArn, shortId } from '../../context/arn.js';
import { appInstanceArg } from '../../context/chime-resolve.js';
import type { ResourceKind } from '../../context/resolve.js';
import { usageError } from '../../io/errors.js';
import { chimeTags, keyValue } from '../command.js';
import type { Deps } from '../deps.js';
import { channelArn } from '../channel/target.js';
import { flowChannelList } from '../channel/views.js';
import { getVerb, listVerb, removeVerb, withinCount, withinLength, writeVerb } from '../verb.js';
import { PROCESSOR_SYNTAX, processorArg } from './processor.js';
import { flowList } from './views.js';

const flowArn = (deps: Pick<Deps, 'app'>, flow: string) => childArn('channel-flow', flow, deps.app);
const byArn = { id: (d: { ChannelFlowArn?: string }) => d.ChannelFlowArn };

/** The flows of an app instance, matched by name for `create --if-not-exists`. */
const flowsOf = (app: string): ResourceKind => ({
  noun: 'channel flow',
  listCommand: 'chatctl flow list',
  notFoundCode: 'NotFoundException',
  async *list(aws) {
    const { pages } = await import('../../aws/paginate.js');
    yield* pages(aws, 'messaging', 'ListChannelFlows', { AppInstanceArn: app });
  },
  named: (f) => ({ arn: f.ChannelFlowArn, id: shortId(f.ChannelFlowArn), name: f.Name }),
});

const processorHelp = `a processor: ${PROCESSOR_SYNTAX} (repeatable; order defaults to the flag's position)`;

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'create',
    summary: 'Create a channel flow with its processors',
    examples: [
      'chatctl flow create --name profanity-filter --processor name=filter,lambda=arn:aws:lambda:us-east-1:123456789012:function:filter,fallback=ABORT',
      'chatctl flow create --name profanity-filter --processor name=filter,lambda=arn:aws:lambda:us-east-1:123456789012:function:filter,fallback=ABORT --if-not-exists -o id',
    ],
    flags: (cmd) =>
      cmd
        .requiredOption('--name <name>', 'flow name (the natural key of --if-not-exists)')
        .requiredOption('--processor <spec>', processorHelp, processorArg('CreateChannelFlow'))
        .option('--tag <key=value>', 'tag (repeatable)', keyValue)
        .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create'),
    service: 'messaging',
    operation: 'CreateChannelFlow',
    input: (deps, _args, f) => ({
      AppInstanceArn: deps.app(),
      Name: withinLength(f.name, '--name', 'messaging', 'CreateChannelFlow', 'Name'),
      Processors: withinCount(f.processor, '--processor', 'messaging', 'CreateChannelFlow', 'Processors'),
      Tags: chimeTags(f.tag),
      ClientRequestToken: f.clientToken,
    }),
    // Flow ids are generated, so the name is what a rerun can recognise.
    async ifNotExists(deps, _args, f) {
      const { findByName } = await import('../../context/resolve.js');
      const found = await findByName(deps.aws, flowsOf(deps.app()), f.name);
      return found && { ChannelFlowArn: found.arn };
    },
    view: byArn,
    done: (_args, f, out) => `Created channel flow ${f.name} (${shortId(out.ChannelFlowArn)})`,
  });

  listVerb(group, {
    usage: 'list [app]',
    alias: 'ls',
    summary: 'List the channel flows of an app instance',
    examples: ['chatctl flow list', 'chatctl flow list demo -o id'],
    inAppInstance: false,
    service: 'messaging',
    operation: 'ListChannelFlows',
    input: async (deps, [app]) => ({ AppInstanceArn: await appInstanceArg(deps, app) }),
    view: flowList,
  });

  getVerb(group, {
    usage: 'get <flow>',
    summary: 'Describe a channel flow (id or ARN)',
    examples: ['chatctl flow get 0f8b1c2e-5d4a-4f7e-9a61-3c2d1e0b9a87'],
    service: 'messaging',
    operation: 'DescribeChannelFlow',
    input: (deps, [flow]) => ({ ChannelFlowArn: flowArn(deps, flow) }),
    view: { show: (d) => d.ChannelFlow, id: (d) => d.ChannelFlow?.ChannelFlowArn },
  });

  writeVerb(group, {
    usage: 'update <flow>',
    summary: 'Rename a channel flow or replace its processors',
    examples: ['chatctl flow update 0f8b1c2e-5d4a-4f7e-9a61-3c2d1e0b9a87 --name strict-filter', 'chatctl flow update FLOW_ARN --processor name=filter,lambda=LAMBDA_ARN,fallback=CONTINUE'],
    flags: (cmd) =>
      cmd.option('--name <name>', 'new name').option('--processor <spec>', `${processorHelp}; replaces all processors`, processorArg('UpdateChannelFlow')),
    service: 'messaging',
    operation: 'UpdateChannelFlow',
    async input(deps, [flow], f) {
      if (f.name === undefined && f.processor === undefined) throw usageError('nothing to update', 'pass --name or --processor');
      const arn = flowArn(deps, flow);
      // UpdateChannelFlow requires both Name and Processors: resend the current value of the other.
      const current = f.name === undefined || f.processor === undefined ? (await deps.aws.call('messaging', 'DescribeChannelFlow', { ChannelFlowArn: arn })).ChannelFlow : undefined;
      return {
        ChannelFlowArn: arn,
        Name: f.name === undefined ? current?.Name : withinLength(f.name, '--name', 'messaging', 'UpdateChannelFlow', 'Name'),
        Processors: withinCount(f.processor, '--processor', 'messaging', 'UpdateChannelFlow', 'Processors') ?? current?.Processors,
      };
    },
    view: byArn,
    done: ([flow]) => `Updated channel flow ${shortId(flow)}`,
  });

  removeVerb(group, {
    usage: 'delete <flow...>',
    alias: 'rm',
    summary: 'Delete channel flows no channel uses (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl flow delete 0f8b1c2e-5d4a-4f7e-9a61-3c2d1e0b9a87 --yes'],
    service: 'messaging',
    operation: 'DeleteChannelFlow',
    noun: 'channel flow',
    label: shortId,
    input: (deps, flow) => ({ ChannelFlowArn: flowArn(deps, flow) }),
  });

  writeVerb(group, {
    usage: 'associate <flow> <channel>',
    summary: 'Make a channel use a channel flow (admins and the channel’s moderators; one flow a channel)',
    examples: ['chatctl flow associate 0f8b1c2e-5d4a-4f7e-9a61-3c2d1e0b9a87 ops-alerts --as alice'],
    service: 'messaging',
    operation: 'AssociateChannelFlow',
    input: (deps, [flow, channel]) => ({ ChannelFlowArn: flowArn(deps, flow), ChannelArn: channelArn(deps, channel) }),
    // The call answers nothing; -o id has nothing to print.
    view: { id: () => undefined },
    done: ([flow, channel]) => `Channel ${shortId(channel)} now uses channel flow ${shortId(flow)}`,
  });

  writeVerb(group, {
    usage: 'disassociate <flow> <channel>',
    summary: 'Stop a channel using a channel flow',
    examples: ['chatctl flow disassociate 0f8b1c2e-5d4a-4f7e-9a61-3c2d1e0b9a87 ops-alerts --as alice'],
    service: 'messaging',
    operation: 'DisassociateChannelFlow',
    input: (deps, [flow, channel]) => ({ ChannelFlowArn: flowArn(deps, flow), ChannelArn: channelArn(deps, channel) }),
    view: { id: () => undefined },
    done: ([flow, channel]) => `Channel ${shortId(channel)} no longer uses channel flow ${shortId(flow)}`,
  });

  listVerb(group, {
    usage: 'channels <flow>',
    summary: 'List the channels that use a channel flow',
    examples: ['chatctl flow channels 0f8b1c2e-5d4a-4f7e-9a61-3c2d1e0b9a87 -o id'],
    service: 'messaging',
    operation: 'ListChannelsAssociatedWithChannelFlow',
    input: (deps, [flow]) => ({ ChannelFlowArn: flowArn(deps, flow) }),
    view: flowChannelList,
  });

  writeVerb(group, {
    usage: 'callback <channel>',
    summary: 'Answer for a processor: let a PENDING message through (optionally changed) or --deny it',
    examples: [
      'chatctl flow callback ops-alerts --message-id MESSAGE_ID',
      'chatctl flow callback ops-alerts --message-id MESSAGE_ID --content "[redacted]"',
      'chatctl flow callback ops-alerts --message-id MESSAGE_ID --deny',
    ],
    flags: (cmd) =>
      cmd
        .requiredOption('--message-id <id>', 'the PENDING message')
        .option('--content <text>', 'send this content instead')
        .option('--metadata <text>', 'send this metadata instead')
        .option('--content-type <type>', 'send this content type instead')
        .option('--sub-channel <id>', 'the sub-channel of an elastic channel')
        .option('--deny', 'drop the message (its sender sees it DENIED)')
        .option('--callback-id <id>', 'idempotency token; reuse it when retrying the same callback'),
    service: 'messaging',
    operation: 'ChannelFlowCallback',
    input: (deps, [channel], f) => {
      if (f.deny && [f.content, f.metadata, f.contentType].some((v) => v !== undefined)) {
        throw usageError('a denied message is dropped: --deny takes no --content, --metadata or --content-type');
      }
      return {
        ChannelArn: channelArn(deps, channel),
        CallbackId: f.callbackId,
        DeleteResource: f.deny ? true : undefined,
        ChannelMessage: { MessageId: f.messageId, Content: f.content, Metadata: f.metadata, ContentType: f.contentType, SubChannelId: f.subChannel },
      };
    },
    view: { id: (d) => d.CallbackId },
    done: (_args, f) => (f.deny ? `Denied message ${f.messageId}` : `Let message ${f.messageId} through`),
  });
}
