// Memory and file never disagree: after a mix of writes of every kind through the real
// handlers (their changes found by the write tracker, not declared by them), the state file
// replays to exactly what the emulator holds in memory, also after a compaction.
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as ivs from '@aws-sdk/client-ivschat';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadState } from '../../src/emulator/store.js';
import { emulator, identityClient } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chatctl-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the state file', () => {
  it('replays to exactly the memory state after writes of every kind', async () => {
    const statePath = join(dir, 'state.json');
    const emu = await emulator({ statePath });
    try {
      const chime = identityClient(emu);
      const room = new ivs.IvschatClient({ endpoint: emu.url, region: emu.region, credentials: emu.credentials, maxAttempts: 1 });
      const { AppInstanceArn } = await chime.send(new id.CreateAppInstanceCommand({ Name: 'app', Tags: [{ Key: 'team', Value: 'a' }] }));
      await chime.send(new id.UpdateAppInstanceCommand({ AppInstanceArn, Name: 'renamed', Metadata: 'm' }));
      const users: string[] = [];
      for (const name of ['alice', 'bob', 'carol']) {
        const u = await chime.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: name, Name: name }));
        users.push(u.AppInstanceUserArn!);
      }
      await chime.send(new id.UpdateAppInstanceUserCommand({ AppInstanceUserArn: users[0], Name: 'Alice', Metadata: 'x' }));
      await chime.send(new id.PutAppInstanceUserExpirationSettingsCommand({ AppInstanceUserArn: users[1], ExpirationSettings: { ExpirationDays: 3, ExpirationCriterion: 'CREATED_TIMESTAMP' } }));
      await chime.send(new id.CreateAppInstanceAdminCommand({ AppInstanceArn, AppInstanceAdminArn: users[0] }));
      await chime.send(new id.TagResourceCommand({ ResourceARN: users[2], Tags: [{ Key: 'k', Value: 'v' }] }));
      await chime.send(new id.UntagResourceCommand({ ResourceARN: AppInstanceArn, TagKeys: ['team'] }));
      await chime.send(new id.PutAppInstanceRetentionSettingsCommand({ AppInstanceArn, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 7 } } }));
      await chime.send(
        new id.RegisterAppInstanceUserEndpointCommand({
          AppInstanceUserArn: users[1],
          Type: 'GCM',
          ResourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc',
          EndpointAttributes: { DeviceToken: 'token' },
        }),
      );
      await chime.send(new id.DeleteAppInstanceUserCommand({ AppInstanceUserArn: users[2] }));

      const messaging = new msg.ChimeSDKMessagingClient({ endpoint: emu.url, region: emu.region, credentials: emu.credentials, maxAttempts: 1 });
      const [alice, bob] = users as [string, string];
      const { ChannelArn } = await messaging.send(new msg.CreateChannelCommand({ AppInstanceArn, Name: 'c', ChimeBearer: alice, Mode: 'RESTRICTED', Privacy: 'PRIVATE' }));
      await messaging.send(new msg.CreateChannelMembershipCommand({ ChannelArn, MemberArn: bob, Type: 'DEFAULT', ChimeBearer: alice }));
      const sent: string[] = [];
      for (const text of ['one', 'two', 'three']) {
        sent.push((await messaging.send(new msg.SendChannelMessageCommand({ ChannelArn, Content: text, Type: 'STANDARD', Persistence: 'PERSISTENT', ChimeBearer: bob }))).MessageId!);
      }
      await messaging.send(new msg.UpdateChannelMessageCommand({ ChannelArn, MessageId: sent[0], Content: 'uno', ChimeBearer: bob }));
      await messaging.send(new msg.RedactChannelMessageCommand({ ChannelArn, MessageId: sent[1], ChimeBearer: alice }));
      await messaging.send(new msg.DeleteChannelMessageCommand({ ChannelArn, MessageId: sent[2], ChimeBearer: alice }));
      await messaging.send(new msg.CreateChannelModeratorCommand({ ChannelArn, ChannelModeratorArn: bob, ChimeBearer: alice }));
      await messaging.send(new msg.DeleteChannelModeratorCommand({ ChannelArn, ChannelModeratorArn: bob, ChimeBearer: alice }));
      await messaging.send(new msg.CreateChannelBanCommand({ ChannelArn, MemberArn: bob, ChimeBearer: alice }));
      const other = await messaging.send(new msg.CreateChannelCommand({ AppInstanceArn, Name: 'gone', ChimeBearer: alice }));
      await messaging.send(new msg.DeleteChannelCommand({ ChannelArn: other.ChannelArn, ChimeBearer: alice }));

      const created = await room.send(new ivs.CreateRoomCommand({ name: 'r1', tags: { a: 'b' } }));
      await room.send(new ivs.UpdateRoomCommand({ identifier: created.arn, maximumMessageLength: 100 }));
      const logging = await room.send(new ivs.CreateLoggingConfigurationCommand({ name: 'l', destinationConfiguration: { s3: { bucketName: 'bucket-name' } } }));
      await room.send(new ivs.UpdateRoomCommand({ identifier: created.arn, loggingConfigurationIdentifiers: [logging.arn!] }));
      await room.send(new ivs.UpdateLoggingConfigurationCommand({ identifier: logging.arn, name: 'renamed' }));
      await room.send(new ivs.SendEventCommand({ roomIdentifier: created.arn, eventName: 'e', attributes: { a: 'b' } }));
      await room.send(new ivs.CreateChatTokenCommand({ roomIdentifier: created.arn, userId: 'u1', capabilities: ['SEND_MESSAGE'] }));
      const gone = await room.send(new ivs.CreateRoomCommand({ name: 'r2' }));
      await room.send(new ivs.DeleteRoomCommand({ identifier: gone.arn }));

      const saved = loadState(statePath);
      expect(saved).toEqual(emu.state);
      // Collections keep their order (it is the order lists are answered in).
      const order = (state: Record<string, any>) =>
        Object.entries(state).flatMap(([service, tree]) =>
          Object.entries(tree ?? {}).map(([name, collection]) => `${service}.${name}: ${Object.keys(collection ?? {}).join(' ')}`),
        );
      expect(order(saved)).toEqual(order(emu.state));
    } finally {
      await emu.close();
    }
  });
});
