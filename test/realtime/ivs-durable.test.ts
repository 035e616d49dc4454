// With --state, an IVS chat token used to open a session stays used across a restart of the
// emulator (a token opens one connection, ever), like every write the emulator acknowledges.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreateChatTokenCommand, CreateRoomCommand, IvschatClient } from '@aws-sdk/client-ivschat';
import { startEmulator } from '../../src/emulator/server.js';
import { FrameClient } from './frames.js';

describe('IVS chat tokens with --state', () => {
  it('a token used before a restart is refused after it (401)', async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const statePath = join(mkdtempSync(join(tmpdir(), 'chatctl-ivs-state-')), 'state.json');
    const first = await startEmulator({ port: 0, statePath, log: () => {} });
    const client = new IvschatClient({ endpoint: first.url, region: first.region, credentials: first.credentials, maxAttempts: 1 });
    const roomArn = (await client.send(new CreateRoomCommand({}))).arn!;
    const used = (await client.send(new CreateChatTokenCommand({ roomIdentifier: roomArn, userId: 'alice' }))).token!;
    const unused = (await client.send(new CreateChatTokenCommand({ roomIdentifier: roomArn, userId: 'bob' }))).token!;
    client.destroy();
    const session = await FrameClient.open(first.url.replace(/^http/, 'ws'), used);
    session.close();
    await first.close();

    const second = await startEmulator({ port: 0, statePath, log: () => {} });
    try {
      const wsUrl = second.url.replace(/^http/, 'ws');
      await expect(FrameClient.open(wsUrl, used)).rejects.toThrow('HTTP 401');
      const fresh = await FrameClient.open(wsUrl, unused);
      fresh.close();
    } finally {
      await second.close();
    }
  });
});
