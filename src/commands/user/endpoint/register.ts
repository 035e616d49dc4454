import type { Command } from 'commander';
import { choice, mutating, runs } from '../../command.js';
import type { Deps } from '../../deps.js';
import { childArn, shortId } from '../../../context/arn.js';

export const ENDPOINT_TYPES = ['APNS', 'APNS_SANDBOX', 'GCM'] as const;
export const ALLOW_MESSAGES = ['ALL', 'NONE'] as const;

export interface RegisterEndpointOptions {
  user: string;
  type: string;
  resourceArn: string;
  deviceToken: string;
  voipToken?: string;
  name?: string;
  allowMessages?: string;
  clientToken?: string;
}

export function register(group: Command): void {
  mutating(
    group
      .command('register <user>')
      .description('Register a push notification endpoint (a device) for a user')
      .addOption(choice('--type <type>', 'push service', ENDPOINT_TYPES).makeOptionMandatory())
      .requiredOption('--resource-arn <arn>', 'Amazon Pinpoint application ARN')
      .requiredOption('--device-token <token>', 'device token from the push service')
      .option('--voip-token <token>', 'VoIP device token (APNS)')
      .option('--name <name>', 'endpoint name')
      .addOption(choice('--allow-messages <value>', 'whether the endpoint receives channel messages', ALLOW_MESSAGES))
      .option('--client-token <token>', 'idempotency token; reuse it when retrying the same registration'),
  ).action(runs(run, ([user], f) => ({ user, ...f })));
}

export async function run(opts: RegisterEndpointOptions, deps: Deps): Promise<void> {
  const arn = childArn('user', opts.user, deps.app);
  const output = await deps.aws.call('identity', 'RegisterAppInstanceUserEndpoint', {
    AppInstanceUserArn: arn,
    Name: opts.name,
    Type: opts.type,
    ResourceArn: opts.resourceArn,
    EndpointAttributes: { DeviceToken: opts.deviceToken, VoipDeviceToken: opts.voipToken },
    AllowMessages: opts.allowMessages,
    ClientRequestToken: opts.clientToken,
  });
  await deps.render.item(output, { id: (d) => d.EndpointId });
  deps.done(`Registered endpoint ${output.EndpointId} for user ${shortId(arn)}`);
}
