// Push notification endpoints of a user: declarative verbs over the identity endpoint operations.
import type { Command } from 'commander';
import { childArn } from '../../context/arn.js';
import { usageError } from '../../io/errors.js';
import { enumOption, getVerb, listVerb, removeVerb, writeVerb } from '../verb.js';
import { endpointList } from './views.js';

const userArn = (deps: { app: () => string }, id: string) => childArn('user', id, deps.app);
const byEndpointId = { id: (d: { EndpointId?: string }) => d.EndpointId };

export function register(user: Command): void {
  const group = user.command('endpoint').description('Push notification endpoints of a user');

  writeVerb(group, {
    usage: 'register <user>',
    summary: 'Register a push notification endpoint (a device) for a user',
    examples: [
      'chatctl user endpoint register alice --type GCM --resource-arn arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc --device-token tok123',
    ],
    flags: (cmd) =>
      cmd
        .addOption(enumOption('--type <type>', 'push service', 'identity', 'RegisterAppInstanceUserEndpoint', 'Type').makeOptionMandatory())
        .requiredOption('--resource-arn <arn>', 'Amazon Pinpoint application ARN')
        .requiredOption('--device-token <token>', 'device token from the push service')
        .option('--voip-token <token>', 'VoIP device token (APNS)')
        .option('--name <name>', 'endpoint name')
        .addOption(enumOption('--allow-messages <value>', 'whether the endpoint receives channel messages', 'identity', 'RegisterAppInstanceUserEndpoint', 'AllowMessages'))
        .option('--client-token <token>', 'idempotency token; reuse it when retrying the same registration'),
    service: 'identity',
    operation: 'RegisterAppInstanceUserEndpoint',
    input: (deps, [user], f) => ({
      AppInstanceUserArn: userArn(deps, user),
      Name: f.name,
      Type: f.type,
      ResourceArn: f.resourceArn,
      EndpointAttributes: { DeviceToken: f.deviceToken, VoipDeviceToken: f.voipToken },
      AllowMessages: f.allowMessages,
      ClientRequestToken: f.clientToken,
    }),
    view: byEndpointId,
    done: ([user], _f, out) => `Registered endpoint ${out.EndpointId ?? ''} for user ${user}`,
  });

  listVerb(group, {
    usage: 'list <user>',
    alias: 'ls',
    summary: "List a user's push endpoints",
    examples: ['chatctl user endpoint list alice'],
    service: 'identity',
    operation: 'ListAppInstanceUserEndpoints',
    input: (deps, [user]) => ({ AppInstanceUserArn: userArn(deps, user) }),
    view: endpointList,
  });

  getVerb(group, {
    usage: 'get <user> <id>',
    summary: 'Describe one push endpoint of a user',
    examples: ['chatctl user endpoint get alice 1a2b3c'],
    service: 'identity',
    operation: 'DescribeAppInstanceUserEndpoint',
    input: (deps, [user, id]) => ({ AppInstanceUserArn: userArn(deps, user), EndpointId: id }),
    view: { show: (d) => d.AppInstanceUserEndpoint, id: (d) => d.AppInstanceUserEndpoint?.EndpointId },
  });

  writeVerb(group, {
    usage: 'update <user> <id>',
    summary: 'Rename a push endpoint or change whether it receives messages',
    examples: ['chatctl user endpoint update alice 1a2b3c --allow-messages NONE'],
    flags: (cmd) =>
      cmd
        .option('--name <name>', 'new endpoint name')
        .addOption(enumOption('--allow-messages <value>', 'whether the endpoint receives channel messages', 'identity', 'UpdateAppInstanceUserEndpoint', 'AllowMessages')),
    service: 'identity',
    operation: 'UpdateAppInstanceUserEndpoint',
    input: (deps, [user, id], f) => {
      if (f.name === undefined && f.allowMessages === undefined) throw usageError('nothing to update', 'pass --name or --allow-messages');
      // Both members are optional in UpdateAppInstanceUserEndpoint, so no read is needed.
      return { AppInstanceUserArn: userArn(deps, user), EndpointId: id, Name: f.name, AllowMessages: f.allowMessages };
    },
    view: byEndpointId,
    done: ([, id]) => `Updated endpoint ${id}`,
  });

  removeVerb(group, {
    usage: 'deregister <user> <id...>',
    summary: 'Remove push endpoints of a user (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl user endpoint deregister alice 1a2b3c --yes'],
    service: 'identity',
    operation: 'DeregisterAppInstanceUserEndpoint',
    noun: 'endpoint',
    verb: ['deregister', 'Deregistered'],
    input: (deps, id, [user]) => ({ AppInstanceUserArn: userArn(deps, user), EndpointId: id }),
  });
}
