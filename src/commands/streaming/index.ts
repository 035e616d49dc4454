// Streaming of an app instance's messaging data to Kinesis: one stream per data type. APP is an
// ARN, id or name; left out, the default app instance. The data types and the `set` flags come
// from the model's enum: Channel → --channels, ChannelMessage → --channel-messages.
import type { Command } from 'commander';
import type { OperationInput } from '../../aws/clients.js';
import { shortId } from '../../context/arn.js';
import { appInstanceArg } from '../../context/chime-resolve.js';
import { usageError } from '../../io/errors.js';
import { findOrUndefined } from '../not-found.js';
import { getVerb, modelEnum, removeVerb, writeVerb } from '../verb.js';

type StreamingConfiguration = NonNullable<OperationInput<'messaging', 'PutMessagingStreamingConfigurations'>['StreamingConfigurations']>[number];
type DataType = NonNullable<StreamingConfiguration['DataType']>;

const DATA_TYPES = modelEnum('messaging', 'PutMessagingStreamingConfigurations', 'StreamingConfigurations.DataType') as readonly DataType[];
const kebab = (name: string) => name.replace(/[a-z](?=[A-Z])/g, '$&-').toLowerCase();
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
/** `--channel-messages` for ChannelMessage, and the commander attribute it lands in. */
const flagOf = (type: DataType) => ({ long: `--${kebab(type)}s`, attribute: camel(`${kebab(type)}s`) });

const streams = (d: { StreamingConfigurations?: StreamingConfiguration[] }) => (d.StreamingConfigurations ?? []).flatMap((c) => c.ResourceArn ?? []);
const describe = (configs: StreamingConfiguration[] = []) => configs.map((c) => `${c.DataType} → ${c.ResourceArn}`).join(', ');

export function register(group: Command): void {

  getVerb(group, {
    usage: 'get [app]',
    summary: 'Show the streams the app instance exports to (NotFound when none)',
    examples: ['chatctl streaming get', 'chatctl streaming get demo -o id'],
    inAppInstance: false,
    service: 'messaging',
    operation: 'GetMessagingStreamingConfigurations',
    input: async (deps, [app]) => ({ AppInstanceArn: await appInstanceArg(deps, app) }),
    view: { show: (d) => d.StreamingConfigurations, id: streams },
  });

  writeVerb(group, {
    usage: 'set [app]',
    summary: 'Stream a data type to a Kinesis stream (name starting chime-messaging-); types not named keep their stream',
    examples: [
      'chatctl streaming set --channel-messages arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-audit',
      'chatctl streaming set --channels arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-audit --dry-run',
    ],
    flags: (cmd) => {
      for (const type of DATA_TYPES) cmd.option(`${flagOf(type).long} <stream-arn>`, `Kinesis stream for ${type} events`);
      return cmd;
    },
    inAppInstance: false,
    service: 'messaging',
    operation: 'PutMessagingStreamingConfigurations',
    async input(deps, [app], f) {
      const AppInstanceArn = await appInstanceArg(deps, app);
      const given = DATA_TYPES.filter((type) => f[flagOf(type).attribute] !== undefined);
      if (!given.length) throw usageError('nothing to set', `pass ${DATA_TYPES.map((t) => flagOf(t).long).join(' and/or ')}`);
      // The call replaces the whole list: keep the streams of the data types not named here.
      const current = await findOrUndefined(() => deps.aws.call('messaging', 'GetMessagingStreamingConfigurations', { AppInstanceArn }));
      const kept = (current?.StreamingConfigurations ?? []).filter((c) => !given.includes(c.DataType!));
      const changed = given.map((type) => ({ DataType: type, ResourceArn: f[flagOf(type).attribute] as string }));
      return { AppInstanceArn, StreamingConfigurations: [...kept, ...changed] };
    },
    view: { show: (d) => d.StreamingConfigurations, id: streams },
    done: (_args, _f, out, input) => `App instance ${shortId(input.AppInstanceArn)} streams ${describe(out.StreamingConfigurations)}`,
  });

  removeVerb(group, {
    usage: 'delete [app]',
    alias: 'rm',
    summary: 'Stop streaming (all data types) of an app instance (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl streaming delete --yes'],
    service: 'messaging',
    operation: 'DeleteMessagingStreamingConfigurations',
    noun: 'streaming of app instance',
    label: shortId,
    // The default app instance is resolved before the run, so deps.app() is its ARN.
    defaultTarget: (deps) => deps.app(),
    input: async (deps, app) => ({ AppInstanceArn: await appInstanceArg(deps, app) }),
  });
}
