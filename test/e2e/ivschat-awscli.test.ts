// The AWS CLI (v2, /usr/bin/aws) works unchanged against the emulator's IVS Chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { awsCli, hasAws, type AwsResult } from './awscli.js';

let emulator: Emulator;
let aws: (args: string[]) => Promise<AwsResult>;

beforeAll(async () => {
  if (!hasAws) return;
  emulator = await startEmulator({ port: 0 });
  aws = awsCli(emulator, 'ivschat');
});
afterAll(async () => {
  await emulator?.close();
});

describe('aws ivschat against the emulator', () => {
  it.skipIf(!hasAws)('create-logging-configuration, create-room, get-room, list-rooms, create-chat-token', async () => {
    const cfg = await aws(['create-logging-configuration', '--name', 'awscli', '--destination-configuration', '{"s3":{"bucketName":"awscli-bucket"}}']);
    expect(cfg.code, cfg.stderr).toBe(0);
    expect(cfg.json()).toMatchObject({ name: 'awscli', state: 'ACTIVE', destinationConfiguration: { s3: { bucketName: 'awscli-bucket' } } });

    const created = await aws([
      'create-room', '--name', 'awscli-room', '--maximum-message-length', '100', '--logging-configuration-identifiers', cfg.json().arn,
      '--tags', 'team=chat',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const room = created.json();
    expect(room).toMatchObject({ name: 'awscli-room', maximumMessageLength: 100, maximumMessageRatePerSecond: 10, tags: { team: 'chat' } });
    expect(room.arn).toMatch(/^arn:aws:ivschat:us-east-1:123456789012:room\/[a-zA-Z0-9]{12}$/);

    const got = await aws(['get-room', '--identifier', room.arn]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.json()).toMatchObject({ arn: room.arn, id: room.id, loggingConfigurationIdentifiers: [cfg.json().arn] });

    const listed = await aws(['list-rooms', '--name', 'awscli-room']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json().rooms.map((r: any) => r.arn)).toEqual([room.arn]);

    const tok = await aws(['create-chat-token', '--room-identifier', room.arn, '--user-id', 'u1', '--capabilities', 'SEND_MESSAGE', 'DISCONNECT_USER', '--session-duration-in-minutes', '5']);
    expect(tok.code, tok.stderr).toBe(0);
    const t = tok.json();
    expect(typeof t.token).toBe('string');
    expect(Date.parse(t.sessionExpirationTime) - Date.parse(t.tokenExpirationTime)).toBe(4 * 60_000);

    const missing = await aws(['get-room', '--identifier', 'arn:aws:ivschat:us-east-1:123456789012:room/AAAAAAAAAAAA']);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain('ResourceNotFoundException');
  });
});
