// `emulator start --tls` end to end in process: HTTPS and WSS on one port with the generated
// CA; chatctl --local trusts it through CHATCTL_LOCAL_CA (Settings.caBundle) for the SDK calls
// and both WebSockets, and fails without it.
import { ChimeSDKIdentityClient, CreateAppInstanceCommand, CreateAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { ChimeSDKMessagingClient, CreateChannelCommand, CreateChannelMembershipCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { ensureTlsMaterial } from '../../src/emulator/tls.js';
import { tailChannel } from '../../src/tail/chime.js';
import { sendRoomMessage, tailRoom } from '../../src/tail/ivs.js';
import { depsFor, emulator, jsonLines, waitFor } from './helpers.js';

let emu: Emulator;
let caPath: string;

beforeAll(async () => {
  const material = ensureTlsMaterial(mkdtempSync(join(tmpdir(), 'chatctl-tail-tls-')), '127.0.0.1');
  caPath = material.caPath;
  emu = await emulator({ tls: { cert: material.cert, key: material.key } });
});
afterAll(() => emu?.close());

describe('emulator over TLS', () => {
  it('serves https:// and the tails connect over wss:// trusting the local CA', async () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const env = { CHATCTL_LOCAL_CA: caPath };
    const admin = depsFor(emu, {}, env);
    expect(admin.settings.caBundle).toBe(caPath);
    const roomArn = (await admin.aws.call('ivschat', 'CreateRoom', {} as any)).arn!;
    const roomTail = depsFor(emu, {}, env);
    const roomDone = tailRoom({ room: roomArn, count: 1, timeoutMs: 4000 }, roomTail);
    await waitFor(() => roomTail.io.stderr().includes('waiting for events'), 3000, 'tail room');
    await sendRoomMessage({ room: roomArn, text: 'over wss' }, depsFor(emu, {}, env));
    expect(await roomDone).toBe(0);
    expect(jsonLines(roomTail.io.stdout())[0].payload.Content).toBe('over wss');

    // Chime: the SDK clients here trust the CA through their own agent.
    const agent = new https.Agent({ ca: readFileSync(caPath, 'utf8') });
    const { NodeHttpHandler } = await import('@smithy/node-http-handler');
    const config = { endpoint: emu.url, region: emu.region, credentials: emu.credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler({ httpsAgent: agent }) };
    const identity = new ChimeSDKIdentityClient(config);
    const messaging = new ChimeSDKMessagingClient(config);
    const app = (await identity.send(new CreateAppInstanceCommand({ Name: 'tls', ClientRequestToken: 'tls-app' }))).AppInstanceArn!;
    const bob = (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: 'bob', Name: 'bob', ClientRequestToken: 'tok-bob' }))).AppInstanceUserArn!;
    const channel = (await messaging.send(new CreateChannelCommand({ AppInstanceArn: app, Name: 'secure', ChimeBearer: bob, ClientRequestToken: 'ch-secure' }))).ChannelArn!;
    await messaging.send(new CreateChannelMembershipCommand({ ChannelArn: channel, MemberArn: bob, Type: 'DEFAULT', ChimeBearer: bob }));
    const chimeTail = depsFor(emu, { as: bob }, env);
    const chimeDone = tailChannel({ count: 1, timeoutMs: 4000 }, chimeTail);
    await waitFor(() => chimeTail.io.stderr().includes('waiting for events'), 3000, 'tail channel');
    await messaging.send(new SendChannelMessageCommand({ ChannelArn: channel, Content: 'tls hello', Type: 'STANDARD', Persistence: 'PERSISTENT', ChimeBearer: bob, ClientRequestToken: 'tok-tls' }));
    expect(await chimeDone).toBe(0);
    expect(jsonLines(chimeTail.io.stdout())[0].payload.Content).toBe('tls hello');
    const printed = depsFor(emu, { as: bob }, env);
    await tailChannel({ printUrl: true }, printed);
    expect(printed.io.stdout()).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/connect\?/);
    identity.destroy();
    messaging.destroy();
  });

  it('without the CA the certificate is refused (exit 255)', async () => {
    const deps = depsFor(emu, {}, { CHATCTL_LOCAL_CA: '' });
    await expect(deps.aws.call('ivschat', 'ListRooms', {} as any)).rejects.toMatchObject({ exitCode: 255 });
  });
});
