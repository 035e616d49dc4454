// The AWS CLI (v2, /usr/bin/aws) works unchanged against the emulator's Chime SDK messaging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAppInstanceCommand, CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { awsCli, hasAws, type AwsResult } from './awscli.js';
import { identityClient } from '../emulator/helpers.js';


let emulator: Emulator;
let aws: (args: string[]) => Promise<AwsResult>;
let app: string;
const users: Record<string, string> = {};

beforeAll(async () => {
  if (!hasAws) return;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  emulator = await startEmulator({ port: 0, log: () => {} });
  aws = awsCli(emulator, 'chime-sdk-messaging');
  // Users come from the identity API (the SDK, in-process): this file is about messaging.
  const identity = identityClient(emulator);
  app = (await identity.send(new CreateAppInstanceCommand({ Name: 'awscli' }))).AppInstanceArn!;
  for (const id of ['alice', 'bob']) {
    users[id] = (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: id, Name: id }))).AppInstanceUserArn!;
  }
});
afterAll(async () => {
  await emulator?.close();
});

describe('aws chime-sdk-messaging against the emulator', () => {
  it.skipIf(!hasAws)('create-channel, create-channel-membership, send-channel-message, list-channel-messages, get-messaging-session-endpoint', async () => {
    const created = await aws(['create-channel', '--app-instance-arn', app, '--name', 'awscli-channel', '--chime-bearer', users.alice!, '--privacy', 'PRIVATE']);
    expect(created.code, created.stderr).toBe(0);
    const channel = created.json().ChannelArn;
    expect(channel).toMatch(new RegExp(`^${app}/channel/[0-9a-f-]{36}$`));

    const joined = await aws(['create-channel-membership', '--channel-arn', channel, '--member-arn', users.bob!, '--type', 'DEFAULT', '--chime-bearer', users.alice!]);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.json()).toEqual({ ChannelArn: channel, Member: { Arn: users.bob, Name: 'bob' } });

    const sent = await aws([
      'send-channel-message', '--channel-arn', channel, '--content', 'hello from the AWS CLI', '--type', 'STANDARD',
      '--persistence', 'PERSISTENT', '--chime-bearer', users.bob!,
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.json()).toMatchObject({ ChannelArn: channel, Status: { Value: 'SENT' } });

    const listed = await aws(['list-channel-messages', '--channel-arn', channel, '--chime-bearer', users.alice!]);
    expect(listed.code, listed.stderr).toBe(0);
    const messages = listed.json().ChannelMessages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ MessageId: sent.json().MessageId, Content: 'hello from the AWS CLI', Sender: { Arn: users.bob, Name: 'bob' } });

    const endpoint = await aws(['get-messaging-session-endpoint']);
    expect(endpoint.code, endpoint.stderr).toBe(0);
    expect(endpoint.json()).toEqual({ Endpoint: { Url: `127.0.0.1:${emulator.port}` } });

    // A non-member of a PRIVATE channel is refused with the service's error.
    const outsider = `${app}/user/nobody`;
    const denied = await aws(['list-channel-messages', '--channel-arn', channel, '--chime-bearer', outsider]);
    expect(denied.code).toBe(254);
    expect(denied.stderr).toContain('ForbiddenException');
  });
});
